"""Check that a narration states no number the facts do not hold.

Rules (documented in one place, used by the LLM narrator):
- Numbers are read from digits only. Number words ("three", "dez") are not checked.
- Digits glued to letters are part of a name, not a number ("CO2", "PM2.5", "SIGA2025").
- Separators: "." and "," may each be a decimal or a thousands separator, so a token is read
  every plausible way and passes if any reading matches: "17,613" and "17.613" read as 17613 or
  17.613; "17613" as 17613; "1.234.567,8" as 1234567.8. Thousands groups may also be split by a
  no-break or thin space ("17 613"), never by a plain space.
- Scale words multiply: "17,6 mil" = 17600, "2.5 million" = 2500000 (en and pt: thousand, mil,
  k, million, milhão, milhões, mi, billion, bilhão, bilhões, bi).
- Rounding: a number may round a fact to the precision it is written with: decimals
  ("12.3" for 12.34) or a scale word ("17,6 mil" for 17613, within half of 0.1 thousand).
  A plain integer must equal a fact rounded to an integer ("17,600" does NOT pass for 17613:
  trailing zeros are not taken as rounding, so invented round numbers are caught).
- Percentages: "45%" passes for a fact 45 or a ratio fact 0.45 (rounded as written).
- Signs are ignored (a "-" before digits is usually a dash or a range).
- Allowed numbers are the numeric facts, plus numbers written inside string facts and
  highlights (read with the same rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from planexec.schemas.modules import FactsSummary

_SEP = r"[.,\u00a0\u202f\u2009]"
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:" + _SEP + r"\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w])"
    r"(\s*(?:%|por\s*cento|percent\b)|\s*(?:thousand|mil|k|million|milh(?:ão|ao|ões|oes)|mi|"
    r"billion|bilh(?:ão|ao|ões|oes)|bi)\b)?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "mil": 1e3, "k": 1e3, "million": 1e6, "mi": 1e6, "billion": 1e9, "bi": 1e9}


@dataclass(frozen=True)
class Reading:
    """One way to read a written number: its value and the half-unit it is rounded to."""

    value: float
    tolerance: float
    percent: bool = False


def _scale(suffix: str) -> float:
    word = suffix.strip().lower()
    if word.startswith("milh"):
        return 1e6
    if word.startswith("bilh"):
        return 1e9
    return _SCALES.get(word, 1.0)


def _plain_readings(digits: str) -> list[tuple[float, int]]:
    """(value, decimals) for each plausible reading of the digits and separators."""
    digits = re.sub(r"[\u00a0\u202f\u2009]", "", digits)
    seps = [c for c in digits if c in ".,"]
    if not seps:
        return [(float(digits), 0)]
    last = digits.rfind(seps[-1])
    if len(set(seps)) == 2 or (len(seps) > 1 and seps.count(seps[-1]) == 1):
        whole, frac = re.sub(r"[.,]", "", digits[:last]), digits[last + 1 :]  # last sep is decimal
        return [(float(f"{whole}.{frac}"), len(frac))]
    if len(seps) > 1:  # one separator repeated: thousands groups
        return [(float(re.sub(r"[.,]", "", digits)), 0)]
    whole, frac = digits[:last], digits[last + 1 :]
    readings = [(float(f"{whole}.{frac}"), len(frac))]
    if len(frac) == 3:  # "17,613" / "17.613": thousands or decimals
        readings.append((float(whole + frac), 0))
    return readings


def readings_of(digits: str, suffix: str = "") -> list[Reading]:
    """All readings of one written number (with its optional % or scale suffix)."""
    percent = "%" in suffix or "cent" in suffix.lower()
    scale = 1.0 if percent else _scale(suffix)
    out = []
    for value, decimals in _plain_readings(digits):
        half_unit = 0.5 * 10.0**-decimals * scale
        out.append(Reading(value * scale, half_unit, percent))
    return out


def numbers_in(text: str) -> list[tuple[str, list[Reading]]]:
    """Every number written in a text, as (what was written, its readings)."""
    return [(m.group(0).strip(), readings_of(m.group(1), m.group(2) or "")) for m in _NUMBER.finditer(text)]


def allowed_values(facts: FactsSummary) -> set[float]:
    """Numbers the narration may state: numeric facts and numbers inside string facts and highlights."""
    values: set[float] = set()
    texts: list[str] = list(facts.highlights)
    for value in facts.facts.values():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            values.add(abs(float(value)))
        else:
            texts.append(str(value))
    for text in texts:
        for _, readings in numbers_in(text):
            values.update(r.value for r in readings)
    return values


def _matches(reading: Reading, allowed: Iterable[float]) -> bool:
    tol = reading.tolerance + 1e-9
    for fact in allowed:
        if abs(fact - reading.value) <= tol:
            return True
        if reading.percent and 0 < fact <= 1 and abs(fact * 100 - reading.value) <= tol:
            return True
    return False


def unsupported_numbers(text: str, facts: FactsSummary) -> list[str]:
    """Numbers in `text` that no fact supports (empty list: the narration passes)."""
    allowed = allowed_values(facts)
    return [
        written for written, readings in numbers_in(text) if not any(_matches(r, allowed) for r in readings)
    ]
