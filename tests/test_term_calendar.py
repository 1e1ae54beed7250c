"""The term's calendar in `db check` and the report's needs-attention, under each province's profile."""

from __future__ import annotations

from tests.meeting_helpers import township

GE = "general-election"


def checks(cli, as_of, *codes):
    found = cli.json("db", "check", "--as-of", as_of)
    return [f for f in found if not codes or f["check"] in codes]


def congress(cli, day, *extra):
    return cli("meeting", "add", "--kind", "congress", "--date", day, *extra)


def test_first_session_three_and_a_half_months_after_the_election_is_flagged(cli):
    cli(GE, "plan", "3", "--election-day", "2016-11-15")
    assert checks(cli, "2017-01-15", "first_session_late") == []  # two months not yet over
    [f] = checks(cli, "2017-01-16", "first_session_late")
    assert "还没有本届第一次会议" in f["message"] and "第二十条" in f["message"]
    congress(cli, "2017-03-01")
    [f] = checks(cli, "2017-06-01", "first_session_late")
    assert "2017-03-01" in f["message"] and "2017-01-15" in f["message"]
    cli("meeting", "edit", "C3-1", "--date", "2017-01-15")  # the last day of the two months
    assert checks(cli, "2017-06-01", "first_session_late") == []


def test_sessions_at_least_once_a_year_and_normally_twice(cli):
    congress(cli, "2017-01-06")
    congress(cli, "2017-07-01")
    congress(cli, "2018-01-10")
    congress(cli, "2018-08-01", "--extraordinary")
    cli("meeting", "add", "--kind", "presidium", "--date", "2019-03-01")
    found = {f["check"]: f for f in checks(cli, "2020-01-01", "congress_session_yearly", "congress_sessions_twice")}
    assert found["congress_session_yearly"]["record"] == "2019" and "每年至少举行一次" in found[
        "congress_session_yearly"]["message"]
    assert found["congress_sessions_twice"]["record"] == "2018"  # the extraordinary one is not one of the two
    assert "第十四条第一款" in found["congress_sessions_twice"]["message"]
    # a year not over yet is not judged
    assert [f["record"] for f in checks(cli, "2019-12-30", "congress_session_yearly")] == []
    # the report's needs-attention picks the finding up the same way
    data = cli.json("report", "annual", "--year", "2019", "--as-of", "2020-01-01")
    assert any(c["check"] == "congress_session_yearly" for c in data["checks"])
    assert not any(c["check"] == "congress_sessions_twice" for c in data["checks"])  # 2018 is not in the period


def test_a_secretary_who_starts_mid_year_is_not_told_her_first_year_lacked_sessions(cli):
    cli("meeting", "add", "--kind", "presidium", "--date", "2019-05-01")
    assert checks(cli, "2020-01-01", "congress_session_yearly") == []
    assert [f["record"] for f in checks(cli, "2021-01-01", "congress_session_yearly")] == ["2020"]


def test_presidium_every_three_months_in_zhejiang_and_each_quarter_in_chongqing(cli):
    cli("config", "province", "浙江")
    for day in ("2017-01-06", "2017-04-06", "2017-07-07"):
        cli("meeting", "add", "--kind", "presidium", "--date", day)
    [f] = checks(cli, "2017-08-01", "presidium_meetings_three_months")  # 04-06 → 07-07: one day late
    assert f["record"] == "2017-04-06" and "《浙江省乡镇人民代表大会工作条例》第二十四条第一款" in f["message"]
    [f] = checks(cli, "2017-10-08", "presidium_meetings_three_months", "presidium_meetings_quarterly")[1:]
    assert "自2017-07-07以来" in f["message"]
    cli("config", "province", "重庆")
    assert checks(cli, "2017-09-30", "presidium_meetings_three_months", "presidium_meetings_quarterly") == []
    [f] = checks(cli, "2018-01-01", "presidium_meetings_quarterly")
    assert "2017年第四季度" in f["message"] and "第三十四条第一款" in f["message"]
    cli("config", "province", "山东")  # 山东's text sets no number of presidium meetings
    assert checks(cli, "2018-01-01", "presidium_meetings_three_months", "presidium_meetings_quarterly") == []


def test_notice_days_by_province_at_the_boundary(cli):
    cli("config", "province", "浙江")
    r = congress(cli, "2017-01-08", "--notified", "2017-01-01")  # seven days before: in time
    assert "注意" not in r.stderr
    r = congress(cli, "2017-07-08", "--notified", "2017-07-02")
    assert "不足7日" in r.stderr and "第二十条" in r.stderr
    r = congress(cli, "2017-09-08", "--extraordinary", "--notified", "2017-09-07")  # 浙江: 临时会议不受此限
    assert "注意" not in r.stderr
    assert [f["record"] for f in checks(cli, "2018-01-01", "session_notice_late")] == ["C3-2"]
    cli("config", "province", "重庆")  # ten days, extraordinary sessions included
    assert [f["record"] for f in checks(cli, "2018-01-01", "session_notice_late")] == ["C3-1", "C3-2", "C3-3"]
    cli("config", "province", "河南")  # no notice rule: nothing to judge
    assert checks(cli, "2018-01-01", "session_notice_late") == []
    cli.fails("meeting", "add", "--kind", "congress", "--date", "2018-01-08", "--notified", "2018-01-09")
    assert "第十一条" in cli("meeting", "add", "--help").stdout


def test_extraordinary_session_on_one_fifth_of_deputies(cli, tmp_path):
    township(cli, tmp_path, deputies=15, presidium=9)  # one fifth of 15: exactly 3
    r = cli.fails("meeting", "add", "--kind", "congress", "--date", "2017-06-01", "--extraordinary",
                  "--requested-by", "2")
    assert "不足全体代表15人的五分之一（至少3人）" in r.stderr and "第十四条第三款" in r.stderr
    cli.fails("meeting", "add", "--kind", "congress", "--date", "2017-06-01", "--requested-by", "5")  # not 临时会议
    congress(cli, "2017-06-01", "--extraordinary", "--requested-by", "3")
    assert checks(cli, "2017-07-01", "extraordinary_session_request") == []
    cli("deputy", "add", "新代表", "--gender", "女", "--level", "镇", "--term", "3", "--elected-on", "2017-03-01")
    [f] = checks(cli, "2017-07-01", "extraordinary_session_request")  # now 16 deputies: 3 is under a fifth
    assert f["record"] == "C3-1" and "至少4人" in f["message"]


def test_presidium_size_outside_the_province_range(cli, tmp_path):
    township(cli, tmp_path, deputies=16, presidium=14)
    assert checks(cli, "2017-06-01", "presidium_size") == []  # national: no law sets a size
    cli("config", "province", "浙江")
    [f] = checks(cli, "2017-06-01", "presidium_size")
    assert "超过13人" in f["message"] and "经济比较发达或者人口较多的乡镇" in f["message"]
    cli("config", "province", "北京")
    [f] = checks(cli, "2017-06-01", "presidium_size")
    assert "超过9人" in f["message"] and "第十七条第二款" in f["message"]
