"""Export a kind as CSV/TSV/JSON/JSONL (streamed through the renderer) or .xlsx (docs/csv.md).

CSV/TSV carry the contract's codes, or with `--headers zh` Chinese headers and labels (是/否, 男, 中共党员) —
both import back. JSON/JSONL carry JSON booleans, numbers and null. An .xlsx is for people: typed cells
(dates, numbers), ID and phone numbers as text, a bold frozen header with a filter, widths from the content,
the sheet named after the kind; its cells are never formulas, so no `'` guard is written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from rdtool.fields import PRIVATE_FIELDS
from rdtool.io.kinds import Kind
from rdtool.output_file import open_binary, open_text
from rdtool.render import Column, csv_writer, render_rows
from rdtool.cells import header
from rdtool.store.db import Store


def export_kind(store: Store, kind: Kind, fmt: str, output: Path | None, headers: str = "en", bom: bool = False,
                show_private: bool = False, progress=None, overwrite=False) -> int:
    """Write the kind's records; `progress(stage, done, None)` is told after each batch of a streamed export.

    A file is written through rdtool.output_file (never onto the database, whole or not at all); `overwrite`
    says whether an existing file may be replaced."""
    cols = kind.export_columns()
    if fmt in ("csv", "tsv") and kind.export_sql is not None:
        if output is None:
            return _stream_sql(store, kind, cols, fmt, sys.stdout, headers, bom, show_private, progress)
        with open_text(output, db=store.path, overwrite=overwrite) as out:
            return _stream_sql(store, kind, cols, fmt, out, headers, bom, show_private, progress)
    rows = kind.export(store, show_private)
    if fmt == "xlsx":
        with open_binary(output, db=store.path, overwrite=overwrite) as out:
            return _write_xlsx(rows, cols, out, headers, kind.sheet_name)
    if output is None:
        return render_rows(rows, cols, fmt, sys.stdout, headers=headers, bom=bom)
    with open_text(output, db=store.path, overwrite=overwrite) as out:
        return render_rows(rows, cols, fmt, out, headers=headers, bom=bom)


def _stream_sql(store: Store, kind: Kind, cols: list[Column], fmt: str, out, headers: str, bom: bool,
                show_private: bool, progress=None) -> int:
    """CSV/TSV straight from one query to the file: constant memory, no per-cell Python."""
    from rdtool.labels import ENUMS
    from rdtool.store.export import batches, cell_sql

    zh = headers == "zh"
    cells = [cell_sql(c.key, {code: lab for code, (lab, _) in ENUMS[c.enum].items()} if zh and c.enum else None,
                      (("是", "否") if zh else ("true", "false")) if c.kind == "bool" else None) for c in cols]
    rows = batches(store, kind.export_sql(store, show_private), cells)
    writer = csv_writer(out, fmt, bom)
    writer.writerow([header(c, zh) for c in cols])
    n = 0
    for batch in rows:
        writer.writerows(batch)
        n += len(batch)
        if progress is not None:
            progress("导出", n, None)
    return n


WIDTH_SAMPLE = 1000                     # rows read before the column widths are fixed (write-only sheets)
MAX_WIDTH = 60


def _write_xlsx(rows, cols: list[Column], output: BinaryIO, headers: str, sheet_name: str) -> int:
    import itertools

    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from rdtool.io.sheet_print import for_printing
    from rdtool.io.xlsx_cells import cell

    zh = headers == "zh"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    rows = iter(rows)
    head = list(itertools.islice(rows, WIDTH_SAMPLE))
    values = [[_xlsx_value(c, r.get(c.key), zh) for c in cols] for r in head]
    widths = []
    for i, c in enumerate(cols):
        need = max([_display_width(header(c, zh)), *(_display_width(_shown(v[i])) for v in values)])
        widths.append(min(MAX_WIDTH, need + 2))
        sheet.column_dimensions[get_column_letter(i + 1)].width = widths[-1]
    sheet.freeze_panes = "A2"
    for_printing(sheet, widths)
    bold = Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center")

    def header_cell(text: str):
        return cell(sheet, text, font=bold, alignment=centred)

    def data_cell(col: Column, value):
        if isinstance(value, str):  # text is text: "=…" is never a formula (rdtool.io.xlsx_cells)
            return cell(sheet, value, number_format="@" if col.key in PRIVATE_FIELDS else None)
        return cell(sheet, value, number_format="yyyy-mm-dd" if col.kind == "date" and value is not None else None)

    sheet.append([header_cell(header(c, zh)) for c in cols])
    n = 0
    for row in values:
        sheet.append([data_cell(c, v) for c, v in zip(cols, row)])
        n += 1
    for r in rows:
        sheet.append([data_cell(c, _xlsx_value(c, r.get(c.key), zh)) for c in cols])
        n += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{n + 1}"
    book.save(output)
    return n


def _xlsx_value(col: Column, value, zh: bool):
    """A typed cell value: dates as dates, numbers as numbers, booleans as TRUE/FALSE (是/否 under zh)."""
    from datetime import date

    from rdtool.cells import human

    if value is None or value == "":
        return None
    if col.kind == "date" and isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # (a month-only date such as 1979-08 stays text)
    if col.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if col.kind == "bool":
        return human(col, value) if zh else bool(value)
    if zh:
        return human(col, value)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def _shown(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return "0000-00-00  "  # (a date cell needs a little more than its digits)
    return str(value)


def _display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: CJK and full-width characters count double."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
