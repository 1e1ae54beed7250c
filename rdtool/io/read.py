"""Reading a table file in bounded memory: CSV/TSV (UTF-8 with or without BOM, UTF-16, GB18030/GBK),
.xlsx, .xls (Excel 97–2003), a table of a .docx, or the JSON/JSONL that `rdtool export` writes.

`open_table(path, limits, table)` yields (row number as the spreadsheet or document shows it, cells).
Every reader streams and stops at the limits of `rdtool.io.limits` with a message saying which limit
and how to raise it; a file that is not a regular file (a pipe, a device) is refused before it is opened.
The format is taken from the file's first bytes, not only its name (an .xls that is really a web page
or a renamed .xlsx is told apart).
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import stat
from pathlib import Path
from typing import Iterator

from rdtool.errors import RdtoolError, UsageError
from rdtool.io.limits import MB, Limits, exceeded

Rows = Iterator[tuple[int, list[str]]]

_NOT_REGULAR = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
                (stat.S_ISSOCK, "套接字"))


def check_path(path: Path, limits: Limits) -> None:
    """A regular file, readable, within the file-size limit; else a usage or limit error."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"文件不存在：{path}", "检查路径和文件名（含扩展名 .csv、.xlsx、.xls 或 .docx）") from None
    except OSError as exc:
        raise UsageError(f"无法读取文件：{path}（{exc.strerror}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"这是一个目录，不是文件：{path}")
    if not stat.S_ISREG(st.st_mode):
        what = next((zh for test, zh in _NOT_REGULAR if test(st.st_mode)), "特殊文件")
        raise UsageError(f"{path} 是{what}，不是普通文件，不能导入", "请先把内容保存成一个文件，再导入该文件")
    if st.st_size > limits.file_bytes:
        raise exceeded(path.name, f"文件有 {st.st_size / MB:.1f} MB", f"{limits.file_mb} MB", "file_mb")
    if not os.access(path, os.R_OK):
        raise UsageError(f"没有读取权限：{path}")


def sniff(path: Path) -> str:
    """'xlsx', 'docx', 'xls', 'json', 'jsonl' or 'text', from the first bytes and then the name."""
    with open(path, "rb") as f:
        head = f.read(512)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in (".docx", ".docm") else "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if suffix in (".doc", ".wps"):
            raise RdtoolError(f"{path.name} 是 Word 97–2003 文档（.doc），不能直接导入",
                              "请在 Word/WPS 中“另存为”.docx 后导入，或把表格复制到 Excel 另存为 .xlsx")
        return "xls"
    if suffix in (".xls", ".xlsx", ".xlsm", ".et", ".docx"):
        text = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
        if text.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<")):
            raise RdtoolError(f"{path.name} 的扩展名是 {suffix}，内容却是网页（HTML/XML），不是 Excel 工作簿",
                              "这是一些系统导出的“伪 xls”；请在 Excel/WPS 中打开它，“另存为”.xlsx 后再导入")
        if suffix == ".docx":
            raise RdtoolError(f"无法作为 .docx 打开：{path}", "请确认文件未损坏，并且是 Word 2007 以后的格式（.docx）")
        if suffix in (".xlsx", ".xlsm"):
            raise RdtoolError(f"无法作为 .xlsx 打开：{path}",
                              "请确认文件未损坏，并且是 Excel 2007 以后的格式（.xlsx）")
        return "text"  # a tab-separated text saved under an .xls name
    if suffix in (".json", ".jsonl"):
        return suffix[1:]
    return "text"


def open_table(path: Path, limits: Limits, table: int | None = None) -> Rows:
    """The rows of the file (of its `table`-th sheet or Word table, counted from 1; default the first)."""
    check_path(path, limits)
    kind = sniff(path)
    if table is not None and kind not in ("xlsx", "xls", "docx"):
        raise UsageError("--table 只用于 .xlsx/.xls（第几个工作表）和 .docx（第几个表格）")
    if kind == "xlsx":
        from rdtool.io.read_xlsx import read_xlsx

        return read_xlsx(path, limits, table)
    if kind == "xls":
        from rdtool.io.read_xls import read_xls

        return read_xls(path, limits, table)
    if kind == "docx":
        from rdtool.io.read_docx import read_docx

        return read_docx(path, limits, table)
    if kind in ("json", "jsonl"):
        return _read_json(path, limits, kind == "jsonl")
    return _read_text(path, limits)


# --- CSV / TSV -----------------------------------------------------------------------------------------

_HINT_SAVE = "在 Excel/WPS 中“另存为 CSV UTF-8”，或直接导入 .xlsx 文件"


def encoding_of(path: Path) -> str:
    """The one encoding the whole file is in: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030.

    Read line by line (bounded memory); a file whose lines are partly UTF-8 and partly GBK (a row pasted
    from another file) is refused naming the first line in the other encoding, never read as mojibake.
    """
    name = path.name
    with open(path, "rb") as f:
        head = f.read(4)
        f.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            _check_utf16(f, name)
            return "utf-16"
        bom = head.startswith(codecs.BOM_UTF8)
        first: dict[str, int] = {}
        counts = {"utf-8": 0, "gb18030": 0}
        for number, line in enumerate(f, 1):
            if b"\x00" in line:
                raise RdtoolError(f"{name} 第{number}行：含有空字节（NUL），文件可能已损坏，或是不带 BOM 的 UTF-16",
                                  _HINT_SAVE)
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                enc = "utf-8"
            except UnicodeDecodeError:
                if bom:
                    raise RdtoolError(f"{name} 第{number}行不是 UTF-8 编码（文件开头标明是 UTF-8）",
                                      "这一行可能是从另一个文件粘贴来的；请在 Excel/WPS 中重新输入这一行，再“另存为 CSV UTF-8”") from None
                try:
                    line.decode("gb18030")
                    enc = "gb18030"
                except UnicodeDecodeError:
                    raise RdtoolError(f"{name} 第{number}行：无法识别的编码（不是 UTF-8、GBK/GB18030 或带 BOM 的 UTF-16）",
                                      _HINT_SAVE) from None
            counts[enc] += 1
            first.setdefault(enc, number)
    if counts["utf-8"] and counts["gb18030"]:
        main, other = ("utf-8", "gb18030") if counts["utf-8"] >= counts["gb18030"] else ("gb18030", "utf-8")
        zh = {"utf-8": "UTF-8", "gb18030": "GBK"}
        raise RdtoolError(f"{name} 第{first[other]}行是 {zh[other]} 编码，而文件其余部分是 {zh[main]} 编码，"
                          "按任何一种读都会有一部分变成乱码",
                          "这一行多半是从另一个文件粘贴来的；请在 Excel/WPS 中重新输入这一行，再“另存为 CSV UTF-8”")
    if counts["gb18030"]:
        return "gb18030"
    return "utf-8-sig"


def _check_utf16(f, name: str) -> None:
    decoder = codecs.getincrementaldecoder("utf-16")("strict")
    lines = 0
    while True:
        chunk = f.read(1 << 16)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            raise RdtoolError(f"{name} 第{lines + 1}行附近：UTF-16 编码损坏",
                              "文件可能被截断；请在 Excel/WPS 中重新保存为 CSV UTF-8") from None
        if "\x00" in text:
            lines += text.count("\n", 0, text.index("\x00"))
            raise RdtoolError(f"{name} 第{lines + 1}行：含有空字符（NUL），文件可能已损坏")
        lines += text.count("\n")
        if not chunk:
            return


def _read_text(path: Path, limits: Limits) -> Rows:
    encoding = encoding_of(path)
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab", ".txt", ".xls") else _sniff(path, encoding)
    csv.field_size_limit(limits.cell + 1)
    with open(path, encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=delimiter, strict=True)
        try:
            for cells in reader:
                yield reader.line_num, [_as_text(c) for c in cells]
        except csv.Error as exc:
            text = str(exc)
            if "field larger" in text:
                raise exceeded(path.name, f"第{reader.line_num}行附近有单元格超过 {limits.cell} 字",
                               f"每格 {limits.cell} 字", "cell") from None
            why = "文件在引号内意外结束" if ("unexpected end of data" in text or "EOF" in text) else text
            raise RdtoolError(f"{path.name} 第{reader.line_num}行附近无法解析：{why}",
                              "文件可能被截断，或有未配对的双引号；请在 Excel/WPS 中打开检查后重新保存") from None


_TEXT_FORMULA = re.compile(r'="([0-9Xx*+\- ]*)"')


def _as_text(cell: str) -> str:
    """="510101195808217316" (how a CSV for people keeps a 身份证号 or phone whole in Excel) is the digits."""
    m = _TEXT_FORMULA.fullmatch(cell)
    return m.group(1) if m else cell


def _sniff(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as f:
        first = f.readline(1 << 16)
    return "\t" if first.count("\t") > first.count(",") else ","


# --- JSON / JSONL (what `rdtool export --format json|jsonl` writes) ----------------------------------------

MAX_KEYS = 1000


def _read_json(path: Path, limits: Limits, lines: bool) -> Rows:
    """A JSON list of objects, or JSON Lines. Record n is row n + 1, as if the keys were a header row.

    Read twice, record by record (bounded memory): once for the keys of all records, once for the rows.
    """
    encoding = encoding_of(path)
    keys: dict[str, None] = {}
    for number, record in _json_records(path, encoding, lines, limits):
        keys.update(dict.fromkeys(record))
        if len(keys) > MAX_KEYS:
            raise RdtoolError(f"{path.name} 第{number}条记录：键超过 {MAX_KEYS} 个，不是 rdtool 导出的格式")
    header = list(keys)
    yield 1, header
    for number, record in _json_records(path, encoding, lines, limits):
        yield number + 1, [_json_cell(record.get(k)) for k in header]


def _json_records(path: Path, encoding: str, lines: bool, limits: Limits) -> Iterator[tuple[int, dict]]:
    import json

    decoder = json.JSONDecoder()
    name = path.name
    number = 0

    def bad(why: str) -> RdtoolError:
        return RdtoolError(f"{name} 不是有效的 JSON（第{number + 1}条记录：{why}）",
                           "应是 rdtool export --format json 或 jsonl 写出的文件")

    def one(text: str, start: int = 0) -> tuple[dict, int]:
        try:
            record, end = decoder.raw_decode(text, start)
        except RecursionError:
            raise bad("嵌套过深") from None
        if not isinstance(record, dict):
            raise RdtoolError(f"{name} 第{number + 1}条记录不是对象（rdtool export --format json 的每条记录是一个对象）")
        return record, end

    with open(path, encoding=encoding) as f:
        if lines:
            for line in f:
                if not line.strip():
                    continue
                try:
                    record, end = one(line.strip())
                except json.JSONDecodeError as exc:
                    raise bad(exc.msg) from None
                number += 1
                yield number, record
            return
        buf, pos, eof = "", 0, False
        window = 8 * limits.cell + (1 << 20)  # one record is at most this long

        def refill() -> None:
            nonlocal buf, pos, eof
            more = f.read(1 << 16)
            eof = not more
            buf, pos = buf[pos:] + more, 0

        def skip() -> None:
            nonlocal pos
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buf) or eof:
                    return
                refill()

        refill()
        skip()
        if buf[pos:pos + 1] != "[":
            raise RdtoolError(f"{name} 应是一个对象列表（rdtool export --format json 的格式）")
        pos += 1
        need_comma = False
        while True:
            skip()
            if pos >= len(buf):
                raise bad("文件在列表结束前中断")
            if buf[pos] == "]":
                return
            if need_comma:
                if buf[pos] != ",":
                    raise bad("记录之间缺少逗号")
                pos += 1
                need_comma = False
                continue
            try:
                record, pos = one(buf, pos)
            except json.JSONDecodeError as exc:
                if eof:
                    raise bad(exc.msg) from None
                if len(buf) - pos > window:
                    raise exceeded(name, f"第{number + 1}条记录过长", f"每格 {limits.cell} 字", "cell") from None
                refill()
                continue
            need_comma = True
            number += 1
            yield number, record


def _json_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        raise RdtoolError("JSON 记录中的值不能是对象（应是 rdtool export 写出的平面记录）")
    return str(value)
