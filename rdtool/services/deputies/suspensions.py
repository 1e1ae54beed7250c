"""暂时停止执行代表职务 (代表法 2025 第六十一条): a deputy's duties suspended, reported to the congress, resumed.

The deputy remains a deputy (his status stays 在任 and he counts in 应到, rdtool.rules.suspensions); while suspended he is
not recorded present (a roll call records him absent) and does not count as a signer of a motion, an inquiry or a
nomination. `db check` lists a suspended deputy recorded present (``suspended_present``) and a suspension not reported
at a congress session held since it began (``suspension_unreported``).
"""

from __future__ import annotations

from typing import Iterator

from rdtool.errors import ValidationError
from rdtool.labels import label, parse_enum
from rdtool.rules import suspensions as law
from rdtool.services.deputies import deputies as deputies_svc
from rdtool.store import settings as settings_sql
from rdtool.store import suspensions as sql
from rdtool.store.db import Store


def _report_meeting(store: Store, ref: str, started_on: str) -> dict:
    from rdtool.services.meetings import meetings as meetings_svc

    m = meetings_svc.get(store, ref)
    problem = law.report_problem(started_on, m["kind"], m["date"], m.get("end_date"))
    if problem:
        raise ValidationError(f"会议 {m['code']}：{problem}", "--reported-at 写向其报告的人代会编号，如 C5-2")
    return m


def _open(store: Store, deputy_id: int) -> dict | None:
    return next((s for s in sql.of_deputy(store, deputy_id) if s["ended_on"] is None), None)


def suspend(store: Store, ref: str, ground: str, started_on: str, reported_at: str | None = None,
            notes: str | None = None, term: int | None = None) -> dict:
    """Record a suspension (代表法 第六十一条第一款); returns it with the meetings he is recorded present at since."""
    code = parse_enum("suspension_ground", ground) if ground not in law.GROUNDS else ground
    with store.transaction():
        d = deputies_svc.resolve(store, ref, term)
        if d["status"] != "active" and (d["status_date"] or "") <= started_on:
            raise ValidationError(f"{d['name']}已于{d['status_date'] or '（日期未记）'}{label('deputy_status', d['status'])}，"
                                  f"代表资格已终止，没有可暂停的代表职务")
        t = settings_sql.term(store, d["term"])
        if t and started_on < t["start_date"]:
            raise ValidationError(f"暂停日期{started_on}早于第{d['term']}届开始的日期{t['start_date']}")
        problem = law.overlap_problem(sql.periods(store, [d["id"]]).get(d["id"], []), started_on)
        if problem:
            raise ValidationError(f"{d['name']}：{problem}")
        meeting = _report_meeting(store, reported_at, started_on) if reported_at else None
        new_id = sql.insert(store, {"deputy_id": d["id"], "ground": code, "started_on": started_on,
                                    "reported_meeting_id": meeting["id"] if meeting else None, "notes": notes})
    record = sql.by_id(store, new_id)
    return {**record, "present": sql.present_during(store, d["id"], started_on, None), "notes": _notes(store, record)}


def report(store: Store, ref: str, meeting_ref: str, term: int | None = None) -> dict:
    """Record the congress session the suspension was reported to (代表法 第六十一条第一款: 向…人民代表大会报告)."""
    with store.transaction():
        d = deputies_svc.resolve(store, ref, term)
        rows = sql.of_deputy(store, d["id"])
        if not rows:
            raise ValidationError(f"{d['name']}没有暂停执行代表职务的记录", "先用 deputy suspend 记录暂停")
        s = rows[-1]
        m = _report_meeting(store, meeting_ref, s["started_on"])
        sql.update(store, s["id"], {"reported_meeting_id": m["id"]})
    return sql.by_id(store, s["id"])


def resume(store: Store, ref: str, resumed_on: str, reason: str | None = None, term: int | None = None) -> dict:
    """Record that the ground ended and the deputy resumes his duties (代表法 第六十一条第二款)."""
    with store.transaction():
        d = deputies_svc.resolve(store, ref, term)
        s = _open(store, d["id"])
        if s is None:
            raise ValidationError(f"{d['name']}没有尚未恢复的暂停执行代表职务记录", "用 deputy suspensions 查看")
        t = settings_sql.term(store, d["term"])
        problem = law.resume_problem(s["started_on"], resumed_on, d["status"], d["status_date"],
                                     t["end_date"] if t else None)
        if problem:
            raise ValidationError(f"{d['name']}：{problem}")
        sql.update(store, s["id"], {"ended_on": resumed_on, "end_reason": reason})
    return sql.by_id(store, s["id"])


