"""Understanding a policy search query: article references, expansions, content words.

Rules (on the query folded to lower case without accents):
- Article references: 'Article 6.4', 'Art. 6(4)', 'article 6, paragraph 4', 'artigo 9 § 2',
  'paragraph 2 of Article 4' / 'paragrafo 2 do artigo 4' -> (article, paragraph); 'Article 6' /
  'artigo 6' -> (article, None). Plural 'Articles 4 and 7' names each number. The reference text is
  removed from the query before words are taken.
- Expansions (data/policy/query_expansions.json): every alias found as whole words adds the
  treaty's wording for it ('ndc' -> 'nationally determined contribution'); the alias text is then
  removed, longest aliases first, so 'perdas e danos' does not leave 'danos' behind.
- Content words: what is left, minus English/Portuguese function words and question words
  ('what', 'does', 'say', 'sobre', 'diz', 'paris', 'agreement', ...).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from planexec.schemas.tools.policy import ArticleRef, QueryExpansion

EXPANSIONS_FILE = "query_expansions.json"

_ART = r"(?:articles?|artigos?|arts?\.?)"
_PARA = r"(?:paragraphs?|paras?\.?|paragrafos?|§|par\.)"
_PARA_OF_ART = re.compile(
    rf"\b{_PARA}\s*(\d{{1,2}})\s+(?:of|do|da|de)\s+(?:the\s+|o\s+)?{_ART}\s*(\d{{1,2}})\b"
)
_ART_PARA = re.compile(
    rf"(?<!\w){_ART}\s*(\d{{1,2}})(?:\s*(?:\.|\(|,?\s*{_PARA}\s*)\s*(\d{{1,2}})\)?(?:\s*\([a-z]\))?)?(?!\d)"
)
_MORE_ARTS = re.compile(r"^(?:\s*(?:,|and|e|&)\s*(\d{1,2})\b)+")
_NUMBER = re.compile(r"\d{1,2}")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)

_STOPWORDS_TEXT = """
    a an and are as at be been by can could did do does doing for from has have how i in into is it its
    me my of on or our say says said should tell the their them there these this those to under was
    what when where which who whom why will with would about regarding concerning according explain
    explains describe mean means meaning cover covers covered work works working handle handles deal
    deals define defines definition summarize summarise summary give show list find any all some us
    please paris agreement agreements treaty accord cop21 unfccc text provisions provision rules rule
    o os as um uma uns umas de do da dos das no na nos nas em por para pelo pela com que qual quais
    quem como onde quando porque sobre diz dizem fala falam trata tratam explique explica resuma resumo
    me mostre mostra e ou se ao aos acordo tratado segundo conforme sao
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
"""Words dropped from the search (English and Portuguese function/question words, the treaty's name)."""


def fold(text: str) -> str:
    """Lower case without accents; whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


@dataclass(frozen=True)
class Expansion:
    """One entry of the expansion table: aliases (regexes on folded text) -> treaty phrases."""

    aliases: tuple[re.Pattern[str], ...]
    expand: tuple[str, ...]


def load_expansions(path: Path) -> list[Expansion]:
    """The expansion table (see module docstring); a missing file means no expansions."""
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    table = []
    for entry in data["expansions"]:
        aliases = tuple(re.compile(rf"(?<![\w-])(?:{a})(?![\w-])") for a in entry["aliases"])
        table.append(Expansion(aliases=aliases, expand=tuple(entry["expand"])))
    return table


@dataclass
class AnalyzedQuery:
    """A query taken apart: references, expansions and content words (all folded)."""

    refs: list[ArticleRef] = field(default_factory=list)
    expansions: list[QueryExpansion] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    def phrases(self) -> list[str]:
        """Every phrase to search: expansions first, then the content words (deduplicated)."""
        out: list[str] = []
        for item in [*(p for e in self.expansions for p in e.expanded_to), *self.words]:
            if item.lower() not in {o.lower() for o in out}:
                out.append(item)
        return out


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def find_refs(folded: str) -> tuple[list[ArticleRef], str]:
    """Article references in folded text, and the text with them blanked out."""
    refs: list[ArticleRef] = []
    for m in list(_PARA_OF_ART.finditer(folded)):
        refs.append(ArticleRef(found=m.group(0).strip(), article=m.group(2), paragraph=m.group(1)))
        folded = _blank(folded, m.start(), m.end())
    for m in list(_ART_PARA.finditer(folded)):
        end = m.end()
        refs.append(ArticleRef(found=m.group(0).strip(), article=m.group(1), paragraph=m.group(2)))
        if m.group(2) is None and (more := _MORE_ARTS.match(folded[end:])):
            refs.extend(ArticleRef(found=n, article=n) for n in _NUMBER.findall(more.group(0)))
            end += more.end()
        folded = _blank(folded, m.start(), end)
    return refs, folded


def _expand(folded: str, table: list[Expansion]) -> tuple[list[QueryExpansion], str]:
    found: list[tuple[int, QueryExpansion]] = []
    for entry in table:
        hits = [m for alias in entry.aliases for m in alias.finditer(folded)]
        if not hits:
            continue
        first = min(hits, key=lambda m: (m.start(), -len(m.group(0))))
        found.append((first.start(), QueryExpansion(found=first.group(0), expanded_to=list(entry.expand))))
        for m in sorted(hits, key=lambda m: -len(m.group(0))):
            if folded[m.start() : m.end()].strip():
                folded = _blank(folded, m.start(), m.end())
    return [e for _, e in sorted(found, key=lambda pair: pair[0])], folded


def analyze(query: str, table: list[Expansion]) -> AnalyzedQuery:
    """Take a query apart (see module docstring)."""
    refs, rest = find_refs(fold(query))
    expansions, rest = _expand(rest, table)
    words: list[str] = []
    for word in _WORD.findall(rest):
        if word not in STOPWORDS and word not in words and not (word.isdigit() and len(word) > 4):
            words.append(word)
    return AnalyzedQuery(refs=refs, expansions=expansions, words=words)
