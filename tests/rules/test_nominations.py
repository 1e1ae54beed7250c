"""Nomination limits (选举法 2020 第三十条第三款)."""

import pytest

from rdtool.rules.majority import ImpossibleCounts
from rdtool.rules.nominations import nominating_bodies, nomination_limit_warnings


def test_equal_to_the_seats_is_lawful_one_more_is_flagged():
    assert nomination_limit_warnings(1, ["中共三川镇委员会", None, ""]) == []
    w = nomination_limit_warnings(1, ["中共三川镇委员会", "中共三川镇委员会"])
    assert len(w) == 1 and "中共三川镇委员会推荐代表候选人2人" in w[0] and "第三十条第三款" in w[0]
    assert nomination_limit_warnings(2, ["甲党", "甲党"]) == []
    assert len(nomination_limit_warnings(2, ["甲党", "甲党", "甲党"])) == 1


def test_a_joint_nomination_counts_for_each_body():
    assert nominating_bodies("中共三川镇委员会、三川镇妇女联合会") == ["中共三川镇委员会", "三川镇妇女联合会"]
    assert nominating_bodies("  ") == [] and nominating_bodies(None) == []
    w = nomination_limit_warnings(1, ["三川镇妇女联合会", "中共三川镇委员会；三川镇妇女联合会"])
    assert len(w) == 1 and w[0].startswith("三川镇妇女联合会推荐代表候选人2人")


def test_voters_nominations_are_not_counted_and_seats_must_be_positive():
    assert nomination_limit_warnings(1, [None, None, None]) == []
    with pytest.raises(ImpossibleCounts):
        nomination_limit_warnings(0, [])
