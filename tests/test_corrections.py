"""Issue 11: the record stays true while the secretary fixes it.

A scripted "bad week" entered in the wrong order, with mistakes, corrected through the CLI — each printed list
of changes asserted — gives the same annual figures as the same week entered correctly; a back-dated change that
takes a vote from exactly half to more than half flips its result; references and did-you-mean.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import Cli

YEAR = ["report", "annual", "--year", "2025", "--as-of", "2025-12-31", "--format", "json"]
PRESIDIUM = ["王建国", "李明", "张伟", "刘海燕", "陈红", "周强", "郑美玲", "孙丽"]   # 8 members, 王建国 主席
OTHERS = ["吴敏", "赵刚", "钱芳", "冯军"]


def _init(tmp_path, name: str) -> Cli:
    cli = Cli(tmp_path / f"{name}.db")
    cli("init", "--town", "青石镇", "--county", "示例县", "--term", "5", "--term-start", "2022-01-01",
        "--term-end", "2026-12-31")
    return cli


def _deputies(cli: Cli) -> None:
    for i, n in enumerate(PRESIDIUM + OTHERS):
        cli("deputy", "add", n, "--gender", "女" if i % 2 else "男", "--level", "镇", "--term", "5",
            "--party", "党员" if i % 3 else "群众")
    for n in PRESIDIUM:
        cli("deputy", "role", n, "主席" if n == "王建国" else "成员", "--from", "2022-01-02")


def correct_week(tmp_path) -> Cli:
    """The week as it happened, entered in order."""
    cli = _init(tmp_path, "right")
    _deputies(cli)
    cli("deputy", "end", "郑美玲", "--status", "辞职", "--date", "2025-03-10", "--reason", "工作调动")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-03-05", "--number", "19")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-03-20")
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-03-25", "--number", "5")
    cli("meeting", "roll", "P5-19")
    cli("meeting", "roll", "P5-20", "--absent", "李明")
    cli("meeting", "roll", "C5-5", "--leave", "张伟")
    cli("vote", "add", "P5-19", "关于甲的决定", "--kind", "重大事项", "--yes", "6", "--no", "2")
    cli("vote", "add", "P5-20", "关于乙的决定", "--kind", "重大事项", "--yes", "4", "--no", "2")
    cli("vote", "add", "C5-5", "关于丙的决议", "--kind", "重大事项", "--yes", "6", "--no", "4")
    return cli


def test_a_bad_week_corrected_gives_the_figures_of_the_week_entered_right(tmp_path):
    right = correct_week(tmp_path)
    cli = _init(tmp_path, "bad")
    # meetings before the deputies, without the township's own numbers
    out = cli("meeting", "add", "--kind", "主席团", "--date", "2025-03-20").stdout
    assert "P5-01" in out and "第一次会议" in out
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-03-25")
    # a back-dated meeting takes its place: the one after moves up, code and title with it
    out = cli("meeting", "add", "--kind", "主席团", "--date", "2025-03-05").stdout
    assert "已增加会议 P5-01" in out and "P5-02" in out and "第二次会议" in out
    _deputies(cli)
    # the departure typed with the wrong date
    cli("deputy", "end", "郑美玲", "--status", "辞职", "--date", "2025-03-28", "--reason", "工作调动")
    cli("meeting", "roll", "P5-01")
    cli("meeting", "roll", "P5-02", "--absent", "李明")
    cli("meeting", "roll", "C5-1", "--leave", "张伟")
    cli("vote", "add", "P5-01", "关于甲的决定", "--kind", "重大事项", "--yes", "6", "--no", "2")
    cli("vote", "add", "P5-01", "关于乙的决定", "--kind", "重大事项", "--yes", "4", "--no", "2")  # wrong meeting
    cli("vote", "add", "C5-1", "关于丙的决议", "--kind", "重大事项", "--yes", "6", "--no", "4")
    # a deputy wrongly marked 去世 before the meetings: she leaves their rolls, and a count that can no longer be
    # true is said (not refused: the votes are not what is being corrected)
    out = cli("deputy", "end", "孙丽", "--status", "去世", "--date", "2025-03-01").stdout
    assert "P5-01 应到 8→7，出席 8→7，点名 孙丽 出席→不在应到名单" in out
    assert "注意：会议 P5-01 事项“关于甲的决定”" in out and "rdtool vote edit P5-01#1" in out

    # the deputy wrongly marked 去世 is reinstated: every meeting after that day counts her again
    out = cli("deputy", "edit", "孙丽", "--status", "在任", "--reason", "误录为去世").stdout
    assert "已更正 孙丽：状态 去世 → 在任；状态日期 2025-03-01 → 空" in out
    assert "孙丽 主席团成员：终止日期 2025-03-01 → 空" in out
    assert "P5-01 应到 7→8，出席 7→8，点名 孙丽 不在应到名单→出席" in out  # the roll call's status, from the log
    assert "C5-1 应到 11→12，出席 10→11" in out

    # the vote on the wrong meeting is moved: its result follows the other meeting's figures
    out = cli("vote", "edit", "P5-01#2", "--meeting", "P5-02").stdout
    assert "已更正 P5-02#1：会议 P5-01 → P5-02；序号 2 → 1" in out

    # the departure's date corrected to before two recorded meetings: both are recomputed and say so
    out = cli("deputy", "edit", "郑美玲", "--status-date", "2025-03-10", "--reason", "日期录错").stdout
    assert "已更正 郑美玲：状态日期 2025-03-28 → 2025-03-10" in out
    assert "P5-02 应到 8→7，出席 7→6，点名 郑美玲 出席→不在应到名单；P5-02#1 未通过→通过" in out
    assert "C5-1 应到 12→11，出席 11→10，点名 郑美玲 出席→不在应到名单" in out

    # the numbering starts where the township's own records are: codes and generated titles follow
    out = cli("meeting", "edit", "P5-01", "--number", "19").stdout
    assert "已更正 P5-19：编号 P5-01 → P5-19；次序 1 → 19；标题 青石镇第五届人大主席团第一次会议 → " \
           "青石镇第五届人大主席团第十九次会议" in out
    assert "P5-20：编号 P5-02 → P5-20；次序 2 → 20" in out and "次序是否写明 否 → 是" in out
    cli("meeting", "edit", "C5-1", "--number", "5")
    assert [m["code"] for m in cli.json("meeting", "list")] == ["P5-19", "P5-20", "C5-5"]
    # the next automatic meeting continues from the highest
    assert "P5-21" in cli("meeting", "add", "--kind", "主席团", "--date", "2025-04-02").stdout
    cli("db", "void", "P5-21", "--reason", "试录")
    right("meeting", "add", "--kind", "主席团", "--date", "2025-04-02")
    right("db", "void", "P5-21", "--reason", "试录")

    assert json.loads(cli(*YEAR).stdout) == json.loads(right(*YEAR).stdout)
    assert cli.json("vote", "list") == right.json("vote", "list")
    assert cli("db", "check", "--as-of", "2025-12-31", "--format", "json").stdout == \
        right("db", "check", "--as-of", "2025-12-31", "--format", "json").stdout


def test_a_back_dated_departure_takes_a_vote_from_exactly_half_to_more_than_half(tmp_path):
    cli = _init(tmp_path, "b")
    _deputies(cli)
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10")
    cli("meeting", "roll", "P5-01", "--absent", "郑美玲")
    out = cli("vote", "add", "P5-01", "关于丁的决定", "--kind", "重大事项", "--yes", "4", "--no", "3").stdout
    assert "未通过" in out  # 4 of 8 members: exactly half is not a majority
    out = cli("deputy", "end", "郑美玲", "--status", "调离", "--date", "2025-06-01").stdout
    assert "P5-01 应到 8→7，点名 郑美玲 缺席→不在应到名单；P5-01#1 未通过→通过" in out
    assert cli.json("vote", "show", "P5-01#1")["result"] == "passed"  # 4 of 7 is more than half
    # and back: the correction undone restores exactly half
    cli("undo", "--yes")
    assert cli.json("vote", "show", "P5-01#1")["result"] == "failed"
    assert cli.json("meeting", "show", "P5-01")["absent_names"] == ["郑美玲"]


def test_a_back_dated_presidium_role_changes_the_later_meetings(tmp_path):
    cli = _init(tmp_path, "r")
    _deputies(cli)
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10")
    cli("meeting", "roll", "P5-01")
    cli("vote", "add", "P5-01", "关于戊的决定", "--kind", "重大事项", "--yes", "5", "--no", "3")
    out = cli("deputy", "role", "吴敏", "成员", "--from", "2025-01-01").stdout
    assert "P5-01 应到 8→9，出席 8→9，点名 吴敏 不在应到名单→出席" in out
    # the same role with another date corrects the start: the meeting before it no longer counts her
    out = cli("deputy", "role", "吴敏", "成员", "--from", "2025-07-01").stdout
    assert "P5-01 应到 9→8" in out
    assert len(cli.json("deputy", "show", "吴敏")["memberships"]) == 1


def test_an_explicit_entitled_figure_stays_and_db_check_says_when_the_roster_differs(tmp_path):
    cli = _init(tmp_path, "e")
    _deputies(cli)
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10", "--present", "7", "--entitled", "9")
    cli("deputy", "end", "孙丽", "--status", "辞职", "--date", "2025-05-01")
    assert cli.json("meeting", "show", "P5-01")["entitled"] == 9
    found = {f["check"]: f for f in cli.json("db", "check", "--as-of", "2025-12-31")}
    assert "当日在任名单为7人" in found["meeting_entitled_differs"]["message"]


def test_an_impossible_count_after_a_correction_is_said_and_stays_flagged(tmp_path):
    cli = _init(tmp_path, "i")
    _deputies(cli)
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10")
    cli("meeting", "roll", "P5-01")
    cli("vote", "add", "P5-01", "关于己的决定", "--kind", "重大事项", "--yes", "8")
    out = cli("deputy", "end", "孙丽", "--status", "辞职", "--date", "2025-05-01").stdout
    assert "注意：" in out and "P5-01#1" in out and "rdtool vote edit P5-01#1" in out
    found = json.loads(cli("db", "check", "--as-of", "2025-12-31", "--format", "json", expect=1).stdout)
    assert any(f["check"] == "vote_counts_invalid" and f["record"] == "P5-01#1" for f in found)
    # a roll call that contradicts the stored votes is refused as a whole
    r = cli.fails("meeting", "roll", "P5-01", "--absent", "李明")
    assert "多于出席人数" in r.stderr


def test_did_you_mean(tmp_path):
    cli = _init(tmp_path, "d")
    _deputies(cli)
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10")
    r = cli.fails("deputy", "show", "刘海艳")
    assert "没有名为“刘海艳”的代表" in r.stderr and "是不是：刘海燕？" in r.stderr
    assert len([line for line in r.stderr.splitlines() if "是不是" in line]) == 1
    assert "是不是：李明？" in cli.fails("deputy", "edit", "明李", "--workplace", "x").stderr  # another order
    assert "P5-01" in cli.fails("meeting", "show", "P5-1").stderr  # one character different
    assert "P5-01" in cli.fails("meeting", "show", "p5-01x").stderr
    assert "刘海燕" in cli.fails("meeting", "roll", "P5-01", "--absent", "刘海言").stderr  # same pinyin
    cli("vote", "add", "P5-01", "关于庚的决定", "--kind", "重大事项")
    assert "P5-01#1" in cli.fails("vote", "show", "P5-01#4").stderr


@pytest.mark.parametrize("args", [("会议", "P5-01"), ("meeting", "P5-01"), ("P5-01",), ("meetings", "1")])
def test_void_by_reference_kind_words_or_table(tmp_path, args):
    cli = _init(tmp_path, "v")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-07-10")
    out = cli("db", "void", *args, "--reason", "重复录入").stdout
    assert "已作废" in out
    # the one after closes the gap: its generated code and title follow
    assert [m["code"] for m in cli.json("meeting", "list")] == ["P5-01"]
    assert cli.json("meeting", "show", "P5-01")["date"] == "2025-07-10"


def test_void_and_delete_refuse_what_they_cannot_name(tmp_path):
    cli = _init(tmp_path, "w")
    _deputies(cli)
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-10")
    r = cli.fails("db", "void", "会仪", "P5-01", "--reason", "x", code=2)
    assert "是不是：会议？" in r.stderr
    cli.fails("db", "void", "表决", "P5-01#1", "--reason", "x")
    r = cli.fails("db", "delete", "代表", "刘海艳", "--yes")
    assert "刘海燕" in r.stderr
    assert "已删除" in cli("db", "delete", "会议", "P5-01", "--yes").stdout


def test_meeting_numbers_agree_with_dates(tmp_path):
    cli = _init(tmp_path, "n")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-03-05", "--code", "P5-19")  # the code states it
    assert cli.json("meeting", "show", "P5-19")["title"] == "青石镇第五届人大主席团第十九次会议"
    assert "P5-20" in cli("meeting", "add", "--kind", "主席团", "--date", "2025-04-05").stdout
    # back-filled before the first on record, its number not stated: the first (the stated ones stay; issue 23)
    assert "P5-01" in cli("meeting", "add", "--kind", "主席团", "--date", "2025-02-05").stdout
    assert [m["code"] for m in cli.json("meeting", "list")] == ["P5-01", "P5-19", "P5-20"]
    # a stated number may leave a gap (meetings held on paper), never go back
    assert "P5-25" in cli("meeting", "add", "--kind", "主席团", "--date", "2025-05-05", "--number", "25").stdout
    r = cli.fails("meeting", "edit", "P5-20", "--number", "1")  # two meetings before it
    assert "第19次" in r.stderr and "P5-19" in r.stderr
    cli.fails("meeting", "add", "--kind", "主席团", "--date", "2025-06-05", "--code", "P5-22")


def test_proposal_corrections(tmp_path):
    cli = _init(tmp_path, "p")
    _deputies(cli)
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-01-08")
    cli("proposal", "submit", "关于修桥的建议", "--lead", "王建国", "--cosigners", "李明", "--meeting", "C5-1",
        "--date", "2025-01-08")
    code = "五届一次-001"
    out = cli("proposal", "edit", code, "--title", "关于修缮便民桥的建议", "--add-cosigner", "刘海燕",
              "--reason", "漏录附议").stdout
    assert f"已更正 {code}：标题 关于修桥的建议 → 关于修缮便民桥的建议" in out and f"{code} 附议代表：增加 刘海燕" in out
    r = cli.fails("proposal", "edit", code, "--kind", "议案")
    assert "不足5人" in r.stderr and "第二十二条" in r.stderr
    cli("proposal", "assign", code, "--unit", "城建办", "--date", "2025-02-01")
    cli("proposal", "reply", code, "--result", "A", "--date", "2025-03-01")
    cli("proposal", "feedback", code, "不满意", "--date", "2025-03-05")
    # re-handled from 2025-03-05, its new one-month deadline long past today: 逾期 (issue 13's one state function)
    assert cli.json("proposal", "show", code)["status"] == "overdue"
    # the feedback was 满意 after all: the re-handling round it opened goes, the row mirrors round 1 again
    out = cli("proposal", "edit", code, "--round", "1", "--feedback", "满意").stdout
    assert "删除办理轮次" in out and "代表意见 不满意 → 满意" in out
    p = cli.json("proposal", "show", code)
    assert p["status"] == "fed_back" and len(p["rounds"]) == 1 and p["due_on"] == "2025-05-01"
    # a reassignment of the unit, a due date only with its reason, a withdrawal taken back
    cli("proposal", "edit", code, "--unit", "交通办")
    assert cli.json("proposal", "show", code)["rounds"][0]["unit"] == "交通办"
    cli.fails("proposal", "edit", code, "--due", "2025-06-01")
    cli("proposal", "edit", code, "--due", "2025-06-01", "--due-reason", "涉及跨村协调")
    cli("proposal", "withdraw", code, "--date", "2025-04-01", "--reason", "已解决")
    assert cli.json("proposal", "show", code)["status"] == "closed"
    cli("proposal", "edit", code, "--closed-on", "")
    assert cli.json("proposal", "show", code)["status"] == "fed_back"


def test_general_election_round_corrected_and_counted_again(tmp_path):
    cli = _init(tmp_path, "g")
    cli("term", "add", "6", "--start", "2027-01-01")
    cli("general-election", "plan", "6", "--level", "镇", "--election-day", "2026-11-15")
    cli("general-election", "constituency", "6", "第一选区", "--seats", "1", "--voters", "1000")
    for n in ("甲一", "乙二"):
        cli("general-election", "candidate", "6", n, "--constituency", "第一选区", "--gender", "男",
            "--nominated-by", "中共青石镇委员会", "--final")
    cli("general-election", "result", "6", "--constituency", "第一选区", "--issued", "800", "--returned", "800",
        "--vote", "甲一=380", "--vote", "乙二=400")
    out = cli("general-election", "edit-result", "6", "--constituency", "第一选区", "--vote", "甲一=410",
              "--vote", "乙二=370", "--reason", "计票录错").stdout
    assert "票数 380 → 410" in out and "第一选区第1轮 甲一 未当选→当选" in out
    # the registered voters corrected: turnout below half makes the round void (选举法 第四十五条第一款)
    out = cli("general-election", "edit-constituency", "6", "第一选区", "--voters", "1700").stdout
    assert "登记选民数 1000 → 1700" in out and "甲一 当选→本轮无效" in out
    out = cli("general-election", "edit-candidate", "6", "甲一", "--constituency", "第一选区",
              "--workplace", "三川村").stdout
    assert "已更正 甲一：工作单位及职务 空 → 三川村" in out
    cli.fails("general-election", "edit-candidate", "6", "甲一", "--constituency", "第一选区", "--final", "否")


def test_a_back_dated_departure_logs_only_the_records_whose_values_change(tmp_path):
    """Issue 28: the meetings after the date lose one name and one from their 应到; meetings before it, the other
    deputies' roll-call rows and every unchanged value are not written again."""
    import sqlite3

    cli = _init(tmp_path, "log")
    _deputies(cli)
    dates = ["2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10", "2025-05-10", "2025-06-10"]
    for i, day in enumerate(dates):
        cli("meeting", "add", "--kind", "人代会" if i % 3 == 0 else "主席团", "--date", day)
    for code in ("C5-1", "P5-01", "P5-02", "C5-2", "P5-03", "P5-04"):
        cli("meeting", "roll", code, "--absent", "李明")
    cli("deputy", "end", "郑美玲", "--status", "辞职", "--date", "2025-03-01")
    conn = sqlite3.connect(cli.db)
    rows = conn.execute("SELECT table_name, action, before, after FROM change_log "
                        "WHERE command_id = (SELECT max(id) FROM commands)").fetchall()
    zheng = conn.execute("SELECT id FROM deputies WHERE name = '郑美玲'").fetchone()[0]
    later = {r[0] for r in conn.execute("SELECT id FROM meetings WHERE date > '2025-03-01'")}
    conn.close()
    assert all(before != after for _, _, before, after in rows)
    roll = [json.loads(before) for table, _, before, _ in rows if table == "attendance"]
    assert {r["deputy_id"] for r in roll} == {zheng} and {r["meeting_id"] for r in roll} == later
    assert all(action == "delete" for table, action, _, _ in rows if table == "attendance")
    meetings = [(json.loads(b), json.loads(a)) for table, _, b, a in rows if table == "meetings"]
    assert {b["id"] for b, _ in meetings} == later
    assert all(a["roster"] == b["roster"] - 1 for b, a in meetings)
    assert {table for table, _, _, _ in rows} <= {"deputies", "presidium_members", "attendance", "meetings"}
    assert len(rows) == 2 + 2 * len(later)  # the deputy, her presidium role, and per later meeting: roll row, 应到


