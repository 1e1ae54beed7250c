"""`db check` recomputes every roster, roll call, quorum and vote: what it finds when another program (or an older
tool) left them out of line. The check compares rosters and roll calls by counting in SQL and decides each distinct
set of figures once (CHANGES.md, issue 28's db check); these tests hold it to what comparing each meeting's sets
and deciding each item by the rules finds — every finding, its record, its words and its order."""

from __future__ import annotations

import json
import sqlite3

from rdtool.cli.main import app
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.services.meetings import recompute
from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as meetings_sql
from rdtool.store.opening import open_store
from tests.meeting_helpers import township


def raw(db, *statements: str) -> None:
    conn = sqlite3.connect(db)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def found(cli, *checks: str, as_of: str = "2026-01-01") -> list[tuple[str, str, str]]:
    """(check, record, message) of the findings of `rdtool db check --as-of` of those checks, in their order."""
    result = cli.runner.invoke(app, ["--db", str(cli.db), "db", "check", "--as-of", as_of, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return [(f["check"], f["record"], f["message"]) for f in json.loads(result.stdout) if f["check"] in checks]


ROSTER_CHECKS = ("meeting_roster_stale", "attendance_not_entitled", "attendance_missing", "meeting_entitled_differs")


def by_the_sets(db, as_of: str) -> list[tuple[str, str, str]]:
    """What comparing each meeting's roster and roll call as sets finds (the definition, every meeting read)."""
    store = open_store(db, readonly=True)
    names = deputies_sql.names(store)
    out = []
    for m in [m for m in meetings_sql.meetings(store) if m["date"] <= as_of and m["term"] is not None]:
        entitled = deputies_sql.rosters(store, [m["id"]])[m["id"]]
        roll = meetings_sql.roll_calls(store, [m["id"]])[m["id"]]
        if m["roster"] is not None and m["roster"] != len(entitled):
            out.append(("meeting_roster_stale", m["code"], f"会议 {m['code']}（{m['date']}）记录的当日名单为"
                        f"{m['roster']}人，按当日在任名单应为{len(entitled)}人；该会议的应到人数和表决结果已过时"))
        stray = [names.get(d) for d in sorted(roll) if d not in entitled]
        if stray:
            out.append(("attendance_not_entitled", m["code"],
                        f"会议 {m['code']} 的点名中有当日不在应到名单的人：{'、'.join(stray)}"))
        missing = [names.get(d) for d in sorted(entitled) if d not in roll]
        if roll and missing:
            out.append(("attendance_missing", m["code"], f"会议 {m['code']} 的点名缺少当日应到的：{'、'.join(missing)}"))
        if m["entitled"] is not None and entitled and m["entitled"] != len(entitled):
            out.append(("meeting_entitled_differs", m["code"], f"会议 {m['code']} 填写的应到人数为{m['entitled']}人，"
                        f"当日在任名单为{len(entitled)}人（旧记录按填写的人数计算）"))
    store.close()
    return out


def test_roll_calls_and_rosters_out_of_line_are_found_as_comparing_their_sets_finds_them(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("deputy", "add", "县代表甲", "--gender", "男", "--level", "县", "--term", "3")
    for day in ("2017-03-01", "2017-04-01", "2017-05-01", "2017-06-01"):
        cli("meeting", "add", "--kind", "presidium", "--date", day)
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-07-01", "--present", "6", "--entitled", "9")
    cli("meeting", "add", "--kind", "congress", "--date", "2018-01-10")
    for code in ("P3-01", "P3-02", "P3-03", "P3-04", "C3-1"):
        cli("meeting", "roll", code)
    assert found(cli, *ROSTER_CHECKS) == [] == by_the_sets(cli.db, "2026-01-01")
    ids = {n: i + 1 for i, n in enumerate(people)}
    raw(cli.db,
        f"INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (1, {ids[people[10]]}, 'present')",  # not a member
        f"DELETE FROM attendance WHERE meeting_id = 2 AND deputy_id = {ids[people[2]]}",
        "UPDATE meetings SET roster = 8 WHERE code = 'P3-02'",
        "UPDATE presidium_members SET to_date = '2017-04-15' WHERE deputy_id = 4",  # left the presidium
        "DELETE FROM attendance WHERE meeting_id = 4",                              # a roll call removed whole
        "UPDATE meetings SET entitled = 10 WHERE code = 'P3-05'",
        "INSERT INTO attendance (meeting_id, deputy_id, status) SELECT id, 13, 'absent' FROM meetings "
        "WHERE code = 'C3-1'",                                                      # a county deputy
        "UPDATE deputies SET status = 'resigned', status_date = '2017-12-01' WHERE id = 12")
    got = found(cli, *ROSTER_CHECKS)
    assert got == by_the_sets(cli.db, "2026-01-01")
    assert {(c, r) for c, r, _ in got} >= {
        ("attendance_not_entitled", "P3-01"), ("meeting_roster_stale", "P3-02"), ("attendance_missing", "P3-02"),
        ("attendance_not_entitled", "P3-03"), ("meeting_entitled_differs", "P3-05"), ("attendance_not_entitled", "C3-1")}
    words = {(c, r): m for c, r, m in got}
    assert words[("attendance_not_entitled", "P3-01")].endswith(people[10])
    assert words[("attendance_missing", "P3-02")].endswith(people[2])
    assert "县代表甲" in words[("attendance_not_entitled", "C3-1")] and people[11] in words[
        ("attendance_not_entitled", "C3-1")]
    assert words[("meeting_entitled_differs", "P3-05")] == ("会议 P3-05 填写的应到人数为10人，当日在任名单为8人"
                                                            "（旧记录按填写的人数计算）")
    # a meeting after --as-of is not looked at
    early = found(cli, *ROSTER_CHECKS, as_of="2017-12-31")
    assert early == by_the_sets(cli.db, "2017-12-31") and not any(r == "C3-1" for _, r, _ in early)


def test_many_meetings_compare_as_their_sets_do(cli, tmp_path):
    """More meetings than one batch of the comparison (recompute._BATCH), a few of them out of line anywhere in it
    (the meetings and their roll calls written in SQL, as an older tool kept them)."""
    township(cli, tmp_path, deputies=12, presidium=9)
    days = [f"2018-{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 29)]
    conn = sqlite3.connect(cli.db)
    conn.executemany("INSERT INTO meetings (code, kind, term, seq, date, title, roster) VALUES (?, 'presidium', 3, ?, ?, "
                     "'主席团会议', 9)", [(f"P3-{i + 1:03d}", i + 1, day) for i, day in enumerate(days)])
    conn.execute("INSERT INTO attendance (meeting_id, deputy_id, status) SELECT m.id, p.deputy_id, 'present' "
                 "FROM meetings m JOIN presidium_members p")
    conn.commit()
    conn.close()
    assert len(days) > recompute._BATCH and found(cli, *ROSTER_CHECKS) == []
    raw(cli.db, "DELETE FROM attendance WHERE deputy_id = 2 AND meeting_id % 7 = 0",
        "INSERT INTO attendance (meeting_id, deputy_id, status) SELECT id, 11, 'absent' FROM meetings WHERE id % 50 = 3",
        "UPDATE meetings SET roster = 8 WHERE id % 13 = 0",
        "UPDATE attendance SET deputy_id = 12 WHERE deputy_id = 3 AND meeting_id = 299")
    got = found(cli, *ROSTER_CHECKS)
    assert got == by_the_sets(cli.db, "2026-01-01")
    assert len(got) == len(days) // 7 + len(range(3, len(days) + 1, 50)) + len(days) // 13 + 2


def test_quorums_and_votes_out_of_line_are_found_each_with_its_own_words(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    for day in ("2017-03-01", "2017-04-01", "2017-05-01", "2019-05-01"):
        cli("meeting", "add", "--kind", "presidium", "--date", day)
        cli("meeting", "roll", f"P3-0{('2017-03-01', '2017-04-01', '2017-05-01', '2019-05-01').index(day) + 1}",
            "--leave", people[8])
    for code in ("P3-01", "P3-02", "P3-03", "P3-04"):  # the same counts at four meetings of the same size
        cli("vote", "add", code, f"关于{code}的决定", "--kind", "decision", "--yes", "5", "--no", "3")
    cli("vote", "add", "P3-01", "第二项", "--kind", "decision", "--yes", "8")
    assert found(cli, "vote_result_mismatch", "vote_counts_invalid", "meeting_quorum_mismatch") == []
    raw(cli.db, "UPDATE items SET result = 'failed' WHERE title = '关于P3-02的决定'",  # one of the four
        "UPDATE items SET yes = NULL WHERE title IN ('关于P3-01的决定', '关于P3-03的决定')",
        "UPDATE items SET yes = 20 WHERE title = '第二项'",
        "UPDATE meetings SET quorum_met = 0 WHERE code = 'P3-03'",
        "UPDATE items SET result = 'failed' WHERE title = '关于P3-04的决定'")
    got = found(cli, "vote_result_mismatch", "vote_counts_invalid", "meeting_quorum_mismatch", as_of="2019-01-01")
    store = open_store(cli.db, readonly=True)
    q = meetings_svc.quorum_of(store, meetings_sql.meeting_by_code(store, "P3-03"))
    assert got == [
        ("meeting_quorum_mismatch", "P3-03", f"会议 P3-03 记录的法定人数情况与按规则计算的不一致（{q.explanation}）；"
                                             "用 rdtool meeting roll P3-03 或 meeting edit 重新计算"),
        ("vote_counts_invalid", "P3-01#1", "会议 P3-01 事项“关于P3-01的决定”：有表决票数时必须填写赞成票数"),
        ("vote_counts_invalid", "P3-01#2", got[2][2]),
        ("vote_result_mismatch", "P3-02#1", got[3][2]),
        ("vote_counts_invalid", "P3-03#1", "会议 P3-03 事项“关于P3-03的决定”：有表决票数时必须填写赞成票数")]
    assert got[2][2].startswith("会议 P3-01 事项“第二项”：票数不可能成立")
    assert got[3][2].startswith("会议 P3-02 第1项“关于P3-02的决定”记录的结果为“未通过”，按规则应为“通过”：")
    # P3-04 (2019) is after --as-of; on a later day it is found too
    later = found(cli, "vote_result_mismatch", as_of="2026-01-01")
    assert [r for _, r, _ in later] == ["P3-02#1", "P3-04#1"]
