"""What a congress election's winners become: presidium roles and office-holder records (CHANGES.md “Elections and the law”, “One fact entered once”).

Nothing here is typed in. From every contest that stands, `sync` recomputes (the law in
`rdtool.rules.congress_offices.replay_roles`):

- the presidium roles of the winners of 主席、副主席 and 主席团成员 from the election date (组织法 第十八条、
  第十九条), ending a predecessor chair's role and, when a session elects its presidium, the ``member`` role of
  those it did not elect;
- an office-holder record (an appointment with action ``elect``) for each winner who takes the oath (主席、
  副主席、镇长/乡长、副镇长/副乡长), whose 宪法宣誓 and 公告 are then tracked like an appointment's steps;

and writes only the differences, inside the caller's transaction. Every command that changes a contest calls
it; `rdtool election sync` applies it to records entered before it existed, and `db check` says when that is
needed.
"""

from __future__ import annotations

from rdtool.errors import ValidationError
from rdtool.labels import clean, label
from rdtool.services.kernel import corrections
from rdtool.store import changelog
from rdtool.store import deputies as deputies_sql
from rdtool.store import appointments as appointments_sql
from rdtool.store import contests as contests_sql
from rdtool.store.db import Store

def post_office(post: str) -> str | None:
    """主席 → chair, 副主席 → vice_chair, 主席团成员 → member, 镇长/乡长 → head, 副镇长/副乡长 → vice_head, else None."""
    p = clean(post)
    if "主席团" in p:
        return "member"
    if p.endswith("主席"):
        return "vice_chair" if "副" in p else "chair"
    if p.endswith("镇长") or p.endswith("乡长"):
        return "vice_head" if "副" in p else "head"
    return None


def _elections(store: Store):
    from rdtool.rules.congress_offices import Election

    rows = contests_sql.winners(store)
    members: dict[int, dict[int, int]] = {}
    for r in rows:
        if post_office(r["post"]) == "member" and r["deputy_id"] is not None:
            members.setdefault(r["meeting_id"], {}).setdefault(r["deputy_id"], r["candidate_id"])
    by_contest: dict[int, list[dict]] = {}
    for r in rows:
        by_contest.setdefault(r["contest_id"], []).append(r)
    out = []
    for group in by_contest.values():
        first = group[0]
        out.append(Election(first["contest_id"], first["date"], post_office(first["post"]), bool(first["by_election"]),
                            [(r["candidate_id"], r["deputy_id"]) for r in group if r["deputy_id"] is not None],
                            members.get(first["meeting_id"], {})))
    return rows, out


def plan(store: Store) -> dict:
    """What `sync` would write: role rows to add, change and delete; office records to add, change and void;
    and the problems the result would have (more than two vice-chairs, 组织法 第十八条第一款)."""
    from rdtool.rules.congress_offices import Membership, duties, replay_roles, vice_chairs_on
    from rdtool.rules.congress_candidates import MAX_VICE_CHAIRS

    winners, elections = _elections(store)
    stored = deputies_sql.all_memberships(store)
    typed = [Membership(r["deputy_id"], r["role"], r["from_date"], r["to_date"], None, r["ended_by_contest"], r["id"])
             for r in stored if r["candidate_id"] is None]
    wanted = replay_roles(typed, elections, deputies_sql.mandate_ends(store))
    by_id = {r["id"]: r for r in stored}
    derived = {(r["candidate_id"], r["role"], r["from_date"]): r for r in stored if r["candidate_id"] is not None}
    add, change, keep = [], [], set()
    for m in wanted:
        if m.id is not None:
            row = by_id[m.id]
            if (row["to_date"], row["ended_by_contest"]) != (m.to_date, m.ended_by):
                change.append((m.id, {"to_date": m.to_date, "ended_by_contest": m.ended_by}, m))
            continue
        row = derived.get((m.candidate_id, m.role, m.from_date))
        if row is None:
            add.append(m)
            continue
        keep.add(row["id"])
        if row["ended_by_contest"] is None and row["to_date"] is not None and (m.to_date is None
                                                                              or row["to_date"] < m.to_date):
            m.to_date = row["to_date"]  # ended by hand or by the end of the mandate: that stays
        if (row["to_date"], row["ended_by_contest"]) != (m.to_date, m.ended_by):
            change.append((row["id"], {"to_date": m.to_date, "ended_by_contest": m.ended_by}, m))
    delete = [r for r in derived.values() if r["id"] not in keep]

    problems = []
    for e in elections:
        if e.office == "vice_chair":
            held = vice_chairs_on(wanted, e.date)
            if len(held) > MAX_VICE_CHAIRS:
                names = "、".join(deputies_sql.by_id(store, d)["name"] for d in held)
                problems.append(f"{e.date} 选举后副主席为{names}，共{len(held)}人；乡镇人大设副主席一人至二人"
                                f"（组织法第十八条第一款）")

    offices = {}
    for r in winners:
        if duties(post_office(r["post"])).takes_oath:
            offices[r["candidate_id"]] = {"person": r["name"], "deputy_id": r["deputy_id"],
                                          "position": clean(r["post"]), "action": "elect",
                                          "meeting_id": r["meeting_id"], "decided_on": r["date"],
                                          "candidate_id": r["candidate_id"]}
    records = appointments_sql.office_records(store)
    seen = set()
    office_add, office_change, office_void = [], [], []
    for rec in records:
        want = offices.get(rec["candidate_id"])
        if want is None or rec["candidate_id"] in seen:
            office_void.append(rec)
            continue
        seen.add(rec["candidate_id"])
        diff = {k: v for k, v in want.items() if rec.get(k) != v}
        if diff:
            office_change.append((rec["id"], diff))
    office_add = [v for k, v in offices.items() if k not in seen]
    return {"roles_add": add, "roles_change": change, "roles_delete": delete, "offices_add": office_add,
            "offices_change": office_change, "offices_void": office_void, "problems": problems}


