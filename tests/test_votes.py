"""Votes through the real CLI: results computed by the rules at their boundaries, never typed in."""

from __future__ import annotations

import pytest

from tests.meeting_helpers import township


@pytest.fixture
def town(cli, tmp_path):
    return township(cli, tmp_path, deputies=12, presidium=9)


def presidium_meeting(cli, people, absent=()):
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    args = ["--leave", "、".join(absent)] if absent else []
    cli("meeting", "roll", "P3-01", *args)
    return "P3-01"


def test_presidium_two_majorities_at_the_boundary(cli, town):
    code = presidium_meeting(cli, town, absent=town[5:9])  # 5 of 9 present: just over half
    show = cli.json("meeting", "show", code)
    assert show["present"] == 5 and show["entitled"] == 9
    assert show["quorum"]["met"] is True and show["quorum"]["margin"] == 0
    assert show["quorum"]["rule"] == "presidium_half_quorum"
    assert "法律未规定" in show["quorum"]["article"]  # no province chosen: the national default says so
    cli("config", "province", "浙江")
    article = cli.json("meeting", "show", code)["quorum"]["article"]
    assert article == "《浙江省乡镇人民代表大会工作条例》第二十四条第二款、第三款"  # only that province's article
    cli("vote", "add", code, "甲决定", "--kind", "decision", "--method", "hands", "--yes", "5")
    cli("vote", "add", code, "乙决定", "--kind", "decision", "--method", "hands", "--yes", "4", "--no", "1")
    rows = cli.json("vote", "list", "--meeting", code)
    assert [r["result"] for r in rows] == ["passed", "failed"]
    assert rows[0]["rule"] == "presidium_two_majorities"
    assert rows[1]["entitled"] == 9 and rows[1]["present"] == 5 and rows[1]["meeting_code"] == code
    out = cli("vote", "show", f"{code}#2").stdout
    assert "赞成4票，未超过主席团全体成员9人的半数（至少5票），未通过" in out


def test_presidium_one_short_of_quorum_is_no_quorum(cli, town):
    code = presidium_meeting(cli, town, absent=town[4:9])  # 4 of 9
    show = cli.json("meeting", "show", code)
    assert show["quorum"]["met"] is False and show["quorum"]["margin"] == -1
    assert "差1人" in cli("meeting", "show", code).stdout
    cli("vote", "add", code, "决定", "--kind", "decision", "--yes", "4")
    assert cli.json("vote", "show", f"{code}#1")["result"] == "no_quorum"


def test_presidium_exactly_half_fails(cli, town):
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01", "--present", "8", "--entitled", "10")
    cli("vote", "add", "P3-01", "决定", "--kind", "decision", "--yes", "5", "--no", "3")
    assert cli.json("vote", "show", "P3-01#1")["result"] == "failed"
    cli("vote", "edit", "P3-01#1", "--yes", "6", "--no", "2")
    assert cli.json("vote", "show", "P3-01#1")["result"] == "passed"


def test_congress_exactly_two_thirds_and_majority_of_all(cli, town):
    cli("meeting", "add", "--kind", "congress", "--date", "2017-01-06")
    cli("meeting", "roll", "C3-1", "--leave", "、".join(town[8:12]))  # 8 of 12 = exactly 2/3
    show = cli.json("meeting", "show", "C3-1")
    assert show["quorum"]["met"] is True and show["quorum"]["rule"] == "congress_two_thirds_quorum"
    assert "第十四条" in show["quorum"]["article"]
    cli("vote", "add", "C3-1", "预算", "--kind", "budget", "--method", "hands", "--yes", "7")
    cli("vote", "add", "C3-1", "决议", "--kind", "decision", "--method", "hands", "--yes", "6", "--no", "1")
    rows = cli.json("vote", "list", "--meeting", "C3-1")
    assert [r["result"] for r in rows] == ["passed", "failed"]  # 6 of 12 is exactly half: not a majority
    assert rows[0]["rule"] == "congress_two_thirds_quorum_all_majority"
    # one more on leave: 7 of 12 is one short of two thirds
    cli("meeting", "roll", "C3-1", "--leave", "、".join(town[7:12]))
    rows = cli.json("vote", "list", "--meeting", "C3-1")
    assert [r["result"] for r in rows] == ["no_quorum", "no_quorum"]
    assert cli.json("meeting", "show", "C3-1")["quorum"]["margin"] == -1


def test_changing_counts_roll_call_or_entitled_recomputes(cli, town):
    code = presidium_meeting(cli, town)
    cli("vote", "add", code, "决定", "--kind", "decision", "--yes", "4", "--no", "5")
    assert cli.json("vote", "show", "1")["result"] == "failed"
    cli("vote", "edit", "1", "--yes", "5", "--no", "4")
    assert cli.json("vote", "show", "1")["result"] == "passed"
    cli("meeting", "edit", code, "--entitled", "11")  # the explicit figure replaces the snapshot
    assert cli.json("vote", "show", "1")["result"] == "failed"
    assert cli.json("vote", "show", "1")["entitled"] == 11


def test_result_cannot_be_typed(cli, town):
    code = presidium_meeting(cli, town)
    cli.fails("vote", "add", code, "决定", "--kind", "decision", "--yes", "3", "--result", "passed", code=2)
    cli("vote", "add", code, "决定", "--kind", "decision", "--yes", "3")
    cli.fails("vote", "edit", "1", "--result", "passed", code=2)
    assert cli.json("vote", "show", "1")["result"] == "failed"


def test_impossible_counts_are_rejected_with_nothing_written(cli, town):
    code = presidium_meeting(cli, town, absent=town[7:9])  # 7 present
    r = cli.fails("vote", "add", code, "决定", "--kind", "decision", "--yes", "5", "--no", "2", "--abstain", "1")
    assert "多于出席人数7人" in r.stderr
    cli.fails("vote", "add", code, "决定", "--kind", "decision", "--yes=-1")
    cli.fails("vote", "add", code, "决定", "--kind", "decision", "--no", "2")  # counts without yes
    cli.fails("meeting", "roll", code, "--count", "10")  # present > entitled (9 members)
    cli.fails("meeting", "add", "--kind", "presidium", "--date", "2017-04-01", "--present", "10", "--entitled", "9")
    cli("vote", "add", code, "决定", "--kind", "decision", "--yes", "7")
    # a new roll call that makes the stored votes impossible is refused as a whole
    r = cli.fails("meeting", "roll", code, "--leave", "、".join(town[3:9]))
    assert "多于出席人数" in r.stderr
    cli.fails("vote", "edit", "1", "--no", "1")


def test_items_without_counts_have_no_result_and_votes_need_figures(cli, town):
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    cli("vote", "add", "P3-01", "听取报告", "--kind", "report")
    assert cli.json("vote", "show", "P3-01#1")["result"] is None
    r = cli.fails("vote", "add", "P3-01", "决定", "--kind", "decision", "--yes", "5")
    assert "meeting roll" in r.stderr


def test_vote_list_filters(cli, town):
    code = presidium_meeting(cli, town)
    cli("vote", "add", code, "甲", "--kind", "decision", "--yes", "9")
    cli("vote", "add", code, "乙", "--kind", "personnel", "--method", "票决", "--yes", "2")
    assert [r["title"] for r in cli.json("vote", "list", "--result", "未通过")] == ["乙"]
    assert [r["title"] for r in cli.json("vote", "list", "--kind", "重大事项")] == ["甲"]
    assert len(cli.json("vote", "list", "--year", "2018")) == 0
    assert "通过" in cli("vote", "list").stdout
