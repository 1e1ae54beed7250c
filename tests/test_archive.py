"""rdtool deputy archive / scores / flags and the points scheme, through the real CLI on records built here."""

from __future__ import annotations

import json

import pytest

from tests.helpers import add_deputy


@pytest.fixture
def town(cli):
    """Three presidium members, two more township deputies, three county deputies; meetings, proposals, activities."""
    for name in ("甲主席", "乙成员", "丙成员"):
        add_deputy(cli, name, "--presidium-role", "成员")
    add_deputy(cli, "丁代表")
    add_deputy(cli, "戊代表", gender="女")
    for name in ("县一", "县二", "县三"):
        add_deputy(cli, name, level="县")
    # 2018: a congress session (丁 absent without leave, 戊 on leave) and two presidium meetings
    cli("meeting", "add", "--kind", "人代会", "--date", "2018-01-10", "--code", "C3-2")
    cli("meeting", "roll", "C3-2", "--absent", "丁代表", "--leave", "戊代表")
    cli("meeting", "add", "--kind", "主席团", "--date", "2018-03-01", "--code", "P3-05")
    cli("meeting", "roll", "P3-05", "--leave", "乙成员")
    cli("meeting", "add", "--kind", "主席团", "--date", "2018-06-01", "--code", "P3-06")
    cli("meeting", "roll", "P3-06")
    cli("vote", "add", "P3-06", "听取镇人民政府关于安全生产工作情况的报告", "--kind", "报告")
    # 2019: a congress session where 丁 is absent again (the second unexcused absence)
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-01-09", "--code", "C3-3")
    cli("meeting", "roll", "C3-3", "--absent", "丁代表")
    # proposals: 甲 leads one (class A, satisfied) co-signed by 乙 and 丁; 乙 leads one co-signed by 甲
    cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "甲主席", "--cosigners", "乙成员、丁代表",
        "--meeting", "C3-2", "--date", "2018-01-10", "--code", "三届二次-001")
    cli("proposal", "assign", "三届二次-001", "--unit", "镇村镇建设办", "--date", "2018-01-20")
    cli("proposal", "reply", "三届二次-001", "--result", "A", "--text", "已修缮", "--date", "2018-03-01")
    cli("proposal", "feedback", "三届二次-001", "满意", "--date", "2018-03-10")
    cli("proposal", "submit", "关于增设路灯的建议", "--lead", "乙成员", "--cosigners", "甲主席",
        "--meeting", "C3-2", "--date", "2018-01-10", "--code", "三届二次-002")
    # activities: 甲 in an inspection and a training in 2018, a survey in 2019; county activities in 2018
    cli("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2018-06-29", "--subject", "美丽乡村",
        "-p", "甲主席、丙成员")
    cli("activity", "add", "代表履职培训", "--kind", "培训", "--date", "2018-02-23", "-p", "甲主席、乙成员、丙成员")
    cli("activity", "add", "农村养老调研", "--kind", "调研", "--date", "2019-10-19", "--subject", "农村养老服务",
        "-p", "甲主席")
    cli("activity", "add", "县代表视察高速公路", "--kind", "视察", "--date", "2018-05-18", "--level", "县",
        "--subject", "华丽高速公路", "-p", "县一、县二")
    cli("activity", "add", "县代表联系选民", "--kind", "联系选民", "--date", "2018-10-25", "--level", "县", "-p", "县一")
    cli("activity", "add", "县代表党校培训", "--kind", "培训", "--date", "2018-03-16", "--level", "县",
        "-p", "县一、县二、县三")
    return cli


