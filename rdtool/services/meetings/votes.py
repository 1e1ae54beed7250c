"""Agenda items and the votes on them. A vote's result is never typed in: it is computed by
`rdtool.rules.majority.decide_vote` (body = the meeting's kind) from the counts and the
meeting's present/entitled figures, stored with the rule applied, and recomputed whenever the
counts, the roll call or the entitled figure change (rdtool.services.meetings.recompute); items are corrected and
moved through rdtool.services.meetings.records."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from rdtool import fields as F
from rdtool.errors import RdtoolError, ValidationError
from rdtool.labels import label
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.store import meetings as sql
from rdtool.store import appointments as appointments_sql
from rdtool.store import items as items_sql
from rdtool.store.db import Store

FIELDS: list[F.Field] = [
    F.Field("meeting", F.text(30), required=True),
    F.Field("seq", F.integer(1)),
    F.Field("title", F.text(300), required=True),
    F.Field("kind", F.enum("item_kind"), required=True),
    F.Field("method", F.enum("vote_method")),
    F.Field("yes", F.integer(0)),
    F.Field("no", F.integer(0)),
    F.Field("abstain", F.integer(0)),
    F.Field("not_voting", F.integer(0)),
    F.Field("notes", F.text(2000)),
    F.Field("subject", F.text(100)),  # (CHANGES.md “Figures a secretary can sign”) 议题 of a report item (the supervision prose); else from the title
]
COUNTS = ("yes", "no", "abstain", "not_voting")
EDITABLE = ("meeting", "seq", "title", "kind", "method", "yes", "no", "abstain", "not_voting", "notes", "subject")


def has_counts(values: dict) -> bool:
    return any(values.get(k) is not None for k in COUNTS)


def outcome(store: Store, meeting: dict, values: dict, rule: tuple[str, str] | None = None,
            decide: Callable | None = None):
    """The VoteOutcome of an item (None when no votes were counted); raises ValidationError when impossible.
    `rule`: the presidium rule in force, when the caller has read it; `decide`: rdtool.rules.majority.decide_vote
    or a memo of it (the rules are pure: the same counts give the same outcome)."""
    from rdtool.rules.majority import ImpossibleCounts, decide_vote

    if not has_counts(values):
        return None
    where = f"会议 {meeting['code']} 事项“{values.get('title') or ''}”"
    if values.get("yes") is None:
        raise ValidationError(f"{where}：有表决票数时必须填写赞成票数")
    f = meetings_svc.figures(meeting)
    if f["present"] is None or not f["entitled"]:
        raise ValidationError(f"{where}：会议 {meeting['code']} 还没有出席人数和应到人数，无法计算表决结果",
                              hint=f"先点名：rdtool meeting roll {meeting['code']}（或旧记录用 --count 出席人数 --entitled 应到人数）")
    try:
        return (decide or decide_vote)(meeting["kind"], f["entitled"], f["present"], values["yes"],
                                       values.get("no") or 0, values.get("abstain") or 0, values.get("not_voting") or 0,
                                       *(rule or meetings_svc.presidium_rule(store)))
    except ImpossibleCounts as exc:
        raise ValidationError(f"{where}：票数不可能成立：{exc}", hint="请核对票数和出席人数；没有写入任何记录") from None


def parse(raw: dict, fields: list[F.Field]) -> dict:
    values, errors = F.parse_fields(fields, raw)
    if errors:
        raise ValidationError("表决事项有误：", problems=meetings_svc.problems_text(errors))
    return values


def add(store: Store, meeting_ref: str, raw: dict) -> dict:
    values = parse({**raw, "meeting": meeting_ref}, FIELDS)
    with store.transaction():
        m = meetings_svc.get(store, meeting_ref)
        item_id = insert_item(store, m, values)
    return get(store, str(item_id))


def fill_counts(values: dict) -> dict:
    """With any count given, the counts not given are 0 (stored as numbers, not blanks)."""
    if has_counts(values):
        for k in COUNTS[1:]:
            if values.get(k) is None:
                values[k] = 0
    return values


def insert_item(store: Store, meeting: dict, values: dict) -> int:
    v = fill_counts(dict(values))
    if v.get("seq") is None:
        v["seq"] = items_sql.next_item_seq(store, meeting["id"])
    elif items_sql.item_by_seq(store, meeting["id"], v["seq"]):
        raise ValidationError(f"会议 {meeting['code']} 已有第{v['seq']}项议程", "换一个序号，或不写序号自动排在最后")
    o = outcome(store, meeting, v)
    v.update(meeting_id=meeting["id"], result=o.result if o else None, rule=o.rule if o else None)
    item_id = items_sql.insert_item(store, v)
    if v.get("kind") == "personnel":
        appointments_sql.link_personnel_item(store, meeting["id"])  # an appointment recorded before its vote now follows it
    return item_id


def get(store: Store, ref: str) -> dict:
    """An item by meeting code and number ('P3-08#3', 'P3-08/3', 'P3-08:3') or by id ('17')."""
    from rdtool.services.kernel import refs

    return items_sql.item(store, refs.resolve(store, "item", ref).id)


def sql_items(store: Store, **kw) -> list[dict]:
    return items_sql.items(store, **kw)


def rows_for(store: Store, rows: Iterable[dict]) -> list[dict]:
    """Items with their meeting's figures and the explanation of the outcome."""
    return list(iter_rows_for(store, rows))


