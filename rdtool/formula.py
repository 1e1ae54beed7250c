"""The one formula guard: a cell that starts with = + - @ tab or CR would run as a formula in Excel/WPS, so an
export writes it with a leading apostrophe ('=…), and an import takes that apostrophe off again, so that an
exported file imports back the same (rdtool.render, rdtool.store.export in SQL, rdtool.fields, the importer)."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = tuple("'" + c for c in FORMULA_START)


def neutralise(text: str) -> str:
    """'=SUM(A1) for =SUM(A1); other text as it is."""
    return "'" + text if text.startswith(FORMULA_START) else text


def restore(text: str) -> str:
    """Undo `neutralise`: '=… → =…; other text (an apostrophe before anything else included) as it is."""
    return text[1:] if text.startswith(_NEUTRALISED) else text


def sql(expr: str) -> str:
    """`neutralise` in SQL, for text values (by code point: cheaper than substr())."""
    points = ", ".join(str(ord(c)) for c in FORMULA_START)
    return f"CASE WHEN unicode({expr}) IN ({points}) AND typeof({expr}) = 'text' THEN '''' || {expr} ELSE {expr} END"
