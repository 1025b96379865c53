"""Policy signals of a query: is it about the Paris Agreement / climate treaties, and what to search for.

Rules (on the folded query; '&' reads as 'and'):
- multiword terms match as ordered words with a few other words between them ('long-term low
  greenhouse gas emission development strategies' ~ 'low emission strategies'; 'loss & damage').
- strong: the treaty named (Paris Agreement, acordo de Paris, UNFCCC, Kyoto, COP 21) or informally
  (Paris deal / accord / pact / climate agreement, acordo climático de Paris, COP21 agreement), or a term that
  only the treaty uses: NDC / nationally determined contribution(s), global stocktake / balanço
  global, (enhanced) transparency framework, Warsaw (International) Mechanism / Varsóvia, loss and
  damage / perdas e danos, ITMOs / internationally transferred mitigation outcomes, adaptation
  communication, low-emission development strategies, sustainable development mechanism.
- topical (treaty topics that are not only the treaty's): 'article N' / 'artigo N' / 'Art. N',
  adaptation, mitigation, capacity-building, technology transfer, compliance, entry into force,
  withdrawal, net zero / carbon neutrality, temperature goal / 1.5 °C / well below 2 °C,
  long-term strategies, climate finance / financiamento, transparency, carbon markets /
  cooperative approaches, sinks, depositary, ratification (English and Portuguese).
- context (policy words that are not a topic): policy/política, treaty/tratado, commitments,
  emission targets, 'what does … say', 'o que diz', 'under the agreement', 'no acordo', a bare 'Paris'.
`policy_strength` -> (strong, weak) where weak counts topical words, plus context words only when
a topical word or a strong phrase is present ('policy' alone is no policy question).
Topic (`parse_policy_topic`), only for a policy question: the words of the question minus function
and question words and the treaty's name ('what does the Paris Agreement say about NDCs?' -> 'NDCs';
'o que diz o artigo 6?' -> 'artigo 6'); article references and the strong/topical phrases are kept
whole ('paragraph 2 of Article 4', 'perdas e danos', 'entry into force');
None when nothing is left ('summarize the Paris Agreement').
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.text import fold


def _seq(*parts: str, gap: int = 3) -> str:
    """Regex source: `parts` in this order with at most `gap` other words between two consecutive parts
    ('long-term low greenhouse gas emission development strategies' ~ low … emission … strategies)."""
    sep = rf"(?:[\s/-]+[^\W_]+){{0,{gap}}}?[\s/-]+"
    return sep.join(f"(?:{part})" for part in parts)


_STOCKTAKE = _seq("global", r"stock\s?takes?", gap=1)
_FRAMEWORK = _seq("transparency", "framework", gap=2)
_ESTRUTURA = _seq("estrutura", "transparencia", gap=2)
_LOSS = _seq("loss(?:es)?", "damages?", gap=1)
_PERDAS = _seq("perdas?", "danos?", gap=1)
_ADAPT_COMM = _seq("adaptation", "communications?", gap=1)
_LOW_EMISSION = _seq("low", "emissions?", r"strateg(?:y|ies)")
_BAIXA_EMISSAO = _seq(r"estrategias?", r"baix[ao]s?", r"emiss(?:ao|oes)|carbono", gap=4)
_SDM = _seq("sustainable", "development", "mechanism", gap=1)
_TECH = _seq(r"technolog(?:y|ies)", "transfers?", gap=2)
_TECH_PT = _seq(r"transferencias?", r"tecnologias?", gap=2)
_TEMPERATURE = _seq("temperature", "goals?|targets?|limits?", gap=2)
_LONG_TERM = _seq(r"long[\s-]+term", r"strateg(?:y|ies)", gap=4)
_LONGO_PRAZO = _seq(r"estrategias?", r"longo\s+prazo", gap=2)
_FINANCE = _seq("climate", r"financ(?:e|ing)", gap=1)
_CARBON_MARKET = _seq("carbon", "markets?", gap=2)
_TREATY = (
    r"paris\s+(?:climate\s+(?:change\s+)?)?(?:agreement|accords?|deal|pact|treaty|conference)"
    r"|(?:acordo|tratado|pacto)\s+(?:climatico\s+|do\s+clima\s+|sobre\s+o\s+clima\s+)?de\s+paris"
    r"|paris\s+climate|cop[\s-]?21(?:\s+(?:agreement|accord|deal|treaty))?"
)
POLICY_STRONG_RE = re.compile(
    rf"\b(?:{_TREATY}|unfccc|ndcs?|kyoto|cop[\s-]?\d{{1,2}}|nationally\s+determined"
    r"|contribuic(?:ao|oes)\s+nacionalmente|climate\s+(?:agreement|treaty|convention|accord|pact)"
    r"|convencao\s+(?:do\s+)?clima|acordo\s+climatico|warsaw|varsovia|itmos?|internationally\s+transferred"
    rf"|{_STOCKTAKE}|balanco\s+global"
    rf"|{_FRAMEWORK}|{_ESTRUTURA}"
    rf"|{_LOSS}|{_PERDAS}"
    rf"|{_ADAPT_COMM}|comunicac(?:ao|oes)\s+de\s+adaptacao"
    rf"|{_LOW_EMISSION}"
    rf"|{_BAIXA_EMISSAO}"
    rf"|{_SDM})\b"
)
POLICY_TOPICAL_RE = re.compile(
    r"(?<!\w)(?:articles?\s*\d{1,2}|artigos?\s*\d{1,2}|art\.\s*\d{1,2}|adaptation|adaptacao|mitigation"
    r"|mitigacao|capacity[-\s]building|capacitacao|compliance|cumprimento"
    rf"|{_TECH}|{_TECH_PT}"
    r"|entry\s+into\s+force|enter(?:s|ed)?\s+into\s+force|entrada\s+em\s+vigor|entr(?:a|am|ar|ou)\s+em\s+vigor"
    r"|withdraw(?:al|s|ing|n)?|retirada|net[-\s]zero|carbon\s+neutral(?:ity)?|neutralidade\s+de\s+carbono"
    rf"|emissoes\s+liquidas\s+zero|{_TEMPERATURE}"
    r"|meta\s+de\s+temperatura|1[.,]5\s*(?:°\s*c|degrees?|graus?|ºc)|well\s+below\s+2"
    rf"|{_LONG_TERM}|{_LONGO_PRAZO}"
    rf"|{_FINANCE}|finance|financiamento(?:\s+climatico)?"
    rf"|transparency|transparencia|{_CARBON_MARKET}|mercados?\s+de\s+carbono"
    r"|cooperative\s+approach(?:es)?|abordagens\s+cooperativas|depositary|ratification|ratificacao)(?!\w)"
)
POLICY_CONTEXT_RE = re.compile(
    r"\b(?:polic(?:y|ies)|politicas?|treaty|tratado|commitments?|compromissos?|emission\s+targets?"
    r"|metas?\s+de\s+emissao|what\s+does\s+.{1,60}?\s+say|o\s+que\s+(?:diz|dizem)"
    r"|(?:under|in|of)\s+the\s+agreement|(?:no|do|pelo)\s+acordo|paris)\b"
)
_REF_SPAN_RE = re.compile(
    r"(?:paragraphs?|paragrafos?|§)\s*\d{1,2}\s+(?:of|do|da|de)\s+(?:the\s+|o\s+)?(?:article|artigo)\s*\d{1,2}"
    r"|(?:articles?|artigos?|arts?\.?)\s*\d{1,2}(?:\s*[.(]\s*\d{1,2}\)?)?"
)
_TREATY_NAME_RE = re.compile(rf"{_TREATY}|unfccc|acordo\s+de\s+paris")
_TOKEN_RE = re.compile(r"[^\W_][\w'’.°º()-]*", re.UNICODE)
_TOPIC_STOPWORDS_TEXT = """
    a an and are as at be been by can could did do does for from has have how i in into is it its me my
    of on or our say says said should tell the their them there these this those to under was what when
    where which who why will with would about regarding concerning according explain describe mean means
    cover covers work works summarize summarise summary please paris agreement treaty unfccc us glossary
    deal accord accords pact
    entry entries definition definitions define defines glossario verbete definicao significa
    o os as um uma de do da dos das no na nos nas em por para pelo pela com que qual quais quem como onde
    quando sobre diz dizem fala trata explique resuma resumo e ou se ao aos acordo tratado segundo sao
