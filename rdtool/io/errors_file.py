"""`import … --errors FILE`: the file's rows written back out with a 错误 column, to be corrected in Excel/WPS
and imported as it is.

Every data row is written (in the file's order, with the file's own columns; title and footer rows left
out, merged cells filled), the rows with errors saying what is wrong in 错误: importing the corrected
file then imports the whole roster, not only the rows that were wrong. `.xlsx` (every cell stored as text,
so that Excel cannot turn an ID into a number again) or CSV in UTF-8 with BOM (what Excel opens
directly). Written through rdtool.output_file like every other file rdtool writes (a temporary file renamed into
place when complete, mode 0600 — a roster holds ID numbers —, never the database or one of its backups, an
existing file only with --force or a yes on a terminal).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from rdtool.cells import PEOPLE_TEXT
from rdtool.errors import UsageError
from rdtool.io.kinds import RowError
from rdtool.io.limits import Limits
from rdtool.io.table import ERRORS_COLUMN, Layout, data_rows, header_key


def check_destination(dest: Path, source: Path, store, overwrite) -> None:
    """Before the import reads anything: .xlsx or .csv, never the file being imported, and whatever
    rdtool.output_file refuses (the database, its companions and backups, an existing file not to be replaced)."""
    from rdtool.output_file import check

    if dest.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"--errors 的文件应以 .xlsx 或 .csv 结尾：{dest}")
    from rdtool.paths import same_file

    if dest.exists() and source.exists() and same_file(dest, source):
        raise UsageError(f"--errors 不能写到要导入的文件本身：{dest}", "请另选一个文件名，如 错误.xlsx")
    check(dest, db=Path(store.path), overwrite=overwrite)


def write(dest: Path, source: Path, limits: Limits, layout: Layout, errors: list[RowError],
          table: int | None = None, db: Path | None = None) -> None:
    """Write the rows with their errors (the destination was accepted by check_destination)."""
    from rdtool.output_file import open_binary

    from rdtool.io.read import open_table

    by_row: dict[int, list[str]] = {}
    for e in sorted(errors, key=lambda e: e.row):
        where = layout.where(e.field) if e.field else ""
        text = (f"{where}：" if where else "") + e.message
        by_row.setdefault(e.row, []).append(text)
    header = list(layout.header)
    at = next((i for i, h in enumerate(header) if header_key(h) == header_key(ERRORS_COLUMN)), None)
    if at is None:
        header.append(ERRORS_COLUMN)
        at = len(header) - 1

    def rows():
        quiet = Layout(layout.header_row, layout.header, {})  # (its notes are not wanted twice)
        for number, cells in data_rows(open_table(source, limits, table), quiet):
            cells = list(cells) + [""] * (len(header) - len(cells))
            cells[at] = "；".join(by_row.get(number, []))
            yield cells, number in by_row

    with open_binary(dest, db=db, overwrite=True) as out:
        if dest.suffix.lower() == ".xlsx":
            _xlsx(out, header, rows(), at)
        else:
            _csv(out, header, rows(), {i for i, f in layout.columns.items() if f in PEOPLE_TEXT})


# digits no spreadsheet keeps as a number (15 significant digits): an ID in a column the import did not take as one
_LONG_DIGITS = re.compile(r"\d{15,}")


def _csv(raw: BinaryIO, header: list[str], rows, whole: set[int]) -> None:
    """A CSV for people, as the exporter's: ID and phone numbers (the columns `whole`, and any cell of 15 digits or
    more) written ="…", so that Excel, WPS and Calc keep them whole when she opens the file by double-click
    (docs/csv.md); importing the corrected file reads them as the digits."""
    import csv
    import io

    from rdtool.cells import kept_whole, neutralise

    out = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(out, lineterminator="\n")  # LF, as every file rdtool writes (README)
        writer.writerow(header)
        for cells, _ in rows:
            writer.writerow([kept_whole(c) if i in whole or _LONG_DIGITS.fullmatch(c) else neutralise(c)
                             for i, c in enumerate(cells)])
        out.flush()
    finally:
        out.detach()  # (open_binary closes the file)


def _xlsx(out: BinaryIO, header: list[str], rows, at: int) -> None:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    from rdtool.io.xlsx_cells import cell as text_cell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("导入错误")
    sheet.freeze_panes = "A2"
    widths = [max(6, min(40, 2 * len(h) + 2)) for h in header]
    widths[at] = 60
    for i, w in enumerate(widths):
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(i + 1)].width = w
    from rdtool.io.sheet_print import for_printing

    for_printing(sheet, widths)
    bold, red = Font(bold=True), Font(color="C00000")
    mark = PatternFill("solid", fgColor="FFF2CC")

    def cell(value: str, font=None, fill=None):
        # text, never a formula ("=1+2" stays what she typed); "@": an ID stays an ID
        return text_cell(sheet, value, font=font, fill=fill, number_format="@")

    sheet.append([cell(h, bold) for h in header])
    for cells, bad in rows:
        sheet.append([cell(v, red if (bad and i == at) else None, mark if bad else None)
                      for i, v in enumerate(cells)])
    book.save(out)
