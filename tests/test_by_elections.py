"""By-elections of deputies (补选, 选举法 第五十七条): vacancies, the by-election, the winner on the roster."""

from __future__ import annotations

import pytest

BE = "by-election"


@pytest.fixture
def town(cli):
    for name in ("甲一", "乙二", "丙三"):
        cli("deputy", "add", name, "--gender", "男", "--level", "镇", "--term", "3", "--constituency", "第一选区",
            "--elected-on", "2016-11-15")
    cli("deputy", "end", "乙二", "--status", "调离", "--date", "2017-06-01")
    return cli


def test_a_vacancy_its_by_election_and_the_winner_on_the_roster(town):
    cli = town
    [v] = cli.json(BE, "vacancies")
    assert (v["constituency"], v["ended"], v["open"]) == ("第一选区", 1, 1) and "乙二" in v["ended_names"]
    r = cli.fails(BE, "plan", "3", "--constituency", "第一选区", "--seats", "2", "--voters", "1000",
                  "--date", "2017-09-01")
    assert "只有1个缺额" in r.stderr and "第五十七条" in r.stderr
    cli.fails(BE, "plan", "3", "--constituency", "第二选区", "--seats", "1", "--voters", "1000", "--date", "2017-09-01")
    cli.fails(BE, "plan", "3", "--constituency", "第一选区", "--seats", "1", "--voters", "1000",
              "--date", "2017-05-01")  # before the deputy left: no vacancy yet
    out = cli(BE, "plan", "3", "--constituency", "第一选区", "--seats", "1", "--voters", "1000", "--date", "2017-09-01")
    assert "B3-01" in out.stdout
    cli.fails(BE, "plan", "3", "--constituency", "第一选区", "--seats", "1", "--voters", "1000", "--date", "2017-10-01")
    cli(BE, "candidate", "B3-01", "丁四", "--gender", "女", "--birth-date", "1980-01-01", "--nominators", "12")
    # one candidate for one seat is lawful in a by-election (art. 57¶4): no ratio warning, no refusal
    r = cli.json(BE, "result", "B3-01", "--issued", "500", "--returned", "500", "--vote", "丁四=480")
    assert not r["valid"] and r["elected"] == []  # exactly half of the voters voted (art. 45¶1)
    r = cli.json(BE, "result", "B3-01", "--issued", "600", "--returned", "600", "--vote", "丁四=301")
    assert r["valid"] and r["elected"] == ["丁四"]  # more than half of those who voted
    [f] = [f for f in cli.json("db", "check", "--as-of", "2017-09-02") if f["check"] == "by_election_unseated"]
    assert f["record"] == "B3-01"
    cli.fails(BE, "confirm", "B3-01", "--date", "2017-08-01")  # before the by-election
    r = cli(BE, "confirm", "B3-01", "--date", "2017-09-05")
    assert "新列入代表名单1名" in r.stdout
    d = cli.json("deputy", "show", "丁四")
    assert (d["term"], d["constituency"], d["elected_on"], d["status"]) == (3, "第一选区", "2017-09-01", "active")
    cli(BE, "confirm", "B3-01", "--date", "2017-09-05")  # again: nobody added twice
    assert len([x for x in cli.json("deputy", "list") if x["name"] == "丁四"]) == 1
    assert cli.json(BE, "vacancies")[0]["open"] == 0
    [b] = cli.json(BE, "list")
    assert (b["code"], b["elected"], b["seated"]) == ("B3-01", "丁四", 1)
    assert not [f for f in cli.json("db", "check", "--as-of", "2017-09-06") if f["check"] == "by_election_unseated"]


