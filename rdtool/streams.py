"""How rdtool's output is encoded, decided once for every stream, so that no character is ever lost.

On Windows, Python writes redirected or piped output in the ANSI code page — cp936 (GBK) on a Chinese
system — which cannot encode rarer characters such as 㐀 or 𠀀, common enough in names. The rules:

- **Machine formats** (csv, tsv, json, jsonl) are UTF-8 on every platform, whatever the locale: scripts,
  Excel with `--bom`, pandas and jq read them the same everywhere.
- **Text for people** (tables, reports, messages) keeps the stream's encoding when it can encode every
  character (UTF-8, UTF-16/32, GB18030). A stream in GBK, cp936 or GB2312 is widened to **GB18030**, the
  national standard that encodes every Unicode character and writes every character GBK has with the same
  bytes, so the Chinese Windows tools that read the code page (cmd's `type`, `more`, `findstr`, PowerShell's
  pipeline) still read it, and a rare character comes out instead of an error. Any other encoding that
  cannot encode everything (ASCII, Latin-1, cp1252, Big5 …) becomes UTF-8.
- **Line endings** are LF on every platform, on stdout as in files (Python would write CRLF to a redirected
  stdout on Windows, and would double the CR of a CSV's CRLF): the bytes are the same whatever the system,
  and every Windows program a township uses (Excel, WPS, Word, Notepad since 2018, PowerShell) reads LF.
"""

from __future__ import annotations

import codecs
from typing import Any

# Codecs that encode every character.
_COMPLETE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
             "gb18030"}
# GB18030 is a superset of these (the same bytes for every character they have).
_GBK_FAMILY = {"gbk", "gb2312", "hz"}


def _normal(name: str | None) -> str:
    try:
        return codecs.lookup(name or "utf-8").name
    except LookupError:
        return "utf-8"


def text_encoding(name: str | None) -> str:
    """The encoding text for people is written in, for a stream whose encoding is `name`."""
    normal = _normal(name)
    if normal in _COMPLETE:
        return normal
    return "gb18030" if normal in _GBK_FAMILY else "utf-8"


def _reconfigure(stream: Any, encoding: str) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        if _normal(getattr(stream, "encoding", None)) != encoding:
            reconfigure(encoding=encoding, newline="\n")
        else:
            reconfigure(newline="\n")
    except (ValueError, OSError):  # a closed or detached stream: leave it as it is
        pass


def for_people(stream: Any) -> None:
    """Set a stream (stdout, stderr) to write text for people without ever failing on a character."""
    _reconfigure(stream, text_encoding(getattr(stream, "encoding", None)))


def for_machines(stream: Any) -> None:
    """Set a stream to write a machine format: UTF-8 and LF whatever the platform and locale."""
    _reconfigure(stream, "utf-8")
