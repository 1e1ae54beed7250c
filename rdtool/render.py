"""The one output layer: every list, record and report is printed through here.

Formats: table (a rich table on a terminal, plain aligned text when piped or
under cron), csv, tsv, json, jsonl, md. Tables and markdown show Chinese
headers and labels; csv/tsv/json carry field names and stable codes
(docs/csv.md). CSV/TSV under `--headers zh` is the form for people: Chinese
headers and Chinese labels as values (是/否, 男, 中共党员), which import reads back.
JSON and JSONL always carry JSON booleans, numbers and null.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import sys
from contextvars import ContextVar
from typing import Any, Iterable, Iterator, NamedTuple, TextIO

from rdtool import formula
from rdtool.labels import FIELD_ZH, label

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md")


class Output(NamedTuple):
    """The shared output options of the command being run (rdtool.cli.output adds them to every --format command)."""
    bom: bool = False
    headers: str = "en"
    wide: bool = False  # a terminal table shows every column, however wide
    pager: bool = True  # a terminal list taller than the screen goes through the pager


_OUTPUT: ContextVar[Output] = ContextVar("rdtool_output", default=Output())


def output_options() -> Output:
    return _OUTPUT.get()


@contextlib.contextmanager
def use_output(**values: Any) -> Iterator[Output]:
    token = _OUTPUT.set(_OUTPUT.get()._replace(**values))
    try:
        yield _OUTPUT.get()
    finally:
        _OUTPUT.reset(token)


class Column(NamedTuple):
    key: str
    header: str = ""
    enum: str | None = None  # glossary enum whose labels a table shows
    kind: str = "text"  # text | int | bool | rate | date | time (a moment: rdtool.dates' one rule)
    priority: int = 0  # on a narrow terminal, columns with the highest priority are left out first (0: kept)

    @property
    def zh(self) -> str:
        return self.header or FIELD_ZH.get(self.key, self.key)


def leave_out_first(cols: list[Column], *keys: str) -> list[Column]:
    """The columns a narrow terminal leaves out, the least important first: `keys[0]` goes before `keys[1]` …"""
    rank = {key: len(keys) - i for i, key in enumerate(keys)}
    unknown = set(rank) - {c.key for c in cols}
    if unknown:
        raise ValueError(f"no such columns: {sorted(unknown)}")
    return [c._replace(priority=rank.get(c.key, 0)) for c in cols]


# A table cell has room for the short form of a label (镇, not 镇(乡)人大代表); documents and files keep the full one.
SHORT_LABELS: dict[str, dict[str, str]] = {
    "level": {"township": "镇", "county": "县"},
    "activity_level": {"township": "镇", "county": "县", "both": "县乡两级"},
    "meeting_kind": {"presidium": "主席团", "congress": "人代会", "other": "其他"},
    "vote_method": {"hands": "举手", "ballot": "票决", "electronic": "电子表决"},
    "presidium_role": {"member": "成员"},
    "proposal_kind": {"suggestion": "建议"},
    "item_kind": {"report": "报告"},
    "deputy_status": {"moved": "调离"},
    "election_outcome": {"tie": "须再次投票", "shortfall": "须另行选举", "void": "本轮无效"},
    "candidate_status": {"tie": "须再次投票"},
}
# …and header words that fit over short values.
SHORT_HEADERS: dict[str, str] = {
    "level": "层级", "presidium_role": "主席团", "extraordinary": "临时", "present": "出席", "entitled": "应到",
    "quorum_met": "法定人数", "not_voting": "未投票", "re_elected": "连任", "meeting_code": "会议",
}


def columns(*keys: str, enums: dict[str, str] | None = None, kinds: dict[str, str] | None = None) -> list[Column]:
    enums = enums or {}
    kinds = kinds or {}
    return [Column(k, enum=enums.get(k), kind=kinds.get(k, "text")) for k in keys]


def is_terminal(stream: TextIO) -> bool:
    """Whether output is drawn for a person at a terminal. TTY_COMPATIBLE=1 (rich's convention) draws for a
    terminal even when the stream is not one (`script`, tests); the pager still needs a real terminal."""
    if os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def human(col: Column, value: Any, short: bool = False) -> str:
    """A value as a person reads it: labels (`short`: as a table cell has room for), 是/否, percentages."""
    if value is None or value == "":
        return ""
    if col.enum:
        if short and value in SHORT_LABELS.get(col.enum, ()):
            return SHORT_LABELS[col.enum][value]
        return label(col.enum, value)
    if col.kind == "bool":
        return "是" if value else "否"
    if col.kind == "rate":
        return percent(value)
    if col.kind == "time":
        return _time(value, people=True)
    return str(value)


def percent(share, trim: bool = False) -> str:
    """A share as people read it: the exact fraction rounded half up (四舍五入) to one decimal, e.g. 23/80 → 28.8%.

    Every percentage printed for people (text, md, docx, tables, messages) comes from here; JSON keeps the
    unrounded ratio. `share` is a Fraction, or a float that is a ratio of counts: its exact fraction is
    recovered (a denominator up to ten million is found exactly), so 0.2875 (23/80, stored in binary as
    0.28749999…) rounds to 28.8%, not 28.7%. With `trim`, a whole number drops its ".0" (答复率100%).
    None (no base) is "—".
    """
    from fractions import Fraction

    if share is None:
        return "—"
    exact = share if isinstance(share, Fraction) else Fraction(share).limit_denominator(10_000_000)
    tenths = exact * 1000  # tenths of a per cent
    whole = int(tenths)  # toward zero; shares are never negative
    if tenths - whole >= Fraction(1, 2):
        whole += 1
    text = f"{whole // 10}.{whole % 10}%"
    return text.replace(".0%", "%") if trim else text


def machine(col: Column, value: Any) -> str:
    """A value as a CSV cell: codes, true/false, neutralised against formulas."""
    if value is None:
        return ""
    if col.kind == "bool":
        return "true" if value else "false"
    if col.kind == "time":
        return _time(value, people=False)
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def _time(value: Any, people: bool) -> str:
    from rdtool.dates import local_iso, local_text

    try:
        return local_text(value) if people else local_iso(value)
    except (TypeError, ValueError):
        return str(value)


def cell(col: Column, value: Any, zh: bool = False) -> str:
    """A CSV/TSV cell: the contract's codes (machine), or under --headers zh the labels a person reads."""
    if not zh or value is None:
        return machine(col, value)
    if col.key in PEOPLE_TEXT and isinstance(value, str) and _DIGITS.fullmatch(value):
        return f'="{value}"'
    return neutralise(human(col, value))


# A CSV for people (--headers zh) opened by double-click in Excel, WPS or Calc turns a 身份证号 into 5.10101E+17
# (digits lost) and a phone number into a number (a landline's leading 0 lost). Written as ="510101195808217316"
# they stay text, whole, in all three (Calc with its default "evaluate formulas"); rdtool's import reads the
# cell back as the digits. Machine CSV (--headers en) is unchanged.
PEOPLE_TEXT = ("id_number", "phone")
_DIGITS = re.compile(r"\d{6,}")


def header(col: Column, zh: bool) -> str:
    return col.zh if zh else col.key


class _LF:
    """Lets csv.writer quote every cell holding CR or LF (it quotes only the line terminator's characters)
    while the file's lines still end in a bare LF: the writer ends each row with CRLF, this writes LF."""

    def __init__(self, out: TextIO):
        self._out = out

    def write(self, text: str) -> Any:
        return self._out.write(text[:-2] + "\n" if text.endswith("\r\n") else text)


def csv_writer(out: TextIO, fmt: str, bom: bool = False):
    """The one CSV/TSV writer: comma or tab, LF line ends, a cell with CR or LF always quoted (so no reader
    starts a new row inside it), the UTF-8 BOM first when asked (Excel/WPS)."""
    import csv

    if bom:
        out.write("\ufeff")
    return csv.writer(_LF(out), delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n")


def neutralise(text: str) -> str:
    """Cells starting with = + - @ tab or CR would run as formulas in Excel/WPS (rdtool.formula)."""
    return formula.neutralise(text)


def _json_value(col: Column, value: Any) -> Any:
    if col.kind == "bool" and value is not None:
        return bool(value)
    if col.kind == "time" and value is not None:
        return _time(value, people=False)
    return value


def render_rows(
    rows: Iterable[dict],
    cols: list[Column],
    fmt: str = "table",
    out: TextIO | None = None,
    headers: str | None = None,
    bom: bool | None = None,
    title: str | None = None,
    empty: str = "（无）",
) -> int:
    """Print rows in the chosen format; returns how many were printed.

    `headers` and `bom` default to the command's shared output options (`--headers`, `--bom`).
    A table for people with no rows says `empty` in Chinese under its title (CHANGES.md “One fact entered once”); machine formats and
    Markdown stay as they are (a header only, or `[]`).
    """
    out = out or sys.stdout
    opts = output_options()
    headers = opts.headers if headers is None else headers
    bom = opts.bom if bom is None else bom
    if fmt in ("csv", "tsv"):
        zh = headers == "zh"
        writer = csv_writer(out, fmt, bom)
        writer.writerow([header(c, zh) for c in cols])
        n = 0
        labelled = {c.key: f"{c.key}_zh" for c in cols if zh and not c.enum}  # a row's own label, if it has one
        for row in rows:
            writer.writerow([cell(c, row[labelled[c.key]] if c.key in labelled and labelled[c.key] in row
                                  else row.get(c.key), zh) for c in cols])
            n += 1
        return n
    if fmt == "json":  # written as read: the same text as json.dumps(list, indent=2)
        n = 0
        for r in rows:
            item = json.dumps({c.key: _json_value(c, r.get(c.key)) for c in cols}, ensure_ascii=False, indent=2)
            out.write(("[\n  " if not n else ",\n  ") + item.replace("\n", "\n  "))
            n += 1
        out.write("\n]\n" if n else "[]\n")
        return n
    if fmt == "jsonl":
        n = 0
        for r in rows:
            out.write(json.dumps({c.key: _json_value(c, r.get(c.key)) for c in cols}, ensure_ascii=False) + "\n")
            n += 1
        return n
    short = fmt == "table"
    cells = ([human(c, r.get(c.key), short) for c in cols] for r in rows)
    first = list(itertools.islice(cells, LAYOUT_ROWS))  # a longer list is laid out by these and then streamed
    if short and not first:
        out.write((f"{title}\n" if title else "") + empty + "\n")
        return 0
    head = [SHORT_HEADERS.get(c.key, c.zh) if short else c.zh for c in cols]
    counted = _Counted(cells)
    if fmt == "md":
        write_markdown_table(out, head, itertools.chain(first, counted), title,
                             [c.kind in ("int", "rate") or _numbers(row[i] for row in first) for i, c in enumerate(cols)])
    elif is_terminal(out):
        _terminal_table(out, cols, head, first, title, counted)
    else:
        _plain_table(out, head, first, title, counted)
    return len(first) + counted.n


# Rows a table is laid out by (column widths, which columns fit): a list up to this long is laid out whole; a longer
# one by its first rows, and the rest is written as it is read (a cell wider than its column then makes its row
# wider, or is wrapped on a terminal) — the first screen comes at once and memory stays flat (issue 28).
LAYOUT_ROWS = 1000


class _Counted:
    def __init__(self, items: Iterator):
        self.items = items
        self.n = 0

    def __iter__(self):
        for item in self.items:
            self.n += 1
            yield item


def render_list(rows: Iterable[dict], for_people: list[Column], for_machines: list[Column], fmt: str = "table",
                out: TextIO | None = None, empty: str = "没有符合条件的记录") -> int:
    """A list: a compact set of columns for people (table, md), every field for machines (csv, json …).

    A machine column takes the people column's header, enum and kind where it declares none, so that
    `--headers zh` shows the same Chinese headers and labels as the table.
    """
    if fmt in ("table", "md"):
        return render_rows(rows, for_people, fmt, out, empty=empty)
    people = {c.key: c for c in for_people}
    cols = [c._replace(header=c.header or p.header, enum=c.enum or p.enum, kind=p.kind if c.kind == "text" else c.kind)
            if (p := people.get(c.key)) is not None else c for c in for_machines]
    return render_rows(rows, cols, fmt, out)


_NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def _numbers(cells: Iterable[str]) -> bool:
    """A column of numbers (counts, percentages), blanks aside: right-aligned in md."""
    seen = [c for c in cells if c not in ("", "—")]
    return bool(seen) and all(_NUMBER.fullmatch(c) for c in seen)


def write_markdown_table(out: TextIO, head: list[str], table: list[list[str]], title: str | None = None,
                         right: list[bool] | None = None) -> None:
    """A markdown table; the columns marked in `right` (counts, rates) right-aligned (`---:`)."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    right = right or [False] * len(head)
    if title:
        out.write(f"### {title}\n\n")
    out.write("| " + " | ".join(cell(h) for h in head) + " |\n")
    out.write("|" + "|".join("---:" if r else "---" for r in right) + "|\n")
    for row in table:
        out.write("| " + " | ".join(cell(v) for v in row) + " |\n")


def _plain_table(out: TextIO, head: list[str], table: list[list[str]], title: str | None,
                 rest: Iterable[list[str]] = ()) -> None:
    """Aligned plain text, as tabulate's "plain" format writes it (cells stripped, each column as wide as its widest
    cell and at least its header and two more, two spaces between, no trailing space) — computed here: tabulate
    guesses the type of every cell first, most of a long list's time."""
    if title:
        out.write(title + "\n")
    widths = [max([_width(h) + 2, *(_width(line) for row in table for line in row[i].strip().split("\n"))])
              for i, h in enumerate(head)]
    if any("\n" in v for row in table for v in row):  # (a cell of several lines: tabulate's own layout)
        import tabulate

        tabulate.WIDE_CHARS_MODE = True
        out.write(tabulate.tabulate(table, headers=head, tablefmt="plain", disable_numparse=True) + "\n")
        table = []
    else:
        table = [head, *table]
    for row in itertools.chain(table, rest):
        lines = [v.strip().split("\n") for v in row]
        if len(lines[0]) == 1 and all(len(c) == 1 for c in lines):
            out.write("  ".join(c[0] + " " * (w - _width(c[0])) for c, w in zip(lines, widths)).rstrip() + "\n")
            continue
        for k in range(max(len(c) for c in lines)):
            parts = [c[k] if k < len(c) else "" for c in lines]
            out.write("  ".join(p + " " * (w - _width(p)) for p, w in zip(parts, widths)).rstrip() + "\n")


def _width(text: str) -> int:
    """Columns a text takes, as tabulate counts them (wcwidth's wcswidth: -1 for a control character), each
    character measured once per run."""
    if text.isascii() and text.isprintable():
        return len(text)
    total = 0
    for ch in text:
        w = _CHAR_WIDTH.get(ch)
        if w is None:
            from wcwidth import wcwidth

            w = _CHAR_WIDTH[ch] = wcwidth(ch)
        if w <= 0:  # (a joiner, a variation selector, a control character: wcswidth reads the sequence)
            from wcwidth import wcswidth

            return wcswidth(text)
        total += w
    return total


_CHAR_WIDTH: dict[str, int] = {}


def _terminal_table(out: TextIO, cols: list[Column], head: list[str], table: list[list[str]],
                    title: str | None, rest: Iterable[list[str]] = ()) -> None:
    """A table that fits the terminal: nothing split, the least important columns left out (rdtool.terminal)."""
    from rdtool import terminal

    width = None if output_options().wide else terminal.size().columns
    numeric = [c.kind in ("int", "rate") or all(v.lstrip("-").isdigit() or v == "" for v in (r[i] for r in table))
               and any(r[i] for r in table) for i, c in enumerate(cols)]
    atomic = [terminal.is_atomic(c.key, c.kind, c.enum) or numeric[i] for i, c in enumerate(cols)]
    lines = terminal.table_lines(head, table, atomic, [c.priority for c in cols], numeric, width, title,
                                 terminal.styles_for(out), rest)
    for line in lines:
        out.write(line + "\n")


def write_prose(out: TextIO, text: str, indent: str = "", bold: bool = False, subsequent: str = "") -> None:
    """A paragraph: on a terminal broken into lines that fit (禁则, rdtool.terminal.wrap), the lines after the
    first starting with `subsequent`; else one line."""
    if not is_terminal(out):
        out.write(indent + text + "\n")
        return
    from rdtool import terminal

    styles = bold and terminal.styles_for(out)
    for line in terminal.wrap(text, terminal.size().columns, indent, subsequent):
        out.write(terminal.bold(line, styles) + "\n")


def console(out: TextIO | None = None):
    """A rich console on the given stream; colour only on a terminal, NO_COLOR honoured."""
    from rich.console import Console

    out = out or sys.stdout
    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=False)


def render_record(record: dict, cols: list[Column], fmt: str = "table", out: TextIO | None = None, title: str | None = None) -> None:
    """One record: key/value lines for people, one object for machines."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps({c.key: _json_value(c, record.get(c.key)) for c in cols}, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt in ("csv", "tsv", "jsonl"):
        render_rows([record], cols, fmt, out)
        return
    pairs = [{"field": c.zh, "value": human(c, record.get(c.key))} for c in cols]
    render_rows(pairs, [Column("field", "项目"), Column("value", "内容")], fmt, out, title=title)


def render_json(data: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def bar(share: float | None, width: int = 20) -> str:
    """A text bar for a share in [0, 1] (shown only on a terminal)."""
    if share is None:
        return ""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)