def test_rosters_read_for_many_meetings_at_once_are_each_meetings_roster(tmp_path):
    """The recomputation reads the rosters of 200 meetings in one query; each is the meeting's own roster
    (presidium members on its date for a presidium meeting, township deputies in office for the others)."""
    from rdtool.services.meetings import quorum as meeting_quorum
    from rdtool.store import deputies as dsql
    from rdtool.store import meetings as msql
    from rdtool.store.opening import open_store

    cli = _init(tmp_path, "rosters")
    _deputies(cli)
    cli("deputy", "role", "吴敏", "成员", "--from", "2025-02-01")
    cli("deputy", "end", "郑美玲", "--status", "辞职", "--date", "2025-03-10")
    cli("deputy", "add", "韩雪", "--gender", "女", "--level", "县", "--term", "5")
    for i, day in enumerate(["2022-01-01", "2025-01-10", "2025-02-01", "2025-03-10", "2025-03-11", "2025-06-10"]):
        cli("meeting", "add", "--kind", ("人代会", "主席团", "其他")[i % 3], "--date", day)
    store = open_store(cli.db)
    try:
        meetings = msql.meetings(store)
        batch = dsql.rosters(store, [m["id"] for m in meetings])
        assert {m["id"]: {r["id"] for r in meeting_quorum.roster(store, m)} for m in meetings} == batch
        assert len({frozenset(v) for v in batch.values()}) >= 4
    finally:
        store.close()


