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
import sys
from contextvars import ContextVar
from typing import Any, Iterable, Iterator, NamedTuple, TextIO

from rdtool.cells import SHORT_HEADERS, Column, cell_function, header, human, json_value

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
        convert = [(c.key, cell_function(c, zh)) for c in cols]
        for row in rows:
            writer.writerow([f(row[labelled[k]] if k in labelled and labelled[k] in row else row.get(k))
                             for k, f in convert])
            n += 1
        return n
    if fmt == "json":  # written as read: the same text as json.dumps(list, indent=2)
        n = 0
        for r in rows:
            item = json_object({c.key: json_value(c, r.get(c.key)) for c in cols})
            out.write(("[\n  " if not n else ",\n  ") + item.replace("\n", "\n  "))
            n += 1
        out.write("\n]\n" if n else "[]\n")
        return n
    if fmt == "jsonl":
        n = 0
        for r in rows:
            out.write(json.dumps({c.key: json_value(c, r.get(c.key)) for c in cols}, ensure_ascii=False) + "\n")
            n += 1
        return n
    from rdtool.tables import is_terminal, numbers, plain_table, terminal_table, write_markdown_table  # (for people)

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
                             [c.kind in ("int", "rate") or numbers(row[i] for row in first) for i, c in enumerate(cols)])
    elif is_terminal(out):
        # (a list laid out whole: its blank columns are known, and the first left out on a narrow terminal)
        terminal_table(out, cols, head, first, title, () if len(first) < LAYOUT_ROWS else counted, opts.wide)
    else:
        plain_table(out, head, first, title, counted)
    return len(first) + counted.n


# A flat object's members one to a line, as json.dumps(indent=2) writes them, by the json module's C encoder (its
# indent is written in Python: a third of a JSON list's time).
_FLAT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": "))
_SCALARS = (str, int, float, bool, type(None))


def json_object(item: dict) -> str:
    """json.dumps(item, ensure_ascii=False, indent=2), the same text."""
    if not item or not all(type(v) in _SCALARS for v in item.values()):
        return json.dumps(item, ensure_ascii=False, indent=2)
    return "{\n  " + _FLAT_JSON.encode(item)[1:-1] + "\n}"


# Rows a table is laid out by (column widths, which columns fit): a list up to this long is laid out whole; a longer
# one by its first rows (two screens), and the rest is written as it is read (a cell wider than its column then
# makes its row wider, or is wrapped on a terminal) — the first screen comes at once (within 0.3 s at a hundred
# townships in one file: benchmarks/bench_lists.py) and memory stays flat (issue 28).
LAYOUT_ROWS = 100


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


def render_record(record: dict, cols: list[Column], fmt: str = "table", out: TextIO | None = None, title: str | None = None) -> None:
    """One record: key/value lines for people, one object for machines."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps({c.key: json_value(c, record.get(c.key)) for c in cols}, ensure_ascii=False, indent=2) + "\n")
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


