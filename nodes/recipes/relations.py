"""How a correlation answer words its join and its areas, and the 'nearest zone' table (en/pt).

Shared by spatial_correlation (and deforestation_overlap for the areas): the relation phrase of the
narration ('within 2 km of', 'between 2 and 8 km from (outside)', 'outside', 'paired with the
nearest of'), the zone label with the deforestation areas used ('deforestation areas (all)',
'deforestation areas with recent deforestation > 5 km²'), and the table plant / state / MW /
nearest zone / distance (km), closest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planexec.nodes.i18n import fmt_number, label
from planexec.nodes.recipes.helpers import table
from planexec.schemas.modules import TableModule

_RELATIONS = {
    "en": {
        "proximity": "within {km} km of",
        "within": "inside",
        "ring": "between {low} and {km} km from the nearest of (and outside all)",
        "ring_edge": "within {km} km of, but outside, all",
        "outside": "outside all",
        "nearest": "paired with the nearest of",
        "nearest_cap": "within {km} km of the nearest of",
    },
    "pt": {
        "proximity": "a até {km} km de",
        "within": "dentro de",
        "ring": "entre {low} e {km} km da mais próxima (e fora de todas) das",
        "ring_edge": "a até {km} km, mas fora, de todas as",
        "outside": "fora de todas as",
        "nearest": "associadas à mais próxima das",
        "nearest_cap": "a até {km} km da mais próxima das",
    },
}


def _num(value: Any, lang: str) -> str:
    return fmt_number(float(value), lang) if isinstance(value, int | float) else str(value)


def relation_phrase(facts: Mapping[str, Any], lang: str) -> str:
    """The join in words, from the facts' method / distance_km / min_distance_km."""
    method, km, low = facts.get("method"), facts.get("distance_km"), facts.get("min_distance_km")
    key = str(method)
    if method == "ring" and not low:
        key = "ring_edge"
    elif method == "nearest" and km is not None:
        key = "nearest_cap"
    elif method not in _RELATIONS["en"]:
        key = "within"
    phrases = _RELATIONS["pt" if lang == "pt" else "en"]
    return phrases[key].format(km=_num(km, lang), low=_num(low, lang))


def areas_phrase(floor: Any, strict: bool, lang: str) -> str:
    """' (all areas)' / ' with recent deforestation > 5 km²' after 'deforestation areas'."""
    if not floor:
        return " (todas as áreas)" if lang == "pt" else " (all areas)"
    op = ">" if strict else "≥"
    km2 = _num(floor, lang)
    return (
        f" com desmatamento recente {op} {km2} km²"
        if lang == "pt"
        else f" with recent deforestation {op} {km2} km²"
    )


def zone_name(area: Mapping[str, Any]) -> str:
    """A zone's name for a table: 'BOA VISTA (RR), Q5' (heat) or 'Altamira (PA)' (deforestation)."""
    if area.get("municipality"):
        return f"{area.get('municipality')} ({area.get('uf')})"
    name = area.get("station_name") or area.get("id") or "?"
    quintile = area.get("quintile")
    tail = f", Q{quintile:.0f}" if isinstance(quintile, int | float) else ""
    return f"{name} ({area.get('uf')}){tail}"


def by_distance(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows closest first (ties: larger capacity, then id)."""
    return sorted(rows, key=lambda r: (r["distance_m"], -float(r.get("capacity_mw") or 0.0), str(r["id"])))


def nearest_table(rows: list[dict[str, Any]], lang: str, total: int | None = None) -> TableModule:
    """Plant, state, MW, nearest zone, distance (km), closest first (`total` rows in all)."""
    columns = [label(k, lang) for k in ("col.plant", "col.state", "col.capacity_mw", "col.nearest_zone")]
    body = [
        [
            r.get("name"),
            r.get("uf"),
            r.get("capacity_mw"),
            zone_name(r["area"]),
            round(r["distance_m"] / 1000, 3),
        ]
        for r in by_distance(rows)
    ]
    return table(label("table.nearest_zone", lang), [*columns, label("col.distance_km", lang)], body, total)
