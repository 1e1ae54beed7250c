"""Reading proposals: lists, one proposal's timeline, reminders (催办), search and the report's figures."""

from __future__ import annotations

from datetime import timedelta

from rdtool.dates import today
from rdtool.errors import NotFound, ValidationError
from rdtool.labels import clean, label
from rdtool.rules import deadlines
from rdtool.services.proposals import as_date, get
from rdtool.store import proposals as sql
from rdtool.store.db import Store

FIGURE_KEYS = ("received", "motions", "suggestions", "assigned", "replied", "closed", "overdue", "reply_rate",
               "on_time_rate", "satisfaction_rate", "implementation_rate")


# --- reading ----------------------------------------------------------------------------------------

def listing(store: Store, *, status: str | None = None, unit: str | None = None, deputy: str | None = None,
            kind: str | None = None, meeting: str | None = None, term: int | None = None, year: int | None = None,
            category: str | None = None, overdue: bool = False, as_of: str | None = None) -> list[dict]:
    deputy_id = None
    if deputy is not None:
        from rdtool.services.deputies import resolve

        deputy_id = resolve(store, deputy)["id"]
    meeting_id = None
    if meeting is not None:
        m = sql.meeting_by_code(store, clean(meeting))
        if m is None:
            raise NotFound(f"没有编号为“{meeting}”的会议")
        meeting_id = m["id"]
    return sql.select(store, status=status, unit=unit, deputy_id=deputy_id, kind=kind, meeting_id=meeting_id,
                      term=term, year=year, category=category,
                      overdue_on=(as_of or today()) if overdue else None)


def show(store: Store, code: str, as_of: str | None = None) -> dict:
    """One proposal with co-signers, every handling round and a dated timeline."""
    p = get(store, code)
    day = as_of or today()
    p["complex"] = bool(p["complex"])  # (a JSON boolean)
    p["cosigner_list"] = sql.cosigners(store, p["id"])
    p["rounds"] = sql.rounds(store, p["id"])
    timeline = [{"date": p["submitted_on"], "event": "提出",
                 "detail": f"{p['lead']}领衔" + (f"，{p['cosigner_count']}名代表附议" if p["cosigner_count"] else "")
                 + (f"（{p['meeting']}）" if p["meeting"] else "")}]
    for r in p["rounds"]:
        if r["round"] == 1:
            timeline.append({"date": r["started_on"], "event": "交办",
                             "detail": f"{r['unit']}，期限 {r['due_on']}" + (f"（{r['due_reason']}）" if r["due_reason"] else "")})
        else:
            timeline.append({"date": r["started_on"], "event": f"第{r['round']}轮办理",
                             "detail": f"{r['unit'] or ''}，期限 {r['due_on']}（{r['due_reason'] or ''}）"})
        if r["replied_on"]:
            late = deadlines.days_overdue(as_date(r["due_on"]), as_date(r["replied_on"]), as_date(r["replied_on"]))
            timeline.append({"date": r["replied_on"], "event": "答复",
                             "detail": f"{r['result'] or ''} {label('proposal_result', r['result'])}"
                                       + (f"，逾期 {late} 天" if late else "，按期")})
        if r["feedback"]:
            timeline.append({"date": r["feedback_on"], "event": "代表反馈", "detail": label("feedback", r["feedback"])})
    if p["closed_on"]:
        timeline.append({"date": p["closed_on"], "event": "办结", "detail": p["close_reason"] or ""})
    p["timeline"] = timeline
    cur = p["rounds"][-1] if p["rounds"] else None
    p["days_late"] = None
    if cur and not cur["replied_on"] and not p["closed_on"]:
        p["days_late"] = deadlines.days_overdue(as_date(cur["due_on"]), None, as_date(day))
    return p


def for_deputy(store: Store, deputy_id: int) -> list[dict]:
    return sql.by_deputy(store, deputy_id)


