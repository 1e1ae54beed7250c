"""Congress elections through the real CLI: 组织法 arts. 25, 27, 29; 选举法 art. 44."""

from __future__ import annotations

import pytest

from tests.meeting_helpers import township


@pytest.fixture
def session(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "congress", "--date", "2017-01-06")
    cli("meeting", "roll", "C3-1")
    return people


def test_winners_need_more_than_half_of_all_deputies(cli, session):
    p = session
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "--issued", "12",
              "-c", f"{p[0]}=7", "-c", f"{p[1]}=9", "-c", f"{p[2]}=6").stdout
    assert "选满" in out
    rows = cli.json("election", "list")
    elected = {r["candidate"]: r["elected"] for r in rows}
    assert elected == {p[1]: True, p[0]: True, p[2]: False}  # 6 of 12 is exactly half
    assert {r["elected_on"] for r in rows if r["elected"]} == {"2017-01-06"}
    assert rows[0]["deputy_id"] == 2
    show = cli.json("election", "show", "1")
    assert show["required_votes"] == 7 and show["all_deputies"] == 12 and show["warnings"] == []


def test_tie_at_the_last_seat_needs_a_revote(cli, session):
    p = session
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "--issued", "12",
              "-c", f"{p[0]}=9", "-c", f"{p[1]}=7", "-c", f"{p[2]}=7").stdout
    assert "再次投票" in out
    show = cli.json("election", "show", "1")
    assert show["outcome"] == "tie" and show["elected"] == [p[0]] and sorted(show["tie"]) == sorted(p[1:3])
    assert [r["candidate"] for r in cli.json("election", "list", "--elected")] == [p[0]]
    # the next round is the re-vote among the tied: the most votes win, no majority needed (组织法 第二十九条第一款)
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[1]}=5", "-c", f"{p[2]}=4").stdout
    assert "第2轮·再次投票" in out and "以得票多的当选" in out
    show = cli.json("election", "show", "2")
    assert show["stage"] == "revote" and show["elected"] == [p[1]] and show["outcome"] == "filled"
    assert show["required_votes"] is None  # 5 of 12 deputies would not be a majority; the tied already had one
    assert {r["candidate"] for r in cli.json("election", "list", "--elected")} == {p[0], p[1]}
    assert not [f for f in _checks(cli) if f["table"] == "election_contests"]


def test_a_revote_ballot_lists_only_the_tied(cli, session):
    p = session
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "-c", f"{p[0]}=9", "-c", f"{p[1]}=7",
        "-c", f"{p[2]}=7", "-c", f"{p[3]}=1")
    err = cli.fails("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[1]}=5", "-c", f"{p[2]}=4",
                    "-c", f"{p[3]}=1").stderr
    assert f"{p[3]}不在票数相等的人之中" in err and "第二十九条第一款" in err
    assert f"缺少{p[2]}" in cli.fails("election", "add", "C3-1", "--post", "副镇长", "--seats", "1",
                                     "-c", f"{p[1]}=5").stderr
    assert "应选名额应为1名" in cli.fails("election", "add", "C3-1", "--post", "副镇长", "--seats", "2",
                                      "-c", f"{p[1]}=5", "-c", f"{p[2]}=4").stderr
    # a new tie: one more re-vote, among the same two
    assert "仍票数相等" in cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1",
                              "-c", f"{p[1]}=5", "-c", f"{p[2]}=5").stdout
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[1]}=4", "-c", f"{p[2]}=6")
    assert cli.json("election", "show", "3")["elected"] == [p[2]]
    # correcting the second round's votes recounts the rounds after it, and refuses what would no longer hold
    cli.fails("election", "edit", "2", "-c", f"{p[1]}=6")  # round 2 filled: round 3 would be a round too many
    cli("election", "edit", "3", "-c", f"{p[1]}=6", "-c", f"{p[2]}=5")
    assert cli.json("election", "show", "3")["elected"] == [p[1]]
    assert [r["name"] for r in cli.json("election", "show", "3")["candidates"] if r["elected"]] == [p[1]]


def _checks(cli):
    from rdtool.services.admin.checks import run_all
    from rdtool.store.opening import open_store

    return run_all(open_store(cli.db), "2026-01-01")


def test_no_election_without_a_quorum(cli, session):
    p = session
    cli("meeting", "roll", "C3-1", "--leave", "、".join(p[7:12]))  # 7 of 12; two thirds is 8
    err = cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}=7").stderr
    assert "不足法定人数，不能表决" in err and "第十四条第四款" in err
    cli("vote", "add", "C3-1", "决议", "--kind", "decision", "--yes", "7")  # a vote says the same
    assert cli.json("vote", "show", "C3-1#1")["result"] == "no_quorum"
    cli("meeting", "roll", "C3-1", "--leave", "、".join(p[8:12]))  # 8 of 12: exactly two thirds
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}=7")
    assert cli.json("election", "show", "1")["elected"] == [p[0]]


