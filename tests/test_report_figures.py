"""Issue 13 through the real CLI: exact percentages, ethnicity, meetings held, motion disposition, the proposal
cohort and its rates, the supervision sentence from real titles, the archive's attendance, wording."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

from tests.helpers import add_deputy, write_csv

SURNAMES = "赵钱孙李周吴郑王冯陈"
GIVEN = "一二三四五六七八"


def _roster(cli, tmp_path, rows: list[tuple[str, str, str]]) -> None:
    """Import township deputies of term 3: (name, gender, ethnicity)."""
    lines = ["name,gender,ethnicity,level,term"] + [f"{n},{g},{e},镇,3" for n, g, e in rows]
    cli("import", "deputies", write_csv(tmp_path / "roster.csv", "\n".join(lines) + "\n"))


def _eighty(women: int = 23) -> list[tuple[str, str, str]]:
    names = [s + g for g in GIVEN for s in SURNAMES]  # 80 distinct names
    return [(n, "女" if i < women else "男", "汉族") for i, n in enumerate(names)]


# --- percentages ------------------------------------------------------------------------------------------

def test_eighty_deputies_with_23_women_print_28_8_percent(cli, tmp_path):
    _roster(cli, tmp_path, _eighty())
    fig = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    assert fig["deputies"]["women_share"] == 23 / 80  # JSON: the unrounded ratio
    for fmt in ("text", "md"):
        out = cli("report", "annual", "--year", "2019", "--as-of", "2019-12-31", "--format", fmt).stdout
        assert "妇女代表占28.8%" in out  # 23/80 = 0.2875 exactly: half up, not the binary float's 28.7
        assert "28.7%" not in out and "71.2%" not in out
        assert "71.3%" in out  # 57/80 = 0.7125 in the composition table
    table = cli("deputy", "composition", "--term", "3", "--level", "镇").stdout
    assert re.search(r"女\s+23\s+28\.8%", table) and re.search(r"男\s+57\s+71\.3%", table)


def test_percent_is_the_exact_fraction_rounded_half_up():
    from rdtool.cells import percent

    for n, d in [(23, 80), (57, 80), (49, 80), (1, 3), (2, 3), (1, 8), (1, 2000), (1300, 1600), (0, 7), (7, 7)]:
        tenths = Fraction(n, d) * 1000
        expected = int(tenths) + (tenths - int(tenths) >= Fraction(1, 2))  # half up, computed exactly
        assert percent(n / d) == f"{expected // 10}.{expected % 10}%", (n, d)
        assert percent(Fraction(n, d)) == percent(n / d)
    assert percent(1.0, trim=True) == "100%" and percent(None) == "—"


# --- ethnicity --------------------------------------------------------------------------------------------

def test_ethnicity_short_and_full_names_and_blanks(cli, tmp_path):
    rows = [("赵一", "男", "汉"), ("钱二", "女", "汉族"), ("孙三", "男", "回"), ("李四", "男", ""), ("周五", "女", ""),
            ("吴六", "男", "维吾尔")]
    _roster(cli, tmp_path, rows)
    stored = {d["name"]: d["ethnicity"] for d in cli.json("deputy", "list", "--term", "3")}
    assert stored == {"赵一": "汉族", "钱二": "汉族", "孙三": "回族", "李四": None, "周五": None, "吴六": "维吾尔族"}
    fig = cli.json("report", "term", "--term", "3", "--as-of", "2019-12-31")
    assert fig["deputies"]["minority_share"] == 2 / 4  # 回族 and 维吾尔族 over the four whose 民族 is known
    text = cli("report", "term", "--term", "3", "--as-of", "2019-12-31").stdout
    assert "少数民族代表2名，占50%（不含民族未填的2名）" in text
    comp = {e["label"]: e["count"] for e in cli.json("deputy", "composition", "--term", "3", "--level", "镇")
            ["dimensions"]["ethnicity"]}
    assert comp == {"汉族": 2, "少数民族": 2, "未填": 2}  # a blank is unknown, not 汉族
    add_deputy(cli, "郑七", "--ethnicity", "土家")
    assert cli.json("deputy", "show", "郑七")["ethnicity"] == "土家族"
    err = cli.fails("deputy", "add", "王八", "--gender", "男", "--level", "镇", "--term", "3",
                    "--ethnicity", "火星族").stderr
    assert "火星族" in err and "56个民族" in err
    bad = write_csv(tmp_path / "bad.csv", "name,gender,ethnicity,level,term\n冯九,男,汉族,镇,3\n陈十,女,汉人,镇,3\n")
    err = cli.fails("import", "deputies", bad).stderr
    assert "第3行" in err and "汉人" in err


def test_no_minority_sentence_without_minority_deputies(cli, tmp_path):
    _roster(cli, tmp_path, [("赵一", "男", "汉"), ("钱二", "女", "")])
    assert "少数民族" not in cli("report", "term", "--term", "3", "--as-of", "2019-12-31").stdout
    assert cli.json("report", "term", "--term", "3", "--as-of", "2019-12-31")["deputies"]["minority_share"] == 0.0


# --- meetings held ----------------------------------------------------------------------------------------

@pytest.fixture
def presidium(cli):
    """Five presidium members and four more deputies."""
    for name in ("甲", "乙", "丙", "丁", "戊"):
        add_deputy(cli, name, "--presidium-role", "成员")
    for name in ("己", "庚", "辛", "壬"):
        add_deputy(cli, name)
    return cli


def test_an_inquorate_presidium_meeting_is_not_held(presidium):
    cli = presidium
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-03-01", "--code", "P3-01")
    cli("meeting", "roll", "P3-01", "--absent", "丙、丁")                     # 3 of 5: more than half
    cli("vote", "add", "P3-01", "关于村道硬化的决定", "--kind", "决定", "--yes", "3")
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-06-01", "--code", "P3-02")
    cli("meeting", "roll", "P3-02", "--absent", "乙、丙、丁")                 # 2 of 5: not more than half
    item = cli("vote", "add", "P3-02", "关于调整预算的决定", "--kind", "决定", "--yes", "2").stdout
    assert "不足法定人数" in item
    fig = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    assert fig["presidium"]["meetings"] == 1 and fig["presidium"]["meetings_without_quorum"] == 1
    assert fig["presidium"]["decisions"] == 1 and fig["presidium"]["decisions_passed"] == 1
    assert [c["record"] for c in fig["checks"] if c["check"] == "meeting_no_quorum"] == ["P3-02"]
    text = cli("report", "annual", "--year", "2019", "--as-of", "2019-12-31", "--checks").stdout
    assert "召开主席团会议1次，研究决定重要事项1项" in text
    assert "不足法定人数，未计入" in text and "P3-02" in text.split("需要关注的事项")[1]
    # the province's rule decides: with two thirds required, 3 of 5 is not enough either
    cli("config", "presidium_quorum", "two_thirds")
    fig = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    assert (fig["presidium"]["meetings"], fig["presidium"]["meetings_without_quorum"]) == (0, 2)
    assert fig["presidium"]["decisions"] == 0
    assert cli.json("vote", "show", "P3-01#1")["result"] == "no_quorum"
    cli("config", "presidium_quorum", "more_than_half")
    assert cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")["presidium"]["meetings"] == 1
    # a correction of the roll call counts it again
    cli("meeting", "roll", "P3-02", "--absent", "丁")
    fig = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    assert (fig["presidium"]["meetings"], fig["presidium"]["meetings_without_quorum"]) == (2, 0)
    assert fig["presidium"]["decisions"] == 2


def test_congress_sessions_without_quorum_from_bare_counts(presidium):
    cli = presidium
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-01-10", "--present", "6", "--entitled", "9")  # 2/3: held
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-08-10", "--present", "5", "--entitled", "9",
        "--extraordinary")                                                                               # < 2/3
    cli("vote", "add", "C3-2", "关于预算调整的决定", "--kind", "预决算", "--yes", "5")
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-10-10")                                 # no attendance
    fig = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")["congress"]
    assert (fig["sessions"], fig["sessions_without_quorum"], fig["extraordinary"], fig["decisions"]) == (2, 1, 0, 0)
    assert {m["code"]: m["quorum_met"] for m in cli.json("meeting", "list")} == {"C3-1": True, "C3-2": False,
                                                                                 "C3-3": None}


# --- motions and the proposal cohort -----------------------------------------------------------------------

MOTION_SIGNERS = "乙、丙、丁、戊"


@pytest.fixture
def motions(presidium):
    cli = presidium
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-01-10", "--end-date", "2019-01-11", "--code", "C3-2")
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-01-10", "--code", "P3-01")
    codes = {}
    for key in ("listed", "not_listed", "as_suggestion", "undecided"):
        out = cli("proposal", "submit", f"关于{key}的议案", "--kind", "议案", "--lead", "甲", "--cosigners",
                  MOTION_SIGNERS, "--meeting", "C3-2", "--date", "2019-01-10").stdout
        codes[key] = out.split()[1].split("（")[0]
    for key in ("s1", "s2"):
        out = cli("proposal", "submit", f"关于{key}的建议", "--lead", "己", "--meeting", "C3-2",
                  "--date", "2019-01-10").stdout
        codes[key] = out.split()[1].split("（")[0]
    cli("proposal", "decide", codes["listed"], "列入议程", "--meeting", "P3-01")
    cli("proposal", "outcome", codes["listed"], "通过", "--date", "2019-01-11")
    cli("proposal", "decide", codes["not_listed"], "不列入大会议程", "--meeting", "P3-01")
    out = cli("proposal", "decide", codes["as_suggestion"], "作为建议办理", "--meeting", "P3-01",
              "--unit", "镇农业服务中心").stdout
    assert "2019-04-10" in out  # assigned on the decision day, due three months later
    for key in ("s1", "s2"):
        cli("proposal", "assign", codes[key], "--unit", "镇卫生院", "--date", "2019-01-20")
    return cli, codes


def test_a_motion_of_each_disposition(motions):
    cli, c = motions
    s = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-03-01")["proposals"]
    assert (s["received"], s["motions"], s["suggestions"]) == (6, 4, 2)
    assert (s["motions_on_agenda"], s["motions_as_suggestions"]) == (1, 1)
    assert s["assigned"] == 3 and s["reply_rate"] == 0.0  # the cohort: two suggestions + one motion, none answered
    states = {r["code"]: r["status"] for r in cli.json("proposal", "list", "--as-of", "2019-03-01")}
    assert states == {c["listed"]: "adopted", c["not_listed"]: "not_on_agenda", c["as_suggestion"]: "assigned",
                      c["undecided"]: "pending_decision", c["s1"]: "assigned", c["s2"]: "assigned"}
    assert [r["code"] for r in cli.json("proposal", "list", "--status", "待主席团决定")] == [c["undecided"]]
    shown = cli.json("proposal", "show", c["listed"])
    assert [e["event"] for e in shown["timeline"]] == ["提出", "主席团决定", "大会审议"]
    assert (shown["decision_meeting"], shown["outcome"], shown["outcome_on"]) == ("P3-01", "passed", "2019-01-11")
    text = cli("report", "annual", "--year", "2019", "--as-of", "2019-03-01").stdout
    assert "共收到代表议案4件、建议、批评和意见2条" in text
    assert "列入大会议程1件，不列入大会议程1件，作为建议、批评和意见交有关单位办理1件，尚待主席团决定1件" in text
    assert "交有关单位办理的建议、批评和意见3条（含议案1件）" in text
    assert "五、进一步加强代表工作" in text
    # the by-unit table: only what units handle
    md = cli("report", "annual", "--year", "2019", "--as-of", "2019-03-01", "--format", "md").stdout
    table = md.split("建议办理情况（按承办单位）\n")[1].split("#")[0]
    assert "| 镇卫生院 | 2 |" in table and "| 镇农业服务中心 | 1 |" in table and "未交办" not in table
    cli("proposal", "submit", "关于尚未交办的建议", "--lead", "己", "--date", "2019-02-01")
    md = cli("report", "annual", "--year", "2019", "--as-of", "2019-03-01", "--format", "md").stdout
    rows = md.split("建议办理情况（按承办单位）\n")[1].split("#")[0].strip().splitlines()
    assert rows[-1].startswith("| 未交办 | 1 |")  # the unassigned, last, never a blank unit


def test_motion_steps_out_of_order_change_nothing(motions):
    cli, c = motions
    assert "proposal decide" in cli.fails("proposal", "assign", c["undecided"], "--unit", "镇政府",
                                          "--date", "2019-02-01").stderr
    cli.fails("proposal", "decide", c["s1"], "列入议程")                                  # a suggestion
    cli.fails("proposal", "decide", c["listed"], "作为建议办理")                           # decided already
    cli.fails("proposal", "decide", c["undecided"], "列入议程", "--meeting", "P3-01", "--date", "2019-01-12")
    cli.fails("proposal", "decide", c["undecided"], "列入议程", "--date", "2019-01-09")   # before submission
    cli.fails("proposal", "decide", c["undecided"], "列入议程", "--unit", "镇政府")       # a unit only as suggestion
    cli.fails("proposal", "decide", c["undecided"], "研究")
    cli.fails("proposal", "outcome", c["not_listed"], "通过")                             # not on the agenda
    cli.fails("proposal", "outcome", c["listed"], "未通过")                               # recorded already
    cli.fails("proposal", "outcome", c["undecided"], "通过")


def test_motion_columns_round_trip_and_older_files_still_import(motions, tmp_path):
    cli, c = motions
    first = cli("export", "proposals").stdout
    header = first.splitlines()[0].split(",")
    at = header.index("closed_on") + 1  # appended after the contract's earlier columns
    assert header[at:at + 6] == ["disposition", "decided_on", "decision_meeting", "outcome", "outcome_on",
                                 "outcome_meeting"]
    before = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-03-01")
    import sqlite3

    conn = sqlite3.connect(cli.db)
    conn.execute("DELETE FROM proposal_rounds")
    conn.execute("DELETE FROM proposal_cosigners")
    conn.execute("DELETE FROM proposals")
    conn.commit()
    conn.close()
    cli("import", "proposals", write_csv(tmp_path / "p.csv", first))
    assert cli("export", "proposals").stdout == first
    assert cli.json("report", "annual", "--year", "2019", "--as-of", "2019-03-01") == before
    # a file written before the motion columns: a motion with a handling unit was handled as a suggestion
    old = ("kind,title,submitted_on,lead,meeting,cosigners,unit,assigned_on\n"
           f"议案,关于旧文件的议案,2019-01-10,甲,C3-2,{MOTION_SIGNERS},镇政府,2019-01-15\n")
    cli("import", "proposals", write_csv(tmp_path / "old.csv", old))
    row = [r for r in cli.json("proposal", "list", "--kind", "议案") if r["title"] == "关于旧文件的议案"][0]
    shown = cli.json("proposal", "show", row["code"])
    assert (shown["disposition"], shown["decided_on"]) == ("as_suggestion", "2019-01-15")
    bad = ("kind,title,submitted_on,lead,meeting,cosigners,unit,assigned_on,disposition,decided_on\n"
           f"议案,关于坏行的议案,2019-01-10,甲,C3-2,{MOTION_SIGNERS},镇政府,2019-01-15,列入议程,2019-01-10\n"
           "建议,关于另一坏行的建议,2019-01-10,甲,C3-2,,,,作为建议办理,2019-01-10\n")
    err = cli.fails("import", "proposals", write_csv(tmp_path / "bad.csv", bad)).stderr
    assert "第2行" in err and "不交承办单位" in err and "第3行" in err and "只有议案" in err


def test_two_overdue_unanswered_give_the_on_time_rate_its_base(presidium):
    cli = presidium
    codes = []
    for i in range(4):
        out = cli("proposal", "submit", f"关于第{i}件事的建议", "--lead", "己", "--date", "2019-02-01").stdout
        codes.append(out.split()[1].split("（")[0])
        cli("proposal", "assign", codes[-1], "--unit", "镇卫生院", "--date", "2019-02-10")     # due 2019-05-10
    cli("proposal", "reply", codes[0], "--result", "A", "--date", "2019-03-01")
    cli("proposal", "reply", codes[1], "--result", "B", "--date", "2019-05-10")               # the last day: on time
    s = cli.json("proposal", "stats", "--year", "2019", "--as-of", "2019-06-01")
    assert (s["replied"], s["overdue"]) == (2, 2)
    assert s["on_time_rate"] == 2 / 4  # not 2/2: the two unanswered past their due date are in the base
    assert s["reply_rate"] == 2 / 4
    text = cli("report", "annual", "--year", "2019", "--as-of", "2019-06-01").stdout
    assert "按期答复率50%（已答复和超过期限未答复的4条中，按期答复2条）" in text
    assert "尚有2条超过办理期限未答复，需要督办" in text
    # before the due date nobody is late: the base is the answered only
    assert cli.json("proposal", "stats", "--year", "2019", "--as-of", "2019-05-10")["on_time_rate"] == 1.0
    # list and overdue agree: 逾期 is a state
    states = {r["code"]: r["status"] for r in cli.json("proposal", "list", "--as-of", "2019-06-01")}
    assert sorted(c for c, st in states.items() if st == "overdue") == sorted(
        r["code"] for r in cli.json("proposal", "overdue", "--as-of", "2019-06-01")) == codes[2:]
    listed = cli("proposal", "list", "--as-of", "2019-06-01").stdout
    assert listed.count("逾期") == 2 and "办理中" not in listed
    rows = cli.json("proposal", "overdue", "--as-of", "2019-06-01")
    assert [(r["days_late"], r["days_left"]) for r in rows] == [(22, None), (22, None)]
    table = cli("proposal", "overdue", "--as-of", "2019-06-01").stdout
    assert "-22" not in table


# --- supervision prose from real titles --------------------------------------------------------------------

TITLES = [
    ("关于青石镇人民政府工作报告的决议", None),
    ("关于听取镇政府上半年工作情况报告的意见", None),
    ("听取镇人民政府关于2019年第一季度综治维稳工作情况的报告", None),
    ("听取和审议镇人民政府关于安全生产工作情况的报告", None),
    ("听取镇人民政府关于2019年产业发展情况的报告", None),
    ("审议《青石镇人民政府工作报告》", None),
    ("关于听取和审议镇政府民政工作情况汇报的决定", None),
    ("镇人民政府关于提升人居环境工作的报告", None),
    ("关于镇人民政府2019年度重点工作完成情况的报告", None),
    ("听取关于代表建议办理情况的报告", None),
    ("关于教育改革工作开展情况的报告", None),
    ("关于听取镇政府有关工作的报告", "计划生育工作"),  # a subject given: it wins over the title
]


def test_ten_real_titles_make_one_sentence(presidium):
    cli = presidium
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-06-01", "--code", "P3-01")
    for title, subject in TITLES:
        cli("vote", "add", "P3-01", title, "--kind", "报告", *(["--subject", subject] if subject else []))
    text = cli("report", "annual", "--year", "2019", "--as-of", "2019-12-31").stdout
    paragraph = text.split("监督工作\n")[1].split("\n")[0].strip()
    assert paragraph == (
        "听取和审议了镇人民政府工作报告，以及镇人民政府关于上半年、综治维稳、安全生产、产业发展、民政、提升人居环境、"
        "教育改革、计划生育工作情况的报告和关于2019年度重点工作完成情况、代表建议办理情况的报告，共12项。")
    for doubled in ("关于关于", "报告的决议", "工作工作", "情况工作", "报告工作", "的报告报告", "政府镇", "关于听取"):
        assert doubled not in paragraph, doubled
    assert cli.json("vote", "show", "P3-01#12")["subject"] == "计划生育工作"
    exported = cli("export", "items").stdout
    assert exported.splitlines()[0].endswith(",subject") and "计划生育工作" in exported


# --- the archive's attendance, wording ----------------------------------------------------------------------

def test_archive_counts_every_session_of_the_tenure(presidium):
    cli = presidium
    for date in ("2017-01-06", "2018-01-10", "2019-01-09", "2020-01-08"):
        cli("meeting", "add", "--kind", "人代会", "--date", date)
    cli("meeting", "roll", "C3-2", "--absent", "己")
    cli("meeting", "roll", "C3-3", "--leave", "己")
    cli("deputy", "end", "己", "--status", "辞职", "--date", "2019-06-01")
    a = cli.json("deputy", "archive", "己", "--term", "3")
    assert a["congress"] == {"present": 0, "leave": 1, "absent": 1, "meetings": 3, "unrecorded": 1}
    statuses = [(m["code"], m["status"]) for m in a["meetings"] if m["kind"] == "congress"]
    assert statuses == [("C3-1", "unrecorded"), ("C3-2", "absent"), ("C3-3", "leave")]  # C3-4: after she left
    text = cli("deputy", "archive", "己", "--term", "3").stdout
    assert "未记录" in text and "应出席3次" in text and "第三届" in text and "第3届" not in text


def test_removal_is_worded_as_documents_word_it(presidium):
    cli = presidium
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-03-01", "--code", "P3-01")
    out = cli("appointment", "add", "刘志华", "--position", "青石镇财政所所长", "--action", "免职",
              "--meeting", "P3-01").stdout
    assert "免去刘志华青石镇财政所所长职务" in out and "免职刘志华为" not in out
    checks = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")["checks"]
    assert any(c["message"].startswith("免去刘志华青石镇财政所所长职务") for c in checks)


# --- the sample still gives the seed's figures ---------------------------------------------------------------

def test_the_sample_still_gives_the_seeds_figures_with_the_new_keys(sample):
    fig = sample.json("report", "term", "--term", "3", "--as-of", "2026-11-28")
    assert (fig["presidium"]["meetings"], fig["presidium"]["decisions"], fig["presidium"]["appointments"]) == (21, 54, 11)
    assert fig["presidium"]["meetings_without_quorum"] == 0 and fig["congress"]["sessions_without_quorum"] == 0
    assert (fig["congress"]["sessions"], fig["congress"]["extraordinary"], fig["congress"]["decisions"],
            fig["congress"]["elected"]) == (6, 1, 35, 15)
    assert (fig["deputies"]["township"], fig["deputies"]["county"]) == (82, 23)
    assert fig["proposals"]["received"] == 66 and fig["proposals"]["replied"] == 66
    assert fig["proposals"]["motions_on_agenda"] == 0 and fig["proposals"]["motions_as_suggestions"] == 0
    assert (fig["activities"]["township"], fig["activities"]["county"]) == (9, 4)
    assert 0 < fig["deputies"]["minority_share"] < 1
    assert json.loads(sample("report", "term", "--term", "3", "--as-of", "2026-11-28", "--format", "json").stdout) == fig
