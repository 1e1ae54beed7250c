"""Derived records never go stale (CHANGES.md “Corrections”): what a write changes about who was entitled at a meeting is
carried through, in the same transaction, to everything computed from it.

A meeting's entitled base (全体) is the roster on its date (组织法 第十四条第四款、第二十五条; 浙江省乡镇人民代表大会
工作条例 第二十四条): township deputies in office, or the presidium members. A departure, a back-dated deputy or
presidium role, a term's dates, a meeting's date or kind all change that roster. `refresh` brings each affected
meeting back in line with it:

- the roster snapshot (应到) is taken again; an explicit `entitled` typed for an old record stays as typed
  (db check flags it when the roster disagrees);
- the roll call loses anyone not entitled that day, and gains anyone newly entitled with the status the log last
  knew for them, else 出席 — the roll call's own rule ("其余应到人员均出席");
- whether the meeting met its quorum (meetings.quorum_met, which the report counts), every vote's result
  (rdtool.rules.majority) and every congress election (rdtool.services.elections.elections) is
  computed again; a count that can no longer be true (more votes than people present) stops the write.

`digest` and `diff` say what changed ("C5-5 应到 40→39；C5-5#4 未通过→通过"), including 代表法 第六十二条 absences
that reach two. `checks` lists every stored snapshot and result that differs from what the rules give today.
"""

from __future__ import annotations

from typing import Iterator

from rdtool.errors import ValidationError
from rdtool.labels import label
from rdtool.services.elections import elections as elections_svc
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.services.meetings import quorum as meeting_quorum
from rdtool.services.meetings import votes as votes_svc
from rdtool.services.kernel import corrections
from rdtool.store import changelog
from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as sql
from rdtool.store import contests as contests_sql
from rdtool.store import items as items_sql
from rdtool.store.db import Store

# The deputy fields that decide who is entitled on a day (store.deputies.IN_OFFICE and the roster queries).
_ENTITLING = ("term", "level", "status", "status_date", "voided_at", "elected_on")


# ---------------------------------------------------------------- which meetings a write affects

def affected(store: Store, after_id: int, upto_id: int, own: bool = False) -> list[int]:
    """The meetings whose entitled base or roll call the log entries after_id < id <= upto_id may change
    (`own`: entries the recomputation wrote itself, whose meetings and roll calls are already in line)."""
    ranges: dict[tuple[int, str | None], str] = {}  # (term, kind or None for all) -> earliest date ('' = all)

    def widen(term, kind, since) -> None:
        if term is None:
            return
        key = (int(term), kind)
        ranges[key] = min(ranges.get(key, since), since)

    # an inserted or deleted mandate widens its term to every meeting: its term is all that is read of it (an
    # import's 50,000 entries are one row a term here, not 50,000 rows parsed in Python)
    for before, after in changelog.terms_inserted_or_deleted(store, after_id, upto_id):
        for t in {before, after}:
            widen(t, None, "")
    for row in changelog.iter_fields_between(store, after_id, upto_id, "deputies", _ENTITLING, changed=True):
        action, pairs = row[0], [(row[1 + 2 * i], row[2 + 2 * i]) for i in range(len(_ENTITLING))]
        changed = {f for f, (b, a) in zip(_ENTITLING, pairs) if b != a}
        terms = {pairs[0][0], pairs[0][1]}
        if action in ("insert", "delete") or changed & {"term", "level", "voided_at"}:
            since = ""
        elif changed & {"status", "status_date", "elected_on"}:
            dates = [d for f in ("status_date", "elected_on") if f in changed or f == "status_date"
                     for d in pairs[_ENTITLING.index(f)] if d]
            since = min(dates) if dates else ""
        else:
            continue
        for t in terms:
            widen(t, None, since)
    fields = ("deputy_id", "from_date", "to_date")
    for row in changelog.iter_fields_between(store, after_id, upto_id, "presidium_members", fields):
        dates = [d for d in row[3:7] if d]
        for deputy_id in {row[1], row[2]} - {None}:
            widen(sql.deputy_term(store, deputy_id), "presidium", min(dates) if dates else "")
    for row in changelog.iter_fields_between(store, after_id, upto_id, "terms", ("number",)):
        for t in {row[1], row[2]}:
            widen(t, None, "")
    for row in changelog.iter_fields_between(store, after_id, upto_id, "settings", ("key",)):
        if {"presidium_quorum", "province"} & {row[1], row[2]}:  # the presidium rule decides its every result
            for term, kind in sql.groups(store):
                if kind == "presidium":
                    widen(term, "presidium", "")
    ids: set[int] = set()
    for table, column in (() if own else (("meetings", "id"), ("attendance", "meeting_id"))):
        for row in changelog.iter_fields_between(store, after_id, upto_id, table, (column,)):
            ids.update(i for i in row[1:] if i is not None)
    for (term, kind), since in ranges.items():
        ids.update(sql.meetings_since(store, term, kind, since))
    return sorted(ids)


