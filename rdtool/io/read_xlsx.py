"""Streaming .xlsx reader: zipfile + expat, in bounded memory, with merged cells filled down.

openpyxl's read-only mode holds every shared string as a Python object and cannot see merged cells;
this reader keeps shared strings as UTF-8 bytes with offsets (memory ≈ their size on disk once
unzipped), reads the sheet row by row, stops at a cell longer than the limit, and refuses a workbook
that would unzip to more than the limit before reading it (declared sizes bind: zipfile never returns
more than an entry declares). Date cells are told by their number format (styles.xml), month-only
formats (yyyy"年"m"月") give a month (1979-08), and numbers too long for Excel to keep exactly (an ID
typed in a number cell) keep Excel's own scientific form, so the field rules can say what happened.
"""

from __future__ import annotations

import re
import zipfile
from array import array
from pathlib import Path
from typing import Iterator

from rdtool.errors import RdtoolError, UsageError
from rdtool.io.cells import (
    BUILTIN_DATE,
    BUILTIN_MONTH,
    BUILTIN_TIME,
    REF,
    column_index,
    column_letter,
    date_kind,
    number_text,
    serial_date,
)
from rdtool.io.limits import MB, Limits, exceeded
from rdtool.io.zipped import (
    CHUNK,
    CellTooLong,
    check_unzipped,
    damaged,
    expat_error,
    local,
    open_zip,
    parse_member,
)

Rows = Iterator[tuple[int, list[str]]]
MAX_MERGES = 200_000


# --- workbook parts -------------------------------------------------------------------------------------

