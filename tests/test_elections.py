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
    # the re-vote is a new round among the tied
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "--issued", "12",
        "-c", f"{p[1]}=9", "-c", f"{p[2]}=3", "--by-election")
    assert cli.json("election", "show", "2")["round"] == 2
    assert {r["candidate"] for r in cli.json("election", "list", "--elected")} == {p[0], p[1]}


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
    assert "注意" not in out
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