# ---------------------------------------------------------------- bringing a meeting back in line

def refresh(store: Store, meeting_ids: list[int], strict: set[int] = frozenset()) -> list[str]:
    """Recompute each meeting's roster snapshot, roll call, vote results and elections (see the module).

    A stored count that can no longer be true (more votes than people now present) keeps its old result and is
    returned as a warning naming the record and the fix (db check lists it until it is fixed); for the meetings
    in `strict` — the one a command corrects directly, such as a roll call — it stops the write instead."""
    warnings = []
    for start in range(0, len(meeting_ids), _BATCH):
        batch = meeting_ids[start:start + _BATCH]
        warnings += _refresh(store, batch, strict, deputies_sql.rosters(store, batch), sql.roll_calls(store, batch))
    return warnings


_BATCH = 200  # meetings whose rosters and roll calls are read in one query (memory stays bounded)


def _refresh(store: Store, meeting_ids: list[int], strict: set[int], rosters: dict[int, set[int]],
             rolls: dict[int, dict[int, str]]) -> list[str]:
    warnings = []
    for meeting_id in meeting_ids:
        m = sql.meeting_by_id(store, meeting_id)
        if m is None:
            continue
        fix_roll(store, m, rosters[meeting_id], rolls[meeting_id])
        for problem, hint in results(store, sql.meeting_by_id(store, meeting_id)):
            if meeting_id in strict:
                raise ValidationError(problem, hint=hint + "；没有写入任何记录")
            warnings.append(f"{problem}，结果无法重新计算：{hint}")
    return warnings


def fix_roll(store: Store, meeting: dict, entitled: set[int] | None = None, roll: dict[int, str] | None = None) -> None:
    """The roster snapshot and the roll call as the roster on the meeting's date has them (`entitled` and `roll`:
    the roster's ids and the roll call when the caller read them for many meetings at once)."""
    if meeting["term"] is None:
        return
    if entitled is None:
        entitled = {r["id"] for r in meeting_quorum.roster(store, meeting)}
    if roll is None:
        roll = {a["deputy_id"]: a["status"] for a in sql.attendance(store, meeting["id"])}
    if roll:
        for deputy_id in sorted(set(roll) - entitled):
            sql.delete_attendance(store, meeting["id"], deputy_id)
        for deputy_id in sorted(entitled - set(roll)):
            known = changelog.last_before(store, "attendance", f"{meeting['id']}/{deputy_id}")
            sql.add_attendance(store, meeting["id"], deputy_id, (known or {}).get("status") or "present")
    if (meeting["roster"] is not None or roll or meeting["present"] is not None) and meeting["roster"] != len(entitled):
        sql.update_meeting(store, meeting["id"], {"roster": len(entitled)})


