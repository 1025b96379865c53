"""Recipe: what the policy texts (the Paris Agreement) say about a topic, with citations.

Intent score (signals in nodes/understanding/policy.py): a strong phrase (the treaty named, NDC,
global stocktake, Warsaw mechanism, ...) -> 0.85 (+0.05 per weak word, up to two); treaty topic
words only (article N, adaptation, entry into force, net zero, ...) -> 0.65 + 0.1 per further weak
word, at most 0.8; 'policy' alone scores 0. Guard: something to search for (a topic, or policy words).
Plan: one SearchPassages call with the question's topic (the server expands abbreviations, synonyms
and Portuguese terms and puts named articles first), at most MAX_PER_ARTICLE passages per article so
the top is diverse. With no topic ('summarize the Paris Agreement') it searches the Agreement's aims.
Answer: the articles drawn on (with their curated titles), the expansions used, the passages with
their citations, and a table (article/paragraph, title, excerpt, score, id).
"""

from __future__ import annotations

from typing import Any

from planexec.nodes.i18n import label
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Narration, Recipe
from planexec.nodes.recipes.guards import Guard
from planexec.nodes.recipes.helpers import table
from planexec.nodes.recipes.steps import finish
from planexec.nodes.understanding.signals import policy_strength
from planexec.schemas.modules import Module, TextModule
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots
from planexec.schemas.tools.policy import Passage, PassageSearchResult

EXCERPT_CHARS = 280
TABLE_EXCERPT_CHARS = 160
LIMIT = 5
MAX_PER_ARTICLE = 2
DEFAULT_QUERY = "purpose aims of this Agreement"

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "drawn": "Drawn from {articles}.",
        "expanded": "Search terms expanded: {expansions}.",
        "named": "Named in the question: {refs}.",
        "article": "Article",
        "table": "Citations",
        "col.ref": "Article/paragraph",
        "col.title": "Article title",
        "col.excerpt": "Passage excerpt",
        "col.score": "Score",
        "col.id": "Passage id",
        "col.num": "#",
        "none": "none",
        "preamble": "Preamble",
    },
    "pt": {
        "drawn": "Com base em {articles}.",
        "expanded": "Termos de busca expandidos: {expansions}.",
        "named": "Citado na pergunta: {refs}.",
        "article": "Artigo",
        "table": "Citações",
        "col.ref": "Artigo/parágrafo",
        "col.title": "Título do artigo",
        "col.excerpt": "Trecho",
        "col.score": "Pontuação",
        "col.id": "Id do trecho",
        "col.num": "#",
        "none": "nenhum",
        "preamble": "Preâmbulo",
    },
}


def _t(key: str, lang: str) -> str:
    return _TEXT["pt" if lang == "pt" else "en"][key]


def build_plan(slots: Slots, session_id: str) -> Plan:
    query = (slots.policy_topic or "").strip() or DEFAULT_QUERY
    return Plan(
        recipe="policy_summary",
        steps=[
            PlanStep(
                alias="search",
                server="policy",
                tool="SearchPassages",
                args={"query": query, "limit": LIMIT, "max_per_article": MAX_PER_ARTICLE},
                description=f"search passages about '{query}'",
            ),
        ],
    )


