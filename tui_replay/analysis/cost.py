"""A provider's reported cost (OpenRouter's `cost`, in its own unit): summed without float
noise, and written as a plain decimal.

Costs of LLM calls are small: 0.0000919 is typical, and Python writes it `9.19e-05` (`:g`).
A reader comparing calls should not have to decode exponents, so the text is always a plain
decimal. Sums are exact in decimal: 0.00025495 + 0.00037085 is 0.0006258, where float
addition gives 0.0006257999999999999, which the JSON export would show as it is.
"""

from __future__ import annotations

from decimal import Decimal

SIGNIFICANT = 6
"""Digits a cost is written with: more than any provider reports (OpenRouter gives 3 to 5)."""
TIGHT_SIGNIFICANT = 2
"""Digits in a tight header (`cost 0.00063`)."""


def add_costs(a: float, b: float) -> float:
    """`a + b` as the decimals the provider wrote add up (a float's repr is the shortest decimal
    that reads back as it, so that is the number the provider sent)."""
    return float(Decimal(repr(a)) + Decimal(repr(b)))


def cost_text(cost: float, *, tight: bool = False) -> str:
    """A reported cost without inventing precision and never in scientific notation:
    `0.0000919`, `0.0006258`, `1.5`, `1200`; `tight`: two significant digits (`0.000092`)."""
    digits = TIGHT_SIGNIFICANT if tight else SIGNIFICANT
    rounded = Decimal(f"{cost:.{digits}g}")  # `.g` drops trailing zeros; Decimal keeps no exponent below
    return f"{rounded:f}"
