"""Off-topic requests in more forms: SQL / shell statements, brands and installation advice, weather
forecasts (en and pt); analytical and filter questions stay on topic."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.off_topic import detect_off_topic


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("UPDATE plants SET capacity_mw = 0", "destructive"),
        ("update facilities set uf='SP'", "destructive"),
        ("DELETE FROM plants WHERE 1=1", "destructive"),
        ("INSERT INTO plants VALUES (1, 'x')", "destructive"),
        ("ALTER TABLE plants ADD COLUMN x int", "destructive"),
        ("DROP DATABASE planexec", "destructive"),
        ("TRUNCATE plants", "destructive"),
        ("rm -rf /data", "destructive"),
        ("sudo rm -r data", "destructive"),
        ("wipe all the solar plants", "destructive"),
        ("erase every plant in Bahia", "destructive"),
        ("apague as usinas da Bahia", "destructive"),
        ("exclua os dados", "destructive"),
        ("remova todos os registros", "destructive"),
        ("delete * from plants", "destructive"),
        ("exclua todas as usinas", "destructive"),
        ("remove all the plants", "destructive"),
        ("update capacity of plant X to 50 MW", "destructive"),
        ("change the capacity of all plants to zero", "destructive"),
        ("altere a capacidade da usina X", "destructive"),
        ("recommend a solar installer", "shopping"),
        ("how long until solar panels pay back?", "shopping"),
        ("what's the best solar panel brand to buy?", "shopping"),
        ("which inverter should I get?", "shopping"),
        ("which panels should I buy for my house", "shopping"),
        ("how much does installation cost?", "shopping"),
        ("quanto custa instalar painéis solares?", "shopping"),
        ("qual marca de painel solar é melhor?", "shopping"),
        ("qual inversor devo comprar?", "shopping"),
        ("vale a pena instalar energia solar?", "shopping"),
        ("what's the weather in Recife tomorrow?", "weather"),
        ("will it rain in Manaus tomorrow?", "weather"),
        ("weather forecast for Bahia", "weather"),
        ("vai chover amanhã em Salvador?", "weather"),
        ("previsão do tempo para Fortaleza", "weather"),
        ("como vai estar o tempo no fim de semana em BH?", "weather"),
        ("como está o tempo hoje em Curitiba?", "weather"),
        ("is it hot in Teresina today?", "weather"),
    ],
)
def test_off_topic_forms(text: str, code: str) -> None:
    assert detect_off_topic(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "remove plants below 5 MW from the map",
        "exclua as usinas abaixo de 5 MW",
        "change the capacity to 40 MW or more",
        "mude a capacidade para 40 MW",
        "set the distance to 5 km",
        "how many weather stations are in heat zones?",
        "extreme weather in the Paris Agreement",
        "map plants with capacity above 40 MW",
        "which state has the largest solar capacity?",
        "solar plants in hot zones",
        "temperatura máxima das zonas de calor na Bahia",
        "usinas com mais de 30 MW no Ceará",
    ],
)
def test_on_topic(text: str) -> None:
    assert detect_off_topic(text) is None
