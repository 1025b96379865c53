"""The drafting quality metrics on small crafted documents, and the committed sample brief's scores."""

from __future__ import annotations

import yaml

from planexec.nodes.drafting.quality import evaluate, indexed_passages, parse_markdown
from planexec.nodes.drafting.readability import fragment_reason, is_meta, starts_mid_clause
from planexec.nodes.drafting.templates import plan_for
from planexec.schemas.drafting import DraftPlan, ProjectProfile, SectionSpec
from tests.support.paths import REPO_ROOT

SAMPLES = REPO_ROOT / "samples" / "drafting"
PARIS = REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt"
PASSAGES = {
    "a#s1.p1": "Minas Gerais leads the solar build-out with 188 plants and 7,222 MW of capacity.",
    "a#s1.p2": "(d) Events that may involve irreversible and permanent loss and damage;",
    "a#s1.p3": "Parties should strengthen cooperation on enhancing action on adaptation in every region.",
}
PLAN = DraftPlan(
    template="t",
    template_version="1",
    artifact_type="policy_brief",
    title="T",
    sections=[
        SectionSpec(id="one", title="One", query="q", min_words=10, max_words=60),
        SectionSpec(id="two", title="Two", query="q", min_words=10, max_words=60),
        SectionSpec(id="three", title="Three", query="q", min_words=10, max_words=60),
    ],
)
SOURCES = "## Sources\n\n1. `a#s1.p1` (a, x): “…”\n2. `a#s1.p2` (a, x): “…”\n3. `a#s1.p3` (a, x): “…”\n"


def document(*sections: tuple[str, list[str]]) -> str:
    body = "".join(
        f"## {title}\n\n" + "".join(f"{p}\n\n" for p in paragraphs) for title, paragraphs in sections
    )
    return f"# T\n\n*Policy brief · for x · y*\n\n{body}{SOURCES}"


GOOD = "Minas Gerais leads the solar build-out with 188 plants and 7,222 MW of capacity. [1]"
ADAPT = "Parties should strengthen cooperation on enhancing action on adaptation in every region. [3]"


def test_a_clean_document_scores_clean() -> None:
    quality = evaluate(document(("One", [GOOD]), ("Two", [ADAPT])), PASSAGES, PLAN)
    assert (quality.citations, quality.citations_valid) == (2, 2)
    assert (quality.claims, quality.claims_supported) == (2, 2)
    assert quality.duplicate_paragraphs == quality.duplicate_sentences == 0
    assert quality.fragments == quality.mid_clause == quality.meta == 0
    assert (quality.sections_drafted, quality.coverage) == (2, round(2 / 3, 3))
    assert [x.within for x in quality.lengths] == [True, True, False]  # 14 words, 13 words, absent


def test_a_repeated_paragraph_is_a_duplicate_across_sections() -> None:
    quality = evaluate(document(("One", [GOOD]), ("Two", [ADAPT]), ("Three", [GOOD])), PASSAGES, PLAN)
    assert quality.duplicate_paragraphs == 1 and quality.duplicate_sentences_across == 1
    assert quality.duplicates[0].first_section == "One" and quality.duplicates[0].second_section == "Three"
    assert quality.passages_reused == 1


def test_fragments_mid_clause_starts_and_meta_text_are_flagged() -> None:
    fragment = "Events that may involve irreversible and permanent loss and damage. [2]"
    mid = "and Parties should strengthen cooperation on enhancing action on adaptation. [3]"
    meta = "The drafting inputs are the Paris Agreement text and a summary of solar data. [1]"
    quality = evaluate(document(("One", [fragment, mid]), ("Two", [meta])), PASSAGES, PLAN)
    assert {(i.problem, i.section) for i in quality.issues} == {
        ("fragment:list_item", "One"),
        ("mid_clause", "One"),
        ("meta", "Two"),
    }
    assert (quality.fragments, quality.mid_clause, quality.meta) == (1, 1, 1)


def test_sentence_checks() -> None:
    assert fragment_reason("Events that may involve irreversible and permanent loss and damage.") == "no_verb"
    assert fragment_reason("Holding the increase in the global average temperature well below 2 °C.") == (
        "list_opening"
    )
    assert fragment_reason("To contribute to the reduction of emission levels in the host Party; and.") == (
        "dangling"
    )
    assert fragment_reason("Too short to stand.") == "short"
    assert (
        fragment_reason("Parties recognize that some Parties choose to pursue voluntary cooperation.") is None
    )
    assert (
        fragment_reason("Any Party that withdraws from the Convention shall be considered withdrawn.") is None
    )
    assert starts_mid_clause(") and the rest of the clause goes on here.") and not starts_mid_clause(GOOD)
    assert is_meta("These facts summarise what a planexec chat query computed.") and not is_meta(GOOD)


def test_an_unsupported_or_unresolved_citation_is_reported() -> None:
    wrong_number = "Minas Gerais leads the solar build-out with 199 plants and 7,222 MW of capacity. [1]"
    wrong_source = "Minas Gerais leads the solar build-out with 188 plants and 7,222 MW of capacity. [3]"
    dangling = "Minas Gerais leads the solar build-out with 188 plants and 7,222 MW of capacity. [9]"
    quality = evaluate(document(("One", [wrong_number, wrong_source]), ("Two", [dangling])), PASSAGES, PLAN)
    assert (quality.citations, quality.citations_valid) == (3, 2)
    assert (quality.claims, quality.claims_supported) == (3, 0)
    first, second, third = quality.unsupported
    assert first.missing_numbers == ["199"] and first.term_support == 1.0
    assert second.term_support < 0.6 and third.passage_ids == []


def test_a_citation_covers_the_sentences_before_it_in_its_paragraph() -> None:
    paragraph = "Minas Gerais leads the solar build-out. It has 188 plants and 7,222 MW of capacity. [1]"
    assert evaluate(document(("One", [paragraph])), PASSAGES, PLAN).claims_supported == 2
    assert parse_markdown(document(("One", [paragraph]))).sources[3] == "a#s1.p3"


def test_the_sample_brief_has_no_duplicates_no_fragments_and_supported_citations() -> None:
    profile = ProjectProfile.model_validate(yaml.safe_load((SAMPLES / "project_profile.yaml").read_text()))
    passages = indexed_passages([PARIS, SAMPLES / "chat_facts.md"], profile.facts)
    quality = evaluate((SAMPLES / "policy_brief.md").read_text(encoding="utf-8"), passages, plan_for(profile))
    assert quality.coverage == 1.0 and quality.sections_within_length == quality.sections_expected
    assert quality.citations > 0 and quality.citations_valid == quality.citations
    assert quality.claims > 0 and quality.claims_supported == quality.claims
    assert (quality.duplicate_paragraphs, quality.duplicate_sentences, quality.fragments) == (0, 0, 0)
    assert (quality.mid_clause, quality.meta) == (0, 0)
