"""A table of a Word document (代表名册.docx), streamed from word/document.xml with expat.

python-docx builds the whole document tree in memory (several times the XML's size); rosters in Word
are read here element by element instead, in bounded memory, with the same limits as a spreadsheet.
A cell's paragraphs are joined by line breaks; a cell spanning columns (gridSpan) keeps its value in its
first column; a vertically merged cell (vMerge) has the value of the cell it continues, as merged cells
in a spreadsheet are filled down. Only top-level tables are counted; a table inside a cell is part of
that cell's text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from rdtool.errors import RdtoolError, UsageError
from rdtool.io.limits import Limits, exceeded
from rdtool.io.zipped import CellTooLong, check_unzipped, damaged, expat_error, local, open_zip, parse_member

Rows = Iterator[tuple[int, list[str]]]
DOCUMENT = "word/document.xml"


class _Done(Exception):
    pass


def read_docx(path: Path, limits: Limits, table: int | None = None) -> Rows:
    import zipfile

    wanted = table or 1
    book = open_zip(path, limits, "docx")
    ready: list[tuple[int, list[str]]] = []
    st = {"depth": 0, "tables": 0, "mine": False, "row": 0, "in_t": False, "span": 1, "vmerge": None,
          "size": 0, "before": 0}
    row: list[str] = []
    above: dict[int, str] = {}   # grid column → value of the merged cell a vMerge continues
    parts: list[str] = []

    def start(tag, attrs):
        tag = local(tag)
        if tag == "tbl":
            st["depth"] += 1
            if st["depth"] == 1:
                st["tables"] += 1
                st["mine"] = st["tables"] == wanted
            return
        if not st["mine"]:
            return
        if tag == "t":
            st["in_t"] = True
        elif tag in ("br", "tab", "cr"):
            parts.append(" " if tag == "tab" else "\n")
        elif st["depth"] != 1:
            return  # inside a table in a cell: only its text counts
        elif tag == "tr":
            row.clear()
            st["row"] += 1
            st["before"] = 0
        elif tag == "gridBefore":
            st["before"] = max(0, min(_int(attrs, 0), 64))
        elif tag == "tc":
            row.extend([""] * st["before"])
            st["before"] = 0
            parts.clear()
            st.update(span=1, vmerge=None, size=0)
        elif tag == "gridSpan":
            st["span"] = max(1, min(_int(attrs, 1), 64))
        elif tag == "vMerge":
            st["vmerge"] = next((v for k, v in attrs.items() if local(k) == "val"), "continue")

    def end(tag):
        tag = local(tag)
        if tag == "tbl":
            st["depth"] -= 1
            if st["depth"] == 0 and st["mine"]:
                raise _Done
            return
        if not st["mine"]:
            return
        if tag == "t":
            st["in_t"] = False
        elif tag == "p":
            if parts and parts[-1] != "\n":
                parts.append("\n")
        elif st["depth"] != 1:
            return
        elif tag == "tc":
            col = len(row)
            value = "".join(parts).strip()
            if st["vmerge"] == "continue":
                value = above.get(col, "")
            elif st["vmerge"] == "restart":
                above[col] = value
            else:
                above.pop(col, None)
            row.extend([value] + [""] * (st["span"] - 1))
        elif tag == "tr":
            ready.append((st["row"], list(row)))

    def text(data):
        if st["mine"] and st["in_t"]:
            st["size"] += len(data)
            if st["size"] > limits.cell:
                raise CellTooLong(f"表格第{st['row']}行第{len(row) + 1}列")
            parts.append(data)

    try:
        with book:
            if DOCUMENT not in book.NameToInfo:
                raise damaged(path, "docx")
            check_unzipped(path, book, [DOCUMENT], limits)
            try:
                yield from parse_member(book, DOCUMENT, {"StartElementHandler": start, "EndElementHandler": end,
                                                         "CharacterDataHandler": text}, limits.cell, ready)
            except _Done:  # (the table is read: what the last chunk completed)
                yield from ready
                return
    except CellTooLong as exc:
        raise exceeded(path.name, f"{exc.where}的单元格超过 {limits.cell} 字", f"每格 {limits.cell} 字", "cell") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError):
        raise damaged(path, "docx") from None
    except expat_error() as exc:
        raise RdtoolError(f"{path.name} 的内容不是有效的 XML（{exc}），文件可能已损坏",
                          "请在 Word/WPS 中打开后重新保存为 .docx") from None
    if st["tables"] == 0:
        raise RdtoolError(f"{path.name} 中没有表格", "代表名册应是 Word 文档中的一个表格；或把表格复制到 Excel 另存为 .xlsx")
    raise UsageError(f"{path.name} 只有 {st['tables']} 个表格，没有第 {wanted} 个")


def _int(attrs: dict, default: int) -> int:
    value = next((v for k, v in attrs.items() if local(k) == "val"), None)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
