"""Recall and resignation of the chair, vice-chairs and town heads (组织法 第三十一条第二款、第三十二条第二款)."""

from __future__ import annotations

import pytest

from tests.meeting_helpers import township


@pytest.fixture
def town(cli, tmp_path):
    people = township(cli, tmp_path, deputies=15, presidium=9)  # people[0] is the chair; one fifth of 15: 3
    cli("deputy", "role", people[1], "副主席", "--from", "2017-01-05")
    cli("meeting", "add", "--kind", "congress", "--date", "2017-06-01")
    cli("meeting", "roll", "C3-1")
    cli("vote", "add", "C3-1", "罢免镇长", "--kind", "personnel", "--yes", "8", "--no", "7")
    cli("vote", "add", "C3-1", "罢免副主席", "--kind", "personnel", "--yes", "7", "--no", "8")
    cli("vote", "add", "C3-1", "接受主席辞职", "--kind", "personnel", "--yes", "15")
    return people


def test_recall_of_a_town_head_on_one_fifth_of_deputies(cli, town):
    r = cli.fails("post", "recall", "刘镇长", "--post", "镇长", "--vote", "C3-1#1", "--motion-by", "代表联名",
                  "--movers", "2")
    assert "至少3人" in r.stderr and "第三十一条第二款" in r.stderr
    cli.fails("post", "recall", "刘镇长", "--post", "镇长", "--vote", "C3-1#1", "--motion-by", "代表联名")
    cli.fails("post", "recall", "刘镇长", "--post", "主席团成员", "--vote", "C3-1#1", "--motion-by", "主席团")
    cli("post", "recall", "刘镇长", "--post", "镇长", "--vote", "C3-1#1", "--motion-by", "代表联名", "--movers", "3")
    [row] = cli.json("post", "list")
    assert (row["person"], row["post"], row["action"], row["deputy_id"], row["vote"]) == (
        "刘镇长", "镇长", "recalled", None, "C3-1#1")


def test_a_recall_that_did_not_pass_records_nothing(cli, town):
    r = cli.fails("post", "recall", town[1], "--post", "副主席", "--vote", "C3-1#2", "--motion-by", "主席团")
    assert "未以全体代表的过半数通过" in r.stderr


def test_a_chair_whose_resignation_is_accepted_leaves_the_presidium(cli, town):
    cli.fails("post", "resign", "不是代表", "--post", "主席", "--vote", "C3-1#3")  # a chair is a deputy
    r = cli("post", "resign", town[0], "--post", "主席", "--vote", "C3-1#3")
    assert "主席团职务同时终止" in r.stdout
    d = cli.json("deputy", "show", town[0])
    assert d["status"] == "active" and d["memberships"][-1]["to_date"] == "2017-06-01"  # still a deputy
    assert "第三十二条第二款" in cli("post", "resign", "--help").stdout
