"""Tables and prose for a terminal of a given width, and the pager.

On a terminal nothing that a person reads as one thing is ever split across lines: dates, codes, numbers,
names and labels keep their column's whole width; only free text (titles, units, workplaces, notes) wraps,
at characters, never inside a number or a percentage, and never so that a line starts with closing
punctuation (。，、；：）」…) or ends with opening punctuation (（「“…) — the usual line-breaking rules of
Chinese typesetting (禁则). When the columns do not fit, the least important are left out (each list names
their order with `cells.leave_out_first`) and a line under the table says which and how to see them.

Widths are measured in terminal cells with rich's measure (a Chinese character is two cells), the same
measure the terminals and rich's own console use — except for the characters of ambiguous width (─ “ ” … █ ░ ·
and the like: East Asian Width "A"), which the old Windows console (conhost under a CJK code page such as 936,
with 新宋体) draws two cells wide: there (`ambiguous_wide()`, decided once per command by `configure()`) they
count as two and the rule under a table's header is drawn with "-". The pager is rdtool.pager.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
import sys
import unicodedata
from typing import Iterable, Iterator, NamedTuple, Sequence, TextIO

from rich.cells import cell_len

GAP = 2  # cells between two columns
FREE_TEXT_FROM = 16  # a text column whose widest value is wider than this may wrap (when it is not atomic)
HARD_MIN = 8  # the narrowest a wrapping column is made before columns are left out by position

# Closing punctuation may not start a line; opening punctuation may not end one (禁则).
_NO_START = set("。，、；：？！）」』】》〉〕”’…—%‰·.,;:?!)]}>")
_NO_END = set("（「『【《〈〔“‘([{<")
# An unbreakable run: a date (2026-01-05, 2017年1月5日), an article cited (第三十条第三款), an option (--reason),
# a number (-5, 38.3%, 1,234, 2/3), a code (P3-08#3, C3-1), a word; a run of … or —.
_UNIT = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?:第[一二三四五六七八九十百零〇\d]+[条款项])+"
                   r"|--?[A-Za-z][\w-]*"
                   r"|(?:[-+](?=\d))?[0-9A-Za-z_]+(?:[.,:/\-#~+'][0-9A-Za-z_]+)*[%‰]?|…+|—+|\s+|.", re.S)

# Keys whose values are read as one thing: never wrapped in a table.
_ATOMIC_KEYS = {"id", "code", "meeting_code", "meeting", "ref", "name", "person", "lead", "candidate", "deputy",
                "date", "time", "at", "seq", "round", "term", "number", "rank", "age", "gender", "phone",
                "id_number", "size", "severity", "severity_zh", "check_zh", "check"}


# Code pages under which the Windows console draws ambiguous-width characters two cells wide.
CJK_CODE_PAGES = frozenset({936, 950, 932, 949, 54936})
_ambiguous_wide = False


def console_code_page() -> int | None:
    """The Windows console's output code page (GetConsoleOutputCP); None elsewhere or without a console."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetConsoleOutputCP()) or None
    except (AttributeError, OSError, ValueError):
        return None


def ambiguous_wide() -> bool:
    """Whether this terminal draws ambiguous-width characters two cells wide: RDTOOL_AMBIGUOUS_WIDE=1 or 0 says
    so; else the old Windows console under a CJK code page (not Windows Terminal, which sets WT_SESSION)."""
    setting = os.environ.get("RDTOOL_AMBIGUOUS_WIDE", "").strip()
    if setting in ("0", "1"):
        return setting == "1"
    if sys.platform != "win32" or "WT_SESSION" in os.environ or os.environ.get("TERM_PROGRAM") == "vscode":
        return False
    return console_code_page() in CJK_CODE_PAGES


def configure() -> None:
    """Decide the measure (when this module is imported, and again at each command's start in the same process)."""
    global _ambiguous_wide
    _ambiguous_wide = ambiguous_wide()


configure()


@functools.lru_cache(maxsize=4096)
def _ambiguous(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) == "A" and cell_len(ch) == 1


def cell_width(text: str) -> int:
    if text.isascii():
        return len(text)
    width = cell_len(text)
    if _ambiguous_wide:
        width += sum(1 for ch in text if _ambiguous(ch))
    return width


def rule(width: int) -> str:
    """The line under a table's header, `width` cells."""
    return ("-" if _ambiguous_wide else "─") * width


def is_atomic(key: str, kind: str = "text", enum: str | None = None) -> bool:
    """A column whose values are never wrapped (dates, codes, numbers, names, enum labels)."""
    return (kind != "text" or enum is not None or key in _ATOMIC_KEYS or key.endswith(("_id", "_on", "_date"))
            or key.startswith("date"))


# --- line breaking ----------------------------------------------------------------------------------------