def results(store: Store, meeting: dict) -> list[tuple[str, str]]:
    """Every vote's result and every election of a meeting, from its figures as they now are; returns
    (problem, how to fix it) for each record whose counts can no longer be true (its result is left as it was)."""
    problems = []
    f = meeting_quorum.figures(meeting)
    if f["present"] is not None and f["entitled"] is not None and f["present"] > f["entitled"]:
        return [(f"会议 {meeting['code']}（{meeting['date']}）出席{f['present']}人，多于应到{f['entitled']}人",
                 f"核对点名，或更正填写的应到人数（rdtool meeting edit {meeting['code']} --entitled …）")]
    meeting_quorum.refresh_quorum(store, meeting)
    for it in items_sql.items_of(store, meeting["id"]):
        try:
            o = votes_svc.outcome(store, meeting, it)
        except ValidationError as exc:
            problems.append((exc.message, f"请更正票数（rdtool vote edit {meeting['code']}#{it['seq']} --yes … --no …），"
                                          "或核对日期和点名"))
            continue
        items_sql.set_result(store, it["id"], o.result if o else None, o.rule if o else None)
    for c in contests_sql.contests(store, meeting_id=meeting["id"]):
        try:
            elections_svc.apply(store, c["id"])
        except ValidationError as exc:
            problems.append((exc.message, f"请更正选票数（rdtool election edit {c['id']} --issued …），或核对日期和点名"))
    return problems


# ---------------------------------------------------------------- what changed

def digest(store: Store) -> dict:
    """The derived state of every live meeting: figures, quorum, vote results, election outcomes, art. 62."""
    rule = meeting_quorum.presidium_rule(store)
    out: dict = {"meetings": {}, "items": {}, "contests": {}, "absent": {}}
    for m in sql.meetings(store):
        f = meeting_quorum.figures(m)
        q = meeting_quorum.quorum_of(store, m, rule)
        out["meetings"][m["id"]] = (m["code"], f["entitled"], f["present"], None if q is None else q.met,
                                    m["roll_rows"])
    for it in items_sql.results(store):
        out["items"][it["id"]] = (it["meeting_id"], it["ref"], it["result"])
    for c in contests_sql.outcomes(store):
        out["contests"][c["id"]] = (c["meeting_id"], c["label"], c["outcome"], c["winners"] or "")
    for r in sql.congress_absences(store):
        out["absent"][(r["deputy_id"], r["term"])] = (r["name"], r["n"])
    return out


def _n(value) -> str:
    return "—" if value is None else str(value)


