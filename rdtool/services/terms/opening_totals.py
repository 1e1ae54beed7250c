"""Opening totals (录入前结转, issue 23): a township adopting rdtool mid-term enters, once, the totals of what its
paper records hold for the term so far — meetings, decisions, appointments, suggestions with their handling and
satisfaction, activities — up to a day (`until`); its records are entered from the day after.

The totals are part of the term's figures (docs/figures.md says how each enters): a period that covers the whole
span they count (the term's start to `until`: the term, or a date range holding it) adds them to the counts of
its report, and the report says so (`carried_over`, 其中录入前结转); a calendar year or a range that cuts the
span cannot split them and leaves them out.
"""

from __future__ import annotations

from rdtool.errors import RdtoolError, ValidationError
from rdtool.services.kernel.corrections import write
from rdtool.store import opening_totals as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

COUNTS = sql.COUNTS
ZH = {"presidium_meetings": "主席团会议（次）", "congress_sessions": "人代会会议（次）",
      "decisions": "主席团决定事项（件）", "appointments": "任免（人次）", "suggestions": "代表建议（件）",
      "replied": "其中已答复（件）", "with_feedback": "其中有代表意见（件）", "satisfied": "其中满意或基本满意（件）",
      "activities": "代表活动（次）", "training": "学习培训（次）"}


def get(store: Store, term: int) -> dict | None:
    return sql.get(store, term)


def problems(values: dict, term: dict) -> list[str]:
    """What is wrong with a term's opening totals (each count a whole number ≥ 0, the handling within the
    suggestions, `until` within the term)."""
    out = []
    if values["until"] < term["start_date"] or (term["end_date"] and values["until"] > term["end_date"]):
        out.append(f"截止日期 {values['until']} 不在第{term['number']}届（{term['start_date']} 至 "
                   f"{term['end_date'] or '—'}）之内")
    chain = [("satisfied", "with_feedback"), ("with_feedback", "replied"), ("replied", "suggestions")]
    for part, whole in chain:
        if values.get(part) is not None and values.get(whole) is not None and values[part] > values[whole]:
            out.append(f"{ZH[part]}{values[part]} 多于{ZH[whole].replace('其中', '')}{values[whole]}")
    return out


def put(store: Store, term_no: int, values: dict, reason: str | None = None):
    """Enter or correct a term's opening totals (only the counts given change); one transaction, logged."""
    term = settings_sql.term(store, term_no)
    if term is None:
        raise RdtoolError(f"第{term_no}届尚未建立", "用 rdtool term list 查看各届")
    current = sql.get(store, term_no) or {}
    merged = {**{k: current.get(k) for k in ("until", *COUNTS, "notes")}, **values}
    if not merged.get("until"):
        raise ValidationError("请写明结转截止的日期（--until，录入前纸面记录的最后一天）")
    wrong = problems(merged, term)
    if wrong:
        raise ValidationError("录入前结转数有误：", problems=wrong)
    changes = {k: v for k, v in values.items() if v != current.get(k)}
    with write(store, reason, subject=("opening_totals", term_no),
               verb="已更正" if current else "已录入") as report:
        sql.put(store, term_no, changes if current else merged)
    return {"totals": sql.get(store, term_no), "report": report, "term": term, "inserted": not current,
            "overlap": overlap(store, sql.get(store, term_no), term)}


# each count as a sentence names it: (what, unit)
WORDS = {"presidium_meetings": ("主席团会议", "次"), "congress_sessions": ("人代会会议", "次"),
         "decisions": ("主席团决定事项", "件"), "appointments": ("任免", "人次"), "suggestions": ("代表建议", "件"),
         "replied": ("已答复", "件"), "with_feedback": ("有代表意见", "件"), "satisfied": ("满意或基本满意", "件"),
         "activities": ("代表活动", "次"), "training": ("学习培训", "次")}
_PARTS = ("replied", "with_feedback", "satisfied")  # said with the suggestions they are part of


