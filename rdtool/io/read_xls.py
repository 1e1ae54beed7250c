"""Excel 97–2003 workbooks (.xls), read with xlrd (≥ 2 reads only .xls, which is what it is for here).

xlrd holds the sheet in memory; the file-size limit bounds it (an .xls holds at most 65,536 rows).
Dates are told by their number format as in .xlsx (a month-only format gives a month), merged
ranges are filled down, and numbers Excel could not keep exactly keep Excel's scientific form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from rdtool.errors import RdtoolError, UsageError
from rdtool.io.limits import MB, Limits, exceeded
from rdtool.io.cells import column_letter, date_kind, number_text, serial_date

Rows = Iterator[tuple[int, list[str]]]


def read_xls(path: Path, limits: Limits, table: int | None = None) -> Rows:
    """The rows of a visible sheet. xlrd reads the whole workbook into memory (about five times its size
    on disk), so an .xls may be half as large as the file-size limit allows other files to be."""
    size = path.stat().st_size
    if size > limits.file_bytes // 2:
        raise RdtoolError(f"{path.name}：Excel 97–2003 文件有 {size / MB:.1f} MB，超过导入上限（.xls 为 "
                          f"{limits.file_mb / 2:g} MB，是 import_max_file_mb 的一半），没有导入任何记录",
                          "请在 Excel/WPS 中“另存为”.xlsx 后导入（.xlsx 按行读取，可以大一倍）")
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception:  # xlrd raises many kinds (XLRDError, CompDocError, struct.error…) for a damaged file
        raise RdtoolError(f"无法作为 .xls 打开：{path}（文件损坏或不是 Excel 97–2003 工作簿）",
                          "请在 Excel/WPS 中打开后“另存为”.xlsx 再导入") from None
    try:
        visible = [i for i in range(book.nsheets) if book.sheet_by_index(i).visibility == 0]
        index = (table or 1) - 1
        if index >= len(visible):
            raise UsageError(f"{path.name} 只有 {len(visible)} 个工作表，没有第 {table} 个")
        sheet = book.sheet_by_index(visible[index])
        kinds = {}
        for key, fmt in book.format_map.items():
            kinds[key] = date_kind(fmt.format_str or "")
        fill: dict[int, tuple[int, int]] = {}   # (row, column) below the top of a merged range → top row
        for rlo, rhi, clo, _chi in sheet.merged_cells:
            for r in range(rlo + 1, rhi):
                fill[(r, clo)] = rlo
        for r in range(sheet.nrows):
            cells = []
            for c in range(sheet.row_len(r)):
                source = fill.get((r, c), r)
                value = _cell(book, sheet, source, c, kinds)
                if len(value) > limits.cell:
                    raise exceeded(path.name, f"第{r + 1}行 {column_letter(c)}列的单元格超过 {limits.cell} 字",
                                   f"每格 {limits.cell} 字", "cell")
                cells.append(value)
            yield r + 1, cells
    finally:
        book.release_resources()


def _cell(book, sheet, r: int, c: int, kinds: dict) -> str:
    import xlrd

    if c >= sheet.row_len(r):
        return ""
    kind = sheet.cell_type(r, c)
    value = sheet.cell_value(r, c)
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    fmt = book.xf_list[sheet.cell_xf_index(r, c)].format_key
    date = kinds.get(fmt)
    if kind == xlrd.XL_CELL_DATE or date:
        return serial_date(value, date or "date", book.datemode == 1)
    return number_text(repr(value))