def _units(text: str) -> list[str]:
    """The text cut into pieces that may not be split; a space is a piece of its own (a break point)."""
    out: list[str] = []
    glue_next = False
    for m in _UNIT.finditer(text):
        piece = m.group()
        if piece.isspace():
            out.append(" ")
            glue_next = False
            continue
        if out and out[-1] != " " and (glue_next or piece[0] in _NO_START):
            out[-1] += piece
        else:
            out.append(piece)
        glue_next = piece[-1] in _NO_END
    return out


_ASCII_RUN = re.compile(r"[!-~]+")


def longest_unit(text: str) -> int:
    """About the widest piece `wrap` cannot split (quick: the longest run of letters, digits and marks, and a
    Chinese character with the punctuation that may not leave it)."""
    runs = [len(r) if len(r) <= FREE_TEXT_FROM else max(map(len, _units(r))) for r in _ASCII_RUN.findall(text)]
    longest = max(runs, default=0)
    return longest + 2 if longest and not text.isascii() else max(longest, 0 if text.isascii() else 4)


def _fold(piece: str, width: int) -> list[str]:
    """Last resort for a piece wider than the whole line: cut it by characters (still not before a closing
    punctuation mark, which takes the character before it along)."""
    lines, cur, cur_w = [], "", 0
    for ch in piece:
        w = cell_width(ch)
        if cur and cur_w + w > width:
            if ch in _NO_START and len(cur) > 1:
                lines.append(cur[:-1])
                cur = cur[-1]
            else:
                lines.append(cur)
                cur = ""
            cur_w = cell_width(cur)
        cur += ch
        cur_w += w
    if cur:
        lines.append(cur)
    return lines


