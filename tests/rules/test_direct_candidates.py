"""选举法 第四十五条第四款: a direct election's 另行选举 list, one boundary each."""

from rdtool.rules.direct_candidates import additional_list_problems

FIRST = {"甲": 440, "乙": 430, "丙": 300}


def test_one_seat_takes_the_two_next_by_votes():
    assert additional_list_problems(1, ["甲", "乙"], FIRST, []) == []


def test_one_seat_with_one_candidate_is_flagged():
    [p] = additional_list_problems(1, ["甲"], FIRST, [])
    assert "候选人应为二人，本轮1人" in p and "第四十五条第四款" in p


def test_skipping_the_second_ranked_is_flagged():
    [p] = additional_list_problems(1, ["甲", "丙"], FIRST, [])
    assert "未列入得票更多的乙" in p


def test_a_new_name_or_a_winner_is_flagged():
    problems = additional_list_problems(1, ["丁", "甲"], {**FIRST, "戊": 600}, ["戊"])
    assert any("丁不是第一次投票的候选人" in p for p in problems)
    assert additional_list_problems(1, ["戊", "甲"], {**FIRST, "戊": 600}, ["戊"])[0].startswith("戊已在")


def test_two_seats_take_three_or_four():
    first = {"甲": 500, "乙": 400, "丙": 300, "丁": 200, "戊": 100}
    assert additional_list_problems(2, ["甲", "乙", "丙"], first, []) == []
    assert additional_list_problems(2, ["甲", "乙", "丙", "丁"], first, []) == []
    assert "3至4人，本轮5人" in additional_list_problems(2, list(first), first, [])[0]
    assert "3至4人，本轮2人" in additional_list_problems(2, ["甲", "乙"], first, [])[0]