def iter_rows_for(store: Store, rows: Iterable[dict]) -> Iterator[dict]:
    """rows_for one at a time (a list streams: the items come ordered by meeting, whose record is read once)."""
    m = None
    for r in rows:
        if m is None or m["id"] != r["meeting_id"]:
            m = sql.meeting_by_id(store, r["meeting_id"])
        f = meetings_svc.figures(m)
        r = dict(r)
        r["meeting_code"] = m["code"]
        r["ref"] = f"{m['code']}#{r['seq']}"
        r["meeting_kind"] = m["kind"]
        r["meeting_date"] = m["date"]
        r["present"], r["entitled"] = f["present"], f["entitled"]
        try:
            o = outcome(store, m, r)
        except RdtoolError as exc:
            o, r["explanation"] = None, exc.message
        else:
            r["explanation"] = o.explanation if o else "未表决"
        r["article"] = o.article if o else None
        r["required_yes"] = o.required_yes if o else None
        yield r


def listing(store: Store, *, meeting: str | None = None, term: int | None = None, year: int | None = None,
            kind: str | None = None, result: str | None = None, body: str | None = None) -> Iterator[dict]:
    """The items, as they are read (a county's 50,000 are never held at once)."""
    meeting_id = meetings_svc.get(store, meeting)["id"] if meeting else None
    return iter_rows_for(store, items_sql.items(store, meeting_id=meeting_id, term=term, year=year, kind=kind,
                                          result=result, body=body, stream=True))


def show(store: Store, ref: str) -> dict:
    return rows_for(store, [get(store, ref)])[0]


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Stored quorums and results that disagree with the rules (recomputed now), and counts that cannot be. The
    meetings are read once, as they stream (what a vote needs of each is kept: a few numbers a meeting). The rules
    are pure, so a quorum or a vote is decided once for each distinct set of figures and counts (a county file's
    12,000 meetings have a few dozen, its 50,000 votes a few hundred); each item is then a lookup, and only an item
    whose stored result differs, or whose counts cannot be, is looked at further."""
    rule = meetings_svc.presidium_rule(store)
    meetings: dict[int, dict] = {}
    figures: dict[int, tuple] = {}  # meeting id → (kind, entitled, present): what decides its quorum and votes
    quorums: dict[tuple, object] = {}
    for m in sql.vote_figures(store):
        f = meetings_svc.figures(m)
        meetings[m["id"]], figures[m["id"]] = m, (key := (m["kind"], f["entitled"], f["present"]))
        if key not in quorums:
            quorums[key] = meetings_svc.quorum_of(store, m, rule)
        q = quorums[key]
        expected = None if q is None else int(q.met)
        if m["kind"] in ("presidium", "congress") and m["date"] <= as_of and m["quorum_met"] != expected:
            yield {"check": "meeting_quorum_mismatch", "severity": "error", "table": "meetings", "record": m["code"],
                   "message": f"会议 {m['code']} 记录的法定人数情况与按规则计算的不一致"
                              f"（{q.explanation if q else '出席人数或应到人数不详'}）；"
                              f"用 rdtool meeting roll {m['code']} 或 meeting edit 重新计算"}
    decided: dict[tuple, tuple] = {}  # (meeting figures, counts) → (outcome or None, expected) or None: impossible
    for meeting_id, day, seq, title, yes, no, abstain, not_voting, result, rule_applied in items_sql.vote_rows(store):
        if day > as_of:
            continue
        key = (figures[meeting_id], yes, no, abstain, not_voting)
        if key not in decided:
            decided[key] = _decide(store, meetings[meeting_id], yes, no, abstain, not_voting, rule)
        found = decided[key]
        if found is not None and (result, rule_applied) == found[1]:
            continue
        m = meetings[meeting_id]
        record = f"{m['code']}#{seq}"
        if found is None:  # the message names the meeting and the item: made for each
            try:
                outcome(store, m, {"title": title, "yes": yes, "no": no, "abstain": abstain,
                                   "not_voting": not_voting}, rule)
            except RdtoolError as exc:
                yield {"check": "vote_counts_invalid", "severity": "error", "table": "items", "record": record,
                       "message": exc.message}
            continue
        o, expected = found
        yield {"check": "vote_result_mismatch", "severity": "error", "table": "items", "record": record,
               "message": f"会议 {m['code']} 第{seq}项“{title}”记录的结果为"
                          f"“{label('vote_result', result) or '无'}”，按规则应为"
                          f"“{label('vote_result', expected[0]) or '无'}”" + (f"：{o.explanation}" if o else "")}


def _decide(store: Store, meeting: dict, yes, no, abstain, not_voting, rule: tuple[str, str]) -> tuple | None:
    """(outcome, (result, rule)) of these counts at a meeting of these figures; None when they cannot be."""
    try:
        o = outcome(store, meeting, {"yes": yes, "no": no, "abstain": abstain, "not_voting": not_voting}, rule)
    except RdtoolError:
        return None
    return o, ((o.result, o.rule) if o else (None, None))