def test_more_ballots_than_deputies_present_is_refused(cli, session):
    p = session
    cli("meeting", "roll", "C3-1", "--leave", "、".join(p[10:12]))  # 10 present
    err = cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "--issued", "11",
                    "-c", f"{p[0]}=7").stderr
    assert "发出选票11张，多于出席代表10人" in err
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "--issued", "10", "-c", f"{p[0]}=7")
    assert cli.json("election", "show", "1")["ballots_issued"] == 10
    cli.fails("election", "edit", "1", "--issued", "11")


def test_additional_round_fills_the_missing_seats(cli, session):
    p = session
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "-c", f"{p[0]}=9", "-c", f"{p[1]}=6",
        "-c", f"{p[2]}=5", "-c", f"{p[3]}=2")
    assert "尚缺1名，本轮应选2名" in cli.fails("election", "add", "C3-1", "--post", "副镇长", "--seats", "2",
                                           "-c", f"{p[1]}=7", "-c", f"{p[2]}=4", "-c", f"{p[3]}=1").stderr
    assert f"{p[0]}已在前一轮当选" in cli.fails("election", "add", "C3-1", "--post", "副镇长", "--seats", "1",
                                            "-c", f"{p[0]}=7", "-c", f"{p[1]}=4").stderr
    # a list that skips the second-ranked is lawful for the congress (组织法 第二十九条第二款: 另行提名), noted
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[2]}=7",
              "-c", f"{p[3]}=4").stdout
    assert "第2轮·另行选举" in out and f"未列入{p[1]}" in out and "另行提名" in out
    show = cli.json("election", "show", "2")
    assert show["stage"] == "additional" and show["elected"] == [p[2]] and show["outcome"] == "filled"
    assert not [f for f in _checks(cli) if f["table"] == "election_contests"]


def test_a_one_candidate_additional_round_of_a_vice_post_is_flagged(cli, session):
    p = session
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[1]}=6", "-c", f"{p[2]}=5")
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[1]}=7").stdout
    assert "注意" in out and "另行选举也应差额选举" in out and "第二十九条第二款、第三款" in out
    found = [f for f in _checks(cli) if f["check"] == "election_candidates_irregular"]
    assert [f["record"] for f in found] == ["2"] and "第2轮" in found[0]["message"]
    # for a principal post an uncontested 另行选举 is lawful (第二十七条第一款)
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[3]}=6", "-c", f"{p[4]}=5")
    assert "注意" not in cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[3]}=7").stdout


def test_a_round_two_fill_clears_the_unfinished_warning(cli, session):
    p = session
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "-c", f"{p[0]}=9", "-c", f"{p[1]}=6",
        "-c", f"{p[2]}=5")
    assert [(f["check"], f["record"]) for f in _checks(cli) if f["table"] == "election_contests"] == [
        ("election_unfinished", "1")]
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[1]}=8", "-c", f"{p[2]}=3")
    assert [f for f in _checks(cli) if f["table"] == "election_contests"] == []
    assert "election_unfinished" not in cli("db", "check").stdout


def test_no_further_round_once_the_seats_are_filled(cli, session):
    p = session
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}=9")
    assert "--by-election" in cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1",
                                        "-c", f"{p[1]}=9").stderr
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[1]}=9", "--by-election")
    assert "已选满" in cli.fails("election", "edit", "2", "--not-by-election").stderr


def test_one_or_two_vice_chairs(cli, session):
    p = session
    err = cli.fails("election", "add", "C3-1", "--post", "副主席", "--seats", "3", "-c", f"{p[1]}=9",
                    "-c", f"{p[2]}=9", "-c", f"{p[3]}=9", "-c", f"{p[4]}=2").stderr
    assert "副主席设一人至二人" in err and "第十八条第一款" in err
    cli("election", "add", "C3-1", "--post", "副主席", "--seats", "2", "-c", f"{p[1]}=9", "-c", f"{p[2]}=8",
        "-c", f"{p[3]}=2")
    cli("meeting", "add", "--kind", "congress", "--date", "2018-01-10")
    cli("meeting", "roll", "C3-2")
    err = cli.fails("election", "add", "C3-2", "--post", "副主席", "--seats", "1", "--by-election",
                    "-c", f"{p[4]}=9").stderr
    assert "共3人" in err and "一人至二人" in err
    # a third typed by hand is flagged by db check
    cli("deputy", "role", p[5], "副主席", "--from", "2018-02-01")
    found = [f for f in _checks(cli) if f["check"] == "presidium_vice_chairs"]
    assert len(found) == 1 and p[5] in found[0]["message"] and "第十八条第一款" in found[0]["message"]