def _excerpt(text: str, chars: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rsplit(" ", 1)[0] + "…"


def _ref(p: Passage, lang: str) -> str:
    """'Art. 7(1)', 'Art. 3', or the citation's tail for the preamble/closing text."""
    if p.article is None:
        return p.citation.split(", ", 1)[-1].replace("Preamble", _t("preamble", lang))
    return f"Art. {p.article}" + (f"({p.paragraph})" if p.paragraph else "")


def _articles_line(passages: list[Passage], lang: str) -> str:
    """'Article 4 (Mitigation …): Art. 4(3), Art. 4(12); Article 3 (…): Art. 3', in order of first use."""
    groups: dict[str, list[Passage]] = {}
    for p in passages:
        groups.setdefault(p.article or _ref(p, lang), []).append(p)
    parts = []
    for key, items in groups.items():
        first = items[0]
        if first.article is None:
            parts.append(key)
            continue
        title = f" ({first.article_title})" if first.article_title else ""
        parts.append(f"{_t('article', lang)} {key}{title}: " + ", ".join(_ref(p, lang) for p in items))
    return "; ".join(parts)


def _facts(inp: ComposeInput, found: PassageSearchResult | None) -> dict[str, Any]:
    lang = inp.language
    facts: dict[str, Any] = {"topic": inp.slots.policy_topic or DEFAULT_QUERY}
    if found is None:
        return facts
    expansions = "; ".join(f"{e.found} → {', '.join(e.expanded_to)}" for e in found.expansions)
    refs = ", ".join(
        f"Art. {r.article}" + (f"({r.paragraph})" if r.paragraph else "") for r in found.article_refs
    )
    facts.update(
        {
            "passages": found.count,
            "citations": "; ".join(p.citation for p in found.passages) or None,
            "articles": _articles_line(found.passages, lang) or _t("none", lang),
            "expansions": expansions or None,
            "article_refs": refs or None,
        }
    )
    return facts


def _body(found: PassageSearchResult, facts: dict[str, Any], lang: str) -> str:
    if not found.passages:
        return label("text.no_passage", lang)
    lines = [_t("drawn", lang).format(articles=facts["articles"])]
    if facts.get("article_refs"):
        lines.append(_t("named", lang).format(refs=facts["article_refs"]))
    if facts.get("expansions"):
        lines.append(_t("expanded", lang).format(expansions=facts["expansions"]))
    lines.append("")
    lines.extend(
        f"[{i}] {_ref(p, lang)} — {_excerpt(p.text)} ({p.citation})" for i, p in enumerate(found.passages, 1)
    )
    return "\n".join(lines)


def compose(inp: ComposeInput) -> ComposeOutput:
    lang = inp.language
    modules: list[Module] = []
    found = PassageSearchResult.model_validate(inp.load("search")) if inp.ok("search") else None
    facts = _facts(inp, found)
    if found is not None:
        modules.append(TextModule(heading=label("heading.passages", lang), text=_body(found, facts, lang)))
        columns = ["col.num", "col.ref", "col.title", "col.excerpt", "col.score", "col.id"]
        modules.append(
            table(
                _t("table", lang),
                [_t(c, lang) for c in columns],
                [
                    [
                        i,
                        _ref(p, lang),
                        p.article_title or "",
                        _excerpt(p.text, TABLE_EXCERPT_CHARS),
                        round(p.score or 0.0, 3),
                        p.id,
                    ]
                    for i, p in enumerate(found.passages, 1)
                ],
            )
        )
    searched = {"policy_topic": inp.slots.policy_topic}  # no state, layer or capacity applies to the treaty
    return finish(inp, "policy_summary", modules, facts, "", filters=searched, filters_from_slots=False)


def score(slots: Slots, text: str) -> float:
    strong, weak = policy_strength(text)
    if strong:
        return 0.85 + 0.05 * min(weak, 2)
    return min(0.65 + 0.1 * (weak - 1), 0.8) if weak else 0.0


GUARD = Guard(requires=("policy",))
"""Something to search for: a policy topic, or policy words."""


NARRATION = Narration(
    templates={
        "en": "Found {passages} passage(s) of the Paris Agreement about “{topic}”, drawn from {articles}.",
        "pt": "Foram encontrados {passages} trecho(s) do Acordo de Paris sobre “{topic}”, "
        "com base em {articles}.",
    }
)

RECIPE = Recipe(
    name="policy_summary",
    description="summarise climate-policy passages with citations",
    score=score,
    guard=GUARD,
    build_plan=build_plan,
    compose=compose,
    narration=NARRATION,
)
