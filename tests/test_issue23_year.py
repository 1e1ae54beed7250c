"""Issue 23's whole year, rerun as she would from the README and -h alone: a fictional township (河南镇, 第十八届 from
2021-12-28, province 河南) adopting rdtool two and a half years into the term, through 2024 and 2025.

- the roster as the township keeps it, with 高志远 on a township and a county row (one person, two mandates);
- the paper years entered once as opening totals (`term opening`, until 2024-06-30);
- meeting numbers stated (P18-11 after ten presidium meetings on paper, C18-5), earlier sessions entered afterwards;
- a presidium meeting's date corrected after an appointment was decided at it (2024-12-30 → 2025-01-03);
- a resignation accepted at the fifth session, the seat filled by a by-election on 2025-05-20;
- an election on the session's second day; a suggestion and an activity typed twice.

Every figure asserted is counted by hand from the commands below (the count is written beside it).
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import Cli, write_csv
from tests.test_terminal import check_fits

ROSTER = """序号,姓名,性别,出生年月,民族,政治面貌,代表类别,单位及职务,代表级别,选区,当选时间
1,高志远,男,1972.05,汉,中共党员,党政领导干部,镇党委书记,镇,第一选区,2021-12-10
2,李秀英,女,1980.03,汉,中共党员,农民,河东村,镇,第一选区,2021-12-10
3,王建军,男,1975.08,汉,群众,工人,镇农机站,镇,第二选区,2021-12-10
4,赵丽,女,1985.11,回,中共党员,专业技术人员,镇卫生院,镇,第二选区,2021-12-10
5,孙国强,男,1968.02,汉,中共党员,农民,河西村,镇,第二选区,2021-12-10
6,周敏,女,1990.06,汉,群众,企业负责人,周氏农场,镇,第三选区,2021-12-10
7,吴刚,男,1979.09,汉,中共党员,农民,北岗村,镇,第三选区,2021-12-10
8,郑华,男,1966.12,汉,中共党员,农民,南岗村,镇,第三选区,2021-12-10
9,陈静,女,1983.04,汉,群众,专业技术人员,镇中学,镇,第一选区,2021-12-10
10,高志远,男,1972.05,汉,中共党员,党政领导干部,镇党委书记,县,河南镇选区,2021-11-20
11,李县一,男,1970.07,汉,中共党员,企业负责人,县建筑公司,县,河南镇选区,2021-11-20
"""
ALL_TOWNSHIP = "高志远、李秀英、王建军、赵丽、孙国强、周敏、吴刚、陈静"  # (after 郑华 resigned)


def report(cli: Cli, *args) -> dict:
    return json.loads(cli("report", *args, "--format", "json").stdout)


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Cli:
    tmp = tmp_path_factory.mktemp("henan")
    cli = Cli(tmp / "河南镇.db")
    cli("init", "--town", "河南镇", "--county", "示例县", "--term", "18", "--term-start", "2021-12-28",
        "--term-end", "2026-12-27", "--province", "河南")
    r = cli("import", "deputies", write_csv(tmp / "名册.csv", ROSTER))
    assert "说明：第11行：高志远已是第18届镇(乡)人大代表（ID 1）：同一人又是县人大代表" in r.stderr
    cli("deputy", "role", "高志远", "主席", "--from", "2021-12-28")
    cli("deputy", "role", "李秀英", "副主席", "--from", "2021-12-28")
    for name in ("王建军", "赵丽", "孙国强"):
        cli("deputy", "role", name, "成员", "--from", "2021-12-28")
    cli("term", "opening", "18", "--until", "2024-06-30", "--presidium-meetings", "10", "--congress-sessions", "2",
        "--decisions", "12", "--appointments", "3", "--suggestions", "20", "--replied", "18", "--with-feedback", "15",
        "--satisfied", "14", "--activities", "6", "--training", "2")
    # 2024, from July: presidium meetings numbered after the ten on paper
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-09-10", "--number", "11")
    cli("meeting", "roll", "P18-11")
    cli("vote", "add", "P18-11", "关于开展代表视察活动的决定", "--kind", "重大事项", "--yes", "5")
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-12-30")
    cli("meeting", "roll", "P18-12", "--leave", "孙国强")
    cli("appointment", "add", "李明", "--position", "镇司法所所长", "--action", "任命", "--meeting", "P18-12",
        "--party-decision-on", "2024-12-20")
    cli("activity", "add", "县人大代表视察交通建设", "--kind", "视察", "--date", "2024-09-20", "--level", "县",
        "-p", "高志远、李县一")
    cli("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2024-10-15", "-p", "高志远、李秀英、王建军")
    r = cli("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2024-10-15", "-p", "高志远、李秀英、王建军")
    assert "已有同名活动 A18-002" in r.stderr
    cli("undo", "--yes")
    # the fifth session, 2025-01-10/11: a resignation accepted, an election on its second day, two suggestions
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-01-10", "--end-date", "2025-01-11", "--number", "5")
    cli("meeting", "roll", "C18-5", "--leave", "吴刚")
    cli("vote", "add", "C18-5", "接受郑华辞去镇人大代表职务", "--kind", "人事任免", "--yes", "8")
    r = cli("deputy", "end", "郑华", "--status", "辞职", "--letter-on", "2025-01-05", "--accepted-by", "C18-5#1",
            "--announced-on", "2025-01-11")
    assert "新增代表资格终止记录 郑华" in r.stdout and "mandate_ends" not in r.stdout
    cli("election", "add", "C18-5", "--post", "副镇长", "--seats", "1", "-c", "张伟=7", "-c", "刘洋=1",
        "--date", "2025-01-11")
    cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--meeting", "C18-5", "--date", "2025-01-10")
    cli("proposal", "submit", "关于增设路灯的建议", "--lead", "李秀英", "--cosigners", "王建军", "--meeting", "十八届五次",
        "--date", "2025-01-10")
    r = cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--meeting", "C18-5", "--date", "2025-01-10")
    assert "十八届五次-001" in r.stderr and "rdtool undo" in r.stderr
    cli("undo", "--yes")
    cli("proposal", "assign", "十八届五次-001", "--unit", "镇村镇建设办", "--date", "2025-01-20")
    cli("proposal", "assign", "十八届五次-002", "--unit", "镇供电所", "--date", "2025-01-20")
    cli("proposal", "reply", "十八届五次-001", "--result", "A", "--text", "已维修加固", "--date", "2025-03-01")
    cli("proposal", "feedback", "十八届五次-001", "满意", "--date", "2025-03-05")
    cli("proposal", "reply", "十八届五次-002", "--result", "B", "--text", "正在安装", "--date", "2025-04-01")
    cli("proposal", "feedback", "十八届五次-002", "不满意", "--date", "2025-04-05")  # → round 2, due 2025-05-05
    # the earlier sessions, entered afterwards: the 4th as stated, the term's first on the term's first day
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-02-20", "--number", "4")
    cli("meeting", "add", "--kind", "人代会", "--date", "2021-12-28")
    cli("activity", "add", "代表履职培训", "--kind", "培训", "--date", "2025-03-10", "-p", ALL_TOWNSHIP)
    # the 2024 annual report is taken, then the by-election is recorded: the same --as-of gives the same figures
    cli.before_by_election = report(cli, "annual", "--year", "2024", "--as-of", "2025-01-10")
    cli("by-election", "plan", "18", "--constituency", "第三选区", "--seats", "1", "--voters", "1200",
        "--date", "2025-05-20")
    cli("by-election", "candidate", "B18-01", "冯新", "--gender", "女", "--nominated-by", "中共河南镇委员会",
        "--birth-date", "1988.02")
    cli("by-election", "result", "B18-01", "--issued", "1100", "--returned", "1100", "--vote", "冯新=980")
    cli("by-election", "confirm", "B18-01", "--date", "2025-05-25")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-06-15")
    cli("meeting", "roll", "P18-13")
    cli("vote", "add", "P18-13", "关于听取镇政府民生实事进展情况的报告", "--kind", "工作报告审议")
    # the date correction: the meeting of 2024-12-30 was held on 2025-01-03
    r = cli("meeting", "edit", "P18-12", "--date", "2025-01-03", "--reason", "日期录错")
    assert "李明（镇司法所所长）：决定日期 2024-12-30 → 2025-01-03" in r.stdout
    return cli


def test_meeting_numbers_stay_as_stated_with_the_paper_ones_as_gaps(year):
    listed = [(m["code"], m["date"]) for m in year.json("meeting", "list")]
    assert listed == [("C18-1", "2021-12-28"), ("C18-4", "2024-02-20"), ("P18-11", "2024-09-10"),
                      ("P18-12", "2025-01-03"), ("C18-5", "2025-01-10"), ("P18-13", "2025-06-15")]
    assert year.json("meeting", "show", "十八届五次")["title"] == "河南镇第十八届人民代表大会第五次会议"
    assert [p["code"] for p in year.json("proposal", "list")] == ["十八届五次-001", "十八届五次-002"]
    gaps = [f["message"] for f in year.json("db", "check", "--as-of", "2025-12-31") if f["check"] == "meeting_number_gap"]
    assert any("第2至3次没有记录" in g for g in gaps) and any("第1至10次没有记录" in g for g in gaps)


def test_2024_figures(year):
    fig = report(year, "annual", "--year", "2024", "--as-of", "2025-01-10")
    # the by-election of 2025-05-20 does not change 2024's figures for the same --as-of (the date correction
    # was made after the first report was taken, so presidium/appointments are compared after it)
    assert fig["deputies"] == year.before_by_election["deputies"]
    d = fig["deputies"]
    assert (d["township"], d["county"], d["active_township"], d["township_by_elected"]) == (9, 2, 9, 0)
    assert d["party_share"] == 6 / 9            # 高志远 李秀英 赵丽 孙国强 吴刚 郑华
    assert d["women_share"] == 4 / 9            # 李秀英 赵丽 周敏 陈静
    assert d["minority_share"] == 1 / 9         # 赵丽（回族）
    assert (d["presidium_members"], d["presidium_party_share"]) == (5, 4 / 5)   # 王建军 群众
    p = fig["presidium"]
    assert (p["meetings"], p["decisions"], p["appointments"]) == (1, 1, 0)      # P18-11; P18-12 moved to 2025
    assert fig["congress"]["sessions"] == 1                                    # C18-4
    assert (fig["activities"]["township"], fig["activities"]["county"]) == (1, 1)
    assert "carried_over" not in fig                                           # a year cannot split the totals


def test_2025_figures(year):
    fig = report(year, "annual", "--year", "2025", "--as-of", "2025-12-31")
    d = fig["deputies"]
    # 9 elected at the general election + 冯新 by-elected; 郑华 resigned 2025-01-10
    assert (d["township"], d["township_by_elected"], d["active_township"], d["county"]) == (10, 1, 9, 2)
    assert d["party_share"] == 5 / 9            # 高志远 李秀英 赵丽 孙国强 吴刚 (冯新's not given)
    assert d["women_share"] == 5 / 9            # + 冯新
    assert d["minority_share"] == 1 / 8         # 冯新's 民族 not given: out of the base
    p = fig["presidium"]
    assert (p["meetings"], p["decisions"], p["appointments"]) == (2, 0, 1)      # P18-12 (李明), P18-13 (a report)
    assert (fig["congress"]["sessions"], fig["congress"]["elected"]) == (1, 1)  # C18-5; 张伟 副镇长
    pr = fig["proposals"]
    assert (pr["received"], pr["assigned"], pr["replied"], pr["overdue"]) == (2, 2, 2, 1)  # -002's 2nd round
    assert (pr["reply_rate"], pr["satisfaction_rate"], pr["implementation_rate"]) == (1.0, 1 / 2, 1.0)
    assert (fig["activities"]["total"], fig["activities"]["training"]) == (1, 1)
    text = year("report", "annual", "--year", "2025", "--as-of", "2025-12-31").stdout
    # both answered once, but -002's re-handling is past its deadline: not 件件有答复、事事有回音
    assert "尚有1条超过办理期限未答复，需要督办" in text and "事事有回音" not in text


def test_the_term_figures_carry_the_paper_years(year):
    fig = report(year, "term", "--term", "18", "--as-of", "2025-12-31")
    p, c, pr, a = fig["presidium"], fig["congress"], fig["proposals"], fig["activities"]
    assert (p["meetings"], p["decisions"], p["appointments"]) == (10 + 3, 12 + 1, 3 + 1)
    assert c["sessions"] == 2 + 3                                  # 2nd, 3rd on paper; 1st, 4th, 5th entered
    assert (pr["received"], pr["assigned"], pr["replied"]) == (20 + 2, 20 + 2, 18 + 2)
    assert pr["reply_rate"] == 20 / 22 and pr["satisfaction_rate"] == (14 + 1) / (15 + 2)
    assert (a["total"], a["township"], a["county"], a["training"]) == (6 + 2 + 3, 6 + 1, 1, 2 + 1)
    assert fig["carried_over"]["until"] == "2024-06-30"
    text = year("report", "term", "--term", "18", "--as-of", "2025-12-31").stdout
    assert "第十八届先后共有镇人大代表10名（其中补选1名），2025年12月31日在任9名（离任1名）；县人大代表2名" in text
    assert "共召开主席团会议13次，研究决定重要事项13项，任免政府机关组成人员4人次；召开人民代表大会会议5次" in text


def test_one_person_at_two_levels_through_the_year(year):
    assert [m["id"] for m in year.json("deputy", "show", "高志远#10")["other_mandates"]] == [1]
    assert [a["code"] for a in year.json("activity", "list", "--deputy", "高志远")] == ["A18-001", "A18-002", "A18-003"]
    assert [p["code"] for p in year.json("proposal", "list", "--deputy", "高志远#10")] == ["十八届五次-001"]
    term = year.json("deputy", "archive", "高志远", "--term", "18")
    # sessions due: C18-1, C18-4, C18-5 (roll call only at C18-5); presidium P18-11/12/13 present
    assert (term["congress"]["meetings"], term["congress"]["present"], term["congress"]["unrecorded"]) == (3, 1, 2)
    assert term["presidium"]["present"] == 3
    assert (term["activities"]["activities"], term["activities"]["training"]) == (2, 1)   # county + township
    # points: congress 1×2 + presidium 3×1 + led 1×3 + activities 2×2 + training 1×1
    assert term["points"]["total"] == 2 + 3 + 3 + 4 + 1
    scores = year.json("deputy", "scores", "--year", "2024")["rows"]
    assert [r["name"] for r in scores].count("高志远") == 1 and "冯新" not in [r["name"] for r in scores]
    assert next(r for r in scores if r["name"] == "高志远")["points"] == 1 + 2 * 2     # P18-11 + two activities
    comp = year.json("deputy", "composition", "--level", "县", "--as-of", "2025-12-31")
    assert comp["total"] == 2 and not [b for b in comp["dimensions"]["age_band"] if b["label"] == "未填" and b["count"]]
    flagged = {f["name"] for f in year.json("deputy", "flags", "--year", "2025", "--as-of", "2025-12-31")}
    assert flagged == {"冯新", "李县一"}     # no 2025 activity; 高志远 took part in the training


def test_the_end_of_郑华s_mandate_and_the_election_are_dated_by_the_session(year):
    gone = year.json("deputy", "show", "郑华")
    assert (gone["status"], gone["status_date"]) == ("resigned", "2025-01-10")
    assert {r["elected_on"] for r in year.json("election", "list") if r["elected"]} == {"2025-01-11"}
    assert not [f for f in year.json("db", "check", "--as-of", "2025-12-31")
                if f["check"] in ("dated_outside_meeting", "dated_out_of_order", "person_fields_differ",
                                  "person_entered_twice", "stored_value")]


def test_what_she_reads_at_80_columns(year, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    for args in (("meeting", "list", "--no-pager"), ("deputy", "show", "高志远#10", "--no-pager"),
                 ("deputy", "archive", "高志远", "--year", "2025", "--no-pager"),
                 ("report", "term", "--term", "18", "--as-of", "2025-12-31", "--no-pager")):
        out = year(*args).stdout
        check_fits(out, 80)
        for internal in ("person_id", "mandate_ends", "deputy_id", "township", "county"):
            assert internal not in out, (args, internal)
    log = year("db", "log", "-n", "60").stdout
    for internal in ("mandate_ends", "proposal_id", "role:", "from_date"):
        assert internal not in log, internal
