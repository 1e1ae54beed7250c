"""Reading a table file: CSV/TSV in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK, or .xlsx.

Rows come out as (row number as a spreadsheet shows it, list of cells); the header is row 1.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from rdtool.errors import RdtoolError, UsageError

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_CELL = 100_000
csv.field_size_limit(MAX_CELL + 1)


def check_path(path: Path) -> None:
    if not path.exists():
        raise UsageError(f"文件不存在：{path}", "检查路径和文件名（含扩展名 .csv 或 .xlsx）")
    if path.is_dir():
        raise UsageError(f"这是一个目录，不是文件：{path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise RdtoolError(f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）：{path}")


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RdtoolError(f"{path.name} 第{_line_of_char(data, exc.start, 'utf-16')}行附近：UTF-16 编码损坏",
                              "文件可能被截断；请在 Excel/WPS 中重新保存为 CSV UTF-8") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise RdtoolError(f"{path.name} 第{line}行：含有空字节（NUL），"
                          "文件可能已损坏，或是不带 BOM 的 UTF-16",
                          "在 Excel/WPS 中“另存为 CSV UTF-8”，或直接导入 .xlsx 文件")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    line = data.count(b"\n", 0, bad) + 1
    raise RdtoolError(f"{path.name} 第{line}行：无法识别的编码（不是 UTF-8、GBK/GB18030 或带 BOM 的 UTF-16）",
                      "在 Excel/WPS 中“另存为 CSV UTF-8”，或直接导入 .xlsx 文件")


def _line_of_char(data: bytes, start: int, encoding: str) -> int:
    return data[:start].decode(encoding, errors="replace").count("\n") + 1


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    check_path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _read_xlsx(path)
        return
    if path.suffix.lower() in (".json", ".jsonl"):
        yield from _read_json(path)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取文件：{path}（{exc.strerror}）") from None
    text = decode(data, path)
    if "\x00" in text:
        raise RdtoolError(f"{path.name} 第{text.count(chr(10), 0, text.index(chr(0))) + 1}行：含有空字节（NUL），文件可能已损坏")
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab", ".txt") else _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for cells in reader:
            number = reader.line_num
            yield number, cells
    except csv.Error as exc:
        raise RdtoolError(f"{path.name} 第{reader.line_num}行附近无法解析：{_csv_why(exc)}",
                          "文件可能被截断，或有未配对的双引号；请在 Excel/WPS 中打开检查后重新保存") from None


def _sniff(text: str) -> str:
    first = text.split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def _csv_why(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger" in text:
        return f"单元格内容过长（超过 {MAX_CELL} 字符）"
    if "unexpected end of data" in text or "EOF" in text:
        return "文件在引号内意外结束"
    return text


def _read_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    from datetime import date, datetime

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise RdtoolError(f"无法作为 .xlsx 打开：{path}", "请确认文件未损坏，并且是 Excel 2007 以后的格式（.xlsx）") from None
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = []
            for v in values:
                if v is None:
                    cells.append("")
                elif isinstance(v, datetime):
                    cells.append(v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat())
                elif isinstance(v, date):
                    cells.append(v.isoformat())
                elif isinstance(v, float) and v.is_integer():
                    cells.append(str(int(v)))
                else:
                    cells.append(str(v))
            yield number, cells
    finally:
        book.close()


def _read_json(path: Path) -> Iterator[tuple[int, list[str]]]:
    """A JSON list of objects, or JSON Lines (what `rdtool export --format json|jsonl` writes).

    Record n is reported as row n + 1, as if the keys were a header row.
    """
    import json

    text = decode(path.read_bytes(), path)
    try:
        if path.suffix.lower() == ".jsonl":
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RdtoolError(f"{path.name} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise RdtoolError(f"{path.name} 应是一个对象列表（rdtool export --format json 的格式）")
    keys: list[str] = []
    for record in records:
        keys.extend(k for k in record if k not in keys)
    yield 1, keys
    for n, record in enumerate(records, start=2):
        yield n, [_json_cell(record.get(k)) for k in keys]


def _json_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