def test_a_seat_left_vacant_by_the_general_election_is_filled_by_a_by_election(cli):
    cli("general-election", "plan", "3", "--election-day", "2016-11-15")
    cli("general-election", "constituency", "3", "一", "--seats", "1", "--voters", "1000")
    for name in ("甲", "乙"):
        cli("general-election", "candidate", "3", name, "--constituency", "一", "--gender", "男", "--nominators", "10",
            "--final")
    cli("general-election", "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
        "--vote", "甲=440", "--vote", "乙=430")
    cli("general-election", "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
        "--vote", "甲=290", "--vote", "乙=280")  # under one third: vacant (暂缺)
    r = cli.fails("general-election", "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
                  "--vote", "甲=500")
    assert "by-election" in r.stderr and "第四十九条第四款" in r.stderr
    [v] = cli.json(BE, "vacancies")
    assert (v["constituency"], v["unfilled"], v["open"]) == ("一", 1, 1)
    cli(BE, "plan", "3", "--constituency", "一", "--seats", "1", "--voters", "1000", "--date", "2017-05-01")
    cli(BE, "candidate", "B3-01", "丙", "--gender", "女", "--nominated-by", "三川镇妇女联合会")
    cli(BE, "candidate", "B3-01", "丁", "--gender", "女", "--nominated-by", "三川镇妇女联合会")
    r = cli.json(BE, "result", "B3-01", "--issued", "800", "--returned", "800", "--vote", "丙=400", "--vote", "丁=400")
    assert r["tie"] == []  # neither over half of 800: an 另行选举 follows
    r = cli.json(BE, "result", "B3-01", "--issued", "800", "--returned", "800", "--vote", "丙=500", "--vote", "丁=300")
    assert r["revote"] and r["elected"] == ["丙"]
    cli(BE, "confirm", "B3-01", "--date", "2017-05-10")
    assert cli.json("deputy", "show", "丙")["elected_on"] == "2017-05-01"
    assert cli.json(BE, "vacancies")[0]["open"] == 0
    assert "第五十七条" in cli(BE, "plan", "--help").stdout


def test_the_nomination_limit_and_a_rejected_winner(town):
    cli = town
    cli(BE, "plan", "3", "--constituency", "第一选区", "--seats", "1", "--voters", "1000", "--date", "2017-09-01")
    cli(BE, "candidate", "B3-01", "戊五", "--gender", "男", "--nominated-by", "中共三川镇委员会")
    r = cli(BE, "candidate", "B3-01", "己六", "--gender", "男", "--nominated-by", "中共三川镇委员会")
    assert "第三十条第三款" in r.stderr
    cli.fails(BE, "candidate", "B3-01", "庚七", "--gender", "男", "--nominators", "9")  # ten or more voters
    cli(BE, "result", "B3-01", "--issued", "700", "--returned", "700", "--vote", "戊五=600", "--vote", "己六=90")
    cli.fails(BE, "confirm", "B3-01", "--date", "2017-09-05", "--reject", "戊五")  # a reason is needed
    cli(BE, "confirm", "B3-01", "--date", "2017-09-05", "--reject", "戊五", "--reason", "不符合代表条件")
    assert not [x for x in cli.json("deputy", "list") if x["name"] == "戊五"]
    cli.fails(BE, "show", "B3-09")
    assert cli.json(BE, "show", "B3-01")["candidates_list"][0]["confirmed"] is False


def test_a_seat_still_tied_after_the_revote_may_be_left_vacant_and_by_elected(cli):
    cli("general-election", "plan", "3", "--election-day", "2016-11-15")
    cli("general-election", "constituency", "3", "一", "--seats", "2", "--voters", "1000")
    for name in ("甲", "乙", "丙"):
        cli("general-election", "candidate", "3", name, "--constituency", "一", "--gender", "男", "--nominators", "10",
            "--final")
    cli("general-election", "result", "3", "--constituency", "一", "--issued", "600", "--returned", "600",
        "--vote", "甲=400", "--vote", "乙=350", "--vote", "丙=350")
    assert cli.json(BE, "vacancies") == []  # the re-vote is still to be held
    cli("general-election", "result", "3", "--constituency", "一", "--issued", "600", "--returned", "600",
        "--vote", "乙=290", "--vote", "丙=290")  # tied again (山东 细则 第四十九条第四款: 可以暂时空缺)
    [v] = cli.json(BE, "vacancies")
    assert (v["unfilled"], v["open"]) == (1, 1)