def wrap(text: str, width: int, indent: str = "", subsequent: str = "") -> list[str]:
    """Lines of at most `width` cells: breaks between characters, never inside a number, a date or a code,
    never before closing or after opening punctuation. Line breaks already in the text are kept."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in (text.split("\n") if text else [""]):
        cur, cur_w, pending = indent, cell_width(indent), False
        start = cur_w
        for piece in _units(paragraph):
            if piece == " ":
                pending = cur_w > start
                continue
            w = cell_width(piece)
            space = 1 if pending else 0
            if cur_w + space + w <= width:
                cur += " " * space + piece
                cur_w += space + w
            else:
                if cur_w > start:
                    lines.append(cur.rstrip())
                    cur, cur_w = subsequent, cell_width(subsequent)
                    start = cur_w
                if cur_w + w > width:
                    *full, piece = _fold(piece, width - cur_w) if width - cur_w >= 2 else [piece]
                    for part in full:
                        lines.append(cur + part)
                        cur, cur_w = subsequent, cell_width(subsequent)
                        start = cur_w
                    w = cell_width(piece)
                cur += piece
                cur_w += w
            pending = False
        lines.append(cur.rstrip())
    return lines


# --- table layout -----------------------------------------------------------------------------------------


class Plan(NamedTuple):
    kept: list[int]  # indices of the columns shown
    widths: list[int]  # width of each shown column
    wraps: list[bool]  # whether each shown column wraps
    left_out: list[int]  # indices of the columns left out


def _is_label(cells: Sequence[str]) -> bool:
    """A column of a few values repeated down the rows (a kind, a reminder): read as labels, never wrapped."""
    distinct = set(cells)
    return len(cells) >= 2 * len(distinct) and len(distinct) <= 12


def _natural(cells: Sequence[str]) -> int:
    return max((cell_width(line) for c in cells for line in c.split("\n")), default=0)


def plan(head: Sequence[str], table: Sequence[Sequence[str]], atomic: Sequence[bool], priority: Sequence[int],
         width: int | None, blank: Sequence[int] = ()) -> Plan:
    """Column widths for a terminal `width` cells wide (None: every column at its natural width); the `blank`
    columns (empty in every row) are the first left out."""
    n = len(head)
    natural = [max(cell_width(head[i]), _natural([r[i] for r in table])) for i in range(n)]
    wraps = [not atomic[i] and natural[i] > FREE_TEXT_FROM and not _is_label([r[i] for r in table])
             for i in range(n)]
    if width is None:
        return Plan(list(range(n)), natural, wraps, [])
    longest = {i: max(cell_width(head[i]), max((longest_unit(r[i]) for r in table), default=0))
               for i in range(n) if wraps[i]}
    comfortable = max(FREE_TEXT_FROM, width // 4)

    def least(i: int, hard: bool) -> int:
        if not wraps[i]:
            return natural[i]
        return min(natural[i], max(longest[i], min(natural[i], HARD_MIN if hard else comfortable)))

    def total(cols: list[int], hard: bool) -> int:
        return sum(least(i, hard) for i in cols) + GAP * (len(cols) - 1)

    kept = list(range(n))
    declared = sorted((i for i in range(n) if priority[i] > 0), key=lambda i: (-priority[i], -i))
    by_position = [i for i in range(n - 1, 0, -1) if priority[i] <= 0]
    hard = False
    declared = [i for i in declared if i not in blank]
    by_position = [i for i in by_position if i not in blank]
    if blank and sum(natural) + GAP * (n - 1) > width:  # too wide as it is: the blank columns give their room first
        kept = [i for i in kept if i not in blank]
    for i in [*declared, None, *by_position]:
        if i is None:  # every declared column is out: squeeze the free text before leaving out more
            hard = True
            continue
        if total(kept, hard) <= width:
            break
        kept.remove(i)
    widths = [least(i, hard) for i in kept]
    if len(kept) == 1 and widths[0] > width:
        widths[0] = width  # one column narrower than its content: the last resort folds it
    spare = width - sum(widths) - GAP * (len(kept) - 1)
    # Free text takes the width that is left, shared fairly: a column that needs less than an equal share
    # gets all it needs, and what it leaves goes to the others.
    grow = sorted((j for j, i in enumerate(kept) if wraps[i] and natural[i] > widths[j]),
                  key=lambda j: natural[kept[j]] - widths[j])
    for k, j in enumerate(grow):
        share = min(natural[kept[j]] - widths[j], spare // (len(grow) - k))
        widths[j] += share
        spare -= share
    return Plan(kept, widths, [wraps[i] for i in kept], [i for i in range(n) if i not in kept])


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(0, width - cell_width(text))
    return space + text if right else text + space


def bold(text: str, styles: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if styles and text else text


def table_lines(head: Sequence[str], table: Sequence[Sequence[str]], atomic: Sequence[bool],
                priority: Sequence[int], right: Sequence[bool], width: int | None, title: str | None = None,
                styles: bool = False, rest: Iterable[Sequence[str]] = ()) -> Iterator[str]:
    """The lines of a table (with its title and the note of what was left out), each at most `width` cells.
    `rest`: rows after `table` laid out by its columns (a long list streamed: wider cells are wrapped)."""
    complete = isinstance(rest, (tuple, list)) and not rest  # (a streamed list's later rows are not known yet)
    blank = [i for i in range(len(head)) if complete and table and not any(r[i].strip() for r in table)]
    p = plan(head, table, atomic, priority, width, blank[::-1])
    limit = width or sum(p.widths) + GAP * (len(p.widths) - 1)
    if title:
        for line in wrap(title, limit):
            yield bold(line, styles)

    def cells_of(row: Sequence[str]) -> list[list[str]]:
        out = []
        for j, i in enumerate(p.kept):
            text = row[i]
            if "\n" in text or cell_width(text) > p.widths[j]:
                out.append(wrap(text, p.widths[j]))
            else:
                out.append([text])
        return out

    def join(parts: list[str]) -> str:
        return (" " * GAP).join(parts).rstrip()

    yield bold(join([_pad(head[i], w, right[i]) for i, w in zip(p.kept, p.widths)]), styles)
    yield join([rule(w) for w in p.widths])
    previous_tall = False
    for n, row in enumerate(itertools.chain(table, rest)):
        cells = cells_of(row)
        height = max((len(c) for c in cells), default=1)
        if n and (height > 1 or previous_tall):
            yield ""  # a wrapped row stands apart from its neighbours
        previous_tall = height > 1
        for k in range(height):
            yield join([_pad(c[k] if k < len(c) else "", w, right[i])
                        for c, i, w in zip(cells, p.kept, p.widths)])
    if p.left_out:
        names = "、".join(head[i] for i in p.left_out if i not in blank)
        empty = "、".join(head[i] for i in p.left_out if i in blank)
        said = f"未显示：{names}；空白的列也未显示：{empty}" if names and empty else \
            f"未显示：{names}" if names else f"未显示空白的列：{empty}"
        note = f"（终端宽度不够，{said}；加 --wide 或用 --format md 可看全部列）"
        yield from wrap(note, limit)


# --- the terminal -----------------------------------------------------------------------------------------


def size() -> os.terminal_size:
    """Columns and lines of the terminal (COLUMNS / LINES win, as everywhere)."""
    return shutil.get_terminal_size((80, 24))


def styles_for(out: TextIO) -> bool:
    """Bold headers on a terminal that shows them (not with NO_COLOR, not in a Windows console that would
    print the escape codes, not through a pager that would not understand them)."""
    explicit = getattr(out, "rdtool_styles", None)
    if explicit is not None:
        return explicit
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return sys.platform != "win32" or "WT_SESSION" in os.environ  # Windows Terminal understands them
