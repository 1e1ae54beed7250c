"""How one value is shown: a column (its key, Chinese header, label enum, kind), a value for people (labels,
是/否, percentages), for machines (codes, true/false, formula-neutralised) and as a CSV cell. rdtool.render
prints rows and records with these; rdtool.tables lays them out."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from rdtool import formula
from rdtool.labels import FIELD_ZH, label


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
    if col.key in PEOPLE_TEXT and isinstance(value, str):
        return kept_whole(value)
    return neutralise(human(col, value))


def cell_function(col: Column, zh: bool = False):
    """`cell` for one column, as a function of the value: a CSV of 60,000 rows (a `db check` with many findings)
    converts each of its cells through one call. A plain machine column (not bool, not time) does `machine`'s work
    inline; any other calls `cell`."""
    if zh or col.kind in ("bool", "time"):
        return lambda value: cell(col, value, zh)
    start = formula.FORMULA_START

    def plain(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return "'" + value if value.startswith(start) else value
        return str(value)
    return plain


def kept_whole(text: str) -> str:
    """A 身份证号 or phone number in a CSV for people: ="…" when all digits (below), else as any cell."""
    return f'="{text}"' if re.fullmatch(_DIGITS, text) else neutralise(text)


# A CSV for people (--headers zh) opened by double-click in Excel, WPS or Calc turns a 身份证号 into 5.10101E+17
# (digits lost) and a phone number into a number (a landline's leading 0 lost). Written as ="510101195808217316"
# they stay text, whole, in all three (Calc with its default "evaluate formulas"); rdtool's import reads the
# cell back as the digits. Machine CSV (--headers en) is unchanged.
PEOPLE_TEXT = ("id_number", "phone")
_DIGITS = r"\d{6,}"  # (a pattern: re compiles it on first use, not at start-up)


def header(col: Column, zh: bool) -> str:
    return col.zh if zh else col.key



def neutralise(text: str) -> str:
    """Cells starting with = + - @ tab or CR would run as formulas in Excel/WPS (rdtool.formula)."""
    return formula.neutralise(text)


def json_value(col: Column, value: Any) -> Any:
    if col.kind == "bool" and value is not None:
        return bool(value)
    if col.kind == "time" and value is not None:
        return _time(value, people=False)
    return value
