"""Extra boundaries of the direct-election arithmetic used by the general election (选举法 2020 arts. 31, 44, 45)."""

from rdtool.rules.direct_elections import contest_ratio_bounds, contest_ratio_warning, direct_round


def test_returned_equal_to_issued_is_not_void():
    r = direct_round(1000, 800, 800, 1, {"甲": 401})
    assert not r.void and r.valid and r.elected == ["甲"]


def test_returned_one_more_than_issued_voids_even_with_a_clear_winner():
    r = direct_round(1000, 800, 801, 1, {"甲": 700})
    assert r.void and r.elected == [] and r.status == {"甲": "void"}


def test_base_is_ballots_issued_when_fewer_returned():
    # 801 voted, 790 ballots came back: 401 votes is more than half of 790 but not of 801.
    assert direct_round(1000, 801, 790, 1, {"甲": 400}).elected == []
    assert direct_round(1000, 801, 790, 1, {"甲": 401}).elected == ["甲"]


def test_revote_tie_at_exactly_one_third_is_a_tie_not_a_pick():
    r = direct_round(1000, 900, 900, 1, {"甲": 300, "乙": 300}, revote=True)
    assert r.elected == [] and r.tie == ["甲", "乙"] and r.tie_seats == 1 and r.vacant == 0


def test_revote_two_seats_one_reaches_one_third_other_vacant():
    r = direct_round(1000, 900, 900, 2, {"甲": 500, "乙": 299, "丙": 100}, revote=True)
    assert r.elected == ["甲"] and r.vacant == 1


def test_first_round_two_over_half_for_three_seats_leaves_shortfall():
    r = direct_round(1000, 900, 900, 3, {"甲": 451, "乙": 451, "丙": 450, "丁": 300})
    assert r.elected == ["甲", "乙"] and r.shortfall == 1 and r.tie == []


def test_ratio_bounds_per_constituency_size():
    # 选举法第三十一条: direct elections, 1/3 to 1x more candidates than seats (1–3 seats, art. 25)
    assert [contest_ratio_bounds(s) for s in (1, 2, 3)] == [(2, 2), (3, 4), (4, 6)]
    assert contest_ratio_warning(3, 4) is None and contest_ratio_warning(3, 6) is None
    assert "低于" in contest_ratio_warning(3, 3) and "超过" in contest_ratio_warning(3, 7)
