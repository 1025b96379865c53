"""Words of the aggregation answer (English and Portuguese): nouns, measures, units, the sentence."""

from __future__ import annotations

from planexec.nodes.i18n import fmt_number
from planexec.nodes.understanding.places import STATES
from planexec.schemas.aggregation import REGIONS, AggregationSpec

NOUNS = {
    "plants": {"en": "solar plants", "pt": "usinas solares"},
    "deforestation_areas": {"en": "deforestation areas", "pt": "áreas de desmatamento"},
    "heat_zones": {"en": "heat-stress zones", "pt": "zonas de estresse térmico"},
}
ONE = {
    "plants": {"en": "solar plant", "pt": "usina solar"},
    "deforestation_areas": {"en": "deforestation area", "pt": "área de desmatamento"},
    "heat_zones": {"en": "heat-stress zone", "pt": "zona de estresse térmico"},
}
FIELDS = {
    "capacity_mw": ({"en": "capacity", "pt": "capacidade"}, "MW"),
    "increment_km2": (
        {"en": "recent deforestation (2014-2015)", "pt": "desmatamento recente (2014-2015)"},
        "km²",
    ),
    "deforested_cumulative_km2": ({"en": "cumulative deforestation", "pt": "desmatamento acumulado"}, "km²"),
    "tmax_hottest_month_c": ({"en": "hottest-month maximum", "pt": "máxima do mês mais quente"}, "°C"),
    "heat_index_c": ({"en": "heat index", "pt": "índice de calor"}, "°C"),
}
MEASURES = {
    "count": {"en": "number", "pt": "número"},
    "sum": {"en": "total", "pt": "total"},
    "share": {"en": "share", "pt": "fração"},
    "mean": {"en": "average", "pt": "média"},
    "median": {"en": "median", "pt": "mediana"},
    "min": {"en": "smallest", "pt": "menor"},
    "max": {"en": "largest", "pt": "maior"},
}
REGION_PT = {
    "North": "Norte",
    "Northeast": "Nordeste",
    "Central-West": "Centro-Oeste",
    "Southeast": "Sudeste",
    "South": "Sul",
}
GROUP_HEADERS = {
    "state": {"en": "State", "pt": "Estado"},
    "region": {"en": "Region", "pt": "Região"},
    "quintile": {"en": "Heat quintile", "pt": "Quintil de calor"},
    "municipality": {"en": "Municipality", "pt": "Município"},
    "none": {"en": "Scope", "pt": "Escopo"},
}
COUNT_HEADERS = {
    "plants": {"en": "Plants", "pt": "Usinas"},
    "deforestation_areas": {"en": "Areas", "pt": "Áreas"},
    "heat_zones": {"en": "Zones", "pt": "Zonas"},
}


def num(value: float | int, lang: str) -> str:
    """A number as written in `lang` (up to two decimals, trailing zeros dropped: round it first)."""
    return fmt_number(value, lang)


def place(code: str, lang: str, spec: AggregationSpec | None = None) -> str:
    """A group label for people: state and region names, quintiles as written; the scope for 'all'."""
    if code == "all" and spec is not None:
        return scope(spec, lang)
    if code in STATES:
        return STATES[code]
    if code in REGIONS:
        return REGION_PT[code] if lang == "pt" else code
    return code


def scope(spec: AggregationSpec, lang: str) -> str:
    """Where the rows are: the regions and states named, else Brazil."""
    f = spec.filters
    covered = {uf for r in f.regions for uf in REGIONS.get(r, ())}
    names = [place(r, lang) for r in f.regions] + [place(uf, lang) for uf in f.states if uf not in covered]
    if not names:
        return "Brasil" if lang == "pt" else "Brazil"
    joiner = " e " if lang == "pt" else " and "
    return joiner.join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def relation(spec: AggregationSpec, lang: str) -> str:
    """' inside heat-stress zones (Q5)' / ' within 5 km of deforestation areas' / ''."""
    f = spec.filters
    if spec.subject != "plants" or f.relation is None:
        return ""
    if f.layer == "heat":
        q = ", ".join(f"Q{q}" for q in f.quintiles)
        zone = f"zonas de estresse térmico ({q})" if lang == "pt" else f"heat-stress zones ({q})"
    else:
        zone = "áreas de desmatamento" if lang == "pt" else "deforestation areas"
    if f.relation == "proximity" and f.distance_km is not None:
        km = fmt_number(f.distance_km, lang)
        return f" a até {km} km de {zone}" if lang == "pt" else f" within {km} km of {zone}"
    return f" dentro de {zone}" if lang == "pt" else f" inside {zone}"


def unit(spec: AggregationSpec) -> str:
    if spec.measure in ("count", "share") and spec.field is None:
        return ""
    name = spec.field or ("capacity_mw" if spec.subject == "plants" else "increment_km2")
    return FIELDS[name][1]
