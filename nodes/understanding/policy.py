"""Policy signals of a query: is it about the Paris Agreement / climate treaties, and what to search for.

Rules (on the folded query):
- strong: the treaty named (Paris Agreement, acordo de Paris, UNFCCC, Kyoto, COP 21), or a term that
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
  emission targets, 'what does … say', 'o que diz', 'under the agreement', 'no acordo'.
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

POLICY_STRONG_RE = re.compile(
    r"\b(?:paris\s+agreement|acordo\s+de\s+paris|unfccc|ndcs?|kyoto|cop\s?\d{1,2}|nationally\s+determined"
    r"|contribuic(?:ao|oes)\s+nacionalmente|climate\s+(?:agreement|treaty|convention)|convencao\s+(?:do\s+)?clima"
    r"|global\s+stock\s?takes?|balanco\s+global|(?:enhanced\s+)?transparency\s+framework"
    r"|estrutura\s+(?:reforcada\s+)?de\s+transparencia|warsaw|varsovia|loss\s+and\s+damage|perdas\s+e\s+danos"
    r"|itmos?|internationally\s+transferred|adaptation\s+communications?|comunicac(?:ao|oes)\s+de\s+adaptacao"
    r"|low[-\s]emissions?\s+development\s+strateg(?:y|ies)|sustainable\s+development\s+mechanism)\b"
)
POLICY_TOPICAL_RE = re.compile(
    r"(?<!\w)(?:articles?\s*\d{1,2}|artigos?\s*\d{1,2}|art\.\s*\d{1,2}|adaptation|adaptacao|mitigation"
    r"|mitigacao|capacity[-\s]building|capacitacao|technology\s+transfer|transferencia\s+de\s+tecnologias?"
    r"|compliance|cumprimento|entry\s+into\s+force|enter(?:s|ed)?\s+into\s+force|entrada\s+em\s+vigor|entr(?:a|am|ar|ou)\s+em\s+vigor"
    r"|withdraw(?:al|s|ing|n)?|retirada|net[-\s]zero|carbon\s+neutral(?:ity)?|neutralidade\s+de\s+carbono"
    r"|emissoes\s+liquidas\s+zero|temperature\s+(?:goal|target|limit)|meta\s+de\s+temperatura"
    r"|1[.,]5\s*(?:°\s*c|degrees?|graus?|ºc)|well\s+below\s+2|long[-\s]term\s+strateg(?:y|ies)"
    r"|estrategias?\s+de\s+longo\s+prazo|climate\s+financ(?:e|ing)|finance|financiamento(?:\s+climatico)?"
    r"|transparency|transparencia|carbon\s+markets?|mercados?\s+de\s+carbono|cooperative\s+approach(?:es)?"
    r"|abordagens\s+cooperativas|depositary|ratification|ratificacao)(?!\w)"
)
POLICY_CONTEXT_RE = re.compile(
    r"\b(?:polic(?:y|ies)|politicas?|treaty|tratado|commitments?|compromissos?|emission\s+targets?"
    r"|metas?\s+de\s+emissao|what\s+does\s+.{1,60}?\s+say|o\s+que\s+(?:diz|dizem)"
    r"|(?:under|in|of)\s+the\s+agreement|(?:no|do|pelo)\s+acordo)\b"
)
_REF_SPAN_RE = re.compile(
    r"(?:paragraphs?|paragrafos?|§)\s*\d{1,2}\s+(?:of|do|da|de)\s+(?:the\s+|o\s+)?(?:article|artigo)\s*\d{1,2}"
    r"|(?:articles?|artigos?|arts?\.?)\s*\d{1,2}(?:\s*[.(]\s*\d{1,2}\)?)?"
)
_TREATY_NAME_RE = re.compile(r"paris\s+agreement|acordo\s+de\s+paris|unfccc")
_TOKEN_RE = re.compile(r"[^\W_][\w'’.°º()-]*", re.UNICODE)
_TOPIC_STOPWORDS_TEXT = """
    a an and are as at be been by can could did do does for from has have how i in into is it its me my
    of on or our say says said should tell the their them there these this those to under was what when
    where which who why will with would about regarding concerning according explain describe mean means
    cover covers work works summarize summarise summary please paris agreement treaty unfccc us glossary
    entry entries definition definitions define defines glossario verbete definicao significa
    o os as um uma de do da dos das no na nos nas em por para pelo pela com que qual quais quem como onde
    quando sobre diz dizem fala trata explique resuma resumo e ou se ao aos acordo tratado segundo sao
"""
_TOPIC_STOPWORDS = frozenset(_TOPIC_STOPWORDS_TEXT.split())
MAX_TOPIC_WORDS = 12


def policy_strength(text: str) -> tuple[bool, int]:
    """(a strong policy phrase is present, number of weak policy words; see module rules)."""
    folded = fold(text)
    strong = bool(POLICY_STRONG_RE.search(folded))
    topical = len(POLICY_TOPICAL_RE.findall(folded))
    context = len(POLICY_CONTEXT_RE.findall(folded)) if (strong or topical) else 0
    return strong, topical + context


def _topic_words(text: str) -> list[str]:
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for regex in (_REF_SPAN_RE, POLICY_STRONG_RE, POLICY_TOPICAL_RE):
        for m in regex.finditer(folded):
            overlaps = any(s < m.end() and m.start() < e for s, e in spans)
            if not overlaps and not _TREATY_NAME_RE.fullmatch(m.group(0)):
                spans.append((m.start(), m.end()))
    words: list[tuple[int, str]] = [(start, text[start:end]) for start, end in spans]
    for m in _TOKEN_RE.finditer(folded):
        if any(s <= m.start() < e for s, e in spans):
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
