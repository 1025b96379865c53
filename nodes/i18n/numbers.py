"""Numbers written for people, in the answer's language.

English `1,234.5` (thousands ',', decimal '.'); Portuguese `1.234,5` (thousands '.', decimal ',').
Rounding is half away from zero on the number as written in decimal ("2.675" -> "2.68"), never
banker's rounding; a value that rounds to zero is written without a sign.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_MAX_DECIMALS = 2
_PT_SEPARATORS = str.maketrans(",.", ".,")


def _rounded(x: float | int, decimals: int) -> Decimal:
    exact = Decimal(x) if isinstance(x, int) else Decimal(repr(x))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_number(x: float | int, lang: str = "en", decimals: int | None = None) -> str:
    """`x` with thousands and decimal separators of `lang` ('pt' or anything else: English).

    decimals=None: integers as integers; other numbers with up to DEFAULT_MAX_DECIMALS decimals,
    trailing zeros dropped (1.0 -> "1", 2.50 -> "2.5"). decimals=N: exactly N decimals.
    """
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise TypeError(f"fmt_number needs a number, not {type(x).__name__}")
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    natural = 0 if isinstance(x, int) else DEFAULT_MAX_DECIMALS
    places = natural if decimals is None else max(decimals, 0)
    value = _rounded(x, places)
    if value == 0:
        value = abs(value)
    text = f"{value:,.{places}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang.lower().startswith("pt"):
        text = text.translate(_PT_SEPARATORS)
    return text