def chase(store: Store, as_of: str | None = None, within_days: int | None = None) -> list[dict]:
    """Open rounds overdue on `as_of` (or, with `within_days`, also due within that many days), by unit."""
    day = as_of or today()
    before = (as_date(day) + timedelta(days=within_days + 1)).isoformat() if within_days is not None else day
    rows = sql.pending(store, day, before)
    for r in rows:
        r["days_late"] = deadlines.days_overdue(as_date(r["due_on"]), None, as_date(day))
        r["days_left"] = (as_date(r["due_on"]) - as_date(day)).days
        r["overdue"] = r["days_late"] > 0
    return rows


def search(store: Store, words: str, limit: int = 20) -> list[dict]:
    """Full-text search of titles and bodies; trigram FTS5 for words of 3+ characters, LIKE for shorter."""
    terms = [w for w in clean(words).split() if w]
    if not terms:
        raise ValidationError("请给出要查找的词")
    if all(len(t) >= 3 for t in terms):
        query = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = sql.search_fts(store, query, limit)
        for r in rows:
            r["score"] = round(-r["score"], 4)
        return rows
    rows = sql.search_like(store, terms, limit)
    for r in rows:
        r["snippet"] = _snippet(r["title"], r.pop("body") or "", terms)
    return rows


def _snippet(title: str, body: str, terms: list[str], width: int = 16) -> str:
    for text in (body, title):
        for t in terms:
            i = text.find(t)
            if i >= 0:
                start, end = max(0, i - width), min(len(text), i + len(t) + width)
                return (("…" if start else "") + text[start:i] + f"【{t}】" + text[i + len(t):end]
                        + ("…" if end < len(text) else ""))
    return title


# --- the figures (used by `proposal stats` and by the term/annual report) ----------------------------

def _rate(n: int, base: int) -> float | None:
    return None if base == 0 else n / base


def _shape(row: dict) -> dict:
    out = {k: int(row[k]) for k in ("received", "motions", "suggestions", "assigned", "replied", "closed", "overdue")}
    out["reply_rate"] = _rate(row["replied"], row["received"])
    out["on_time_rate"] = _rate(row["on_time"], row["replied"])
    out["satisfaction_rate"] = _rate(row["satisfied"], row["with_feedback"])
    out["implementation_rate"] = _rate(row["implemented"], row["replied"])
    return out


def figures(store: Store, date_from: str, date_to: str, as_of: str, group_by: str | None = None):
    """The report contract's `proposals` figures for proposals submitted in [date_from, date_to].

    States are judged on `as_of` (docs/report.md; how each figure is counted: docs/figures.md): assigned/replied/closed by their
    dates; overdue = assigned, not replied (in the round in force) and due before `as_of`; reply_rate =
    replied/received; on_time_rate = replied by the due date/replied; satisfaction_rate = (满意+基本满意)/with
    feedback (the latest feedback); implementation_rate = (A+B)/replied. Rates are None when the
    denominator is 0. With group_by 'unit' or 'category': a list of such dicts, each with that key.
    """
    if group_by not in (None, "unit", "category"):
        raise ValueError(group_by)
    rows = sql.figures(store, date_from, date_to, as_of, group_by)
    if group_by is None:
        if not rows:
            return _shape({k: 0 for k in ("received", "motions", "suggestions", "assigned", "replied", "closed",
                                          "overdue", "on_time", "with_feedback", "satisfied", "implemented")})
        return _shape(rows[0])
    return [{group_by: r["grp"], **_shape(r)} for r in rows]


# --- domain checks -----------------------------------------------------------------------------------

def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Proposals overdue on `as_of` (of those submitted in the period, when one is given): unit and days late."""
    findings = []
    for r in chase(store, as_of):
        if not (date_from or "") <= r["submitted_on"] <= (date_to or "9999"):
            continue
        rnd = f"（第{r['round']}轮再次办理）" if r["round"] > 1 else ""
        findings.append({"check": "proposal_overdue", "severity": "warning", "table": "proposals", "record": r["code"],
                         "message": f"{label('proposal_kind', r['kind'])}{r['code']}“{r['title']}”{rnd}承办单位"
                                    f"{r['unit'] or '（未填）'}，期限 {r['due_on']}，已逾期 {r['days_late']} 天"})
    return findings