def test_an_imported_roster_counts_at_the_meetings_of_its_term(tmp_path):
    """The meetings an import of deputies may change are found from the terms of the mandates it inserted (read
    once each from the log): a congress session of that term takes the new deputies into its roster and roll call;
    a session of another term is left as it was."""
    from tests.helpers import write_csv
    from tests.meeting_helpers import township

    cli = Cli(tmp_path / "r.db")
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
    cli("term", "add", "4", "--start", "2022-01-06")
    township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "人代会", "--date", "2018-01-10")
    cli("meeting", "roll", "C3-1")
    cli("deputy", "add", "钱新", "--gender", "女", "--level", "镇", "--term", "4")
    cli("meeting", "add", "--kind", "人代会", "--date", "2023-01-10")
    cli("meeting", "roll", "C4-1")
    cli("import", "deputies", write_csv(tmp_path / "more.csv", "name,gender,level,term\n新甲,女,镇,3\n"
                                                             "新乙,男,镇,3\n县丙,男,县,3\n"))
    show = cli.json("meeting", "show", "C3-1")
    assert show["entitled"] == 14 and show["present"] == 14
    assert cli.json("meeting", "show", "C4-1")["entitled"] == 1
    assert not [f for f in cli.json("db", "check") if f["check"].startswith(("attendance_", "meeting_roster"))]