def test_archive_figures_for_a_year(town):
    a = town.json("deputy", "archive", "甲主席", "--year", "2018")
    assert a["period"] == {"from": "2018-01-01", "to": "2018-12-31", "year": 2018, "term": None, "label": "2018年"}
    assert a["deputy"]["presidium_role"] == "member"
    assert a["congress"] == {"present": 1, "leave": 0, "absent": 0, "meetings": 1, "unrecorded": 0}
    assert a["presidium"] == {"present": 2, "leave": 0, "absent": 0, "meetings": 2, "unrecorded": 0}
    assert a["proposals"]["led"] == 1 and a["proposals"]["cosigned"] == 1
    assert a["proposals"]["led_by_result"] == {"A": 1}
    roles = {p["code"]: (p["role"], p["result"], p["feedback"]) for p in a["proposals"]["items"]}
    assert roles == {"三届二次-001": ("lead", "A", "satisfied"), "三届二次-002": ("cosign", None, None)}
    assert a["activities"]["activities"] == 1 and a["activities"]["training"] == 1
    assert a["activities"]["by_kind"] == {"inspection": 1, "training": 1}
    # default scheme: congress 2, presidium 1 each, lead 3, cosign 1, activity 2, training 1
    assert a["points"]["total"] == 2 + 2 + 3 + 1 + 2 + 1
    assert "领衔提出议案、建议1件，附议1件" in a["summary"]


def test_archive_whole_term_and_absences(town):
    a = town.json("deputy", "archive", "丁代表")  # default: the deputy's term
    assert a["period"]["term"] == 3 and a["period"]["from"] == "2017-01-05"
    assert a["congress"] == {"present": 0, "leave": 0, "absent": 2, "meetings": 2, "unrecorded": 0}
    assert a["presidium"]["meetings"] == 0
    assert a["unexcused_absences"] == 2
    assert a["proposals"]["cosigned"] == 1 and a["proposals"]["led"] == 0
    assert a["points"]["total"] == 1 - 2 * 5
    whole = town.json("deputy", "archive", "甲主席", "--term", "3")
    assert whole["activities"]["by_kind"] == {"inspection": 1, "training": 1, "survey": 1}
    assert whole["congress"]["meetings"] == 2
    town("deputy", "archive", "甲主席", "--year", "2018", "--term", "3", expect=2)
    town("deputy", "archive", "无名氏", expect=1)


def test_archive_agrees_with_meeting_proposal_and_activity_commands(town):
    for name in ("甲主席", "乙成员", "丁代表", "戊代表"):
        a = town.json("deputy", "archive", name, "--year", "2018")
        meetings = town.json("meeting", "list", "--year", "2018")
        congress = [m for m in meetings if m["kind"] == "congress"]
        absent = leave = 0
        for m in congress:
            shown = town.json("meeting", "show", m["code"])
            absent += name in shown["absent_names"]
            leave += name in shown["leave_names"]
        assert (a["congress"]["absent"], a["congress"]["leave"]) == (absent, leave), name
        assert a["congress"]["present"] == len(congress) - absent - leave, name
        proposals = town.json("proposal", "list", "--deputy", name, "--year", "2018")
        assert a["proposals"]["led"] == sum(p["lead"] == name for p in proposals), name
        assert a["proposals"]["led"] + a["proposals"]["cosigned"] == len(proposals), name
        activities = town.json("activity", "list", "--deputy", name, "--year", "2018")
        assert a["activities"]["total"] == len(activities), name
        assert sorted(x["code"] for x in a["activities"]["items"]) == sorted(x["code"] for x in activities), name


def test_archive_formats(town, tmp_path):
    table = town("deputy", "archive", "甲主席", "--year", "2018").stdout
    for text in ("代表履职档案：甲主席", "履职情况", "人代会：出席", "主席团会议：出席", "关于修缮便民桥的建议",
                 "已解决或基本解决", "视察美丽乡村建设", "履职积分", "11"):
        assert text in table, text
    md = town("deputy", "archive", "甲主席", "--year", "2018", "--format", "md").stdout
    assert md.startswith("# 代表履职档案：甲主席") and "| 领衔议案、建议（件） | 1 |" in md
    csv = town("deputy", "archive", "甲主席", "--year", "2018", "--format", "csv").stdout.splitlines()
    row = dict(zip(csv[0].split(","), csv[1].split(",")))
    assert row["congress_present"] == "1" and row["presidium_present"] == "2" and row["points"] == "11"
    out = tmp_path / "甲.md"
    town("deputy", "archive", "甲主席", "--year", "2018", "--format", "md", "--output", out)
    assert out.read_text(encoding="utf-8") == md
    town("deputy", "archive", "甲主席", "--format", "docx", expect=2)   # docx needs --output
    town("deputy", "archive", "甲主席", "--format", "pdf", expect=2)


