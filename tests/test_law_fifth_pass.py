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
