"""The zip container of .xlsx and .docx files, read in bounded memory with expat.

The entry count is checked from the archive's end record before zipfile builds its index; what an entry
unzips to is bounded by its declared size (zipfile never returns more than an entry declares, and a
CRC mismatch is an error), so `check_unzipped` can refuse a zip bomb before reading it; `parse_member`
feeds an entry to expat in chunks and refuses a tag of megabytes before expat buffers it.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import Callable, Iterator

from rdtool.errors import RdtoolError
from rdtool.io.limits import MB, Limits, exceeded

MAX_ENTRIES = 2000
CHUNK = 1 << 16


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
        raise damaged(path, what) from None


def damaged(path: Path, what: str) -> RdtoolError:
    formats = {"xlsx": "Excel 2007 以后的格式（.xlsx）", "docx": "Word 2007 以后的格式（.docx）"}
    return RdtoolError(f"无法作为 .{what} 打开：{path}（文件损坏或不是 {what}）", f"请确认文件未损坏，并且是 {formats[what]}")


def check_unzipped(path: Path, book: zipfile.ZipFile, names: list[str], limits: Limits) -> None:
    total = sum(book.getinfo(n).file_size for n in names if n in book.NameToInfo)
    if total > limits.unzipped_bytes:
        raise exceeded(path.name, f"解压后有 {total / MB:.0f} MB", f"解压后 {limits.unzipped_mb} MB", "unzipped_mb")


def parse_member(book: zipfile.ZipFile, name: str, handlers: dict[str, Callable], cell_limit: int,
                 ready: list | None = None) -> Iterator:
    """Feed one member to expat in chunks; after each chunk, yield (and clear) what the handlers put in `ready`.

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
            if ready:
                yield from ready
                ready.clear()
            if not chunk:
                return


def local(tag: str) -> str:
    """A tag or attribute name without its namespace: 'x:c', '{…/main}c' → 'c'."""
    return tag.rpartition("}")[2].rpartition(":")[2]


class CellTooLong(Exception):
    def __init__(self, where: str):
        self.where = where


def expat_error():
    from xml.parsers.expat import ExpatError

    return ExpatError
