"""What `understand` extracts from a query: slots and intent scores (no LLM)."""

from __future__ import annotations

from typing import Literal, TypeAlias

from pydantic import Field

from planexec.schemas.aggregation import AggregationShape
from planexec.schemas.base import Contract
from planexec.schemas.followup import FollowUp

Intent: TypeAlias = str
"""A registered recipe's name, 'general' or 'unknown'. The recipes are known at run time only (the
registry lives in the nodes layer), so the node layer checks the name; the schema checks its shape."""
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
SpatialOperator = Literal["within", "proximity", "overlap", "ring", "outside", "nearest"]
Layer = Literal["heat", "deforestation"]
Language = Literal["en", "pt"]


class Distance(Contract):
    value: float = Field(gt=0, description="Distance as written, in its unit.")
    unit: Literal["m", "km", "mi"] = Field(description="Unit as written.")
    km: float = Field(gt=0, description="Distance converted to kilometres.")
    text: str = Field(description="The matched text, e.g. '2,5 km'.")


class RegionRef(Contract):
    """A region word of the query expanded into the states it covers."""

    name: str = Field(description="Region name in English, e.g. 'Southeast'.")
    name_pt: str = Field(description="Region name in Portuguese, e.g. 'Sudeste'.")
    ufs: list[str] = Field(description="UF codes of the region's states, alphabetical.")
    text: str = Field(description="The words of the query that named the region.")


class Slots(Contract):
    """Slots parsed from the user query by code."""

    operator: SpatialOperator | None = Field(default=None, description="Spatial operator, if any.")
    operator_text: str | None = Field(default=None, description="Words that gave the operator.")
    distance: Distance | None = Field(
        default=None, description="Distance, if one was given (a ring's outer bound; a cap for 'nearest')."
    )
    min_distance: Distance | None = Field(
        default=None, description="Inner bound of a ring ('between 2 and 8 km from the zones'), if any."
    )
    ignored_distances: list[str] = Field(
        default_factory=list, description="Distances written but ignored (zero, negative or > 500 km)."
    )
    country: str = Field(default="Brazil", description="Country asked about (default Brazil).")
    country_supported: bool = Field(default=True, description="False when the country has no data.")
    states: list[str] = Field(
        default_factory=list, description="Brazilian UF codes mentioned (regions expanded into their states)."
    )
    regions: list[RegionRef] = Field(
        default_factory=list,
        description="Region words expanded into `states` (e.g. Southeast -> ES, MG, RJ, SP).",
    )
    unknown_places: list[str] = Field(
        default_factory=list,
        description="Places named in the query that match no Brazilian state, region or country with data.",
    )
    layer: Layer | None = Field(default=None, description="Hazard layer: heat or deforestation.")
    heat_quintiles: list[int] = Field(default_factory=list, description="Heat quintiles (5 = hottest).")
    min_increment_km2: float | None = Field(
        default=None,
        ge=0,
        description="Deforestation areas kept: recent (2014-2015) increment above this (km²).",
    )
    min_increment_strict: bool = Field(
        default=False,
        description="True: increment > min_increment_km2 ('more than'); False: >= ('at least').",
    )
    min_capacity_mw: float | None = Field(default=None, description="Lower capacity bound in MW, if any.")
    min_capacity_strict: bool = Field(
        default=False, description="True: capacity > min_capacity_mw ('more than'); False: >= ('at least')."
    )
    max_capacity_mw: float | None = Field(default=None, description="Upper capacity bound in MW, if any.")
    max_capacity_strict: bool = Field(
        default=False, description="True: capacity < max_capacity_mw ('less than'); False: <= ('at most')."
    )
    capacity_text: str | None = Field(default=None, description="Words that gave the capacity bound(s).")
    wants_map: bool = Field(default=False, description="The query asks for a map.")
    mentions_solar: bool = Field(default=False, description="Solar plants / facilities mentioned.")
    policy_topic: str | None = Field(default=None, description="Topic of a policy question.")
    language: Language = Field(default="en", description="Response language detected from the query.")
    aggregation: AggregationShape | None = Field(
        default=None,
        description="Analytical shape (subject, group, measure, order, top-N, compare) when the question is "
        "analytical (nodes/understanding/analytics.py); None otherwise. Its filters are the other slots.",
    )
    synthetic_points: int = Field(
        default=0,
        ge=0,
        le=2_000_000,
        description="Benchmarks/tests only, never parsed from text: use N synthetic jittered plants.",
    )


class IntentScores(Contract):
    """Scores in [0, 1] per recipe intent, and the best one."""

    scores: dict[str, float] = Field(description="Score per intent.")
    best: Intent = Field(
        pattern=NAME_PATTERN, description="Highest-scoring intent ('unknown' when none scores)."
    )
    ambiguous: bool = Field(description="True when the top two are too close to pick by rule.")
    missing: list[str] = Field(default_factory=list, description="Slots the best intent needs but lacks.")


class Understanding(Contract):
    """Output of the understand node."""

    query: str = Field(description="The query (trimmed, bounded).")
    slots: Slots = Field(description="Parsed slots.")
    intents: IntentScores = Field(description="Intent scores.")
    rejected_reason: str | None = Field(
        default=None, description="Why the query cannot be processed (empty, too long, no text)."
    )
    off_topic: str | None = Field(
        default=None,
        description="Why no recipe may run although the query mentions the domain: destructive, "
        "instructions, creative, shopping, trivia or how_it_works.",
    )
    follow_up: FollowUp | None = Field(
        default=None,
        description="Set when the message refines the previous question: what it inherited and changed.",
    )
