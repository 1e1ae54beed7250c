"""Issue 26, what the fourth pass left (through the real CLI): a suspended deputy recorded present by an import, signing
or named in a nomination, marked in `deputy list` (代表法 第六十一条); a nomination voided after its 预选 (组织法
第二十七条第一款); namesakes among proxies (选举法 第四十二条); an inquiry answered again (代表法 第二十条第五款)."""

from __future__ import annotations

from tests.helpers import write_csv
from tests.test_law_fourth_pass import OTHERS, TEN, attendance, roster
from tests.test_law_third_pass import add_meeting, init


# --- 代表法 第六十一条: a suspended deputy is not recorded present, does not sign, is marked ---------------------------

def test_an_attendance_import_marking_a_suspended_deputy_present_is_refused(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:3])
    cli("deputy", "suspend", "甲二", "--ground", "羁押", "--date", "2022-03-01")
    add_meeting(cli.db, "C5-2", "2022-06-10")
    lines = "meeting,deputy,status\nC5-2,甲一,出席\nC5-2,甲二,出席\nC5-2,甲三,出席\n"
    out = cli.fails("import", "attendance", write_csv(tmp_path / "a.csv", lines))
    assert "第3行 status(C列)" in out.stderr and "甲二自2022-03-01起暂停执行代表职务" in out.stderr
    assert "代表法第六十一条" in out.stderr and "改为“缺席”" in out.stderr and "没有导入任何记录" in out.stderr
    # the day before the suspension he may attend; recorded absent, the file is taken
    add_meeting(cli.db, "C5-1", "2022-02-28")
    cli("import", "attendance", write_csv(tmp_path / "b.csv", lines.replace("C5-2", "C5-1")))
    cli("import", "attendance", write_csv(tmp_path / "c.csv", lines.replace("甲二,出席", "甲二,缺席")))
    assert attendance(cli.db, "C5-2") == {"甲一": "present", "甲二": "absent", "甲三": "present"}
    # resumed on the day of the meeting: present again
    add_meeting(cli.db, "C5-3", "2022-09-01")
    cli("deputy", "resume", "甲二", "--date", "2022-09-01")
    cli("import", "attendance", write_csv(tmp_path / "d.csv", lines.replace("C5-2", "C5-3")))
    assert attendance(cli.db, "C5-3")["甲二"] == "present"