def diff(store: Store, before: dict, after: dict, rolls=()) -> list[str]:
    """One line per meeting whose derived state changed, then 代表法 art. 62 absences reaching two or no longer.
    `rolls`: the command's roll-call changes as (meeting, deputy, status before, status after), oldest first."""
    heads: dict[int, list[str]] = {}       # a meeting's own figures and roll call: 'C5-5 应到 40→39，出席 …'
    by_meeting: dict[int, list[str]] = {}  # its items and elections
    for mid, (code, entitled, present, met, _) in after["meetings"].items():
        old = before["meetings"].get(mid)
        if old is None:
            continue
        parts = []  # (a figure known for the first time is no change: the command says it)
        if old[1] is not None and old[1] != entitled:
            parts.append(f"应到 {_n(old[1])}→{_n(entitled)}")
        if old[2] is not None and old[2] != present:
            parts.append(f"出席 {_n(old[2])}→{_n(present)}")
        if old[3] is not None and met is not None and old[3] != met:
            parts.append("达到法定人数" if met else "不足法定人数")
        if parts:
            heads.setdefault(mid, []).extend(parts)
    # only meetings that had a roll call before the command can show a change of someone's attendance: the rows
    # of a roll call imported whole are not kept (an import of 100,000 rows, rdtool.settings.IMPORT_LIMITS)
    called = {mid for mid, old in before["meetings"].items() if old[4] and mid in after["meetings"]}
    people: dict[tuple, list] = {}
    for meeting_id, deputy_id, was, now in rolls:
        if meeting_id in called:
            people.setdefault((meeting_id, deputy_id), [was, None])[1] = now
    from rdtool.store.refs import name_of

    moved: dict[int, list[str]] = {}
    for (mid, did), (was, now) in people.items():
        if was != now:
            who = name_of(store, "deputies", did) or f"#{did}"
            moved.setdefault(mid, []).append(f"{who} {label('attendance', was) or '不在应到名单'}→"
                                             f"{label('attendance', now) or '不在应到名单'}")
    for mid, changes in moved.items():
        shown = "，".join(changes) if len(changes) <= 6 else f"{len(changes)}人的出席情况有变化"
        heads.setdefault(mid, []).append(f"点名 {shown}")
    for iid, (mid, ref, result) in after["items"].items():
        old = before["items"].get(iid)
        if old is not None and old[2] != result:
            by_meeting.setdefault(mid, []).append(f"{ref} {label('vote_result', old[2]) or '未表决'}→"
                                                  f"{label('vote_result', result) or '未表决'}")
    for cid, (mid, what, outcome, winners) in after["contests"].items():
        old = before["contests"].get(cid)
        if old is None or (old[2], old[3]) == (outcome, winners):
            continue
        text = f"{what} {label('election_outcome', old[2])}→{label('election_outcome', outcome)}"
        if old[3] != winners:
            text += f"（当选 {old[3] or '无'}→{winners or '无'}）"
        by_meeting.setdefault(mid, []).append(text)
    lines = []
    for mid in dict.fromkeys([*heads, *by_meeting]):
        head = [f"{after['meetings'][mid][0]} {'，'.join(heads[mid])}"] if mid in heads else []
        lines.append("；".join(head + by_meeting.get(mid, [])))
    for key in sorted(set(before["absent"]) | set(after["absent"])):
        old, new = before["absent"].get(key, (None, 0))[1], after["absent"].get(key, (None, 0))[1]
        if (old >= 2) != (new >= 2):
            name = (after["absent"].get(key) or before["absent"][key])[0]
            lines.append(f"{name} 第{key[1]}届未经批准缺席人代会 {old}→{new} 次"
                         + ("，代表资格应当终止（代表法第六十二条）" if new >= 2 else "，不再达到代表法第六十二条的两次"))
    return lines


# ---------------------------------------------------------------- db check: every snapshot and result, now

