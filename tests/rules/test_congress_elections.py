"""Elections by the township congress (组织法 第二十五条、第二十七条、第二十九条; 选举法 第四十四条)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdtool.rules.congress_elections import (
    ImpossibleCounts,
    NotAllowed,
    RoundResult,
    ballot_is_valid,
    count_revote,
    count_round,
    next_stage,
    tie_revote,
)
from rdtool.rules.majority import ImpossibleCounts as MajorityImpossible

# --- ballots (选举法 第四十四条第二款) --------------------------------------------------------


def test_ballot_validity():
    assert ballot_is_valid(0, 1)
    assert ballot_is_valid(3, 3)
    assert not ballot_is_valid(4, 3)
    with pytest.raises(ImpossibleCounts):
        ballot_is_valid(-1, 3)
    with pytest.raises(ImpossibleCounts):
        ballot_is_valid(1, 0)


# --- counting a round (组织法 第二十五条、第二十九条) -----------------------------------------


def test_impossible_counts_is_the_majority_class():
    assert ImpossibleCounts is MajorityImpossible


def test_exactly_half_of_all_deputies_not_elected():
    r = count_round(1, {"张三": 41, "李四": 35}, all_deputies=82, ballots_issued=78, ballots_returned=78, ballots_invalid=2)
    assert isinstance(r, RoundResult)
    assert not r.void
    assert r.elected == [] and r.tie == []
    assert r.shortfall == 1
    assert r.required_votes == 42
    assert r.status == {"张三": "not_elected", "李四": "not_elected"}
    assert "另行选举" in r.explanation


def test_half_plus_one_elected():
    r = count_round(1, {"张三": 42, "李四": 35}, 82, 78, 78, 1)
    assert r.elected == ["张三"] and r.shortfall == 0
    assert r.status["张三"] == "elected"
    assert "张三得42票" in r.explanation


def test_majority_of_all_not_of_ballots():
    # 60 ballots of 82 deputies: 31 votes is a majority of the ballots but not of all deputies.
    r = count_round(1, {"张三": 31, "李四": 29}, 82, 60, 60)
    assert r.elected == [] and r.shortfall == 1


def test_odd_and_even_bases():
    assert count_round(1, {"甲": 5}, 9, 9, 9).elected == ["甲"]
    assert count_round(1, {"甲": 4}, 9, 9, 9).elected == []
    assert count_round(1, {"甲": 5}, 10, 10, 10).elected == []
    assert count_round(1, {"甲": 6}, 10, 10, 10).elected == ["甲"]


def test_more_qualified_than_seats_most_votes_win():
    votes = {"甲": 70, "乙": 60, "丙": 50, "丁": 45, "戊": 15}
    r = count_round(3, votes, 82, 80, 80)
    assert r.elected == ["甲", "乙", "丙"]
    assert r.status["丁"] == "not_elected"
    assert [c.qualified for c in r.candidates] == [True, True, True, True, False]
    assert r.shortfall == 0 and r.tie == []


def test_tie_at_the_last_seat_needs_revote():
    votes = {"甲": 60, "乙": 45, "丙": 45, "丁": 10}
    r = count_round(2, votes, 82, 80, 80)
    assert r.elected == ["甲"]
    assert r.tie == ["乙", "丙"]
    assert r.tie_seats == 1
    assert r.shortfall == 0
    assert r.status["乙"] == r.status["丙"] == "tie"
    assert "再次投票" in r.explanation


def test_tie_for_two_seats_among_three():
    votes = {"甲": 50, "乙": 50, "丙": 50}
    r = count_round(2, votes, 82, 80, 80)
    assert r.elected == [] and r.tie == ["甲", "乙", "丙"] and r.tie_seats == 2 and r.shortfall == 0


def test_tie_that_fits_the_seats_elects_both():
    r = count_round(2, {"甲": 60, "乙": 60, "丙": 30}, 82, 80, 80)
    assert r.elected == ["甲", "乙"] and r.tie == []


def test_tie_below_majority_is_just_shortfall():
    r = count_round(1, {"甲": 40, "乙": 40}, 82, 80, 80)
    assert r.elected == [] and r.tie == [] and r.shortfall == 1


def test_shortfall_partial():
    votes = {"甲": 70, "乙": 30, "丙": 30}
    r = count_round(3, votes, 82, 80, 80)
    assert r.elected == ["甲"] and r.shortfall == 2


def test_returned_more_than_issued_is_void():
    r = count_round(1, {"张三": 60}, 82, 80, 81)
    assert r.void
    assert r.elected == [] and r.shortfall == 1
    assert r.status == {"张三": "void"}
    assert "无效" in r.explanation
    assert "第四十四条" in r.article


def test_returned_equal_to_issued_is_valid():
    assert not count_round(1, {"张三": 60}, 82, 80, 80).void


def test_low_attendance_warns():
    r = count_round(1, {"张三": 50}, 82, 54, 54)
    assert r.elected == ["张三"]
    assert r.warnings and "三分之二" in r.warnings[0]
    assert count_round(1, {"张三": 50}, 82, 55, 55).warnings == []


@pytest.mark.parametrize(
    "kwargs,fragment",
    [
        (dict(seats=1, votes={"甲": 1}, all_deputies=82, ballots_issued=80, ballots_returned=80, ballots_invalid=81), "无效票81张，多于收回选票80张"),
        (dict(seats=1, votes={"甲": 79}, all_deputies=82, ballots_issued=80, ballots_returned=80, ballots_invalid=2), "甲得79票，多于有效选票78张"),
        (dict(seats=0, votes={}, all_deputies=82, ballots_issued=80, ballots_returned=80), "应选名额至少为1名"),
        (dict(seats=1, votes={"甲": -1}, all_deputies=82, ballots_issued=80, ballots_returned=80), "不能为负数"),
        (dict(seats=1, votes={}, all_deputies=82, ballots_issued=83, ballots_returned=80), "多于全体代表82人"),
        (dict(seats=1, votes={}, all_deputies=0, ballots_issued=0, ballots_returned=0), "全体代表人数必须大于0"),
        (dict(seats=1, votes={"甲": 50, "乙": 40}, all_deputies=82, ballots_issued=80, ballots_returned=80), "合计90票"),
        (dict(seats=1, votes={}, all_deputies=82, ballots_issued=-1, ballots_returned=0), "发出选票数不能为负数"),
    ],
)
def test_count_round_impossible(kwargs, fragment):
    with pytest.raises(ImpossibleCounts) as exc:
        count_round(**kwargs)
    assert fragment in str(exc.value)


def test_tie_revote():
    assert tie_revote(1, {"乙": 41, "丙": 39}) == (["乙"], [])
    assert tie_revote(1, {"乙": 40, "丙": 40}) == ([], ["乙", "丙"])
    with pytest.raises(ImpossibleCounts):
        tie_revote(0, {"乙": 1})


# --- properties ---------------------------------------------------------------------------


@st.composite
def rounds(draw):
    all_deputies = draw(st.integers(min_value=1, max_value=120))
    issued = draw(st.integers(min_value=0, max_value=all_deputies))
    returned = draw(st.integers(min_value=0, max_value=issued))
    invalid = draw(st.integers(min_value=0, max_value=returned))
    valid = returned - invalid
    seats = draw(st.integers(min_value=1, max_value=5))
    n = draw(st.integers(min_value=0, max_value=7))
    budget = valid * seats
    votes = {}
    for i in range(n):
        v = draw(st.integers(min_value=0, max_value=min(valid, budget)))
        budget -= v
        votes[f"候选人{i}"] = v
    return seats, votes, all_deputies, issued, returned, invalid


@settings(max_examples=200)
@given(rounds())
def test_never_elects_more_than_seats_nor_without_majority(args):
    seats, votes, all_deputies, issued, returned, invalid = args
    r = count_round(seats, votes, all_deputies, issued, returned, invalid)
    assert len(r.elected) <= seats
    assert len(r.elected) + r.tie_seats + r.shortfall == seats
    assert not set(r.elected) & set(r.tie)
    for name in r.elected + r.tie:
        assert 2 * votes[name] > all_deputies
    if r.tie:
        assert len(r.tie) > r.tie_seats >= 1
        assert len({votes[n] for n in r.tie}) == 1
    # every winner has at least as many votes as every qualified loser
    losers = [votes[n] for n in votes if n not in r.elected and 2 * votes[n] > all_deputies]
    if r.elected and losers:
        assert min(votes[n] for n in r.elected) > max(losers)


# --- the session's quorum (组织法 第十四条第四款) and ballots against those present -----------------------


def test_no_quorum_elects_nobody():
    r = count_round(1, {"甲": 46}, 90, 50, 50, present=59)  # 59 of 90 is one short of two thirds
    assert r.no_quorum and r.void and r.elected == [] and r.shortfall == 1
    assert "不足法定人数，不能表决" in r.explanation and "第十四条第四款" in r.article
    assert r.status == {"甲": "void"}


def test_exactly_two_thirds_present_is_a_quorum():
    r = count_round(1, {"甲": 46}, 90, 60, 60, present=60)
    assert not r.no_quorum and r.elected == ["甲"]


def test_known_attendance_replaces_the_ballot_warning():
    # 60 present is a quorum even if only 55 took ballots: no "请核对" warning then
    assert count_round(1, {"甲": 46}, 90, 55, 55, present=60).warnings == []
    assert count_round(1, {"甲": 46}, 90, 55, 55).warnings != []


def test_more_ballots_than_present_is_impossible():
    assert count_round(1, {"甲": 46}, 90, 80, 80, present=80).elected == ["甲"]
    with pytest.raises(ImpossibleCounts, match="发出选票81张，多于出席代表80人"):
        count_round(1, {"甲": 46}, 90, 81, 81, present=80)
    with pytest.raises(ImpossibleCounts, match="出席代表91人，多于全体代表90人"):
        count_round(1, {"甲": 46}, 90, 80, 80, present=91)


def test_count_round_does_not_count_revotes():
    with pytest.raises(ValueError):
        count_round(1, {"甲": 46}, 90, 80, 80, stage="revote")


# --- the re-vote among the tied (组织法 第二十九条第一款) ---------------------------------------------


def test_revote_elects_the_most_votes_without_a_majority():
    r = count_revote(1, {"乙": 40, "丙": 38}, ["乙", "丙"], 90, 80, 80)
    assert r.elected == ["乙"] and r.tie == [] and r.shortfall == 0 and r.stage == "revote"
    assert r.status == {"乙": "elected", "丙": "not_elected"}
    assert r.required_votes is None and "第二十九条第一款" in r.article


def test_revote_by_one_vote_and_a_new_tie():
    assert count_revote(1, {"乙": 1, "丙": 0}, ["乙", "丙"], 90, 80, 80).elected == ["乙"]
    r = count_revote(1, {"乙": 39, "丙": 39}, ["乙", "丙"], 90, 80, 80)
    assert r.elected == [] and r.tie == ["乙", "丙"] and r.tie_seats == 1 and "仍票数相等" in r.explanation


def test_revote_for_two_seats_among_three():
    r = count_revote(2, {"甲": 50, "乙": 30, "丙": 30}, ["甲", "乙", "丙"], 90, 80, 80)
    assert r.elected == ["甲"] and r.tie == ["乙", "丙"] and r.tie_seats == 1


def test_revote_lists_exactly_the_tied():
    with pytest.raises(NotAllowed, match="丁不在票数相等的人之中"):
        count_revote(1, {"乙": 40, "丙": 30, "丁": 5}, ["乙", "丙"], 90, 80, 80)
    with pytest.raises(NotAllowed, match="缺少丙"):
        count_revote(1, {"乙": 40}, ["乙", "丙"], 90, 80, 80)
    with pytest.raises(NotAllowed, match="无须再次投票"):
        count_revote(2, {"乙": 40, "丙": 30}, ["乙", "丙"], 90, 80, 80)


def test_revote_keeps_the_ballot_and_quorum_rules():
    assert count_revote(1, {"乙": 40, "丙": 38}, ["乙", "丙"], 90, 80, 81).void
    assert count_revote(1, {"乙": 30, "丙": 28}, ["乙", "丙"], 90, 59, 59, present=59).no_quorum
    with pytest.raises(ImpossibleCounts):
        count_revote(1, {"乙": 40, "丙": 38}, ["乙", "丙"], 90, 70, 70, present=60)


# --- what a round is (组织法 第二十九条) ---------------------------------------------------------------


@pytest.mark.parametrize("previous,stage", [(None, "first"), ("tie", "revote"), ("shortfall", "additional")])
def test_next_stage(previous, stage):
    assert next_stage(previous) == stage


def test_no_round_after_the_seats_are_filled_unless_a_by_election():
    with pytest.raises(NotAllowed, match="已选满"):
        next_stage("filled")
    assert next_stage("filled", by_election=True) == "first"


def test_a_void_round_is_not_a_previous_round():
    with pytest.raises(ValueError):
        next_stage("void")
    with pytest.raises(ValueError):
        next_stage("no_quorum")