def test_shortfall_needs_another_election(cli, session):
    p = session
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "--issued", "12",
              "-c", f"{p[0]}=9", "-c", f"{p[1]}=6", "-c", f"{p[2]}=5").stdout
    assert "另行选举" in out
    show = cli.json("election", "show", "1")
    assert show["outcome"] == "shortfall" and show["shortfall"] == 1


def test_more_ballots_returned_than_issued_voids_the_round(cli, session):
    p = session
    out = cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "--issued", "11", "--returned", "12",
              "-c", f"{p[3]}=11").stdout
    assert "无效" in out
    show = cli.json("election", "show", "1")
    assert show["outcome"] == "void" and show["elected"] == []
    assert cli.json("election", "list", "--elected") == []
    # correcting the ballots recounts
    cli("election", "edit", "1", "--returned", "11")
    assert cli.json("election", "show", "1")["outcome"] == "filled"
    assert cli.json("election", "list", "--elected")[0]["candidate"] == p[3]


def test_contest_size_warnings(cli, session):
    p = session
    out = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "2", "--issued", "12",
              "-c", f"{p[0]}=9", "-c", f"{p[1]}=9").stdout
    assert "注意" in out and "第二十七条" in out  # vice posts need 1–3 more candidates than seats
    out = cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "--issued", "12",
              "-c", f"{p[0]}=7", "-c", f"{p[1]}=3", "-c", f"{p[2]}=2").stdout
    assert "注意" in out  # principal: at most one more candidate
    out = cli("election", "add", "C3-1", "--post", "主席团成员", "--seats", "2", "--issued", "12",
              "-c", f"{p[0]}=9", "-c", f"{p[1]}=9").stdout
    assert "第二十七条" not in out  # (p[0], 副镇长 and now 主席, draws 组织法 第十八条第二款: issue 26)
    assert "第十八条第二款" in out
    out = cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "--issued", "12", "-c", "外来人=9").stdout
    assert "注意" not in out  # uncontested principal is allowed; a non-deputy candidate too
    assert [r["deputy_id"] for r in cli.json("election", "list") if r["candidate"] == "外来人"] == [None]


def test_impossible_figures_and_wrong_meetings_write_nothing(cli, session):
    p = session
    cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "--issued", "12", "--invalid", "3",
              "-c", f"{p[0]}=10")  # more votes than valid ballots
    cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "--issued", "13", "-c", f"{p[0]}=7")
    cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}七票", code=1)
    cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}=5", "-c", f"{p[0]}=6")
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-02-01")
    cli.fails("election", "add", "P3-01", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}=7")


def test_an_empty_post_is_refused(sample):
    assert "职务" in sample.fails("election", "add", "C3-1", "--post", " ", "--seats", "1", "-c", "某某=60").stderr


def test_a_file_chains_its_rounds_as_the_commands_do(cli, session, tmp_path):
    from tests.helpers import write_csv

    p = session
    rows = ["meeting,post,seats,candidate,votes,round",
            f"C3-1,副镇长,2,{p[0]},9,1", f"C3-1,副镇长,2,{p[1]},7,1", f"C3-1,副镇长,2,{p[2]},7,1",
            f"C3-1,副镇长,1,{p[1]},5,2", f"C3-1,副镇长,1,{p[2]},4,2"]
    path = write_csv(tmp_path / "elections.csv", "\n".join(rows) + "\n")
    cli("import", "elections", path, "--dry-run")
    cli("import", "elections", path)
    assert {r["candidate"] for r in cli.json("election", "list", "--elected")} == {p[0], p[1]}
    assert cli.json("election", "show", "2")["stage"] == "revote"
    bad = write_csv(tmp_path / "bad.csv", "\n".join(rows[:4] + [f"C3-1,副镇长,1,{p[3]},4,2"]).replace("C3-1", "C3-2")
                    + "\n")
    cli("meeting", "add", "--kind", "congress", "--date", "2018-01-10")
    cli("meeting", "roll", "C3-2")
    assert "不在票数相等的人之中" in cli.fails("import", "elections", bad, "--dry-run").stderr
    assert "不在票数相等的人之中" in cli.fails("import", "elections", bad).stderr


def test_an_elected_row_in_an_appointments_file_needs_its_election(cli, session, tmp_path):
    from tests.helpers import write_csv

    p = session
    head = "person,position,action,meeting,oath_on,announced_on\n"
    path = write_csv(tmp_path / "a.csv", head + f"{p[3]},镇长,选举,C3-1,2017-01-07,2017-01-07\n")
    assert "先导入 elections" in cli.fails("import", "appointments", path).stderr
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[3]}=9")
    cli("import", "appointments", path)
    rows = cli.json("appointment", "list")
    assert [(r["person"], r["oath_on"], r["missing_text"]) for r in rows] == [(p[3], "2017-01-07", "")]
