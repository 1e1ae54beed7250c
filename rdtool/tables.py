"""Laying out a table for people: Markdown, plain aligned text (piped, cron) or a terminal table that fits
(rdtool.terminal); prose paragraphs; whether output goes to a terminal."""

from __future__ import annotations

import itertools
import os
import re
import sys
from typing import Iterable, TextIO

from rdtool.cells import Column


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



_NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def numbers(cells: Iterable[str]) -> bool:
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


def plain_table(out: TextIO, head: list[str], table: list[list[str]], title: str | None,
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
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")  # a count or a share: right-aligned like the numbers beside it


def terminal_table(out: TextIO, cols: list[Column], head: list[str], table: list[list[str]],
                   title: str | None, rest: Iterable[list[str]] = (), wide: bool = False) -> None:
    """A table that fits the terminal: nothing split, the least important columns left out (rdtool.terminal);
    `wide`: every column, however wide."""
    from rdtool import terminal

    width = None if wide else terminal.size().columns
    numeric = [c.kind in ("int", "rate") or all(_NUMBER.fullmatch(v) or v == "" for v in (r[i] for r in table))
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
