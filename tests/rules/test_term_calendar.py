"""The term's calendar (组织法 第十四条第一款、第三款、第二十条; 浙江 第二十条、第二十四条; 重庆 第十一条、第三十四条;
河南 第五条; 北京 第五条), at each boundary."""

from datetime import date

from rdtool.rules.provinces import PROFILES
from rdtool.rules.term_calendar import (
    first_session_warning,
    half_year_findings,
    notice_warning,
    presidium_gaps,
    presidium_size_warning,
    quarter_of,
    quarters_without,
    session_year_status,
)

D = date.fromisoformat


def test_sessions_at_least_once_and_normally_twice():
    assert session_year_status(0, 0) == "none"
    assert session_year_status(1, 1) == "fewer_than_two"
    assert session_year_status(2, 1) == "fewer_than_two"  # an extraordinary session is not one of the two
    assert session_year_status(2, 2) is None


def test_beijing_every_half_year_and_the_first_by_the_end_of_march():
    art = PROFILES["beijing"].sessions.article
    assert half_year_findings(2019, [D("2019-03-31"), D("2019-08-01")], art) == []
    late = half_year_findings(2019, [D("2019-04-01"), D("2019-08-01")], art)
    assert len(late) == 1 and "晚于三月底" in late[0] and "第五条第一款" in late[0]
    assert [w[:10] for w in half_year_findings(2019, [D("2019-01-10")], art)] == ["2019年下半年没有"]
    assert len(half_year_findings(2019, [], art)) == 2


def test_presidium_three_months_is_in_time_on_the_day_and_late_the_day_after():
    assert presidium_gaps([D("2019-03-21"), D("2019-06-21")], until=D("2019-09-21")) == []
    assert presidium_gaps([D("2019-03-21"), D("2019-06-22")], until=D("2019-06-22")) == [(D("2019-03-21"),
                                                                                         D("2019-06-22"))]
    assert presidium_gaps([D("2019-11-30")], until=D("2020-02-29")) == []  # month end: 民法典 第二百零二条
    assert presidium_gaps([D("2019-11-30")], until=D("2020-03-01")) == [(D("2019-11-30"), None)]


def test_quarters_without_a_meeting():
    assert quarter_of(D("2019-03-31")) == (2019, 1) and quarter_of(D("2019-04-01")) == (2019, 2)
    days = [D("2019-03-31"), D("2019-07-01"), D("2019-12-31")]
    assert quarters_without(days, (2019, 1), (2019, 4)) == [(2019, 2)]
    assert quarters_without(days, (2019, 3), (2020, 1)) == [(2020, 1)]


def test_notice_seven_days_before_is_in_time_six_is_not():
    zj = PROFILES["zhejiang"].notice_days
    assert notice_warning(D("2020-01-08"), D("2020-01-01"), zj.value, zj.article) is None
    w = notice_warning(D("2020-01-08"), D("2020-01-02"), zj.value, zj.article)
    assert "6日前" in w and "不足7日" in w and "第二十条" in w
    assert "晚于会议日期" in notice_warning(D("2020-01-08"), D("2020-01-09"), 10, "重庆")
    assert notice_warning(D("2020-01-08"), None, 7, "") is None  # not recorded: not judged
    assert notice_warning(D("2020-01-08"), D("2020-01-07"), None, "") is None  # no rule in the province


def test_first_session_within_two_months_of_the_election():
    art = "组织法第二十条"
    assert first_session_warning(D("2016-11-15"), D("2017-01-15"), D("2017-06-01"), art) is None  # the last day
    w = first_session_warning(D("2016-11-15"), D("2017-01-16"), D("2017-06-01"), art)
    assert "晚于" in w and "2017-01-15" in w
    assert first_session_warning(D("2016-11-15"), D("2017-03-01"), D("2017-06-01"), art)  # 3½ months
    assert first_session_warning(D("2016-11-15"), None, D("2017-01-15"), art) is None  # not yet due
    assert "还没有本届第一次会议" in first_session_warning(D("2016-11-15"), None, D("2017-01-16"), art)
    assert first_session_warning(D("2016-12-31"), D("2017-02-28"), D("2017-06-01"), art) is None  # month end


def test_presidium_size_and_its_conditions():
    zj, sd, bj = (PROFILES[c].presidium_size for c in ("zhejiang", "shandong", "beijing"))
    assert presidium_size_warning(zj.value, 13, zj.article) is None
    w = presidium_size_warning(zj.value, 14, zj.article)
    assert "经济比较发达或者人口较多的乡镇" in w and "请核对" in w
    assert "超过17人" in presidium_size_warning(zj.value, 18, zj.article)
    assert "少于7人" in presidium_size_warning(zj.value, 6, zj.article)
    assert presidium_size_warning(sd.value, 13, sd.article, deputies=90) is None  # 九十人以上 includes 90
    assert "本乡镇代表89人" in presidium_size_warning(sd.value, 12, sd.article, deputies=89)
    assert presidium_size_warning(bj.value, 5, bj.article) is None and presidium_size_warning(bj.value, 10, bj.article)
    assert presidium_size_warning(None, 30, "") is None and presidium_size_warning(zj.value, 0, zj.article) is None