def _sheet_member(path: Path, book: zipfile.ZipFile, table: int | None) -> tuple[str, str, int, bool]:
    """(member name, sheet name, sheets in the workbook, date1904) of the sheet to read."""
    import xml.etree.ElementTree as ET

    def small(name: str) -> bytes:
        info = book.getinfo(name)
        if info.file_size > 8 * MB:
            raise RdtoolError(f"{path.name}：{name} 过大，文件可能已损坏")
        return book.read(name)

    try:
        wb = ET.fromstring(small("xl/workbook.xml"))
        rels = ET.fromstring(small("xl/_rels/workbook.xml.rels"))
    except KeyError:
        raise damaged(path, "xlsx") from None
    except ET.ParseError:
        raise damaged(path, "xlsx") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels if local(r.tag) == "Relationship"}
    date1904 = any(local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true") for e in wb.iter())
    sheets = []
    for e in wb.iter():
        if local(e.tag) == "sheet" and e.get("state", "visible") == "visible":
            rid = next((v for k, v in e.attrib.items() if local(k) == "id"), None)
            target = targets.get(rid, "")
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            sheets.append((member, e.get("name", "")))
    if not sheets:
        raise RdtoolError(f"{path.name} 中没有可见的工作表")
    index = (table or 1) - 1
    if index >= len(sheets):
        raise UsageError(f"{path.name} 只有 {len(sheets)} 个工作表，没有第 {table} 个")
    member, name = sheets[index]
    if member not in book.NameToInfo:
        raise damaged(path, "xlsx")
    return member, name, len(sheets), date1904


def _styles(book: zipfile.ZipFile, limits: Limits) -> list[str | None]:
    """The date kind of each cell format (cellXfs, in order)."""
    if "xl/styles.xml" not in book.NameToInfo:
        return []
    formats: dict[int, str] = {}
    xfs: list[int] = []
    where = []

    def start(tag, attrs):
        tag = local(tag)
        if tag in ("cellXfs", "cellStyleXfs"):
            where.append(tag)
        elif tag == "numFmt":
            try:
                formats[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "xf" and where and where[-1] == "cellXfs":
            try:
                xfs.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xfs.append(0)

    def end(tag):
        if local(tag) in ("cellXfs", "cellStyleXfs") and where:
            where.pop()

    for _ in parse_member(book, "xl/styles.xml", {"StartElementHandler": start, "EndElementHandler": end},
                          limits.cell):
        pass
    kinds = []
    for fmt in xfs:
        if fmt in formats:
            kinds.append(date_kind(formats[fmt]))
        elif fmt in BUILTIN_MONTH:
            kinds.append("month")
        elif fmt in BUILTIN_DATE:
            kinds.append("date")
        elif fmt in BUILTIN_TIME:
            kinds.append("time")
        else:
            kinds.append(None)
    return kinds


class SharedStrings:
    """The workbook's shared strings as UTF-8 bytes and offsets; strings over the cell limit are marked."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.ends = array("Q", [0])
        self.too_long: set[int] = set()

    def __len__(self) -> int:
        return len(self.ends) - 1

    def get(self, i: int) -> str:
        if i in self.too_long:
            raise CellTooLong("")
        return self.data[self.ends[i]:self.ends[i + 1]].decode("utf-8")

    def read(self, book: zipfile.ZipFile, limits: Limits) -> None:
        if "xl/sharedStrings.xml" not in book.NameToInfo:
            return
        parts: list[str] = []
        state = {"in_t": False, "rph": 0, "size": 0, "long": False}

        def start(tag, attrs):
            tag = local(tag)
            if tag == "si":
                parts.clear()
                state.update(size=0, long=False)
            elif tag == "rPh":
                state["rph"] += 1
            elif tag == "t" and not state["rph"]:
                state["in_t"] = True

        def end(tag):
            tag = local(tag)
            if tag == "t":
                state["in_t"] = False
            elif tag == "rPh":
                state["rph"] -= 1
            elif tag == "si":
                if state["long"]:
                    self.too_long.add(len(self))
                    self.ends.append(len(self.data))
                else:
                    self.data += "".join(parts).encode("utf-8")
                    self.ends.append(len(self.data))

        def text(data):
            if state["in_t"] and not state["long"]:
                state["size"] += len(data)
                if state["size"] > limits.cell:
                    state["long"] = True
                    parts.clear()
                else:
                    parts.append(data)

        for _ in parse_member(book, "xl/sharedStrings.xml", {"StartElementHandler": start, "EndElementHandler": end,
                                                             "CharacterDataHandler": text}, limits.cell):
            pass


def read_xlsx(path: Path, limits: Limits, table: int | None = None) -> Rows:
    book = open_zip(path, limits, "xlsx")
    try:
        with book:
            member, _, _, date1904 = _sheet_member(path, book, table)
            check_unzipped(path, book, [member, "xl/sharedStrings.xml", "xl/styles.xml"], limits)
            styles = _styles(book, limits)
            strings = SharedStrings()
            strings.read(book, limits)
            merges = _merges(book, member, path)
            yield from _rows(book, member, path, limits, strings, styles, merges, date1904)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError):
        raise damaged(path, "xlsx") from None
    except expat_error() as exc:
        raise RdtoolError(f"{path.name} 的内容不是有效的 XML（{exc}），文件可能已损坏",
                          "请在 Excel/WPS 中打开后重新保存为 .xlsx") from None


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


def _merges(book: zipfile.ZipFile, member: str, path: Path) -> dict[int, list[tuple[int, int]]]:
    """Top row → [(column, last row)] of each merged range spanning several rows (the sheet lists them
    after its rows, so they are found by a quick scan first)."""
    found: set[tuple[int, int, int]] = set()
    tail = b""
    with book.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            data = tail + chunk
            for m in _MERGE.finditer(data):
                if m.group(3):
                    top, last = int(m.group(2)), int(m.group(4))
                    if last > top:
                        found.add((top, column_index(m.group(1).decode()), last))
            if len(found) > MAX_MERGES:
                raise RdtoolError(f"{path.name} 中合并单元格超过 {MAX_MERGES} 处，文件结构异常，没有导入")
            tail = data[-512:]
    merges: dict[int, list[tuple[int, int]]] = {}
    for top, col, last in found:
        merges.setdefault(top, []).append((col, last))
    return merges


def _rows(book, member, path: Path, limits: Limits, strings: SharedStrings, styles: list, merges: dict,
          date1904: bool) -> Rows:
    ready: list[tuple[int, list[str]]] = []
    fill: dict[int, tuple[str, int]] = {}   # column → (value, last row) of a merged range being filled
    st = {"row": 0, "cells": {}, "col": -1, "t": None, "s": 0, "in_v": False, "in_t": False, "rph": 0,
          "size": 0}
    parts: list[str] = []

    def start(tag, attrs):
        tag = local(tag)
        if tag == "c":
            ref = REF.match(attrs.get("r", ""))
            st["col"] = column_index(ref.group(1)) if ref else st["col"] + 1
            st["t"], st["size"] = attrs.get("t"), 0
            try:
                st["s"] = int(attrs.get("s", "0"))
            except ValueError:
                st["s"] = 0
            parts.clear()
        elif tag == "v":
            st["in_v"] = True
        elif tag == "rPh":
            st["rph"] += 1
        elif tag == "t" and not st["rph"]:
            st["in_t"] = True
        elif tag == "row":
            try:
                st["row"] = int(attrs.get("r") or st["row"] + 1)
            except ValueError:
                st["row"] += 1
            st["cells"], st["col"] = {}, -1

    def end(tag):
        tag = local(tag)
        if tag == "v":
            st["in_v"] = False
        elif tag == "t":
            st["in_t"] = False
        elif tag == "rPh":
            st["rph"] -= 1
        elif tag == "c":
            raw = "".join(parts)
            if raw:
                st["cells"][st["col"]] = _value(raw, st, strings, styles, date1904)
        elif tag == "row":
            ready.append((st["row"], _filled(st["row"], st["cells"], merges, fill)))

    def text(data):
        if st["in_v"] or st["in_t"]:
            st["size"] += len(data)
            if st["size"] > limits.cell:
                raise CellTooLong(f"第{st['row']}行 {column_letter(st['col'])}列")
            parts.append(data)

    try:
        yield from parse_member(book, member, {"StartElementHandler": start, "EndElementHandler": end,
                                               "CharacterDataHandler": text}, limits.cell, ready)
    except CellTooLong as exc:
        where = exc.where or f"第{st['row']}行 {column_letter(st['col'])}列"
        raise exceeded(path.name, f"{where}的单元格超过 {limits.cell} 字", f"每格 {limits.cell} 字", "cell") from None


def _value(raw: str, cell_state: dict, strings: SharedStrings, styles: list, date1904: bool) -> str:
    t = cell_state["t"]
    if t == "s":
        try:
            return strings.get(int(raw))
        except (ValueError, IndexError):
            return ""
    if t in ("inlineStr", "str", "e"):
        return raw
    if t == "b":
        return "TRUE" if raw.strip() == "1" else "FALSE"
    if t == "d":  # an ISO date cell (rare; strict Open XML)
        return raw[:10] if raw.endswith("T00:00:00") else raw
    kind = styles[cell_state["s"]] if 0 <= cell_state["s"] < len(styles) else None
    if kind is not None:
        try:
            return serial_date(float(raw), kind, date1904)
        except (ValueError, OverflowError):
            return raw
    return number_text(raw)


def _filled(row: int, cells: dict[int, str], merges: dict, fill: dict) -> list[str]:
    """The row's cells as a list, with the value of a merged range filled into the rows it covers."""
    for col, last in merges.get(row, ()):
        fill[col] = (cells.get(col, ""), last)
    for col, (value, last) in list(fill.items()):
        if row > last:
            del fill[col]
        elif not cells.get(col):
            cells[col] = value
    if not cells:
        return []
    out = [""] * (max(cells) + 1)
    for col, value in cells.items():
        out[col] = value
    return out
