"""Reading proposals: lists, one proposal's timeline, reminders (催办), search and the report's figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

from rdtool.dates import today
from rdtool.errors import NotFound, ValidationError
from rdtool.labels import clean, label
from rdtool.rules import deadlines
from rdtool.services.proposals.proposals import as_date, get
from rdtool.store import proposals as sql
from rdtool.store.db import Store


# --- reading ----------------------------------------------------------------------------------------

def listing(store: Store, *, status: str | None = None, unit: str | None = None, deputy: str | None = None,
            kind: str | None = None, meeting: str | None = None, term: int | None = None, year: int | None = None,
            category: str | None = None, overdue: bool = False, as_of: str | None = None) -> Iterator[dict]:
    """Proposals matching the filters, each with its state on `as_of` (default today); `overdue`: state 逾期.
    As they are read (a county's 45,000 are never held at once)."""
    deputy_id = None
    if deputy is not None:
        from rdtool.services.deputies.deputies import resolve

        deputy_id = resolve(store, deputy)["id"]
    meeting_id = None
    if meeting is not None:
        m = sql.meeting_by_code(store, clean(meeting))
        if m is None:
            raise NotFound(f"没有编号为“{meeting}”的会议")
        meeting_id = m["id"]
    if overdue:
        if status not in (None, "overdue"):
            from rdtool.errors import UsageError

            raise UsageError("--overdue 就是 --status 逾期，不能与其他状态同用")
        status = "overdue"
    return sql.select(store, as_of or today(), status=status, unit=unit, deputy_id=deputy_id, kind=kind,
                      meeting_id=meeting_id, term=term, year=year, category=category, stream=True)


def show(store: Store, code: str, as_of: str | None = None) -> dict:
    """One proposal with co-signers, every handling round and a dated timeline."""
    day = as_of or today()
    p = get(store, code, day)
    p["complex"] = bool(p["complex"])  # (a JSON boolean)
    p["cosigner_list"] = sql.cosigners(store, p["id"])
    p["rounds"] = sql.rounds(store, p["id"])
    timeline = [{"date": p["submitted_on"], "event": "提出",
                 "detail": f"{p['lead']}领衔" + (f"，{p['cosigner_count']}名代表附议" if p["cosigner_count"] else "")
                 + (f"（{p['meeting']}）" if p["meeting"] else "")}]
    if p["disposition"]:
        timeline.append({"date": p["decided_on"], "event": "主席团决定",
                         "detail": label("motion_disposition", p["disposition"])
                         + (f"（{p['decision_meeting']}）" if p["decision_meeting"] else "")})
    if p["outcome"]:
        timeline.append({"date": p["outcome_on"], "event": "大会审议",
                         "detail": label("motion_outcome", p["outcome"])
                         + (f"（{p['outcome_meeting']}）" if p["outcome_meeting"] else "")})
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


def for_deputy(store: Store, deputy_id: int, as_of: str | None = None) -> list[dict]:
    return sql.by_deputy(store, deputy_id, as_of or today())


def chase(store: Store, as_of: str | None = None, within_days: int | None = None) -> list[dict]:
    """Open rounds overdue on `as_of` (or, with `within_days`, also due within that many days), by unit.

    `overdue` is the proposal's state (逾期, the one state function of rdtool.store.proposals); an overdue one
    has `days_late` and no `days_left`, one still in time has `days_left` and no `days_late`."""
    day = as_of or today()
    before = (as_date(day) + timedelta(days=within_days + 1)).isoformat() if within_days is not None else day
    rows = sql.pending(store, day, before)
    for r in rows:
        r["overdue"] = r["status"] == "overdue"
        late = deadlines.days_overdue(as_date(r["due_on"]), None, as_date(day))
        r["days_late"] = late if r["overdue"] else None
        r["days_left"] = None if r["overdue"] else (as_date(r["due_on"]) - as_date(day)).days
    return rows


def search(store: Store, words: str, limit: int = 20, as_of: str | None = None) -> list[dict]:
    """Titles and bodies (trigram FTS5 for words of 3+ characters, LIKE for shorter), and people: a word that is
    a deputy's name finds the proposals that deputy led or co-signed. Several words must all match."""
    terms = [w for w in clean(words).split() if w]
    if not terms:
        raise ValidationError("请给出要查找的词")
    day = as_of or today()
    named = sql.deputy_ids_named(store, terms)
    people = [named[t] for t in terms if t in named]
    words_ = [t for t in terms if t not in named]
    if words_ and all(len(t) >= 3 for t in words_):
        query = " ".join('"' + t.replace('"', '""') + '"' for t in words_)
        rows = sql.search_fts(store, query, people, limit, day)
        for r in rows:
            r["score"] = round(-r["score"], 4)
    elif words_:
        rows = sql.search_like(store, words_, people, limit, day)
        for r in rows:
            r["snippet"] = _snippet(r["title"], r.pop("body") or "", words_)
    else:
        rows = sql.search_people(store, people, limit, day)
    for r in rows:
        if not r["snippet"] or not words_:
            r["snippet"] = _who(r, [t for t in terms if t in named]) or r["title"]
    return rows


def _who(row: dict, names: list[str]) -> str:
    parts = []
    for n in names:
        if n == row["lead"]:
            parts.append(f"【{n}】领衔")
        elif n in (row["cosigners"] or "").split("、"):
            parts.append(f"【{n}】附议")
    return "，".join(parts)


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

def figures(store: Store, date_from: str, date_to: str, as_of: str, group_by: str | None = None):
    """The report contract's `proposals` figures for proposals submitted in [date_from, date_to].

    Counted by rdtool.store.report_views (the view `report_proposals`; docs/figures.md): received, motions,
    suggestions, motions_on_agenda, motions_as_suggestions over every proposal; the rest over the cohort
    handled by units (suggestions and motions handled as suggestions), states judged on `as_of`. Rates are
    None when the denominator is 0. With group_by 'unit' or 'category': a list of such dicts, each with that
    key, largest first.
    """
    from rdtool.services.terms.periods import Period
    from rdtool.store import report_views

    if group_by not in (None, "unit", "category"):
        raise ValueError(group_by)
    period = Period(date_from, date_to, None, "range", "")
    if group_by is None:
        row = report_views.one(store, "report_proposals", period, as_of)
        return {k: row[k] for k in report_views.CONTRACT_KEYS["proposals"]}
    rows = report_views.query(store, f"report_proposals_by_{group_by}", period, as_of)
    rows.sort(key=lambda r: (-r["received"], r[group_by] or ""))
    return [{group_by: r[group_by], **{k: r[k] for k in report_views.CONTRACT_KEYS["proposals"]}} for r in rows]


# --- domain checks -----------------------------------------------------------------------------------

def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Proposals overdue on `as_of` (of those submitted in the period, when one is given): unit and days late."""
    for r in chase(store, as_of):
        if not (date_from or "") <= r["submitted_on"] <= (date_to or "9999"):
            continue
        rnd = f"（第{r['round']}轮再次办理）" if r["round"] > 1 else ""
        yield {"check": "proposal_overdue", "severity": "warning", "table": "proposals", "record": r["code"],
               "message": f"{label('proposal_kind', r['kind'])}{r['code']}“{r['title']}”{rnd}承办单位"
                          f"{r['unit'] or '（未填）'}，期限 {r['due_on']}，已逾期 {r['days_late']} 天"}