def pending(plan: dict) -> int:
    return sum(len(plan[k]) for k in ("roles_add", "roles_change", "roles_delete", "offices_add", "offices_change",
                                   "offices_void"))


def sync(store: Store) -> list[str]:
    """Write what `plan` found (inside the caller's transaction); the changes in Chinese, one line each.

    Raises ValidationError (nothing is kept: the caller's transaction rolls back) when the result would break
    the law (three vice-chairs, 组织法 第十八条第一款).
    """
    from rdtool.dates import utc_now

    p = plan(store)
    if p["problems"]:
        raise ValidationError("选举结果不符合规定：", problems=p["problems"],
                              hint="请核对副主席的选举；没有写入任何记录")
    name = {}

    def who(deputy_id: int) -> str:
        if deputy_id not in name:
            name[deputy_id] = deputies_sql.by_id(store, deputy_id)["name"]
        return name[deputy_id]

    lines = []
    for m in p["roles_add"]:
        deputies_sql.insert_membership(store, {"deputy_id": m.deputy_id, "role": m.role, "from_date": m.from_date,
                                       "to_date": m.to_date, "candidate_id": m.candidate_id,
                                       "ended_by_contest": m.ended_by})
        lines.append(f"{who(m.deputy_id)}：{m.from_date}起任{label('presidium_role', m.role)}")
    for row_id, changes, m in p["roles_change"]:
        deputies_sql.update_membership(store, row_id, changes)
        if m.to_date:
            lines.append(f"{who(m.deputy_id)}：{label('presidium_role', m.role)}至{m.to_date}")
        else:
            lines.append(f"{who(m.deputy_id)}：{label('presidium_role', m.role)}恢复在任")
    for r in p["roles_delete"]:
        deputies_sql.delete_membership(store, r["id"])
        lines.append(f"{who(r['deputy_id'])}：撤销因选举产生的{label('presidium_role', r['role'])}职务（{r['from_date']}起）")
    for v in p["offices_add"]:
        appointments_sql.insert_appointment(store, v)
        lines.append(f"{v['person']}：记为{v['position']}（{v['decided_on']}当选），待记宪法宣誓、公告")
    for row_id, diff in p["offices_change"]:
        appointments_sql.update_appointment(store, row_id, diff)
    now = utc_now()
    for rec in p["offices_void"]:
        appointments_sql.void_appointment(store, rec["id"], now, "选举结果更正：已不是当选人")
        lines.append(f"{rec['person']}：{rec['position']}的任职记录作废（已不是当选人）")
    return lines


def sync_all(store: Store) -> list[str]:
    """`rdtool election sync`: apply every election's results in one transaction."""
    with store.transaction():
        return sync(store)


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Election results not yet applied to the roster and office records; more than two vice-chairs."""
    from rdtool.rules.congress_candidates import MAX_VICE_CHAIRS
    from rdtool.rules.congress_offices import Membership, vice_chairs_on

    findings = []
    p = plan(store)
    n = pending(p)
    if n:
        findings.append({"check": "election_results_not_applied", "severity": "warning", "table": "election_contests",
                         "record": "", "message": f"有{n}处选举结果尚未记入主席团职务或任职记录，"
                                                  f"运行 rdtool election sync 补记"})
    rows = [Membership(r["deputy_id"], r["role"], r["from_date"], r["to_date"]) for r in deputies_sql.all_memberships(store)]
    flagged = set()
    for m in rows:
        if m.role != "vice_chair" or not m.from_date or m.from_date > as_of:
            continue
        held = tuple(vice_chairs_on(rows, m.from_date))
        if len(held) > MAX_VICE_CHAIRS and held not in flagged:
            flagged.add(held)
            names = "、".join(deputies_sql.by_id(store, d)["name"] for d in held)
            findings.append({"check": "presidium_vice_chairs", "severity": "warning", "table": "presidium_members",
                             "record": "", "message": f"{m.from_date}起副主席为{names}，共{len(held)}人；乡镇人大设"
                                                      f"副主席一人至二人（组织法第十八条第一款）"})
    return findings


# ---------------------------------------------------------------- registered with the kernel

def elections_touched(store: Store, after_id: int, upto_id: int) -> bool:
    """Whether log entries in the span changed a congress election or its candidates (its winners' roles and
    office-holder records follow: `sync`)."""
    return any(changelog.fields_between(store, after_id, upto_id, table, ("id",))
               for table in ("election_contests", "candidates"))


def _run(p: corrections.Pass) -> bool:
    """A voided, deleted or moved election's winners: their roles and office-holder records follow (the pass's
    span grows by what this writes, so that the meetings after see the new presidium)."""
    if elections_touched(p.store, p.start, p.end):
        p.also += sync(p.store)
        p.extend()
    return False  # the meetings' recomputation decides whether another pass is needed


corrections.register(__name__, corrections.Recomputation(run=_run))

