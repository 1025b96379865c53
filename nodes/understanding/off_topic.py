"""Messages that mention the domain but ask for something planexec does not do: no recipe may run.

Reason codes, by priority (on folded text):
- instructions: attempts to change the assistant's rules ('ignore previous instructions', 'system
  prompt', 'you are now', 'act as', 'jailbreak', 'ignore as instruções', 'finja que', API keys,
  passwords).
- destructive: writes to the data ('drop the solar plants table', 'delete all data', 'truncate',
  'update the records', 'insert a new plant', 'apague os dados', 'wipe the plants'), SQL statements
  (UPDATE … SET, DELETE FROM, INSERT INTO, DROP, TRUNCATE, ALTER TABLE) and shell commands ('rm -rf',
  'sudo'). planexec
  only reads.
- creative: poems, songs, stories, jokes, essays ('write a poem about solar farms', 'escreva um poema').
- shopping: prices, purchases, brands and installation advice ('how much does a home solar kit cost?',
  'where can I buy panels', 'best solar panel brand to buy', 'which inverter should I get', 'quanto
  custa instalar', 'qual marca de painel', 'my roof').
- weather: forecasts ('weather in Recife tomorrow', 'will it rain', 'vai chover amanhã', 'previsão do
  tempo'): planexec has climate normals (heat-stress zones), not forecasts.
- trivia: history and inventors, the world outside the data ('who invented solar panels?', 'the
  largest solar plant in the world', 'quem inventou').
- how_it_works: how the technology works ('how do solar panels work?', 'como funcionam os painéis').
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.text import fold

_DATA_OBJECTS = (
    r"tables?|database|db|data|dataset|datasets|records?|rows?|entries|everything|schema|index|files?"
    r"|tabelas?|banco(?:\s+de\s+dados)?|base(?:\s+de\s+dados)?|dados|registros?|linhas|tudo|arquivos?"
)
_RULES: tuple[tuple[str, str], ...] = (
    (
        "instructions",
        r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|the\s+|any\s+|your\s+|of\s+)*(?:previous\s+|prior\s+"
        r"|above\s+|earlier\s+|preceding\s+|system\s+|safety\s+)*(?:instructions?|prompts?|rules|directions|guidelines"
        r"|everything)|\bsystem\s+prompt|\byou\s+are\s+now\b|\bact\s+as\s+(?:a|an|if)\b|\bpretend\s+(?:to\s+be|you)"
        r"|\bjailbreak|\bdeveloper\s+mode|\b(?:reveal|show|print|repeat)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+)?"
        r"(?:prompt|instructions)|\bapi\s+keys?\b|\bpasswords?\b|\bcredentials\b|\bsenhas?\b|\bchaves?\s+de\s+api"
        r"|\b(?:ignore|desconsidere|esqueca)\s+(?:todas\s+)?(?:as\s+)?(?:suas\s+)?(?:instrucoes|regras)"
        r"|\bfinja\s+(?:que|ser)\b|\baja\s+como\b|\bmodo\s+desenvolvedor",
    ),
    (
        "destructive",
        rf"\b(?:drop|delete|truncate|erase|wipe|destroy|purge|remove|overwrite|corrupt)\s+(?:\w+\s+){{0,4}}?(?:{_DATA_OBJECTS})\b"
        rf"|\b(?:update|modify|edit|alter|change)\s+(?:\w+\s+){{0,3}}?(?:records?|rows?|entries|tables?|database|dataset)\b"
        r"|\b(?:insert|add|create|register)\s+(?:a\s+)?new\s+(?:solar\s+)?(?:plants?|rows?|records?|facility|usinas?)\b"
        r"|\bdrop\s+(?:table|database|schema|index|view|column)|\bdelete\s+(?:\*\s+)?from|\btruncate\b|\brm\s+-\w*[rf]"
        r"|;\s*--|\bshutdown\s+the\s+server|\bupdate\s+\w+\s+set\b|\binsert\s+into\b|\balter\s+(?:table|database)"
        r"|\bset\s+\w+\s*=|\bsudo\b|\bformat\s+(?:the\s+)?(?:disk|drive|database)"
        r"|\b(?:delete|erase|wipe|destroy|purge)\s+(?:out\s+)?(?:\w+\s+){0,3}?(?:plants?|usinas?|facilit(?:y|ies)|areas?|zones?)\b"
        r"|\b(?:apag\w*|delet\w*|destru\w*)\s+(?:\w+\s+){0,3}?(?:usinas?|areas?|zonas?)\b"
        r"|\b(?:remove|drop)\s+(?:all|every)\b(?:\s+of)?(?:\s+the)?\s+(?:\w+\s+){0,2}?(?:plants?|facilit(?:y|ies)|areas?|zones?)\b"
        r"|\b(?:exclu|remov)\w*\s+tod[oa]s\s+(?:[oa]s\s+)?(?:\w+\s+){0,2}?(?:usinas?|areas?|zonas?)\b"
        r"|\b(?:update|change|modify|alter|edit|set)\s+(?:the\s+)?(?:capacit(?:y|ies)|values?|names?|coordinates)"
        r"\s+(?:of|for)\s+(?:all\s+|every\s+|each\s+|the\s+)*(?:plants?|facilit(?:y|ies)|records?|rows?)\b"
        r"|\b(?:altere|alterar|mude|mudar|atualize|atualizar|modifique|modificar)\s+(?:a\s+|as\s+|o\s+|os\s+)?"
        r"(?:capacidades?|valor(?:es)?|nomes?|coordenadas)\s+d[aoe]s?\s+(?:todas\s+)?(?:as\s+)?usinas?\b"
        rf"|\b(?:apag\w*|delet\w*|exclu\w*|remov\w*|limp\w*|destru\w*|zer\w*|alter\w*|modifi\w*|atualiz\w*"
        rf"|sobrescrev\w*)\s+(?:\w+\s+){{0,4}}?(?:{_DATA_OBJECTS})\b",
    ),
    (
        "creative",
        r"\b(?:poems?|poetry|songs?|lyrics|haikus?|limericks?|sonnets?|jokes?|rap|essay|short\s+story|bedtime\s+story"
        r"|fairy\s+tale|slogan|jingle|poemas?|poesias?|cancao|musica\s+sobre|piadas?|soneto|haicai|redacao|conto"
        r"|historinha)\b|\b(?:write|tell|compose)\s+(?:me\s+)?(?:a|an)\s+(?:\w+\s+)?story\b"
        r"|\b(?:escreva|conte|crie)\s+(?:me\s+)?(?:uma?\s+)?(?:\w+\s+)?historia\b",
    ),
    (
        "shopping",
        r"\bhow\s+much\s+(?:does|do|is|are|would|will|should)\b.{0,60}\b(?:cost|price|pay)|\bcosts?\s+of\s+(?:a|an|buying"
        r"|installing|installation|home|residential)\b|\bprices?\s+(?:of|for)\s+(?:a|an|solar|panels?|kits?)"
        r"|\bwhere\s+(?:can|do|should)\s+i\s+(?:buy|get|purchase)|\b(?:buy|purchase|install)\s+(?:a\s+|some\s+)?"
        r"(?:home\s+)?(?:solar\s+)?(?:panels?|kits?|inverters?|batter(?:y|ies))\b|\bhome\s+solar|\bsolar\s+kits?"
        r"|\bmy\s+(?:house|home|roof|rooftop|apartment|electricity\s+bill)|\bcheap(?:est)?\s+(?:solar|panels?)"
        r"|\bbrands?\b|\bto\s+buy\b|\bshould\s+i\s+(?:buy|get|install|choose|pick|purchase)\b"
        r"|\b(?:which|what)\s+(?:\w+\s+){0,2}(?:panels?|inverters?|batter(?:y|ies)|kits?|modules?)\s+(?:should|to|do\s+you"
        r"|is\s+best|are\s+best)|\binstall(?:ation|ing)?\s+(?:costs?|prices?)|\bcosts?\s+to\s+install"
        r"|\bmarcas?\s+(?:de\s+)?(?:paineis|painel|placas?|inversor\w*|kit)|\bqual\s+(?:\w+\s+){0,2}(?:inversor|painel"
        r"|placa|marca|kit)\s+(?:devo|comprar|escolher|e\s+melhor)|\bvale\s+a\s+pena\s+(?:instalar|comprar|investir)"
        r"|\bcusto\s+(?:de|da|para)\s+instala|\bdevo\s+(?:comprar|instalar)|\bquanto\s+(?:sai|fica)\s+(?:para\s+)?instalar"
        r"|\binstallers?\b|\binstaladoras?\b|\bpay\s*back|\bpayback|\bretorno\s+do\s+investimento"
        r"|\bquanto\s+custa|\bprecos?\s+d[eo]\s+(?:um|uma|painel|paineis|placas?|kit)|\bcomprar\b|\bkits?\s+(?:solar"
        r"|fotovoltaico)|\bminha\s+casa|\bmeu\s+telhado|\bconta\s+de\s+luz|\bbarat[oa]s?\b",
    ),
    (
        "weather",
        r"(?<!extreme\s)(?<!severe\s)\bweather\s+(?:forecast|report|in|for|at|tomorrow|today|tonight|this|next|like|now)\b"
        r"|\b(?:weather|rain|temperature|heat|wind)\s+forecasts?|\bforecasts?\s+for\b"
        r"|\bwill\s+it\s+(?:rain|snow|be\s+(?:hot|sunny|cold|cloudy|warm))|\bgoing\s+to\s+(?:rain|be\s+(?:hot|sunny))"
        r"|\b(?:weather|rain|raining|sunny|temperature|hot|cold|chuva|chover|tempo|clima|temperatura|calor|frio|sol)\b"
        r".{0,40}\b(?:tomorrow|tonight|today|right\s+now|this\s+weekend|next\s+week|amanha|hoje|agora|fim\s+de\s+semana"
        r"|semana\s+que\s+vem)\b|\b(?:tomorrow|tonight|amanha)\b.{0,30}\b(?:weather|rain|sunny|chuva|chover|tempo)\b"
        r"|\bprevisao\s+(?:do\s+tempo|meteorologica|para\s+amanha)|\bvai\s+(?:chover|fazer\s+(?:calor|sol|frio))",
    ),
    (
        "trivia",
        r"\bwho\s+(?:invented|discovered|created|built|made|founded|owns)\b|\bwhen\s+(?:was|were)\s+.{0,40}\binvented"
        r"|\bhistory\s+of\s+(?:the\s+)?(?:solar|photovoltaic|pv)|\bquem\s+(?:inventou|descobriu|criou)\b"
        r"|\bquando\s+(?:foi|foram)\s+inventad|\bhistoria\s+d[ao]s?\s+(?:energia\s+solar|paineis|painel|placas)"
        r"|\b(?:largest|biggest|most|first|best|maior(?:es)?|primeir[oa]s?|melhor(?:es)?)\b.{0,40}"
        r"\b(?:in|of)\s+the\s+world\b(?!\s+bank)|\b(?:do|no)\s+mundo\b",
    ),
    (
        "how_it_works",
        r"\bhow\s+(?:do|does)\s+(?:a\s+|the\s+)?(?:solar\s+panels?|solar\s+cells?|photovoltaics?|pv|panels?|solar\s+energy"
        r"|solar\s+power|solar\s+farms?|solar\s+plants?|inverters?)\s+work|\bhow\s+is\s+solar\s+(?:energy|power)\s+"
        r"(?:made|produced|generated)|\bcomo\s+funciona(?:m)?\s+(?:o\s+|a\s+|os\s+|as\s+|uma?\s+)?(?:paineis|painel"
        r"|placas?|energia\s+solar|celulas?|fotovoltaic\w*|usinas?\s+solar\w*|inversor\w*)",
    ),
)
_RULE_RES = tuple((code, re.compile(pattern)) for code, pattern in _RULES)
REASONS = tuple(code for code, _ in _RULES)


def detect_off_topic(text: str) -> str | None:
    """The reason code when `text` asks for something no recipe may answer (see module rules), else None."""
    folded = fold(text)
    return next((code for code, regex in _RULE_RES if regex.search(folded)), None)
