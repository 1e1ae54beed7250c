"""The one way rdtool makes a cell of an .xlsx it writes (the exporter, an import's --errors file).

Text is stored as text: openpyxl takes any string that starts with "=" for a formula (`=1+2`, `=HYPERLINK(…)`),
which her office program would compute and, once she saved the file, keep as its result — the data changed on
the way back in. A cell made here is a string cell whatever its text starts with.
"""

from __future__ import annotations

from typing import Any


def cell(sheet: Any, value: Any, *, font: Any = None, fill: Any = None, alignment: Any = None,
         number_format: str | None = None):
    """A write-only cell holding `value`; a str is text (never a formula), other values keep their type."""
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        c.data_type = "s"
    if number_format is not None:
        c.number_format = number_format
    if font is not None:
        c.font = font
    if fill is not None:
        c.fill = fill
    if alignment is not None:
        c.alignment = alignment
    return c
