"""rdtool supervision: reports heard (items of kind report) and projects inspected (activities with a subject), by topic."""

from __future__ import annotations

import pytest

from rdtool.services.activities.supervision import topic_of_report
from tests.helpers import add_deputy


@pytest.mark.parametrize("title, topic", [
    ("听取镇人民政府关于2017年第一季度综治维稳工作情况的报告", "综治维稳"),
    ("听取镇人民政府关于安全生产工作情况的报告", "安全生产"),
    ("听取镇人民政府关于2017年产业发展情况的报告", "产业发展"),
    ("听取和审议镇人民政府工作报告", "镇人民政府工作报告"),
    ("审议财政预算执行情况", "财政预算执行情况"),
])
def test_topic_of_report(title, topic):
    assert topic_of_report(title) == topic


@pytest.fixture
def town(cli):
    add_deputy(cli, "甲", "--presidium-role", "成员")
    add_deputy(cli, "乙")
    cli("meeting", "add", "--kind", "主席团", "--date", "2018-03-01", "--code", "P3-05")
    cli("vote", "add", "P3-05", "听取镇人民政府关于安全生产工作情况的报告", "--kind", "报告")
    cli("vote", "add", "P3-05", "关于调整预算的决定", "--kind", "决定")
    cli("meeting", "add", "--kind", "主席团", "--date", "2018-09-01", "--code", "P3-06")
    cli("vote", "add", "P3-06", "听取镇人民政府关于2018年安全生产工作情况的报告", "--kind", "报告")
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-01-09", "--code", "C3-3")
    cli("vote", "add", "C3-3", "听取和审议镇人民政府工作报告", "--kind", "报告")
    cli("vote", "add", "C3-3", "听取和审议镇人大主席团工作报告", "--kind", "报告")
    cli("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2018-06-29", "--subject", "美丽乡村",
        "-p", "甲、乙")
    cli("activity", "add", "安全生产执法检查", "--kind", "执法检查", "--date", "2018-10-10", "--subject", "安全生产",
        "-p", "乙")
    cli("activity", "add", "培训", "--kind", "培训", "--date", "2018-04-01", "--subject", "履职知识", "-p", "乙")
    cli("activity", "add", "小组活动", "--kind", "小组活动", "--date", "2018-05-01", "--subject", "困难群众帮扶")
    cli("activity", "add", "无对象的调研", "--kind", "调研", "--date", "2018-07-01")
    return cli


def test_supervision_by_topic(town):
    data = town.json("supervision", "--year", "2018")
    assert data["period"] == {"from": "2018-01-01", "to": "2018-12-31"}
    items = [(i["topic"], i["source"], i["ref"]) for i in data["items"]]
    # topics in order of first appearance, each topic's reports and activities together, by date
    assert items == [("安全生产", "report", "P3-05"), ("安全生产", "report", "P3-06"),
                     ("安全生产", "activity", "A3-002"), ("美丽乡村", "activity", "A3-001")]
    topics = town.json("supervision", "--year", "2018", "--topics")
    assert topics == [{"topic": "安全生产", "reports": 2, "activities": 1, "first": "2018-03-01", "last": "2018-10-10"},
                      {"topic": "美丽乡村", "reports": 0, "activities": 1, "first": "2018-06-29", "last": "2018-06-29"}]
    everything = town.json("supervision", "--year", "2018", "--all-kinds")["items"]
    assert {i["topic"] for i in everything} == {"安全生产", "美丽乡村", "履职知识", "困难群众帮扶"}


def test_supervision_leaves_out_the_congress_own_reports(town):
    topics = [i["topic"] for i in town.json("supervision", "--year", "2019")["items"]]
    assert topics == ["镇人民政府工作报告"]
    all_reports = [i["title"] for i in town.json("supervision", "--year", "2019", "--all-reports")["items"]]
    assert "听取和审议镇人大主席团工作报告" in all_reports
    assert len(town.json("supervision", "--term", "3")["items"]) == 5
    assert len(town.json("supervision", "--from", "2018-06-01", "--to", "2018-12-31")["items"]) == 3


def test_supervision_table_and_usage(town):
    out = town("supervision", "--year", "2018").stdout
    assert "2018年监督工作" in out and "听取审议报告" in out and "代表活动" in out and "执法检查" in out
    csv = town("supervision", "--year", "2018", "--format", "csv").stdout.splitlines()
    assert csv[0] == "topic,source,date,ref,title,kind" and csv[1].startswith("安全生产,report,2018-03-01,P3-05")
    town("supervision", expect=2)
    town("supervision", "--year", "2018", "--term", "3", expect=2)
    town("supervision", "--from", "2018-01-01", expect=2)


def test_sample_supervision(sample):
    topics = {t["topic"]: t for t in sample.json("supervision", "--term", "3", "--topics")}
    for topic in ("综治维稳", "安全生产", "产业发展", "美丽乡村", "“一事一议”财政奖补"):
        assert topic in topics, topic
    assert topics["综治维稳"]["reports"] >= 2 and topics["美丽乡村"]["activities"] == 1


def test_supervision_range_backwards_is_a_usage_error(town):
    result = town.fails("supervision", "--from", "2019-01-01", "--to", "2018-01-01", code=2)
    assert "--to 2018-01-01 早于 --from 2019-01-01" in result.stderr
    town.fails("supervision", "--year", "2018", "--from", "2018-01-01", "--to", "2018-06-30", code=2)
    town.fails("supervision", "--year", "1800", code=2)
