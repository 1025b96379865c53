"""Brazilian cities mapped to their state (UF): the 27 state capitals and large or solar-hub cities.

Source: IBGE — capitals of the 27 federative units (Constituição Federal / IBGE "Cidades e Estados") and
municipalities by population (Censo Demográfico 2022, the largest non-capital municipalities), plus a
few towns named in ANEEL's solar plant list (data/brazil_solar_aneel_siga_2025.csv, column
`municipalities`). Curated by hand; see data/SOURCES.md ("Curated city table").

Names whose folded form is also a common word (Natal 'Christmas', Palmas 'applause', Vitória
'victory', Salvador 'saviour', Fortaleza 'fortress', Boa Vista, Campo Grande, Rio Branco, Porto
Alegre, Porto Velho, Santos, Belém, Serra) count only capitalised right after a place word (see
`places.city_spans`).
"""

from __future__ import annotations

CAPITALS = {
    "Rio Branco": "AC", "Maceió": "AL", "Macapá": "AP", "Manaus": "AM", "Salvador": "BA",
    "Fortaleza": "CE", "Vitória": "ES", "Goiânia": "GO", "São Luís": "MA", "Cuiabá": "MT",
    "Campo Grande": "MS", "Belo Horizonte": "MG", "Belém": "PA", "João Pessoa": "PB", "Curitiba": "PR",
    "Recife": "PE", "Teresina": "PI", "Natal": "RN", "Porto Alegre": "RS", "Porto Velho": "RO",
    "Boa Vista": "RR", "Florianópolis": "SC", "Aracaju": "SE", "Palmas": "TO",
}  # fmt: skip
"""State capitals (Rio de Janeiro, São Paulo and Brasília are read as their states)."""

LARGE_CITIES = {
    "Guarulhos": "SP", "Campinas": "SP", "São Bernardo do Campo": "SP", "Santo André": "SP",
    "Osasco": "SP", "Ribeirão Preto": "SP", "Sorocaba": "SP", "São José dos Campos": "SP", "Santos": "SP",
    "São Gonçalo": "RJ", "Duque de Caxias": "RJ", "Nova Iguaçu": "RJ", "Niterói": "RJ",
    "Campos dos Goytacazes": "RJ", "Uberlândia": "MG", "Contagem": "MG", "Juiz de Fora": "MG",
    "Montes Claros": "MG", "Pirapora": "MG", "Janaúba": "MG", "Feira de Santana": "BA",
    "Vitória da Conquista": "BA", "Juazeiro": "BA", "Bom Jesus da Lapa": "BA", "Joinville": "SC",
    "Londrina": "PR", "Maringá": "PR", "Aparecida de Goiânia": "GO", "Anápolis": "GO",
    "Ananindeua": "PA", "Santarém": "PA", "Marabá": "PA", "Serra": "ES", "Vila Velha": "ES",
    "Caxias do Sul": "RS", "Pelotas": "RS", "Mossoró": "RN", "Petrolina": "PE", "Caruaru": "PE",
    "Jaboatão dos Guararapes": "PE", "Campina Grande": "PB", "Juazeiro do Norte": "CE", "Sobral": "CE",
    "Tauá": "CE", "Parnaíba": "PI", "São Gonçalo do Gurguéia": "PI", "Imperatriz": "MA",
}  # fmt: skip
NICKNAMES = {"BH": "MG", "Floripa": "SC", "Sampa": "SP"}
"""Informal city names (Belo Horizonte, Florianópolis, São Paulo)."""

CITY_TO_UF = CAPITALS | LARGE_CITIES | NICKNAMES
COMMON_WORD_CITIES = frozenset(
    {"natal", "palmas", "vitoria", "salvador", "fortaleza", "boa vista", "campo grande", "rio branco",
     "porto alegre", "porto velho", "santos", "belem", "serra"}
)  # fmt: skip
"""Folded city names that are also ordinary words."""
