"""Issue 26 (the law, fourth pass): suspended duties, inquiries, nominations and 预选, proxy votes — each rule's
boundaries, as pure functions."""

from __future__ import annotations

import pytest

from rdtool.rules import congress_nominations as nom
from rdtool.rules import inquiries as inq
from rdtool.rules import suspensions as sus
from rdtool.rules.majority import ImpossibleCounts
from rdtool.rules.proxy_votes import MAX_ACCEPTED, proxy_problem


# --- 代表法 (2025) 第六十一条: suspended duties -------------------------------------------------------------

def test_a_suspended_deputy_counts_in_entitled_but_cannot_attend():
    assert sus.counts_in_entitled(True) and sus.counts_in_entitled(False)
    assert not sus.may_attend(True) and sus.may_attend(False)
    assert not sus.absence_counts_for_termination(True) and sus.absence_counts_for_termination(False)
    assert set(sus.GROUNDS) == {"detained", "serving"}


def test_suspended_from_the_first_day_until_the_day_of_resumption():
    periods = [("2024-03-01", "2024-06-01")]
    assert not sus.suspended_on(periods, "2024-02-29")
    assert sus.suspended_on(periods, "2024-03-01")  # the first day
    assert sus.suspended_on(periods, "2024-05-31")
    assert not sus.suspended_on(periods, "2024-06-01")  # resumed that day
    assert sus.suspended_on([("2024-03-01", None)], "2030-01-01")  # not resumed
    assert not sus.suspended_on([], "2024-03-01")


def test_reported_to_a_congress_session_on_or_after_the_start():
    assert sus.report_problem("2024-03-01", "congress", "2024-03-01") is None
    assert sus.report_problem("2024-03-02", "congress", "2024-03-01", "2024-03-02") is None  # its last day
    assert "早于" in sus.report_problem("2024-03-02", "congress", "2024-03-01")
    assert "人代会" in sus.report_problem("2024-03-01", "presidium", "2024-03-05")


def test_resumed_within_the_term_unless_the_mandate_ended():
    assert sus.resume_problem("2024-03-01", "2024-03-01", "active", None, "2026-11-30") is None
    assert "早于" in sus.resume_problem("2024-03-01", "2024-02-29", "active", None, None)
    assert sus.resume_problem("2024-03-01", "2026-11-30", "active", None, "2026-11-30") is None  # the term's last day
    assert "任期" in sus.resume_problem("2024-03-01", "2026-12-01", "active", None, "2026-11-30")
    assert "终止" in sus.resume_problem("2024-03-01", "2024-09-01", "terminated", "2024-09-01", None)
    assert sus.resume_problem("2024-03-01", "2024-08-31", "terminated", "2024-09-01", None) is None  # before it ended


def test_a_second_suspension_while_one_is_in_force():
    assert sus.overlap_problem([("2024-03-01", None)], "2024-04-01")
    assert sus.overlap_problem([("2024-03-01", "2024-04-01")], "2024-04-01") is None
    assert sus.overlap_problem([("2024-03-01", "2024-04-01")], "2024-02-29")  # the new one would cover it
    assert sus.overlap_problem([("2024-03-01", None)], "2024-02-29")  # starting earlier, still open: refused
    assert sus.overlap_problem([("2024-03-01", "2024-04-01")], "2024-03-31")


# --- 组织法 第二十四条, 北京 组织条例 第十二条: inquiries ----------------------------------------------------------

@pytest.mark.parametrize("deputies, province, need", [
    (30, "national", 10), (50, "national", 10),
    (40, "beijing", 8), (41, "beijing", 10),  # 四十人以下 includes forty
    (30, "beijing", 6), (26, "beijing", 6), (25, "beijing", 5), (3, "beijing", 1),  # ⌈n/5⌉
    (60, "beijing", 10), (30, "chongqing", 10),
])
def test_signers_an_inquiry_needs(deputies, province, need):
    assert inq.min_signers(deputies, province) == need
    assert inq.signers_ok(need, deputies, province)
    assert not inq.signers_ok(need - 1, deputies, province)


def test_an_inquiry_is_lodged_during_the_session():
    assert inq.date_problem("2024-01-10", "2024-01-10", "2024-01-12") is None
    assert inq.date_problem("2024-01-12", "2024-01-10", "2024-01-12") is None
    assert inq.date_problem("2024-01-09", "2024-01-10", "2024-01-12")
    assert inq.date_problem("2024-01-13", "2024-01-10", "2024-01-12")
    assert inq.date_problem("2024-01-10", "2024-01-10", None) is None