def test_archive_docx_holds_the_figures(town, tmp_path):
    import docx

    path = tmp_path / "甲主席履职档案.docx"
    town("deputy", "archive", "甲主席", "--year", "2018", "--format", "docx", "--output", path)
    assert path.stat().st_mode & 0o777 == 0o600
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "代表履职档案：甲主席" in text and "2018年" in text and "履职积分11分" in text
    cells = {}
    for table in document.tables:
        for r in table.rows:
            values = [c.text for c in r.cells]
            cells[values[0]] = values[1:]
    assert cells["人代会：出席"] == ["1"] and cells["主席团会议：出席"] == ["2"]
    assert cells["领衔议案、建议（件）"] == ["1"] and cells["附议议案、建议（件）"] == ["1"]
    assert cells["参加代表活动（次）"] == ["1"] and cells["参加学习培训（次）"] == ["1"]
    assert cells["履职积分"] == ["11"]
    assert cells["三届二次-001"][2] == "关于修缮便民桥的建议" and cells["三届二次-001"][3] == "已解决或基本解决"


def test_points_scheme_is_configurable(town):
    shown = town.json("config", "points_scheme")[0]["value"]
    assert json.loads(shown)["absent_deduct"] == 5
    town("config", "points_scheme", "activity=10, absent_deduct=1")
    scheme = json.loads(town.json("config", "points_scheme")[0]["value"])
    assert scheme["activity"] == 10 and scheme["absent_deduct"] == 1 and scheme["proposal_lead"] == 3
    assert town.json("deputy", "archive", "甲主席", "--year", "2018")["points"]["total"] == 2 + 2 + 3 + 1 + 10 + 1
    assert town.json("deputy", "archive", "丁代表", "--year", "2018")["points"]["total"] == 1 - 1
    town("config", "points_scheme", '{"training": 0.5}')  # JSON; keys not given go back to defaults
    assert town.json("deputy", "archive", "甲主席", "--year", "2018")["points"]["total"] == 2 + 2 + 3 + 1 + 2 + 0.5
    town.fails("config", "points_scheme", "bonus=3")
    town.fails("config", "points_scheme", "activity=-1")
    town.fails("config", "points_scheme", "{not json")
    assert "points_scheme" in town("config").stdout


def test_scores_rank_with_ties(town):
    data = town.json("deputy", "scores", "--year", "2018")
    rows = {r["name"]: r for r in data["rows"]}
    assert rows["甲主席"]["points"] == 11 and rows["甲主席"]["rank"] == 1
    # 乙: congress 2 + presidium 1 (one leave) + lead 3 + cosign 1 + training 1 = 8; 丙: 2 + 2 + 2 + 1 = 7
    assert (rows["乙成员"]["points"], rows["乙成员"]["rank"]) == (8, 2)
    assert (rows["丙成员"]["points"], rows["丙成员"]["rank"]) == (7, 3)
    assert rows["县一"]["points"] == 2 + 2 + 1 and rows["县一"]["rank"] == 4
    assert rows["丁代表"]["points"] == 1 - 5 and rows["丁代表"]["rank"] == len(rows)
    # without points for co-signing, 乙 and 丙 tie at 7 and share rank 2; the next is 4th
    town("config", "points_scheme", "proposal_cosign=0")
    tied = {r["name"]: r for r in town.json("deputy", "scores", "--year", "2018")["rows"]}
    assert tied["乙成员"]["points"] == tied["丙成员"]["points"] == 7
    assert tied["乙成员"]["rank"] == tied["丙成员"]["rank"] == 2 and tied["县一"]["rank"] == 4
    top = town.json("deputy", "scores", "--year", "2018", "--top", "2")["rows"]
    assert {r["name"] for r in top} == {"甲主席", "乙成员", "丙成员"}  # a tie at the cut keeps both
    town("config", "points_scheme", "{}")
    assert [r["rank"] for r in data["rows"]] == sorted(r["rank"] for r in data["rows"])
    county = town.json("deputy", "scores", "--year", "2018", "--level", "县")["rows"]
    assert {r["name"] for r in county} == {"县一", "县二", "县三"}
    assert "名次" in town("deputy", "scores", "--year", "2018").stdout
    town("deputy", "scores", expect=2)


