"""Template narration (English and Portuguese) from the facts summary only."""

from __future__ import annotations

from typing import Any

from planexec.schemas.modules import FactsSummary

_T: dict[str, dict[str, str]] = {
    "spatial_correlation": {
        "en": "{plants_matched} of {plants_total} solar plants ({capacity_matched_mw} MW) are {relation} "
        "{zone_label} ({zones_total} zones considered){state_part}.",
        "pt": "{plants_matched} de {plants_total} usinas solares ({capacity_matched_mw} MW) estão {relation} "
        "{zone_label} ({zones_total} zonas consideradas){state_part}.",
    },
    "solar_map": {
        "en": "The map shows {plants} solar plants with {capacity_mw} MW in {states} state(s); "
        "{top_state} leads with {top_state_capacity_mw} MW.",
        "pt": "O mapa mostra {plants} usinas solares com {capacity_mw} MW em {states} estado(s); "
        "{top_state} lidera com {top_state_capacity_mw} MW.",
    },
    "deforestation_overlap": {
        "en": "{plants_in_areas} of {plants_total} solar plants ({capacity_in_areas_mw} MW) lie inside "
        "{areas_total} deforestation areas, in {municipalities_with_plants} municipalities.",
        "pt": "{plants_in_areas} de {plants_total} usinas solares ({capacity_in_areas_mw} MW) ficam "
        "dentro de "
        "{areas_total} áreas de desmatamento, em {municipalities_with_plants} municípios.",
    },
    "policy_summary": {
        "en": "Found {passages} passage(s) of the Paris Agreement about “{topic}”: {citations}.",
        "pt": "Foram encontrados {passages} trecho(s) do Acordo de Paris sobre “{topic}”: {citations}.",
    },
}
_FALLBACK = {
    "en": "The query ran; see the modules below.",
    "pt": "A consulta foi executada; veja os módulos.",
}
_PARTIAL = {
    "en": " Some steps failed ({failed_steps}); the answer is partial.",
    "pt": " Algumas etapas falharam ({failed_steps}); a resposta é parcial.",
}


def _extras(intent: str, facts: dict[str, Any], lang: str) -> dict[str, Any]:
    if intent != "spatial_correlation":
        return {}
    heat = facts.get("layer") == "heat"
    if facts.get("method") == "proximity":
        relation = (
            f"within {facts.get('distance_km')} km of"
            if lang == "en"
            else f"a até {facts.get('distance_km')} km de"
        )
    else:
        relation = "inside" if lang == "en" else "dentro de"
    if heat:
        zone = (
            f"heat-stress zones (quintile {facts.get('quintiles')})"
            if lang == "en"
            else f"zonas de estresse térmico (quintil {facts.get('quintiles')})"
        )
    else:
        zone = "deforestation areas" if lang == "en" else "áreas de desmatamento"
    top = facts.get("top_state")
    state_part = "" if not top else (f"; most are in {top}" if lang == "en" else f"; a maioria em {top}")
    return {"relation": relation, "zone_label": zone, "state_part": state_part}


def narrate_template(summary: FactsSummary, language: str) -> str:
    lang = "pt" if language == "pt" else "en"
    facts = dict(summary.facts)
    template = _T.get(summary.intent, {}).get(lang)
    text = _FALLBACK[lang]
    if template is not None:
        try:
            text = template.format(**facts, **_extras(summary.intent, facts, lang))
        except (KeyError, ValueError):
            text = _FALLBACK[lang]
    if facts.get("failed_steps"):
        text += _PARTIAL[lang].format(failed_steps=facts["failed_steps"])
    return text
