"""Issue 23: what she reads is in her words — Chinese field names, her own spelling and codes; a likely duplicate
suggestion or activity is named with the way back; a paper register's 代表意见 without its date imports."""

from __future__ import annotations

from tests.helpers import Cli, add_deputy, write_csv


def _town(tmp_path) -> Cli:
    cli = Cli(tmp_path / "t.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28", "--term-end", "2026-12-27")
    for n in ("高志远", "李秀英", "王建军"):
        add_deputy(cli, n, "--elected-on", "2021-11-20", term=18)
    return cli


def test_the_same_suggestion_or_activity_typed_twice_is_named_with_the_way_back(tmp_path):
    cli = _town(tmp_path)
    args = ("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--date", "2024-05-01")
    assert not cli(*args).stderr.strip()
    r = cli(*args)
    assert "已有同一领衔代表同日提出的同名" in r.stderr and "2024-001" in r.stderr and "rdtool undo" in r.stderr
    cli("undo", "--yes")
    assert [p["code"] for p in cli.json("proposal", "list")] == ["2024-001"]
    # another lead, or another day: no warning
    assert not cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "李秀英", "--date", "2024-05-01").stderr.strip()
    act = ("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2024-05-02", "-p", "高志远、李秀英")
    assert not cli(*act).stderr.strip()
    r = cli(*act)
    assert "2024-05-02 已有同名活动 A18-001" in r.stderr and "rdtool undo" in r.stderr
    assert len(cli.json("activity", "list")) == 2  # added: a warning, not a refusal


def test_errors_name_fields_in_chinese_and_quote_her_spelling(tmp_path):
    cli = _town(tmp_path)
    r = cli.fails("proposal", "submit", "关于路灯的建议", "--lead", "张三", "--date", "2024-05-01")
    assert "领衔代表“张三”" in r.stderr and "lead" not in r.stderr
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2024-05-02", "-p", "张三")
    assert "参加人员" in r.stderr and "participants" not in r.stderr
    # an import error quotes the cell as she typed it, not rdtool's code
    f = write_csv(tmp_path / "p.csv", "类别,标题,领衔代表,提出日期,代表意见\n建议,关于路灯的建议,高志远,2024-03-01,满意\n")
    r = cli.fails("import", "proposals", f)
    assert "“满意”" in r.stderr and "satisfied" not in r.stderr
    # a column missing is named in Chinese
    f = write_csv(tmp_path / "q.csv", "标题,领衔代表,提出日期\n关于路灯的建议,高志远,2024-03-01\n")
    r = cli.fails("import", "proposals", f)
    assert "缺少必填的列：类别" in r.stderr and "kind" not in r.stderr
    # a hint gives a code of her own term, not of the glossary's third term
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-06-20", "--number", "5")
    r = cli.fails("proposal", "submit", "关于路灯的建议", "--lead", "高志远", "--meeting", "C3-1", "--date", "2024-06-20")
    assert "C18-5" in r.stderr and "十八届五次" in r.stderr and "C3-1）" not in r.stderr


def test_db_delete_names_what_goes_with_it_as_her_lists_do(tmp_path):
    cli = _town(tmp_path)
    cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--cosigners", "李秀英、王建军",
        "--date", "2024-05-01")
    out = cli("db", "delete", "建议", "2024-001", "--yes").stdout
    assert "2024-001 附议 李秀英" in out and "proposal_cosigners" not in out


def test_a_paper_registers_feedback_without_its_date_takes_the_replys(tmp_path):
    cli = _town(tmp_path)
    f = write_csv(tmp_path / "ledger.csv",
                  "类别,标题,领衔代表,提出日期,承办单位,交办日期,答复日期,办理结果,代表意见\n"
                  "建议,关于路灯的建议,高志远,2024-03-01,城建办,2024-03-10,2024-04-01,A,满意\n"
                  "建议,关于村道的建议,李秀英,2024-03-01,交通办,2024-03-10,2024-04-05,B,基本满意\n")
    cli("import", "proposals", f)
    got = {p["title"]: p for p in cli.json("proposal", "list")}
    assert cli.json("proposal", "show", got["关于路灯的建议"]["code"])["feedback_on"] == "2024-04-01"
    assert cli.json("proposal", "show", got["关于村道的建议"]["code"])["feedback_on"] == "2024-04-05"


def test_a_presidium_meeting_recorded_with_a_count_is_due_in_the_archive(tmp_path):
    cli = _town(tmp_path)
    cli("deputy", "role", "高志远", "主席", "--from", "2022-01-01")
    cli("deputy", "role", "李秀英", "成员", "--from", "2022-01-01")
    cli("deputy", "role", "王建军", "成员", "--from", "2022-01-01")
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-03-01")
    cli("meeting", "roll", "P18-01", "--count", "3")  # a paper record: only how many were there
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-04-01")
    cli("meeting", "roll", "P18-02", "--absent", "李秀英")
    a = cli.json("deputy", "archive", "李秀英", "--year", "2024")
    assert a["presidium"]["meetings"] == 2 and a["presidium"]["present"] == 0 and a["presidium"]["absent"] == 1
    assert a["presidium"]["unrecorded"] == 1
    assert "应出席2次，未记录1次" in a["summary"]
    assert [m["status"] for m in a["meetings"]] == ["unrecorded", "absent"]


def test_the_reports_meeting_table_tells_items_voted_from_items_heard(tmp_path):
    cli = _town(tmp_path)
    cli("deputy", "role", "高志远", "主席", "--from", "2022-01-01")
    cli("deputy", "role", "李秀英", "成员", "--from", "2022-01-01")
    cli("deputy", "role", "王建军", "成员", "--from", "2022-01-01")
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-04-01")
    cli("meeting", "roll", "P18-01")
    cli("vote", "add", "P18-01", "镇人民政府工作报告", "--kind", "工作报告审议")  # heard, not voted
    cli("vote", "add", "P18-01", "关于甲的决定", "--kind", "重大事项", "--yes", "3", "--no", "0")
    cli("vote", "add", "P18-01", "关于乙的决定", "--kind", "重大事项", "--yes", "3", "--no", "0")
    md = cli("report", "annual", "--year", "2024", "--format", "md").stdout
    assert "| 日期 | 会议 | 议题 | 其中表决 | 通过 |" in md
    assert "| 2024年4月1日 | 河南镇第十八届人大主席团第一次会议 | 3 | 2 | 2 |" in md
