"""State of the drafting graph (TypedDicts with reducers). Values are plain JSON-able data.

Checkpoints keep references (input paths, the memory index path) and the drafted prose only,
never file contents or passages.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any

from typing_extensions import TypedDict


def merge(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Dict reducer: keys of the update replace the same keys; others are kept."""
    return {**(left or {}), **(right or {})}


class DraftingInput(TypedDict, total=False):
    """What a caller (API, Studio) provides to start a draft."""

    inputs: list[dict[str, Any]]  # InputFile dumps: {"name", "path"}
    profile_path: str | None  # project_profile.yaml, or…
    profile_data: dict[str, Any] | None  # …the profile given inline


class DraftingState(DraftingInput, total=False):
    """The drafting run, from uploads to the committed artifact."""

    input_descriptions: list[dict[str, Any]]  # InputDescription dumps
    input_errors: list[dict[str, Any]]  # InputError dumps (the other inputs went on)
    memory_path: str  # the FTS5 index file (a reference, not the passages)
    passages_indexed: int
    profile: dict[str, Any]  # validated ProjectProfile
    plan: dict[str, Any]  # validated DraftPlan
    round: int  # 1 for the first draft, +1 for each revision or replan
    todo: list[str]  # section ids to (re)compute in this round
    feedback: dict[str, str]  # section id -> reviewer feedback for this round
    sections: Annotated[dict[str, Any], merge]  # section id -> SectionDraft dump
    done_round: Annotated[dict[str, int], merge]  # section id -> round it was last finished in
    failures: Annotated[dict[str, list[str]], merge]  # section id -> last validation errors
    section_cache: Annotated[dict[str, Any], merge]  # input key -> SectionDraft dump
    decisions: Annotated[list[dict[str, Any]], operator.add]  # Decision dumps
    trace: Annotated[list[dict[str, Any]], operator.add]  # TraceRecord dumps
    review_input: dict[str, Any]  # the reviewer's normalized answer: text, per-section feedback, action
    review_action: str  # approve | revise_sections | replan
    commit: dict[str, Any]  # CommitResult dump
    fatal: str | None  # why the run stopped early (bad profile, no usable input)


class SectionTask(TypedDict, total=False):
    """What one parallel section worker receives (a Send payload)."""

    spec: dict[str, Any]  # SectionSpec dump
    round: int
    feedback: str | None
    memory_path: str
    profile: dict[str, Any]
    cache: dict[str, Any]  # the cache entries of this section id
    upstream: dict[str, str]  # depends_on section id -> its text (context for the LLM)
    peers: list[dict[str, Any]]  # every plan section in order: {"spec", "feedback"} (extractive allocation)
    taken: dict[str, list[str]]  # section id -> paragraphs of the sections already drafted and kept


class SectionWork(TypedDict, total=False):
    """Scratch state of one section inside the worker (never stored in the graph state)."""

    task: SectionTask
    passages: list[dict[str, Any]]  # retrieved passages: passage_id, heading, text
    draft: dict[str, Any] | None  # the current candidate SectionDraft dump
    errors: list[str]  # validation errors of the candidate
    attempt: int
    key: str  # cache key
    trace: list[dict[str, Any]]