def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Roster snapshots and roll calls that differ from the roster on the meeting's date; an explicit entitled
    figure the roster disagrees with; meeting numbers out of line with their dates."""
    names: dict[int, str] = {}
    for m, size, entitled, roll in _rosters_and_rolls(store, as_of):
        if m["roster"] is not None and m["roster"] != size:
            yield _finding("meeting_roster_stale", "error", m,
                           f"会议 {m['code']}（{m['date']}）记录的当日名单为{m['roster']}人，按当日在任名单应为"
                           f"{size}人；该会议的应到人数和表决结果已过时")
        if roll.keys() != entitled:  # (names are looked up only for a roll call that differs from its roster)
            names = names or deputies_sql.names(store)
            stray = [names.get(d) for d in sorted(roll) if d not in entitled]
            if stray:
                yield _finding("attendance_not_entitled", "error", m,
                               f"会议 {m['code']} 的点名中有当日不在应到名单的人：{'、'.join(stray)}")
            missing = [names.get(d) for d in sorted(entitled) if d not in roll]
            if roll and missing:
                yield _finding("attendance_missing", "warning", m,
                               f"会议 {m['code']} 的点名缺少当日应到的：{'、'.join(missing)}")
        if m["entitled"] is not None and size and m["entitled"] != size:
            yield _finding("meeting_entitled_differs", "warning", m,
                           f"会议 {m['code']} 填写的应到人数为{m['entitled']}人，当日在任名单为{size}人"
                           "（旧记录按填写的人数计算）")
    for term, kind in sql.groups(store):
        rows = sql.group(store, term, kind)
        numbers, problems = meetings_svc.numbering(rows)
        for g in rows:
            if g["seq"] != numbers[g["id"]] and numbers[g["id"]] is not None:
                yield {"check": "meeting_number", "severity": "warning", "table": "meetings",
                       "record": g["code"], "message": f"会议 {g['code']} 的次序为{_n(g['seq'])}，"
                       f"按前一次会议应为第{numbers[g['id']]}次"}
        for g in rows:
            if numbers[g["id"]] is None:
                yield {"check": "meeting_number_unknown", "severity": "warning", "table": "meetings",
                       "record": g["code"], "message": meetings_svc.unsure_text(g)}
        for p in problems:
            yield {"check": "meeting_number_order", "severity": "error", "table": "meetings",
                   "record": "", "message": p}
        for gap in meetings_svc.gaps(rows):  # sessions held on paper before adoption: a fact, not an error
            yield {"check": "meeting_number_gap", "severity": "note", "table": "meetings",
                   "record": gap[2]["code"], "message": meetings_svc.gap_text(term, kind, gap)}


def _rosters_and_rolls(store: Store, as_of: str) -> Iterator[tuple[dict, int, set[int], dict[int, str]]]:
    """(meeting, the size of its roster, ids of those entitled on its date, {deputy id: roll-call status}) of each
    live meeting up to `as_of`. SQLite counts each meeting's roster, roll call and the two's overlap
    (deputies_sql.roster_sizes); only a meeting whose roll call is not its roster has both read (those of 200 such
    meetings in one query each) — for the others the two are given as empty, which compare equal."""
    batch: list[dict] = []
    for m in deputies_sql.roster_sizes(store):
        if m["date"] > as_of:
            continue
        batch.append(m)
        if len(batch) == _BATCH:
            yield from _read_differing(store, batch)
            batch = []
    yield from _read_differing(store, batch)


def _read_differing(store: Store, batch: list[dict]) -> Iterator[tuple[dict, int, set[int], dict[int, str]]]:
    differ = [m["id"] for m in batch if not m["roll_n"] == m["roster_n"] == m["matched"]]
    rosters, rolls = (deputies_sql.rosters(store, differ), sql.roll_calls(store, differ)) if differ else ({}, {})
    for m in batch:
        yield m, m["roster_n"], rosters.get(m["id"], set()), rolls.get(m["id"], {})


def _finding(check: str, severity: str, meeting: dict, message: str) -> dict:
    return {"check": check, "severity": severity, "table": "meetings", "record": meeting["code"], "message": message}


# ---------------------------------------------------------------- registered with the kernel

def refresh_all(store: Store):
    """Recompute every meeting (`db check --fix`): snapshots, roll calls, results, with what changed."""
    with corrections.write(store, verb="已重新计算") as report:
        report.warnings = refresh(store, [m["id"] for m in sql.meetings(store)])
    return report


def _run(p: corrections.Pass) -> bool:
    """Every meeting the pass's log entries may affect, brought back in line with its roster."""
    ids = affected(p.store, p.start, p.end, own=p.own)
    if ids:
        p.report.warnings += refresh(p.store, ids, p.report.strict)
    return bool(ids)


def _derived(store: Store, before: dict, after: dict, start: int) -> list[str]:
    """What the command's writes changed in every meeting, its roll calls read from the log after `start`."""
    rows = changelog.iter_fields_between(store, start, None, "attendance", ("meeting_id", "deputy_id", "status"))
    return diff(store, before, after, ((a_m if a_m is not None else b_m, a_d if a_d is not None else b_d, b_s, a_s)
                                       for _, b_m, a_m, b_d, a_d, b_s, a_s in rows))


corrections.register(__name__, corrections.Recomputation(run=_run, digest=digest, derived=_derived))
