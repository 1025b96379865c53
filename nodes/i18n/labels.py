"""Every user-facing label of the chat answers, in English and Portuguese (one table per language).

Keys are dotted names (`table.matched_by_state`, `col.state`, `filter.states` …). `label(key, lang)`
returns the text in `lang` ('pt' or 'en'); `{placeholders}` are filled from keyword arguments
(numbers must already be written with `fmt_number`). Every English key has a Portuguese text
(checked by a test); a key missing in Portuguese falls back to English, an unknown key raises.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # headings and answer-wide text
    "heading.overview": "Overview",
    "heading.partial": "Partial answer",
    "heading.plan_failed": "Could not plan this query",
    "heading.clarification": "Clarification",
    "heading.what_can_be_asked": "What can be asked",
    "heading.hello": "Hello!",
    "text.partial": "Some steps did not complete:",
    "text.filters": "Filters",
    "text.fallback": "The query ran; see the modules below.",
    "text.partial_sentence": " Some steps failed ({failed_steps}); the answer is partial.",
    # tables, charts, maps
    "table.matched_by_state": "Matched plants by state",
    "table.largest_matched": "Largest matched plants",
    "table.plants_by_state": "Solar plants by state",
    "table.deforestation_by_municipality": "Plants in deforestation areas by municipality",
    "table.citations": "Citations",
    "chart.matched_by_quintile": "Matched capacity by heat quintile",
    "chart.matched_by_state": "Matched capacity by state",
    "chart.capacity_by_state": "Capacity by state",
    "chart.capacity_in_deforestation": "Capacity in deforestation areas",
    "map.solar_and_zones": "Solar plants and zones",
    "map.solar": "Solar plants",
    "map.solar_in_deforestation": "Solar plants in deforestation areas",
    "col.state": "State",
    "col.plants": "Plants",
    "col.plant": "Plant",
    "col.capacity_mw": "Capacity (MW)",
    "col.distance_m": "Distance (m)",
    "col.municipality": "Municipality",
    "col.number": "#",
    "col.citation": "Citation",
    "col.passage_id": "Passage id",
    "col.score": "Score",
    "axis.heat_quintile": "Heat quintile",
    "axis.state": "State",
    "axis.municipality": "Municipality",
    "axis.mw": "MW",
    "legend.solar_facility": "Solar plant",
    "legend.heat_zone": "Heat-stress zone",
    "legend.deforestation_area": "Deforestation area",
    # policy
    "heading.passages": "Relevant passages",
    "text.no_passage": "No passage matched the topic.",
    # filters applied
    "filter.layer": "layer",
    "filter.heat_quintiles": "heat quintiles",
    "filter.areas": "areas",
    "filter.distance": "distance",
    "filter.states": "states",
    "filter.regions": "regions",
    "filter.unknown_places": "no data for",
    "filter.capacity": "capacity",
    "filter.country": "country",
    "filter.policy_topic": "topic",
    "filter.dataset": "data",
    "value.layer.heat": "heat-stress zones",
    "value.layer.deforestation": "deforestation areas",
    "value.areas.all": "all areas",
    "value.areas.min_increment": "recent deforestation ≥ {km2} km²",
    "value.distance.inside": "inside",
    "value.distance.within": "≤ {km} km",
    "value.distance.ring": "{low}–{high} km from the nearest zone, outside every zone",
    "value.distance.ring_edge": "≤ {high} km from the nearest zone, outside every zone",
    "value.distance.outside": "outside every zone",
    "value.distance.nearest": "nearest zone per plant",
    "value.distance.nearest_cap": "nearest zone per plant, ≤ {km} km",
    "value.areas.all_n": "all {n} areas",
    "value.areas.threshold": "recent deforestation {op} {km2} km²",
    "value.areas.above_n": "{n} areas with recent deforestation {op} {km2} km²",
    "table.nearest_zone": "Nearest zone to each plant",
    "col.nearest_zone": "Nearest zone",
    "col.distance_km": "Distance (km)",
    "value.yes": "yes",
    "value.no": "no",
    "value.country.Brazil": "Brazil",
    "dataset.solar": "ANEEL solar plants",
    "dataset.heat": "heat-stress zones (INMET normals)",
    "dataset.deforestation": "PRODES deforestation",
    "dataset.policy": "Paris Agreement",
    # clarification
    "clarify.country": "There is no data for {country}: planexec covers Brazil only.",
    "clarify.ambiguous": "The question could mean several things ({options}). Please say which.",
    "clarify.missing": "Please add: {missing}.",
    "clarify.unknown": "I could not match the question to anything I can answer.",
    "clarify.rejected": "The query cannot be processed: {reason}.",
    "clarify.examples": "You can ask, for example:",
    "clarify.previous_question": "This looks like a follow-up, but there is no earlier question to refine. "
    "Please ask the whole question.",
    "clarify.off_topic": "That is outside what planexec answers.",
    "clarify.off_topic.destructive": "planexec only reads data: it cannot change or delete anything.",
    "clarify.off_topic.weather": "planexec has climate normals (heat-stress zones from long-term "
    "temperatures), not weather forecasts.",
    "clarify.unknown_place": "There is no data for {places}: "
    "planexec covers Brazil's 27 states and its regions.",
    "need.layer": "layer (heat-stress zones or deforestation areas)",
    "need.mentions_solar": "what to relate (e.g. solar plants)",
    "need.policy_topic": "a policy topic",
    "need.distance": "a distance",
    "need.states": "a state",
    "recipe.spatial_correlation": "solar plants near or inside zones",
    "recipe.solar_map": "a map of solar plants",
    "recipe.deforestation_overlap": "solar plants inside deforestation areas",
    "recipe.policy_summary": "what the Paris Agreement says",
    "example.heat": "solar facilities within 1 km of extreme heat zones in Brazil",
    "example.deforestation": "solar plants near deforestation areas within 5 km",
    "example.map": "map of solar plants in Bahia",
    "example.policy": "what does the Paris Agreement say about adaptation?",
    "general.no_llm": "This question is outside the built-in recipes, and no LLM is configured for the "
    "general agent.",
    "heading.no_answer": "No answer",
    "general.ungrounded.echo": "No answer could be computed for this question: the model only repeated it.",
    "general.ungrounded.no_data": "No answer could be computed for this question: the model replied without "
    "any result from the data tools.",
    "general.ungrounded.hint": "Try a more specific question about solar plants, heat-stress zones, "
    "deforestation areas or the Paris Agreement.",
    # small talk
    "smalltalk.greeting": "Hello! I am planexec: I answer questions about Brazil's solar plants, heat-stress "
    "zones, deforestation areas and the Paris Agreement, with tables, charts and maps.",
    "smalltalk.thanks": "You're welcome! Ask me anything else about solar plants, heat-stress zones, "
    "deforestation areas or the Paris Agreement.",
    "smalltalk.farewell": "Goodbye! Come back with questions about solar plants, heat-stress zones, "
    "deforestation areas or the Paris Agreement.",
    "smalltalk.help": "I am planexec: I answer questions about Brazil's solar plants, heat-stress zones, "
    "deforestation areas and the Paris Agreement, with tables, charts and maps.",
}

PT: dict[str, str] = {
    "heading.overview": "Resumo",
    "heading.partial": "Resposta parcial",
    "heading.plan_failed": "Não foi possível planejar esta consulta",
    "heading.clarification": "Esclarecimento",
    "heading.what_can_be_asked": "O que se pode perguntar",
    "heading.hello": "Olá!",
    "text.partial": "Algumas etapas não foram concluídas:",
    "text.filters": "Filtros",
    "text.fallback": "A consulta foi executada; veja os módulos.",
    "text.partial_sentence": " Algumas etapas falharam ({failed_steps}); a resposta é parcial.",
    "table.matched_by_state": "Usinas encontradas por estado",
    "table.largest_matched": "Maiores usinas encontradas",
    "table.plants_by_state": "Usinas solares por estado",
    "table.deforestation_by_municipality": "Usinas em áreas de desmatamento por município",
    "table.citations": "Citações",
    "chart.matched_by_quintile": "Capacidade encontrada por quintil de calor",
    "chart.matched_by_state": "Capacidade encontrada por estado",
    "chart.capacity_by_state": "Capacidade por estado",
    "chart.capacity_in_deforestation": "Capacidade em áreas de desmatamento",
    "map.solar_and_zones": "Usinas solares e zonas",
    "map.solar": "Usinas solares",
    "map.solar_in_deforestation": "Usinas solares em áreas de desmatamento",
    "col.state": "Estado",
    "col.plants": "Usinas",
    "col.plant": "Usina",
    "col.capacity_mw": "Capacidade (MW)",
    "col.distance_m": "Distância (m)",
    "col.municipality": "Município",
    "col.number": "#",
    "col.citation": "Citação",
    "col.passage_id": "Id do trecho",
    "col.score": "Pontuação",
    "axis.heat_quintile": "Quintil de calor",
    "axis.state": "Estado",
    "axis.municipality": "Município",
    "axis.mw": "MW",
    "legend.solar_facility": "Usina solar",
    "legend.heat_zone": "Zona de estresse térmico",
    "legend.deforestation_area": "Área de desmatamento",
    "heading.passages": "Trechos relevantes",
    "text.no_passage": "Nenhum trecho corresponde ao tema.",
    "filter.layer": "camada",
    "filter.heat_quintiles": "quintis de calor",
    "filter.areas": "áreas",
    "filter.distance": "distância",
    "filter.states": "estados",
    "filter.regions": "regiões",
    "filter.unknown_places": "sem dados para",
    "filter.capacity": "capacidade",
    "filter.country": "país",
    "filter.policy_topic": "tema",
    "filter.dataset": "dados",
    "value.layer.heat": "zonas de estresse térmico",
    "value.layer.deforestation": "áreas de desmatamento",
    "value.areas.all": "todas as áreas",
    "value.areas.min_increment": "desmatamento recente ≥ {km2} km²",
    "value.distance.inside": "dentro",
    "value.distance.within": "≤ {km} km",
    "value.distance.ring": "{low}–{high} km da zona mais próxima, fora de todas as zonas",
    "value.distance.ring_edge": "≤ {high} km da zona mais próxima, fora de todas as zonas",
    "value.distance.outside": "fora de todas as zonas",
    "value.distance.nearest": "zona mais próxima de cada usina",
    "value.distance.nearest_cap": "zona mais próxima de cada usina, ≤ {km} km",
    "value.areas.all_n": "todas as {n} áreas",
    "value.areas.threshold": "desmatamento recente {op} {km2} km²",
    "value.areas.above_n": "{n} áreas com desmatamento recente {op} {km2} km²",
    "table.nearest_zone": "Zona mais próxima de cada usina",
    "col.nearest_zone": "Zona mais próxima",
    "col.distance_km": "Distância (km)",
    "value.yes": "sim",
    "value.no": "não",
    "value.country.Brazil": "Brasil",
    "dataset.solar": "usinas solares da ANEEL",
    "dataset.heat": "zonas de estresse térmico (normais do INMET)",
    "dataset.deforestation": "desmatamento PRODES",
    "dataset.policy": "Acordo de Paris",
    "clarify.country": "Não há dados para {country}: o planexec cobre apenas o Brasil.",
    "clarify.ambiguous": "A pergunta pode significar várias coisas ({options}). Diga qual, por favor.",
    "clarify.missing": "Por favor, informe: {missing}.",
    "clarify.unknown": "Não consegui associar a pergunta a algo que eu saiba responder.",
    "clarify.rejected": "A consulta não pode ser processada: {reason}.",
    "clarify.examples": "Você pode perguntar, por exemplo:",
    "clarify.previous_question": "Isto parece uma continuação, mas não há pergunta anterior para refinar. "
    "Faça a pergunta completa, por favor.",
    "clarify.off_topic": "Isso está fora do que o planexec responde.",
    "clarify.off_topic.destructive": "O planexec apenas lê dados: não pode alterar nem apagar nada.",
    "clarify.off_topic.weather": "O planexec tem normais climatológicas (zonas de estresse térmico a "
    "partir de temperaturas de longo prazo), não previsões do tempo.",
    "clarify.unknown_place": "Não há dados para {places}: "
    "o planexec cobre os 27 estados do Brasil e suas regiões.",
    "need.layer": "uma camada (zonas de estresse térmico ou áreas de desmatamento)",
    "need.mentions_solar": "o que relacionar (por exemplo, usinas solares)",
    "need.policy_topic": "um tema de política climática",
    "need.distance": "uma distância",
    "need.states": "um estado",
    "recipe.spatial_correlation": "usinas solares perto ou dentro de zonas",
    "recipe.solar_map": "um mapa de usinas solares",
    "recipe.deforestation_overlap": "usinas solares dentro de áreas de desmatamento",
    "recipe.policy_summary": "o que diz o Acordo de Paris",
    "example.heat": "usinas solares a menos de 1 km de zonas de calor extremo",
    "example.deforestation": "usinas solares perto de áreas de desmatamento a menos de 5 km",
    "example.map": "mapa das usinas solares na Bahia",
    "example.policy": "o que o Acordo de Paris diz sobre adaptação?",
    "general.no_llm": "Esta pergunta está fora das receitas disponíveis, e nenhum LLM está configurado para "
    "o agente geral.",
    "heading.no_answer": "Sem resposta",
    "general.ungrounded.echo": "Não foi possível calcular uma resposta para esta pergunta: o modelo apenas a "
    "repetiu.",
    "general.ungrounded.no_data": "Não foi possível calcular uma resposta para esta pergunta: o modelo "
    "respondeu sem nenhum resultado das ferramentas de dados.",
    "general.ungrounded.hint": "Tente uma pergunta mais específica sobre usinas solares, zonas de estresse "
    "térmico, áreas de desmatamento ou o Acordo de Paris.",
    "smalltalk.greeting": "Olá! Eu sou o planexec: respondo perguntas sobre as usinas solares do Brasil, "
    "zonas de estresse térmico, áreas de desmatamento e o Acordo de Paris, com tabelas, gráficos e mapas.",
    "smalltalk.thanks": "De nada! Pergunte o que quiser sobre usinas solares, zonas de estresse térmico, "
    "áreas de desmatamento ou o Acordo de Paris.",
    "smalltalk.farewell": "Até logo! Volte com perguntas sobre usinas solares, zonas de estresse térmico, "
    "áreas de desmatamento ou o Acordo de Paris.",
    "smalltalk.help": "Eu sou o planexec: respondo perguntas sobre as usinas solares do Brasil, zonas de "
    "estresse térmico, áreas de desmatamento e o Acordo de Paris, com tabelas, gráficos e mapas.",
}

LABELS: dict[str, dict[str, str]] = {"en": EN, "pt": PT}


def has_label(key: str) -> bool:
    return key in EN


def label(key: str, lang: str, **values: object) -> str:
    """The text of `key` in `lang` ('pt' -> Portuguese, else English), placeholders filled."""
    if key not in EN:
        raise KeyError(f"no label {key!r}")
    text = (PT if lang == "pt" else EN).get(key) or EN[key]
    return text.format(**values) if values else text
