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
import struct
import zipfile
from array import array
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Iterator

from rdtool.errors import RdtoolError, UsageError
from rdtool.io.limits import MB, Limits, exceeded

Rows = Iterator[tuple[int, list[str]]]
MAX_ENTRIES = 2000
MAX_MERGES = 200_000
CHUNK = 1 << 16


# --- the zip container (shared with the .docx reader) -------------------------------------------------------

def open_zip(path: Path, limits: Limits, what: str) -> zipfile.ZipFile:
    """The archive, after checking its entry count from the end record (a zip of a million entries would
    cost gigabytes before its first byte is read)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - (1 << 16) - 22))
            tail = f.read()
        at = tail.rfind(b"PK\x05\x06")
        if at >= 0 and len(tail) >= at + 12:
            (entries,) = struct.unpack("<H", tail[at + 10:at + 12])
            if entries > MAX_ENTRIES:
                raise RdtoolError(f"{path.name} 含有 {entries} 个压缩条目，不像是 {what} 文件，没有导入")
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise _damaged(path, what) from None


def _damaged(path: Path, what: str) -> RdtoolError:
    formats = {"xlsx": "Excel 2007 以后的格式（.xlsx）", "docx": "Word 2007 以后的格式（.docx）"}
    return RdtoolError(f"无法作为 .{what} 打开：{path}（文件损坏或不是 {what}）", f"请确认文件未损坏，并且是 {formats[what]}")


def check_unzipped(path: Path, book: zipfile.ZipFile, names: list[str], limits: Limits) -> None:
    total = sum(book.getinfo(n).file_size for n in names if n in book.NameToInfo)
    if total > limits.unzipped_bytes:
        raise exceeded(path.name, f"解压后有 {total / MB:.0f} MB", f"解压后 {limits.unzipped_mb} MB", "unzipped_mb")


def parse_member(book: zipfile.ZipFile, name: str, handlers: dict[str, Callable], cell_limit: int,
                 emit: Callable[[], Iterator] | None = None) -> Iterator:
    """Feed one member to expat in chunks; after each chunk, yield what `emit` has ready.

    A tag with no '>' for longer than a cell may be (an attribute of hundreds of megabytes) is refused
    before expat buffers it.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.buffer_text = False
    for event, fn in handlers.items():
        setattr(parser, event, fn)
    guard = max(1 << 20, 8 * cell_limit)
    in_tag = 0   # bytes since a '<' not yet closed by '>'
    with book.open(name) as stream:
        while True:
            chunk = stream.read(CHUNK)
            lt, gt = chunk.rfind(b"<"), chunk.rfind(b">")
            if lt > gt:
                in_tag = len(chunk) - lt
            elif gt >= 0:
                in_tag = 0
            elif in_tag:
                in_tag += len(chunk)
            if in_tag > guard:
                raise RdtoolError(f"{name} 中有一个超过 {guard // MB} MB 的标记，文件结构异常，没有导入")
            parser.Parse(chunk, not chunk)
            if emit is not None:
                yield from emit()
            if not chunk:
                return


def local(tag: str) -> str:
    """A tag or attribute name without its namespace: 'x:c', '{…/main}c' → 'c'."""
    return tag.rpartition("}")[2].rpartition(":")[2]


class CellTooLong(Exception):
    def __init__(self, where: str):
        self.where = where


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
        raise _damaged(path, "xlsx") from None
    except ET.ParseError:
        raise _damaged(path, "xlsx") from None
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
        raise _damaged(path, "xlsx")
    return member, name, len(sheets), date1904


# Built-in number formats that are dates (ECMA-376 18.8.30, with the zh-CN ones 27–36 and 50–58).
_BUILTIN_MONTH = {27, 36, 50, 52, 57}
_BUILTIN_DATE = {14, 15, 16, 17, 22, 28, 29, 30, 31, 51, 53, 54, 58}
_BUILTIN_TIME = {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56}


def date_kind(code: str) -> str | None:
    """'date', 'month', 'time' or None for an Excel number format code."""
    text = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", code).split(";")[0].lower()
    if "general" in text or not re.search(r"[ymdhse]", text.replace("e+", "").replace("e-", "")):
        return None
    has_y, has_d, has_time = "y" in text or "e" in text, "d" in text, "h" in text or "s" in text
    if has_y and not has_d and not has_time and "m" in text:
        return "month"
    if has_y or has_d or ("m" in text and not has_time):
        return "date"
    return "time" if has_time else None


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
        elif fmt in _BUILTIN_MONTH:
            kinds.append("month")
        elif fmt in _BUILTIN_DATE:
            kinds.append("date")
        elif fmt in _BUILTIN_TIME:
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


# --- cells ----------------------------------------------------------------------------------------------

def column_index(ref: str) -> int:
    """'A' → 0, 'AB' → 27."""
    n = 0
    for ch in ref:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def serial_date(serial: float, kind: str, date1904: bool) -> str:
    """An Excel date serial as ISO text: 1979-08-15, a month 1979-08, or a date and time."""
    if date1904:
        base = date(1904, 1, 1)
    else:
        base = date(1899, 12, 30) if serial >= 61 else date(1899, 12, 31)
    days = int(serial)
    seconds = round((serial - days) * 86400)
    day = base + timedelta(days=days)
    if kind == "month":
        return day.isoformat()[:7]
    if kind == "time":
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if seconds:
        return f"{day.isoformat()}T{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return day.isoformat()


def number_text(text: str) -> str:
    """A number cell as the person typed it: 13800001234, 3.5; an integer of 16+ digits (which Excel
    cannot keep: it holds 15 significant digits) in Excel's scientific form, 3.32527197901011E+17."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    if value == value.to_integral_value():
        if abs(value) >= Decimal(10) ** 15:
            return f"{float(value):.14E}"
        return str(int(value))
    return repr(float(value))


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
        raise _damaged(path, "xlsx") from None
    except _expat_error() as exc:
        raise RdtoolError(f"{path.name} 的内容不是有效的 XML（{exc}），文件可能已损坏",
                          "请在 Excel/WPS 中打开后重新保存为 .xlsx") from None


def _expat_error():
    from xml.parsers.expat import ExpatError

    return ExpatError


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
            ref = _REF.match(attrs.get("r", ""))
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

    def emit():
        if ready:
            out = ready[:]
            ready.clear()
            yield from out

    try:
        yield from parse_member(book, member, {"StartElementHandler": start, "EndElementHandler": end,
                                               "CharacterDataHandler": text}, limits.cell, emit)
    except CellTooLong as exc:
        where = exc.where or f"第{st['row']}行 {column_letter(st['col'])}列"
        raise exceeded(path.name, f"{where}的单元格超过 {limits.cell} 字", f"每格 {limits.cell} 字", "cell") from None


def _value(raw: str, st: dict, strings: SharedStrings, styles: list, date1904: bool) -> str:
    t = st["t"]
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
    kind = styles[st["s"]] if 0 <= st["s"] < len(styles) else None
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