def _count(key: str, n: int) -> str:
    what, unit = WORDS[key]
    return f"{what} {n} {unit}"


def entered_lines(row: dict, term: dict) -> list[str]:
    """What a first `term opening` entered, as she reads it back: the span, each count with its unit, and where
    the counts go."""
    n = row["term"]
    lines = [f"已录入第{n}届录入前结转（{term['start_date']} 至 {row['until']} 纸面记录的合计）："]
    for key in COUNTS:
        if key in _PARTS or row.get(key) is None:
            continue
        line = _count(key, row[key])
        if key == "suggestions":
            parts = [_count(k, row[k]) for k in _PARTS if row.get(k) is not None]
            line += f"，其中{'，'.join(parts)}" if parts else ""
        lines.append(f"  {line}")
    lines.append(f"这些数计入第{n}届的全届统计（rdtool report term），不计入年度报告；{row['until']} 以后的记录请逐条"
                 "录入。")
    return lines


def overlap(store: Store, row: dict, term: dict) -> list[tuple[str, int]]:
    """(count, how many) of the records also entered for the span the totals cover (counted twice, if the totals
    include them)."""
    have = sql.records_through(store, row["until"], term["start_date"])
    return [(k, n) for k, n in have.items() if n and row.get(k)]


def overlap_line(overlaps: list[tuple[str, int]], row: dict) -> str:
    """The note on records entered one by one inside the span the totals already count."""
    return (f"{row['until']} 以前已逐条录入了{'、'.join(_count(k, n) for k, n in overlaps)}；结转数只应是没有逐条录入"
            "的部分，否则这些会计算两次")


# ---------------------------------------------------------------- figures

def applies(row: dict, term: dict, date_from: str, date_to: str) -> bool:
    """Whether a period covers the whole span the totals count."""
    return date_from <= term["start_date"] and row["until"] <= date_to


def for_period(store: Store, period, as_of: str) -> dict | None:
    """The opening totals a period's figures include (None: none, the period cuts their span, or `as_of` is
    before their last day)."""
    try:
        rows = sql.all_rows(store)
    except Exception:  # noqa: BLE001 — an old file opened read-only before its migration has no such table
        return None
    out = None
    for row in rows:
        term = settings_sql.term(store, row["term"])
        if term is None or not applies(row, term, period.date_from, min(period.date_to, as_of)):
            continue
        if out is None:
            out = {"term": row["term"], "until": row["until"], **{k: 0 for k in COUNTS}}
        out["until"] = max(out["until"], row["until"])
        for k in COUNTS:
            out[k] += row[k] or 0
    return out


def add_to(rows: dict, carried: dict | None) -> None:
    """Add the opening totals to a period's section rows (rdtool.reports.figures), recomputing the rates they
    change; docs/figures.md lists how each enters."""
    if not carried:
        return
    pr, co, pp, act = rows["presidium"], rows["congress"], rows["proposals"], rows["activities"]
    pr["meetings"] += carried["presidium_meetings"]
    pr["decisions"] += carried["decisions"]
    pr["decisions_passed"] += carried["decisions"]
    pr["appointments"] += carried["appointments"]
    co["sessions"] += carried["congress_sessions"]
    pp["replied_entered"] = pp["replied"]  # the bases of 按期答复率 and 解决落实率: records only
    for k in ("received", "suggestions", "handled", "assigned"):
        pp[k] += carried["suggestions"]
    pp["replied"] += carried["replied"]
    pp["with_feedback"] += carried["with_feedback"]
    pp["satisfied"] += carried["satisfied"]
    pp["reply_rate"] = pp["replied"] / pp["handled"] if pp["handled"] else None
    pp["satisfaction_rate"] = pp["satisfied"] / pp["with_feedback"] if pp["with_feedback"] else None
    act["total"] += carried["activities"] + carried["training"]
    act["township"] += carried["activities"]
    act["training"] += carried["training"]