def test_an_inquiry_is_answered_at_the_session():
    for method in inq.ANSWER_METHODS:
        assert inq.answer_problem("2024-01-12", method, "2024-01-10", "2024-01-12") is None
        assert inq.answer_problem("2024-01-13", method, "2024-01-10", "2024-01-12")
    assert "早于" in inq.answer_problem("2024-01-09", "written", "2024-01-10", "2024-01-12")
    # 北京 第十二条第四款: within three months after the session; 重庆 第十八条第四款: two months of the close
    assert inq.answer_problem("2024-04-12", "written", "2024-01-10", "2024-01-12", "beijing") is None
    assert "3个月" in inq.answer_problem("2024-04-13", "written", "2024-01-10", "2024-01-12", "beijing")
    assert inq.answer_problem("2024-03-12", "written", "2024-01-10", "2024-01-12", "chongqing") is None
    assert inq.answer_problem("2024-03-13", "written", "2024-01-10", "2024-01-12", "chongqing")
    assert inq.answer_problem("2024-01-13", "plenary", "2024-01-10", "2024-01-12", "beijing")  # oral: at the session
    with pytest.raises(ValueError):
        inq.answer_problem("2024-01-12", "phone", "2024-01-10", "2024-01-12")


# --- 组织法 第二十六条第二款、第三款, 第二十七条第一款: nominations and 预选 ------------------------------------------

def test_ten_deputies_nominate():
    assert nom.nominators_ok(10) and not nom.nominators_ok(9)
    with pytest.raises(ImpossibleCounts):
        nom.nominators_ok(-1)


def test_nominees_not_above_the_seats():
    assert nom.nominees_problem("presidium", 2, 2) is None
    assert "主席团" in nom.nominees_problem("presidium", 3, 2)
    assert "代表联合" in nom.nominees_problem("deputies", 2, 1)
    assert nom.per_deputy_problems({"甲": 2, "乙": 3}, 2) == [nom.per_deputy_problems({"乙": 3}, 2)[0]]
    assert nom.per_deputy_problems({"甲": 2}, 2) == []


def test_the_margin_the_law_allows():
    assert nom.margin_problem("principal", 1, 1, 3) is None
    assert nom.margin_problem("principal", 1, 0, 1) is None  # 等额 with one nominee
    assert nom.margin_problem("principal", 1, 0, 2)
    assert nom.margin_problem("principal", 1, 2, 3)
    assert nom.margin_problem("vice", 2, 1, 6) is None and nom.margin_problem("vice", 2, 3, 6) is None
    assert nom.margin_problem("vice", 2, 0, 6) and nom.margin_problem("vice", 2, 4, 6)
    assert nom.margin_problem("member", 9, 7, 20) is None


def test_a_primary_when_the_nominees_exceed_seats_plus_margin():
    assert not nom.primary_needed("principal", 1, 2)
    assert nom.primary_needed("principal", 1, 3)
    assert not nom.primary_needed("vice", 2, 5) and nom.primary_needed("vice", 2, 6)
    assert nom.primary_needed("vice", 2, 5, margin=2) and not nom.primary_needed("vice", 2, 4, margin=2)
    assert not nom.primary_needed("member", 9, 30)


def test_the_formal_list_by_primary_votes():
    votes = {"甲": 30, "乙": 25, "丙": 20, "丁": 10, "戊": 5}
    assert nom.formal_list(votes, 2, 1) == (["甲", "乙", "丙"], [])
    assert nom.formal_list({"甲": 30, "乙": 20, "丙": 20, "丁": 5}, 1, 1) == (["甲"], ["乙", "丙"])  # a tie at the cut
    assert nom.formal_list({"甲": 30, "乙": 20, "丙": 20, "丁": 5}, 2, 1) == (["甲", "乙", "丙"], [])  # both fit
    assert nom.formal_list({"甲": 3}, 2, 1) == (["甲"], [])
    with pytest.raises(ImpossibleCounts):
        nom.formal_list({"甲": -1}, 1, 1)


# --- 选举法 第四十二条: proxy votes ------------------------------------------------------------------------------

def test_at_most_three_entrustments_per_voter():
    assert MAX_ACCEPTED == 3
    assert proxy_problem("甲", "乙", 2, False) is None  # the third
    assert "不得超过三人" in proxy_problem("甲", "乙", 3, False)  # the fourth
    assert "自己" in proxy_problem("甲", "甲", 0, False)
    assert "已经委托" in proxy_problem("甲", "乙", 0, True)
    assert "本人已委托" in proxy_problem("甲", "乙", 0, False, proxy_entrusted=True)