def test_a_suspended_deputy_does_not_sign_a_nomination_and_is_noted_as_a_nominee(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli("deputy", "suspend", "乙一", "--ground", "羁押", "--date", "2022-01-01")
    nominate = ("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "2", "--by", "代表")
    # ten others sign with him: still refused, his signature is not recorded
    out = cli.fails(*nominate, "-c", "赵", "--signers", "、".join(TEN + ["乙一"]))
    assert "乙一暂停执行代表职务（代表法第六十一条），2022-01-10不能联名提名候选人" in out.stderr and "代表法第六十一条" in out.stderr
    assert "从 --signers 中去掉" in out.stderr
    cli(*nominate, "-c", "赵", "--signers", "、".join(TEN))
    # named as a candidate: recorded, and said (the texts do not bar the nomination)
    out = cli("election", "nominate", "C5-1", "--post", "副主席", "--seats", "1", "--by", "主席团", "-c", "乙一")
    assert "候选人乙一自2022-01-01起暂停执行代表职务" in out.stderr and "组织法第十八条第一款" in out.stderr
    out = cli("election", "nominate", "C5-1", "--post", "镇长", "--seats", "1", "--by", "主席团", "-c", "乙二")
    assert "暂停" not in out.stderr


def test_deputy_list_marks_a_suspended_deputy_for_people_only(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:3])
    cli("deputy", "suspend", "甲二", "--ground", "服刑", "--date", "2022-03-01")
    table = cli("deputy", "list").stdout
    assert "在任（暂停执行职务）" in table and table.count("暂停") == 1
    rows = cli.json("deputy", "list")
    assert {r["name"]: r["status"] for r in rows} == {"甲一": "active", "甲二": "active", "甲三": "active"}
    assert "suspended" not in rows[0]  # JSON and CSV unchanged: `deputy suspensions` lists them for machines
    assert "暂停" not in cli("deputy", "list", "--format", "csv").stdout
    cli("deputy", "resume", "甲二", "--date", "2022-09-01")
    assert "暂停" not in cli("deputy", "list").stdout


def test_a_suspended_deputy_does_not_sign_an_inquiry_even_with_ten_others(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli("deputy", "suspend", "乙一", "--ground", "羁押", "--date", "2022-01-01")
    out = cli.fails("inquiry", "submit", "C5-1", "--target", "镇人民政府", "--title", "关于垃圾处理", "--lead", "甲一",
                    "--signers", "、".join(TEN[1:] + ["乙一"]))
    assert "乙一暂停执行代表职务（代表法第六十一条），2022-01-10不能联名提出质询案" in out.stderr


# --- 组织法 第二十七条第一款: a nomination voided after its 预选 ------------------------------------------------------

def test_voiding_a_nomination_after_its_primary_voids_the_primary_when_it_rests_on_it(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    nominate = ("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "1")
    cli(*nominate, "--by", "主席团", "-c", "张")
    cli(*nominate, "--by", "代表", "-c", "李", "--signers", "、".join(TEN))
    cli(*nominate, "--by", "代表", "-c", "李", "--signers", "、".join(OTHERS))  # 李 twice: the second is a repeat
    cli(*nominate, "--by", "主席团", "-c", "王", expect=1)  # (the presidium nominates once)
    cli("election", "primary", "C5-1", "--post", "副镇长", "--seats", "1", "--margin", "1", "-c", "张=20", "-c", "李=15")
    # the repeat of 李 voided: both candidates are still nominated, the 预选 stands
    out = cli("db", "void", "提名", "3", "--reason", "重复录入")
    assert "预选" not in out.stdout + out.stderr
    assert cli.json("election", "nominations")[0]["formal"] == "张、李"
    # the presidium's nomination of 张 voided: 张 is no longer nominated, the 预选 goes with it, and is said
    out = cli("db", "void", "提名", "1", "--reason", "录错职务")
    said = out.stdout + out.stderr
    assert "副镇长的预选记录随之作废：张已不在提名名单中" in said and "election primary" in said, said
    row = cli.json("election", "nominations")[0]
    assert row["formal"] == "" and row["candidates"] == 1
    # undo brings both back
    cli("undo", "--yes")
    assert cli.json("election", "nominations")[0]["formal"] == "张、李"


# --- 选举法 第四十二条: namesakes among voters entrusting and entrusted --------------------------------------------

def test_namesakes_among_proxies_are_told_apart_as_the_voter_list_does(tmp_path):
    cli = init(tmp_path)
    cli("term", "add", "6", "--start", "2026-12-01")
    cli("general-election", "plan", "6", "--level", "镇", "--election-day", "2026-11-15")
    proxy = ("general-election", "proxy", "6")
    for principal in ("外出甲", "外出乙", "外出丙"):
        cli(*proxy, principal, "王芳（三组）", "--approved", "2026-11-10")
    # a fourth to 王芳(三组) is refused, and the refusal says how to name another 王芳
    out = cli.fails(*proxy, "外出丁", "王芳（三组）")
    assert "不得超过三人" in out.stderr and "写明区分" in out.stderr
    # a bare 王芳 is ambiguous once a noted one is recorded
    out = cli.fails(*proxy, "外出丁", "王芳")
    assert "已记录同名选民王芳(三组)" in out.stderr and "是哪一位" in out.stderr
    # another 王芳, told apart (a voter-card number may carry digits)
    out = cli(*proxy, "外出丁", "王芳（选民证0123）")
    assert "王芳(选民证0123)已接受1份委托" in out.stdout
    rows = cli.json("general-election", "proxies", "6")
    assert sorted({(r["proxy"], r["proxy_holds"]) for r in rows}) == [("王芳(三组)", 3), ("王芳(选民证0123)", 1)]
    # a bare name recorded first, then a noted one: which is which cannot be told
    cli(*proxy, "外出戊", "李强")
    out = cli.fails(*proxy, "外出己", "李强（二组）")
    assert "未加区分的选民“李强”" in out.stderr and "db void ge_proxies" in out.stderr
    cli.fails(*proxy, "外出庚", "李强（）")  # an empty note


# --- 代表法 第二十条第五款: an inquiry answered again ------------------------------------------------------------

def lodge(cli, *extra: str):
    cli("inquiry", "submit", "C5-1", "--target", "镇人民政府", "--title", "关于垃圾处理", "--lead", "甲一",
        "--signers", "、".join(TEN[1:]), *extra)


def test_half_or_more_of_the_signers_unsatisfied_ask_for_a_second_answer(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    lodge(cli)
    again = ("inquiry", "reanswer", "C5-1-Q1")
    out = cli.fails(*again, "--unsatisfied", "、".join(TEN[:5]), "--requested-on", "2022-01-11")
    assert "尚未记录答复" in out.stderr
    cli("inquiry", "answer", "C5-1-Q1", "--method", "大会全体会议", "--date", "2022-01-11")
    # four of ten: not half
    out = cli.fails(*again, "--unsatisfied", "、".join(TEN[:4]), "--requested-on", "2022-01-11")
    assert "不足提出质询案的代表10人的半数（至少5人；代表法第二十条第五款" in out.stderr
    cli.fails(*again, "--unsatisfied", "、".join(TEN[:4] + ["乙一"]), "--requested-on", "2022-01-11")  # not a signer
    cli.fails(*again, "--unsatisfied", "、".join(TEN[:5]), "--requested-on", "2022-01-10")  # before the answer
    # five of ten: 半数以上 includes half; the request first, the answer later
    out = cli(*again, "--unsatisfied", "、".join(TEN[:5]), "--requested-on", "2022-01-11")
    assert "提出质询案的代表10人中5人对答复不满意，2022-01-11要求再作答复；尚未再作答复" in out.stdout
    assert "尚未记录再作答复" in cli.json("inquiry", "list")[0]["problems"]
    cli.fails(*again, "--method", "书面", "--date", "2022-01-10")  # before the request
    out = cli(*again, "--method", "书面", "--date", "2022-01-12", "--by", "镇长王某")
    assert "书面答复（2022-01-12）" in out.stdout and "经主席团决定" not in out.stderr
    record = cli.json("inquiry", "show", "C5-1-Q1")
    assert (record["reanswer_requested_on"], record["reanswer_method"], record["reanswered_on"]) == \
        ("2022-01-11", "written", "2022-01-12")
    assert sorted(s["name"] for s in record["signer_list"] if s["unsatisfied"]) == sorted(TEN[:5])
    assert cli.json("inquiry", "list")[0]["problems"] == ""
    assert "再作答复" in cli("inquiry", "show", "C5-1-Q1").stdout


def test_eleven_signers_need_six_and_the_province_adds_the_presidium(tmp_path):
    cli = init(tmp_path, "山东")
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    lodge(cli)
    cli("inquiry", "submit", "C5-1", "--target", "镇财政所", "--title", "关于账目", "--lead", "乙一",
        "--signers", "、".join(OTHERS[1:] + ["甲一"]))
    cli("inquiry", "answer", "C5-1-Q2", "--method", "书面", "--date", "2022-01-11")
    cli.fails("inquiry", "reanswer", "C5-1-Q2", "--unsatisfied", "、".join(OTHERS[:5]), "--requested-on", "2022-01-11")
    out = cli("inquiry", "reanswer", "C5-1-Q2", "--unsatisfied", "、".join(OTHERS[:5] + ["甲一"]),
              "--method", "主席团会议", "--date", "2022-01-12")
    assert "11人中6人" in out.stdout and "经主席团决定" in out.stderr and "山东省乡镇人民代表大会工作若干规定第二十三条第二款" in out.stderr


# --- 组织法 第二十六条第三款: each deputy's co-nominated candidates, counted as persons; one post, one number of seats

def test_a_candidate_named_in_two_nominations_a_deputy_signed_counts_once(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    nominate = ("election", "nominate", "C5-1", "--post", "副镇长", "--by", "代表")
    cli(*nominate, "--seats", "1", "-c", "赵", "--signers", "、".join(TEN))
    # 甲一 signs again for 赵: he has co-nominated one candidate, not two
    cli(*nominate, "--seats", "1", "-c", "赵", "--signers", "、".join(["甲一"] + OTHERS[1:]))
    out = cli.fails(*nominate, "--seats", "1", "-c", "钱", "--signers", "、".join(["甲一"] + OTHERS[1:]))
    assert "甲一联合提名的候选人共2人，超过应选名额1名" in out.stderr
    out = cli.fails(*nominate, "--seats", "2", "-c", "钱", "--signers", "、".join(OTHERS))
    assert "副镇长的应选名额已按1名记录" in out.stderr
    out = cli.fails("election", "primary", "C5-1", "--post", "副镇长", "--seats", "2", "--margin", "1", "-c", "赵=3")
    assert "已按1名记录" in out.stderr


def test_proxies_list_counts_as_the_refusal_counts(tmp_path):
    cli = init(tmp_path)
    cli("term", "add", "6", "--start", "2026-12-01")
    cli("general-election", "plan", "6", "--level", "镇", "--election-day", "2026-11-15")
    cli("general-election", "constituency", "6", "第一选区", "--seats", "2", "--voters", "1000")
    proxy = ("general-election", "proxy", "6")
    cli(*proxy, "外出甲", "代投人")  # no constituency named
    cli(*proxy, "外出乙", "代投人", "--constituency", "第一选区")
    rows = cli.json("general-election", "proxies", "6")
    assert [r["proxy_holds"] for r in rows] == [2, 2]
