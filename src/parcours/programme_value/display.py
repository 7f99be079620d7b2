"""How the programme's value figures are written for a person, in French or English: shared by
the web page and `parcours value compute` (which must not load the web stack to print them)."""

from __future__ import annotations

from decimal import Decimal

from parcours.programme_value.calculation import money

HUNDRED = Decimal(100)
# Counts and rates, not money: shown without forcing cents.
NOT_MONEY = {"lifetime", "customers_lost", "customers_saved"}


def local(text: str, lang: str) -> str:
    """English digits ("1,234.5") written the French way ("1 234,5")."""
    if lang != "fr":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


def plain(value: Decimal, lang: str) -> str:
    """A count or a number of years: at most two decimals, no trailing zeros."""
    text = f"{value.quantize(Decimal('0.01')).normalize():,f}"
    return local(text, lang)


def amount(value: Decimal, lang: str) -> str:
    return local(f"{money(value):,.2f}", lang)


def shown(code: str, value: Decimal, lang: str) -> str:
    return plain(value, lang) if code in NOT_MONEY else amount(value, lang)


def symbol_value(symbol: str, value: Decimal, lang: str) -> str:
    if symbol in ("c", "s"):
        return f"{plain(value * HUNDRED, lang)} %"
    if symbol in ("m", "G"):
        return amount(value, lang)
    return plain(value, lang)
