"""Import/export kind `elections`: one row per candidate of a congress election round (docs/csv.md).

A file is checked round by round as if it were written: the rounds of a post at a session chain in the
file as they do in the database (a re-vote after a tie, an 另行选举 after a shortfall; see
`rdtool.services.elections.elections`).
"""

from __future__ import annotations

from typing import Iterator

from rdtool import fields as F
from rdtool.errors import FieldError, RdtoolError
from rdtool.io.kinds import Kind, Row, RowError, RowErrors
from rdtool.labels import clean
from rdtool.services.elections.elections import (_refuse_without_quorum, chain, count, create, held_day,
                                                 resolve_candidate)
from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as sql
from rdtool.store import contests as contests_sql
from rdtool.store.db import Store

FIELDS: list[F.Field] = [
    F.Field("meeting", F.text(30), required=True),
    F.Field("post", F.text(50), required=True),
    F.Field("seats", F.integer(1), required=True),
    F.Field("candidate", F.name, required=True),
    F.Field("votes", F.integer(0), required=True),
    F.Field("ballots_issued", F.integer(0)),
    F.Field("ballots_returned", F.integer(0)),
    F.Field("ballots_invalid", F.integer(0)),
]
# held_on: an election on a session's second day is dated by it (default its first day; issue 23)
EXTRA = [F.Field("round", F.integer(1)), F.Field("deputy_id", F.integer(1)), F.Field("held_on", F.DATE)]


def _groups(rows: list[Row]) -> dict[tuple, list[Row]]:
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        v = row.values
        groups.setdefault((v["meeting"], clean(v["post"]), v.get("round")), []).append(row)
    return groups


def _check_groups(store: Store, rows: list[Row], write: bool) -> list[RowError]:
    from rdtool.services.deputies.refs import DeputyIndex

    index = DeputyIndex(store)
    errors: list[RowError] = []
    groups = _groups(rows)
    order: dict[tuple, int] = {}
    for key in groups:
        order.setdefault(key[:2], len(order))
    sim: dict[tuple, list[tuple]] = {}  # (meeting id, post) → the rounds so far, stored and from this file
    for (code, post, round_), group in sorted(groups.items(), key=lambda kv: (order[kv[0][:2]], kv[0][2] or 0)):
        first = group[0]
        m = sql.meeting_by_code(store, code)
        if m is None:
            errors.append(RowError(first.number, "meeting", code, "没有这个编号的会议（先导入 meetings）"))
            continue
        if m["kind"] != "congress":
            errors.append(RowError(first.number, "meeting", code, "不是人民代表大会会议，不能有选举"))
            continue
        bad = False
        for f in ("seats", "ballots_issued", "ballots_returned", "ballots_invalid", "held_on"):
            for row in group[1:]:
                if row.values.get(f) != first.values.get(f):
                    errors.append(RowError(row.number, f, str(row.values.get(f) or ""),
                                           f"同一场选举（{code} {post}）各行应相同，第{first.number}行为"
                                           f"“{first.values.get(f) if first.values.get(f) is not None else ''}”"))
                    bad = True
        names: dict[str, int] = {}
        cands = []
        for row in group:
            n = row.values["candidate"]
            if n in names:
                errors.append(RowError(row.number, "candidate", n, f"与第{names[n]}行重复"))
                bad = True
            names.setdefault(n, row.number)
            did = None
            try:
                did = resolve_candidate(index, n, m["term"], row.values.get("deputy_id"))
            except FieldError as exc:
                errors.append(RowError(row.number, "candidate", n, str(exc)))
                bad = True
            cands.append((n, row.values.get("deputy_id"), row.values["votes"], did))
        if bad:
            continue
        if not write and round_ is not None and contests_sql.contest_exists(store, m["id"], post, round_):
            errors.append(RowError(first.number, "post", post, f"会议 {code} 已有该职务第{round_}轮选举的记录"))
            continue
        if not write and round_ is None and contests_sql.contest_round(store, m["id"], post) > 1:
            errors.append(RowError(first.number, "post", post, f"会议 {code} 已有该职务的选举记录；"
                                                               "另一轮（再次投票、另行选举）请填写 round 列"))
            continue
        v = first.values
        try:
            held_day(m, v.get("held_on"))
        except RdtoolError as exc:
            errors.append(RowError(first.number, "held_on", v.get("held_on") or "", exc.message))
            continue
        try:
            if write:
                create(store, m, post, v["seats"], [c[:3] for c in cands], issued=v.get("ballots_issued"),
                       returned=v.get("ballots_returned"), invalid=v.get("ballots_invalid"), round_=round_,
                       index=index, held_on=v.get("held_on"))
            else:
                done = sim.setdefault((m["id"], post), chain(store, m, post))
                number = round_ if round_ is not None else max((c["round"] for c, _, _ in done), default=0) + 1
                contest = {"post": post, "seats": v["seats"], "round": number, "by_election": 0,
                           "ballots_issued": v.get("ballots_issued"), "ballots_returned": v.get("ballots_returned"),
                           "ballots_invalid": v.get("ballots_invalid")}
                rows_ = [{"name": n, "votes": vv, "deputy_id": did} for n, _, vv, did in cands]
                result, _ = count(store, m, contest, rows_, prior=[d for d in done if d[0]["round"] < number])
                _refuse_without_quorum(m, post, {0: result})
                done.append((contest, rows_, result))
                done.sort(key=lambda d: d[0]["round"])
        except RdtoolError as exc:
            errors.append(RowError(first.number, "votes", str(v["votes"]), exc.message))
    return errors


def check_rows(store: Store, rows: list[Row]) -> list[RowError]:
    return _check_groups(store, rows, write=False)


def write_rows(store: Store, rows: list[Row]) -> int:
    errors = _check_groups(store, rows, write=True)
    if errors:
        raise RowErrors(errors)
    return len(rows)


def export_rows(store: Store, show_private: bool = False) -> Iterator[dict]:
    shared = deputies_sql.shared_names(store)
    for c in contests_sql.contests(store):
        for cand in contests_sql.candidates(store, c["id"]):
            yield {"meeting": c["meeting_code"], "post": c["post"], "seats": c["seats"], "candidate": cand["name"],
                   "votes": cand["votes"], "ballots_issued": c["ballots_issued"],
                   "ballots_returned": c["ballots_returned"], "ballots_invalid": c["ballots_invalid"],
                   "round": c["round"], "held_on": c.get("held_on"),
                   "deputy_id": cand["deputy_id"] if (cand["name"], c["term"]) in shared else None}


KIND = Kind("elections", "选举", FIELDS, write_rows, export_rows, extra=EXTRA, check=check_rows,
            aliases={"candidate": ("候选人姓名",), "votes": ("得票数", "票数"), "seats": ("应选人数",),
                   "held_on": ("选举日期",)})

