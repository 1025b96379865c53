"""Paris Agreement questions -> the article (or paragraph) the answer must cite.

Each expectation was read from the treaty text (data/policy/paris_agreement_2015_en.txt), and the
tests re-check it against the independent oracle `tests.support.truth.policy_mentions`: the expected
passage must mention `pattern` (the treaty's own wording of the topic), so an expectation cannot
drift away from the text. `first` marks questions naming one paragraph, which must come first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyCase:
    question: str
    article: str  # expected in the top TOP_K passages: 'Art. 4' or a paragraph 'Art. 4(19)'
    pattern: str  # regex the expected passage's text matches (checked with truth.policy_mentions)
    first: bool = False  # the expected passage/article must be the first result
    language: str = "en"


TOP_K = 3

CASES: list[PolicyCase] = [
    PolicyCase(
        "what does the Paris Agreement say about NDCs?", "Art. 4", r"nationally determined contribution"
    ),
    PolicyCase("what is the global stocktake?", "Art. 14", r"global stocktake|take stock", first=True),
    PolicyCase("global stocktake", "Art. 14", r"global stocktake"),
    PolicyCase(
        "what does the Warsaw mechanism cover?", "Art. 8", r"Warsaw International Mechanism", first=True
    ),
    PolicyCase("loss and damage in the Paris Agreement", "Art. 8", r"loss and damage", first=True),
    PolicyCase(
        "how does the enhanced transparency framework work?",
        "Art. 13(1)",
        r"enhanced transparency framework",
        first=True,
    ),
    PolicyCase(
        "when does the Paris Agreement enter into force?", "Art. 21(1)", r"enter into force", first=True
    ),
    PolicyCase("entry into force of the agreement", "Art. 21", r"enter into force"),
    PolicyCase("how can a country withdraw from the Paris Agreement?", "Art. 28", r"withdraw", first=True),
    PolicyCase("withdrawal from the treaty", "Art. 28", r"withdraw", first=True),
    PolicyCase("Article 6.4", "Art. 6(4)", r"mechanism to contribute", first=True),
    PolicyCase(
        "what does Art. 6(4) of the Paris Agreement establish?",
        "Art. 6(4)",
        r"mechanism to contribute",
        first=True,
    ),
    PolicyCase("paragraph 2 of Article 4", "Art. 4(2)", r"nationally determined contribution", first=True),
    PolicyCase("capacity-building under the Paris Agreement", "Art. 11", r"capacity-building", first=True),
    PolicyCase(
        "technology transfer in the Paris Agreement",
        "Art. 10",
        r"technology development and transfer",
        first=True,
    ),
    PolicyCase("compliance mechanism of the Paris Agreement", "Art. 15", r"compliance", first=True),
    PolicyCase(
        "what does the Paris Agreement say about finance?", "Art. 9", r"financial resources", first=True
    ),
    PolicyCase("what does the Paris Agreement say about adaptation?", "Art. 7", r"adaptation", first=True),
    PolicyCase(
        "long-term strategies under the agreement",
        "Art. 4(19)",
        r"long-term low greenhouse gas emission development strateg",
        first=True,
    ),
    PolicyCase(
        "does the Paris Agreement have a net zero goal?",
        "Art. 4(1)",
        r"balance between anthropogenic emissions",
        first=True,
    ),
    PolicyCase(
        "what is the temperature goal of the Paris Agreement?", "Art. 2(1)", r"well below 2", first=True
    ),
    PolicyCase("1.5 degrees in the Paris Agreement", "Art. 2(1)", r"1\.5", first=True),
    PolicyCase("what are ITMOs?", "Art. 6", r"internationally transferred mitigation outcomes", first=True),
    PolicyCase("carbon markets under the Paris Agreement", "Art. 6", r"cooperative approaches", first=True),
    PolicyCase("what is an adaptation communication?", "Art. 7", r"adaptation communication", first=True),
    PolicyCase("forests in the Paris Agreement", "Art. 5", r"forests", first=True),
    PolicyCase("what does the Paris Agreement say about education?", "Art. 12", r"education", first=True),
    # Portuguese
    PolicyCase("o que diz o artigo 6?", "Art. 6(1)", r"voluntary cooperation", first=True, language="pt"),
    PolicyCase(
        "o que o Acordo de Paris diz sobre contribuições nacionalmente determinadas?",
        "Art. 4",
        r"nationally determined contribution",
        language="pt",
    ),
    PolicyCase(
        "o que é o balanço global do Acordo de Paris?",
        "Art. 14",
        r"global stocktake",
        first=True,
        language="pt",
    ),
    PolicyCase("perdas e danos no Acordo de Paris", "Art. 8", r"loss and damage", first=True, language="pt"),
    PolicyCase(
        "o que o Acordo de Paris diz sobre adaptação?", "Art. 7", r"adaptation", first=True, language="pt"
    ),
    PolicyCase(
        "financiamento climático no Acordo de Paris",
        "Art. 9",
        r"financial resources",
        first=True,
        language="pt",
    ),
    PolicyCase(
        "como um país pode se retirar do Acordo de Paris?", "Art. 28", r"withdraw", first=True, language="pt"
    ),
    PolicyCase(
        "quando o Acordo de Paris entra em vigor?", "Art. 21", r"enter into force", first=True, language="pt"
    ),
    PolicyCase(
        "estratégias de longo prazo no acordo",
        "Art. 4(19)",
        r"long-term low greenhouse gas",
        first=True,
        language="pt",
    ),
    PolicyCase(
        "transferência de tecnologia no Acordo de Paris", "Art. 10", r"technology", first=True, language="pt"
    ),
    PolicyCase("capacitação no Acordo de Paris", "Art. 11", r"capacity-building", first=True, language="pt"),
    PolicyCase("artigo 9, parágrafo 1", "Art. 9(1)", r"financial resources", first=True, language="pt"),
    PolicyCase("transparência no Acordo de Paris", "Art. 13", r"transparency", first=True, language="pt"),
]
