"""Round 4's new commands tried as the secretary would (reviewer pass): each finding fixed at its cause, tested
through the real CLI on a real database."""

from __future__ import annotations

from tests.test_law_fourth_pass import TEN, roster
from tests.test_law_third_pass import init


def test_a_suspension_starting_before_one_already_recorded_is_refused(tmp_path):
    """代表法 第六十一条: one suspension at a time. A new, open suspension dated before a recorded one would cover
    it (two open suspensions, and resume would end only one of them)."""
    cli = init(tmp_path)
    roster(cli, TEN[:2])
    cli("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01")
    out = cli.fails("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-02-01")
    assert "2022-03-01" in out.stderr and "重叠" in out.stderr
    cli("deputy", "resume", "甲一", "--date", "2022-04-01")
    cli.fails("deputy", "suspend", "甲一", "--ground", "服刑", "--date", "2022-03-31")  # inside the first
    cli("deputy", "suspend", "甲一", "--ground", "服刑", "--date", "2022-04-01")  # the day he resumed
    assert [s["started_on"] for s in cli.json("deputy", "suspensions")] == ["2022-03-01", "2022-04-01"]


def test_correcting_an_answer_keeps_what_she_did_not_retype(tmp_path):
    """inquiry answer a second time (a corrected date, say) without --by and --answer keeps the signer and the text
    already recorded rather than blanking them."""
    from tests.test_law_fourth_pass import OTHERS, inquiry
    from tests.test_law_third_pass import add_meeting

    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli(*inquiry(cli, "甲一", TEN[1:]))
    cli("inquiry", "answer", "C5-1-Q1", "--method", "书面", "--date", "2022-01-11", "--by", "镇长王某",
        "--answer", "已列入年度计划")
    cli("inquiry", "answer", "C5-1-Q1", "--method", "书面", "--date", "2022-01-12")
    record = cli.json("inquiry", "show", "C5-1-Q1")
    assert (record["answered_on"], record["answered_by"], record["answer"]) == \
        ("2022-01-12", "镇长王某", "已列入年度计划")


def test_a_presidium_nomination_is_corrected_the_way_the_refusal_says(tmp_path):
    """The refusal of a second presidium nomination used to say “db void”, which knew no nominations: it now names
    the nomination's ID and db void takes it (提名 ID), so the hint works as written."""
    from tests.test_law_third_pass import add_meeting

    cli = init(tmp_path)
    roster(cli, TEN)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "1", "--by", "主席团", "-c", "甲一")
    out = cli.fails("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "1", "--by", "主席团", "-c", "甲二")
    assert "rdtool db void 提名 1 --reason" in out.stderr
    cli("db", "void", "提名", "1", "--reason", "录错了人")
    cli("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "1", "--by", "主席团", "-c", "甲二")
    [row] = cli.json("election", "nominations")
    assert "甲二" in str(row) and "甲一" not in str(row)


def test_level_defaults_and_hints_are_in_her_words(tmp_path):
    """--level's default reads 镇 in -h (was the code township), and the hint to plan a general election is a
    command she can type as shown."""
    cli = init(tmp_path)
    assert "[默认：镇]" in cli("general-election", "proxy", "-h").stdout
    assert "township" not in cli("general-election", "proxy", "-h").stdout
    out = cli.fails("general-election", "proxy", "5", "甲一", "甲二")
    assert "--level 镇 " in out.stderr and "township" not in out.stderr
