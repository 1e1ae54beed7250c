"""Resignation, recall and announcement (选举法 第五十条、第五十三条、第五十五条; 代表法 第六十三条; 组织法 第三十一条)."""

import pytest

from rdtool.rules.majority import ImpossibleCounts
from rdtool.rules.mandates import (
    announcement_problem,
    congress_decision_problem,
    is_township_post,
    post_recall_motion_problem,
    recall_petition_problem,
    recall_vote_problem,
)


def test_recall_petition_thirty_township_fifty_county():
    assert recall_petition_problem(30, "township") is None
    assert "不足30人" in recall_petition_problem(29, "township") and "第五十条" in recall_petition_problem(29, "township")
    assert recall_petition_problem(50, "county") is None and recall_petition_problem(49, "county")
    with pytest.raises(ValueError):
        recall_petition_problem(30, "city")


def test_recall_needs_more_than_half_of_all_the_constituencys_voters():
    assert recall_vote_problem(501, 1000) is None
    w = recall_vote_problem(500, 1000)  # exactly half
    assert "至少501票" in w and "第五十三条" in w
    assert recall_vote_problem(3, 5) is None and recall_vote_problem(2, 5)
    with pytest.raises(ImpossibleCounts):
        recall_vote_problem(1001, 1000)
    with pytest.raises(ImpossibleCounts):
        recall_vote_problem(0, 0)


def test_the_congress_decides_by_a_majority_of_all_deputies():
    assert congress_decision_problem("congress", "passed", "接受辞职", "选举法第五十五条第二款") is None
    assert "人民代表大会会议" in congress_decision_problem("presidium", "passed", "接受辞职", "x")
    assert "未通过" in congress_decision_problem("congress", "failed", "接受辞职", "x")
    assert "不足法定人数" in congress_decision_problem("congress", "no_quorum", "接受辞职", "x")
    assert "还没有票数" in congress_decision_problem("congress", None, "接受辞职", "x")


def test_announcement_not_before_the_end():
    assert announcement_problem("2020-01-08", "2020-01-08") is None and announcement_problem("2020-01-08", None) is None
    assert announcement_problem("2020-01-08", "2020-01-07")


def test_post_recall_motion_presidium_or_one_fifth_of_deputies():
    assert post_recall_motion_problem("presidium", None, 40) is None
    assert post_recall_motion_problem("deputies", 8, 40) is None  # exactly one fifth
    assert "至少8人" in post_recall_motion_problem("deputies", 7, 40)
    assert post_recall_motion_problem("deputies", 9, 41) is None and post_recall_motion_problem("deputies", 8, 41)
    assert "联名代表人数" in post_recall_motion_problem("deputies", None, 40)
    with pytest.raises(ImpossibleCounts):
        post_recall_motion_problem("deputies", 41, 40)
    assert is_township_post("镇长") and is_township_post("副主席") and not is_township_post("主席团成员")
