"""Response language (en / pt) from the query text.

Heuristic: count Portuguese function words, domain and analytical words (capacidade, média, soma,
estado, região …) and the Portuguese region names (Sul, Sudeste, Nordeste, Norte, Centro-Oeste), plus
words carrying Portuguese-only diacritics (ã, õ, ç, â, ê, ô), against English function, domain and
analytical words. Words shared by both
languages ('solar', 'a', 'no', 'do', 'as') and state names are not counted. Portuguese wins only
with a strictly higher score; ties and empty text give English.
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.places import STATES
from planexec.nodes.understanding.smalltalk import detect_smalltalk
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import Language


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PT_WORDS = _word_set(
    """de da das dos em na nas nos e o os um uma para com por que qual quais quantas quantos onde
    como perto proximo proxima proximos proximas dentro sobre diz acordo mapa mapas mostre mostrar
    liste listar usina usinas solares zonas calor quente quentes extremo extremos extrema
    extremas desmatamento desmatadas desmatados estresse termico ao aos pelo pela entre mais
    maiores acima menos metros quilometros quilometro ha existem sao estao fica ficam brasil
    politica adaptacao mitigacao artigo fotovoltaica fotovoltaicas energia capacidade potencia instalada
    instaladas media medio mediana soma somada maior menor maxima maximo minima minimo numero quantidade
    regiao regioes estado estados municipio municipios cidade cidades comparar comparacao contra
    cada parcela fracao proporcao porcentagem percentual quintil quintis desmatada desmatadas
    sul sudeste nordeste norte centro oeste"""
)
_EN_WORDS = _word_set(
    """the of in on and or near nearby within inside what which where how many much does do is are
    show list map plants plant facilities facility farms zones zone area heat hot hottest
    extreme stress deforestation deforested about with for from to than larger bigger greater
    above over close around next say says agreement policy article adaptation mitigation brazil
    there any all me please photovoltaic capacity average mean median sum largest smallest biggest
    number region regions state states municipality municipalities city cities compare compared share
    fraction percentage quintile quintiles north south northeast southeast"""
)
_PT_DIACRITICS = re.compile(r"[ãõçâêô]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_STATE_WORDS = frozenset(word for name in STATES.values() for word in fold(name).split())


def detect_language(text: str) -> Language:
    """'pt' when the Portuguese score beats the English one, else 'en' (small talk: its own language)."""
    if (talk := detect_smalltalk(text)) is not None:
        return talk.language
    pt_score = en_score = 0
    for word in _WORD_RE.findall(text.lower()):
        folded = fold(word)
        if folded in _STATE_WORDS:
            continue
        pt_score += folded in _PT_WORDS or bool(_PT_DIACRITICS.search(word))
        en_score += folded in _EN_WORDS
    return "pt" if pt_score > en_score else "en"