"""
_TOPIC_STOPWORDS = frozenset(_TOPIC_STOPWORDS_TEXT.split())
MAX_TOPIC_WORDS = 12


def _folded(text: str) -> str:
    """Folded text with '&' read as a word gap ('loss & damage'), keeping offsets."""
    return fold(text).replace("&", " ")


def policy_strength(text: str) -> tuple[bool, int]:
    """(a strong policy phrase is present, number of weak policy words; see module rules)."""
    folded = _folded(text)
    strong = bool(POLICY_STRONG_RE.search(folded))
    topical = len(POLICY_TOPICAL_RE.findall(folded))
    context = len(POLICY_CONTEXT_RE.findall(folded)) if (strong or topical) else 0
    return strong, topical + context


def _topic_words(text: str) -> list[str]:
    folded = _folded(text)
    spans: list[tuple[int, int]] = []
    treaty: list[tuple[int, int]] = []  # the treaty's name: neither a kept phrase nor topic words
    for regex in (_REF_SPAN_RE, POLICY_STRONG_RE, POLICY_TOPICAL_RE):
        for m in regex.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in [*spans, *treaty]):
                continue
            (treaty if _TREATY_NAME_RE.fullmatch(m.group(0)) else spans).append(m.span())
    words: list[tuple[int, str]] = [(start, text[start:end]) for start, end in spans]
    for m in _TOKEN_RE.finditer(folded):
        if any(s <= m.start() < e for s, e in [*spans, *treaty]):
            continue
        word = text[m.start() : m.end()].rstrip(".,;:!?)'’")
        if word and fold(word).strip("'’") not in _TOPIC_STOPWORDS:
            words.append((m.start(), word))
    return [w for _, w in sorted(words)]


def parse_policy_topic(text: str) -> str | None:
    """What to search for in a policy question (see module rules), or None."""
    strong, weak = policy_strength(text)
    if not (strong or weak):
        return None
    words = _topic_words(text)[:MAX_TOPIC_WORDS]
    return " ".join(words) or None