def _notes(store: Store, s: dict) -> list[str]:
    """What the law still asks of this suspension (the same findings as `db check`)."""
    out = []
    present = sql.present_during(store, s["deputy_id"], s["started_on"], s["ended_on"])
    if present:
        out.append(f"{s['name']}暂停执行代表职务期间被记为出席："
                   + "、".join(f"{m['code']}（{m['date']}）" for m in present)
                   + "；暂停期间不能出席（代表法第六十一条），请重新点名（meeting roll），点名时自动记为缺席")
    if s["reported_meeting_id"] is None and s["level"] == "township":
        held = [m for m in sql.congress_sessions_since(store, s["term"], s["started_on"])]
        if held:
            out.append(f"{s['name']}自{s['started_on']}暂停执行代表职务，此后人代会 {held[0]['code']} 已举行，"
                       f"未记录代表资格审查委员会向大会报告（代表法第六十一条第一款）；用 deputy suspend-report 记录")
    return out


def _row(s: dict) -> dict:
    return {**s, "ground_zh": label("suspension_ground", s["ground"]), "level_zh": label("level", s["level"])}


def listing(store: Store, term: int | None = None, as_of: str | None = None) -> list[dict]:
    out = []
    for s in sql.listing(store, term):
        if as_of is not None and s["started_on"] > as_of:
            continue
        out.append({**_row(s), "in_force": s["ended_on"] is None or (as_of is not None and as_of < s["ended_on"]),
                    "problems": "；".join(_notes(store, s))})
    return out


def of_deputy(store: Store, deputy_id: int) -> list[dict]:
    return [_row(s) for s in sql.of_deputy(store, deputy_id)]


def suspended_ids(store: Store, deputy_ids: list[int], day: str) -> set[int]:
    """Those of ``deputy_ids`` whose duties are suspended on ``day`` (代表法 第六十一条)."""
    return {d for d, periods in sql.periods(store, list(deputy_ids)).items() if law.suspended_on(periods, day)}


def signers_who_count(store: Store, term: int, refs: list[str], day: str) -> tuple[list[dict], int, list[str]]:
    """The deputies named (in order), how many count as signers of a joint act on ``day`` — township deputies in
    office and not suspended (代表法 第六十一条) — and why the others do not. A name listed twice is refused."""
    rows, seen = [], set()
    for ref in refs:
        d = deputies_svc.resolve(store, ref, term)
        if d["id"] in seen:
            raise ValidationError(f"联名代表“{ref}”被重复列出")
        seen.add(d["id"])
        rows.append(d)
    barred = suspended_ids(store, [d["id"] for d in rows], day)
    counted, why = 0, []
    for d in rows:
        if d["level"] != "township":
            why.append(f"{d['name']}不是本级（乡镇）人大代表")
        elif d["status"] != "active" and (d["status_date"] or "") <= day:
            why.append(f"{d['name']}在{day}已不在任")
        elif d["id"] in barred:
            why.append(f"{d['name']}暂停执行代表职务（代表法第六十一条）")
        else:
            counted += 1
    return rows, counted, why


def refuse_suspended_signers(store: Store, rows: list[dict], day: str, act: str, option: str) -> None:
    """A deputy whose duties are suspended on ``day`` neither proposes nor signs (代表法 第六十一条,
    rdtool.rules.suspensions.may_sign): the joint act is refused, nothing recorded — as a motion's signature is."""
    barred = suspended_ids(store, [d["id"] for d in rows], day)
    names = [d["name"] for d in rows if d["id"] in barred and not law.may_sign(True)]
    if names:
        raise ValidationError(f"{'、'.join(names)}暂停执行代表职务（{law.ARTICLE}），{day}不能{act}",
                              f"从 {option} 中去掉，其余联名代表须达到法定人数；已恢复的先用 deputy resume 记录恢复日期")


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    for s in sql.listing(store):
        if s["started_on"] > as_of or (date_to and s["started_on"] > date_to) or \
                (date_from and s["ended_on"] and s["ended_on"] < date_from):
            continue
        for note in _notes(store, s):
            code = "suspended_present" if "记为出席" in note else "suspension_unreported"
            yield {"check": code, "severity": "error" if code == "suspended_present" else "warning",
                   "table": "suspensions", "record": str(s["id"]), "message": note}
