"""Spreadsheet cells a spreadsheet program would run as a formula (issue 18, item 5).

The OWASP rule for CSV injection: a cell that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return may be taken for a formula (``=HYPERLINK(...)``,
``=cmd|' /C calc'!A0``, ``@SUM(1)``). Imports refuse such text cells; exports keep
them as text. Only text is concerned: a number written as a number (``-3``) is a
number, never a formula.
"""

from __future__ import annotations

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """True for a text that a spreadsheet could evaluate; False for numbers and dates."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralised(value: str) -> str:
    """A text cell for CSV: a leading single quote where it could be taken for a formula
    (spreadsheets show the text as typed and evaluate nothing)."""
    return "'" + value if looks_like_formula(value) else value
