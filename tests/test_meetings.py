"""Meetings through the real CLI: codes and formal titles, roll calls, quorum, attendance history."""

from __future__ import annotations

import pytest

from rdtool.labels import chinese_numeral
from tests.meeting_helpers import township


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
                                     (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text


def test_codes_and_titles_numbered_per_term_and_kind(cli):
    for _ in range(21):
        cli("meeting", "add", "--kind", "主席团", "--date", "2017-02-16")
    cli("meeting", "add", "--kind", "人代会", "--date", "2017-01-06", "--end-date", "2017-01-07")
    cli("meeting", "add", "--kind", "congress", "--date", "2019-08-20", "--extraordinary")
    cli("meeting", "add", "--kind", "other", "--date", "2018-05-01", "--title", "代表小组活动会")
    rows = {r["code"]: r for r in cli.json("meeting", "list")}
    assert rows["P3-21"]["title"] == "三川镇第三届人大主席团第二十一次会议"
    assert rows["C3-1"]["title"] == "三川镇第三届人民代表大会第一次会议"
    assert rows["C3-2"]["title"] == "三川镇第三届人民代表大会第二次会议"
    assert rows["C3-2"]["extraordinary"] is True and rows["C3-1"]["extraordinary"] is False
    assert rows["O3-01"]["title"] == "代表小组活动会"
    assert rows["P3-21"]["seq"] == 21 and rows["C3-2"]["seq"] == 2
    assert [r["code"] for r in cli.json("meeting", "list", "--kind", "congress")] == ["C3-1", "C3-2"]
    assert [r["code"] for r in cli.json("meeting", "list", "--year", "2019")] == ["C3-2"]
    assert len(cli.json("meeting", "list", "--term", "3")) == 24
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-01-20", "--code", "主席团特别会")
    assert cli.json("meeting", "show", "主席团特别会")["seq"] == 1  # numbered by date
    # the given code stays; generated codes and titles follow the new order (the last is now the 22nd)
    last = cli.json("meeting", "show", "P3-22")
    assert last["title"] == "三川镇第三届人大主席团第二十二次会议" and last["seq"] == 22
    assert cli.json("meeting", "show", "P3-02")["title"] == "三川镇第三届人大主席团第二次会议"


def test_meeting_values_are_checked(cli):
    r = cli.fails("meeting", "add", "--kind", "presidium", "--date", "2017-02-16", "--extraordinary")
    assert "临时会议" in r.stderr
    cli.fails("meeting", "add", "--kind", "会谈", "--date", "2017-02-16")
    cli.fails("meeting", "add", "--kind", "presidium", "--date", "2016-02-16")  # before the term
    cli.fails("meeting", "add", "--kind", "presidium", "--date", "2017-02-16", "--end-date", "2017-02-15")
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-02-16")
    cli.fails("meeting", "add", "--kind", "presidium", "--date", "2017-02-16", "--code", "P3-01")
    cli.fails("meeting", "show", "P9-99")


def test_roll_call_snapshot_and_names(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    out = cli("meeting", "roll", "P3-01", "--absent", people[0], "--leave", people[1]).stdout
    assert "应到9人，出席7人" in out and "符合法定人数" in out
    show = cli.json("meeting", "show", "P3-01")
    assert show["absent_names"] == [people[0]] and show["leave_names"] == [people[1]]
    assert show["roster"] == 9 and show["entitled_source"] == "roster"
    # a deputy who is not on the presidium is not on its roll
    r = cli.fails("meeting", "roll", "P3-01", "--leave", people[10])
    assert people[10] in r.stderr
    # a deputy who left before the meeting is not on the congress roll
    cli("deputy", "end", people[11], "--status", "辞职", "--date", "2017-05-01")
    cli("meeting", "add", "--kind", "congress", "--date", "2018-01-10")
    cli.fails("meeting", "roll", "C3-1", "--absent", people[11])
    cli("meeting", "roll", "C3-1")
    assert cli.json("meeting", "show", "C3-1")["entitled"] == 11
    # the bare count of an old record
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-06-01", "--present", "6")
    show = cli.json("meeting", "show", "P3-02")
    assert (show["present"], show["entitled"], show["quorum"]["met"]) == (6, 9, True)
    cli.fails("meeting", "edit", "P3-01", "--present", "5")  # the roll call decides


def test_two_unexcused_congress_absences_flag_the_deputy(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    for day in ("2017-01-06", "2018-01-10"):
        cli("meeting", "add", "--kind", "congress", "--date", day)
    cli("meeting", "roll", "C3-1", "--absent", people[10], "--leave", people[11])
    data = cli.json("deputy", "show", people[10])
    assert data["art62"] is False and data["attendance_summary"]["absent"] == 1
    cli("meeting", "roll", "C3-2", "--absent", people[10], "--leave", people[11])
    data = cli.json("deputy", "show", people[10])
    assert data["art62"] is True and "第六十二条" in data["art62_text"]
    assert [a["code"] for a in data["attendance"]] == ["C3-1", "C3-2"]
    assert cli.json("deputy", "show", people[11])["art62"] is False  # leave is excused
    out = cli("deputy", "show", people[10]).stdout
    assert "缺席2次" in out and "代表资格终止" in out
    from rdtool.services.admin.checks import run_all
    from rdtool.store.opening import open_store

    findings = run_all(open_store(cli.db), "2026-01-01")
    assert [f["record"] for f in findings if f["check"] == "deputy_absent_twice"] == ["11"]


def test_checks_find_no_quorum_meetings_and_wrong_results(cli, tmp_path):
    import sqlite3

    from rdtool.services.admin.checks import run_all
    from rdtool.store.opening import open_store

    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    cli("meeting", "roll", "P3-01", "--leave", "、".join(people[:5]))
    cli("vote", "add", "P3-01", "决定", "--kind", "decision", "--yes", "4")
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE items SET result = 'passed'")  # as if typed in by another tool
    conn.commit()
    conn.close()
    checks = {f["check"] for f in run_all(open_store(cli.db), "2026-01-01")}
    assert {"meeting_no_quorum", "vote_result_mismatch"} <= checks


def test_editing_the_date_rechecks_the_roll_call(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("deputy", "end", people[11], "--status", "辞职", "--date", "2017-05-01")
    cli("meeting", "add", "--kind", "congress", "--date", "2017-01-06")
    cli("meeting", "roll", "C3-1")
    assert cli.json("meeting", "show", "C3-1")["entitled"] == 12
    # on the new date she had resigned: the roll call and the base follow, and say so
    r = cli("meeting", "edit", "C3-1", "--date", "2017-06-01")
    assert "日期 2017-01-06 → 2017-06-01" in r.stdout
    assert "C3-1 应到 12→11，出席 12→11" in r.stdout and f"{people[11]} 出席→不在应到名单" in r.stdout
    assert cli.json("meeting", "show", "C3-1")["entitled"] == 11
    cli("meeting", "edit", "C3-1", "--location", "大会议室", "--title", "三川镇第三届人民代表大会第一次会议（更正）")
    assert cli.json("meeting", "show", "C3-1")["location"] == "大会议室"


def test_a_back_dated_meeting_takes_its_place_in_the_numbering(cli):
    cli("meeting", "add", "--kind", "主席团", "--date", "2017-02-16")
    cli("meeting", "add", "--kind", "主席团", "--date", "2017-06-22")
    cli("meeting", "add", "--kind", "主席团", "--date", "2017-03-01")   # entered late
    rows = {m["code"]: m for m in cli.json("meeting", "list")}
    assert rows["P3-01"]["title"].endswith("第一次会议")
    # the back-dated one takes its place by date; the later one's generated code and title follow
    assert rows["P3-02"]["date"] == "2017-03-01" and rows["P3-02"]["title"].endswith("第二次会议")
    assert rows["P3-03"]["date"] == "2017-06-22" and rows["P3-03"]["title"].endswith("第三次会议")
    assert len({m["title"] for m in rows.values()}) == 3


def test_a_deputy_added_late_is_counted_where_he_was_a_deputy_and_says_so(cli, tmp_path):
    """Entered after the session was recorded: with no 当选日期 he was a deputy from the term's start, so the
    session's 应到 and roll call take him in, printed; elected after the session (a by-election), he is not on it."""
    township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "congress", "--date", "2017-01-06")
    cli("meeting", "roll", "C3-1")
    out = cli("deputy", "add", "赵新", "--gender", "男", "--level", "镇", "--term", "3").stdout
    assert "已增加代表 赵新" in out and "随之重新计算：C3-1 应到 12→13" in out
    out = cli("deputy", "add", "钱新", "--gender", "男", "--level", "镇", "--term", "3",
              "--elected-on", "2017-06-01").stdout
    assert "随之重新计算" not in out
    assert cli.json("meeting", "show", "C3-1")["entitled"] == 13
    # and a meeting after his election counts him
    cli("meeting", "add", "--kind", "congress", "--date", "2017-07-01")
    cli("meeting", "roll", "C3-2")
    assert cli.json("meeting", "show", "C3-2")["entitled"] == 14
    # a 当选日期 corrected to before the session: the session takes him in, and says so
    out = cli("deputy", "edit", "钱新", "--elected-on", "2016-11-15").stdout
    assert "C3-1 应到 13→14" in out


def test_a_second_meeting_on_the_same_day_is_added_with_a_warning(cli):
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    r = cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    assert "已增加会议 P3-02" in r.stdout and "2017-03-01 已有P3-01" in r.stderr and "rdtool undo" in r.stderr
    assert "已有" not in cli("meeting", "add", "--kind", "presidium", "--date", "2017-04-01").stderr
