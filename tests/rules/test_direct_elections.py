"""Direct election of township deputies (选举法 2020)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdtool.rules.direct_elections import (
    DirectResult,
    constituency_seats_ok,
    contest_ratio_bounds,
    contest_ratio_warning,
    direct_round,
    lead_time_warnings,
    township_deputy_quota,
    township_quota_may_be_smaller,
    voter_nomination_ok,
)
from rdtool.rules.majority import ImpossibleCounts

# --- turnout and validity (第四十四条、第四十五条第一款) ---------------------------------------


def test_exactly_half_turnout_is_invalid():
    r = direct_round(registered_voters=1000, ballots_issued=500, ballots_returned=500, seats=1, votes={"甲": 400})
    assert isinstance(r, DirectResult)
    assert not r.valid and not r.turnout_ok and not r.void
    assert r.elected == [] and r.shortfall == 1 and r.vacant == 0
    assert r.required_turnout == 501
    assert "第四十五条第一款" in r.explanation
    assert r.status == {"甲": "void"}


def test_half_plus_one_turnout_is_valid():
    r = direct_round(1000, 501, 501, 1, {"甲": 400})
    assert r.valid and r.turnout_ok
    assert r.elected == ["甲"]


def test_odd_registered_turnout():
    assert not direct_round(999, 499, 499, 1, {"甲": 400}).valid
    assert direct_round(999, 500, 500, 1, {"甲": 400}).valid


def test_returned_more_than_issued_is_void():
    r = direct_round(1000, 800, 801, 1, {"甲": 600})
    assert r.void and not r.valid
    assert r.elected == [] and r.shortfall == 1
    assert "第四十四条第一款" in r.explanation


# --- majority of those who voted (第四十五条第一款) -------------------------------------------


def test_exactly_half_of_voters_not_elected():
    r = direct_round(1000, 800, 800, 1, {"甲": 400, "乙": 390})
    assert r.elected == [] and r.shortfall == 1
    assert r.required_votes == 401
    assert "另行选举" in r.explanation


def test_half_plus_one_of_voters_elected():
    r = direct_round(1000, 800, 800, 1, {"甲": 401, "乙": 390})
    assert r.elected == ["甲"] and r.shortfall == 0


def test_base_is_voters_not_valid_ballots():
    # 800 voted, 100 ballots invalid: 360 votes is a majority of the 700 valid ballots but not of the 800 voters.
    r = direct_round(1000, 800, 800, 1, {"甲": 360, "乙": 300}, ballots_invalid=100)
    assert r.elected == []
    assert r.voters_base == 800


def test_more_qualified_than_seats_most_votes_win():
    r = direct_round(1000, 800, 800, 2, {"甲": 700, "乙": 450, "丙": 420})
    assert r.elected == ["甲", "乙"] and r.tie == [] and r.shortfall == 0
    assert r.status["丙"] == "not_elected"


def test_tie_at_margin_needs_revote():
    r = direct_round(1000, 800, 800, 2, {"甲": 700, "乙": 450, "丙": 450})
    assert r.elected == ["甲"] and r.tie == ["乙", "丙"] and r.tie_seats == 1 and r.shortfall == 0
    assert "再次投票" in r.explanation


def test_shortfall_after_first_round_is_not_vacant():
    r = direct_round(1000, 800, 800, 3, {"甲": 700, "乙": 300, "丙": 300, "丁": 200})
    assert r.elected == ["甲"] and r.shortfall == 2 and r.vacant == 0


# --- 另行选举 (第四十五条第五款) -------------------------------------------------------------


def test_revote_exactly_one_third_passes():
    r = direct_round(1000, 900, 900, 1, {"甲": 300, "乙": 280}, revote=True)
    assert r.elected == ["甲"]
    assert r.required_votes == 300


def test_revote_just_under_one_third_fails_and_seat_is_vacant():
    r = direct_round(1000, 900, 900, 1, {"甲": 299, "乙": 280}, revote=True)
    assert r.elected == [] and r.shortfall == 1 and r.vacant == 1
    assert "暂缺" in r.explanation
    assert "上海" in r.article


def test_revote_one_third_non_multiple_of_three():
    # 901 voters: one third is 300.33…, so 300 is short and 301 passes.
    assert direct_round(1000, 901, 901, 1, {"甲": 300}, revote=True).elected == []
    assert direct_round(1000, 901, 901, 1, {"甲": 301}, revote=True).elected == ["甲"]


def test_revote_most_votes_win_and_ties_are_reported():
    r = direct_round(1000, 900, 900, 1, {"甲": 400, "乙": 400}, revote=True)
    assert r.elected == [] and r.tie == ["甲", "乙"] and r.vacant == 0


def test_revote_still_needs_turnout():
    r = direct_round(1000, 500, 500, 1, {"甲": 400}, revote=True)
    assert not r.valid and r.elected == []


@pytest.mark.parametrize(
    "kwargs,fragment",
    [
        (dict(registered_voters=1000, ballots_issued=800, ballots_returned=800, seats=1, votes={}, ballots_invalid=801), "无效票801张"),
        (dict(registered_voters=1000, ballots_issued=1001, ballots_returned=800, seats=1, votes={}), "多于选区选民总数"),
        (dict(registered_voters=0, ballots_issued=0, ballots_returned=0, seats=1, votes={}), "选民总数必须大于0"),
        (dict(registered_voters=1000, ballots_issued=800, ballots_returned=800, seats=1, votes={"甲": 801}), "多于有效选票"),
        (dict(registered_voters=1000, ballots_issued=800, ballots_returned=800, seats=0, votes={}), "应选名额至少为1名"),
        (dict(registered_voters=1000, ballots_issued=800, ballots_returned=-1, seats=1, votes={}), "不能为负数"),
    ],
)
def test_direct_round_impossible(kwargs, fragment):
    with pytest.raises(ImpossibleCounts) as exc:
        direct_round(**kwargs)
    assert fragment in str(exc.value)


# --- contest ratio (第三十一条) -------------------------------------------------------------


@pytest.mark.parametrize(
    "seats,candidates,ok",
    [
        (3, 4, True),  # exactly 1/3 more
        (3, 6, True),  # exactly 1x more
        (3, 3, False),  # uncontested
        (3, 7, False),  # just over 1x
        (6, 8, True),  # exactly 1/3
        (6, 7, False),  # just under 1/3
        (6, 12, True),
        (6, 13, False),
        (1, 2, True),
        (1, 1, False),
        (1, 3, False),
        (2, 3, True),
        (2, 4, True),
        (2, 5, False),
    ],
)
def test_direct_ratio(seats, candidates, ok):
    assert (contest_ratio_warning(seats, candidates) is None) is ok


@pytest.mark.parametrize(
    "seats,candidates,ok",
    [
        (10, 12, True),  # exactly 1/5
        (10, 15, True),  # exactly 1/2
        (10, 11, False),
        (10, 16, False),
        (5, 6, True),
        (5, 8, False),  # 3 > 5/2
    ],
)
def test_indirect_ratio(seats, candidates, ok):
    assert (contest_ratio_warning(seats, candidates, direct=False) is None) is ok


def test_indirect_single_seat_has_no_lawful_integer():
    assert contest_ratio_bounds(1, direct=False) == (2, 1)
    assert "没有整数解" in contest_ratio_warning(1, 2, direct=False)


def test_ratio_warning_text():
    w = contest_ratio_warning(3, 7)
    assert "4至6人" in w and "第三十一条" in w
    assert contest_ratio_bounds(3) == (4, 6)


def test_ratio_bad_input():
    with pytest.raises(ImpossibleCounts):
        contest_ratio_warning(0, 1)
    with pytest.raises(ImpossibleCounts):
        contest_ratio_warning(1, -1)


# --- quota, constituencies, nominations (第十二条、第二十五条、第三十条) -------------------------


@pytest.mark.parametrize(
    "population,quota",
    [(0, 45), (1499, 45), (1500, 46), (1999, 46), (30000, 65), (52499, 79), (52500, 80), (172500, 160), (1_000_000, 160)],
)
def test_township_quota(population, quota):
    assert township_deputy_quota(population) == quota


def test_quota_small_population_and_bad_input():
    assert township_quota_may_be_smaller(1999)
    assert not township_quota_may_be_smaller(2000)
    with pytest.raises(ImpossibleCounts):
        township_deputy_quota(-1)


def test_constituency_seats():
    assert [constituency_seats_ok(n) for n in range(5)] == [False, True, True, True, False]


def test_voter_nomination():
    assert not voter_nomination_ok(9)
    assert voter_nomination_ok(10)


# --- lead times (第二十八条、第三十二条) ------------------------------------------------------


def test_lead_times_on_time_at_exact_boundary():
    day = date(2021, 11, 5)
    assert lead_time_warnings(day, date(2021, 10, 16), date(2021, 10, 29)) == []
    assert lead_time_warnings(day, date(2021, 10, 16), date(2021, 10, 29), candidates_published=date(2021, 10, 21)) == []


def test_lead_times_one_day_late():
    day = date(2021, 11, 5)
    w = lead_time_warnings(day, date(2021, 10, 17), date(2021, 10, 30))
    assert len(w) == 2
    assert "选民名单" in w[0] and "19天" in w[0] and "第二十八条" in w[0]
    assert "正式代表候选人名单" in w[1] and "6天" in w[1]
    assert len(lead_time_warnings(day, None, None, candidates_published=date(2021, 10, 22))) == 1


def test_lead_times_missing_or_after_election():
    day = date(2021, 11, 5)
    assert lead_time_warnings(day, None, None) == []
    w = lead_time_warnings(day, date(2021, 11, 6), None)
    assert "晚于选举日" in w[0]


# --- properties ---------------------------------------------------------------------------


@st.composite
def direct_rounds(draw):
    registered = draw(st.integers(min_value=1, max_value=3000))
    issued = draw(st.integers(min_value=0, max_value=registered))
    returned = draw(st.integers(min_value=0, max_value=issued))
    invalid = draw(st.integers(min_value=0, max_value=returned))
    valid = returned - invalid
    seats = draw(st.integers(min_value=1, max_value=3))
    budget = valid * seats
    votes = {}
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        v = draw(st.integers(min_value=0, max_value=min(valid, budget)))
        budget -= v
        votes[f"候选人{i}"] = v
    revote = draw(st.booleans())
    return registered, issued, returned, seats, votes, invalid, revote


@settings(max_examples=200)
@given(direct_rounds())
def test_direct_round_invariants(args):
    registered, issued, returned, seats, votes, invalid, revote = args
    r = direct_round(registered, issued, returned, seats, votes, ballots_invalid=invalid, revote=revote)
    assert len(r.elected) <= seats
    assert len(r.elected) + r.tie_seats + r.shortfall == seats
    if 2 * issued <= registered:
        assert not r.valid and r.elected == []
    for name in r.elected + r.tie:
        if revote:
            assert 3 * votes[name] >= issued
        else:
            assert 2 * votes[name] > issued
    assert r.vacant == (r.shortfall if (revote and r.valid) else 0)


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=1500), st.booleans())
def test_ratio_matches_integer_rule(seats, candidates, direct):
    e = candidates - seats
    if direct:
        ok = 3 * e >= seats and e <= seats
    else:
        ok = 5 * e >= seats and 2 * e <= seats
    assert (contest_ratio_warning(seats, candidates, direct) is None) is ok


# --- the re-vote among the tied (选举法 第四十五条第三款) ------------------------------------------


def test_tie_revote_elects_the_most_votes_even_at_exactly_half():
    r = direct_round(1000, 600, 600, 1, {"乙": 300, "丙": 250}, tie_revote=True)
    assert r.valid and r.elected == ["乙"] and r.tie == [] and r.shortfall == 0 and r.vacant == 0
    assert r.status == {"乙": "elected", "丙": "not_elected"}
    assert "以得票多的当选" in r.explanation and "再次投票有效" in r.explanation
    low = direct_round(1000, 600, 600, 1, {"乙": 10, "丙": 9}, tie_revote=True)  # under a third: still elected
    assert low.elected == ["乙"]


def test_tie_revote_tied_again_is_reported_not_broken():
    r = direct_round(1000, 600, 600, 1, {"乙": 280, "丙": 280}, tie_revote=True)
    assert r.elected == [] and r.tie == ["乙", "丙"] and r.tie_seats == 1 and r.shortfall == 0


def test_tie_revote_keeps_the_turnout_and_void_rules():
    assert not direct_round(1000, 500, 500, 1, {"乙": 300, "丙": 200}, tie_revote=True).valid  # exactly half voted
    assert direct_round(1000, 600, 601, 1, {"乙": 300, "丙": 250}, tie_revote=True).void