def test_flags(town):
    rows = town.json("deputy", "flags", "--year", "2018")
    by = {}
    for r in rows:
        by.setdefault(r["flag"], set()).add(r["name"])
    assert by["no_activity"] == {"丁代表", "戊代表"}
    assert by["unexcused_absence"] == {"丁代表"}
    # county activities of 2018 (training excluded): the inspection (县一、县二) and the contact (县一)
    assert by["missed_county_activities"] == {"县二", "县三"}
    missed = {r["name"]: r for r in rows if r["flag"] == "missed_county_activities"}
    assert missed["县三"]["count"] == 2 and missed["县二"]["count"] == 1
    later = town.json("deputy", "flags", "--year", "2019")
    absent = [r for r in later if r["flag"] == "unexcused_absence"]
    assert [r["name"] for r in absent] == ["丁代表"] and "第六十二条" in absent[0]["detail"]  # 2nd in the term
    first = [r for r in rows if r["flag"] == "unexcused_absence"][0]
    assert "第六十二条" not in first["detail"]
    term_absences = town.json("deputy", "archive", "丁代表", "--term", "3")["congress"]["absent"]
    assert term_absences == 2
    # a deputy who left during the year is not flagged for the year
    town("deputy", "end", "戊代表", "--status", "辞职", "--date", "2018-11-01")
    assert "戊代表" not in {r["name"] for r in town.json("deputy", "flags", "--year", "2018")}
    assert "全年未参加代表活动" in town("deputy", "flags", "--year", "2018").stdout


@pytest.mark.parametrize("name", ["丁发明", "梁晓峰", "王桂芳"])
def test_sample_archive_agrees_with_the_record_commands(sample, name):
    a = sample.json("deputy", "archive", name, "--term", "3")
    congress = [m for m in sample.json("meeting", "list", "--term", "3") if m["kind"] == "congress"]
    absent = leave = 0
    for m in congress:
        shown = sample.json("meeting", "show", m["code"])
        absent += name in shown["absent_names"]
        leave += name in shown["leave_names"]
    assert (a["congress"]["absent"], a["congress"]["leave"]) == (absent, leave)
    assert a["congress"]["meetings"] == len(congress)  # in office the whole term
    assert a["congress"]["present"] == len(congress) - absent - leave
    proposals = sample.json("proposal", "list", "--deputy", name, "--term", "3")
    assert a["proposals"]["led"] == sum(p["lead"] == name for p in proposals)
    assert a["proposals"]["led"] + a["proposals"]["cosigned"] == len(proposals)
    results = {p["code"]: p["result"] for p in proposals}
    assert {p["code"]: p["result"] for p in a["proposals"]["items"]} == results
    activities = sample.json("activity", "list", "--deputy", name, "--term", "3")
    assert sorted(x["code"] for x in a["activities"]["items"]) == sorted(x["code"] for x in activities)
    assert a["activities"]["training"] == sum(x["kind"] in ("training", "study") for x in activities)


def test_sample_deputy_with_an_absence_is_flagged(sample):
    flagged = sample.json("deputy", "flags", "--year", "2019")
    assert "梁晓峰" in {r["name"] for r in flagged if r["flag"] == "unexcused_absence"}
    assert sample.json("deputy", "archive", "梁晓峰", "--year", "2019")["congress"]["absent"] == 1
