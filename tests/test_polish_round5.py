"""Small things the secretary sees (round 5's polish): each through the real CLI on a real database."""

from __future__ import annotations

from tests.helpers import add_deputy


def test_db_log_names_settings_and_their_values_in_chinese(cli):
    """The settings a `config` wrote read in `db log` as `config` lists them: 建议答复期限（月）, 三分之二以上, the
    points scheme item by item — the keys stay in JSON and CSV for scripts."""
    cli("config", "proposal_reply_months", "2")
    cli("config", "主席团会议法定人数", "三分之二")
    cli("config", "points_scheme", "参加活动=3")
    out = cli("db", "log", "--table", "设置").stdout
    assert "建议答复期限（月）" in out and "主席团会议法定人数" in out and "三分之二以上" in out
    assert "参加活动3分" in out and "乡镇名称" in out and "建库程序版本" in out
    for key in ("proposal_reply_months", "presidium_quorum", "two_thirds", "points_scheme", "created_by",
                "congress_present", "town"):
        assert key not in out, key
    # a setting is found by its Chinese name too
    only = cli("db", "log", "--table", "settings", "--record", "建议答复期限").stdout
    assert "建议答复期限（月）" in only and "主席团会议法定人数" not in only
    [row] = cli.json("db", "log", "--table", "settings", "--record", "proposal_reply_months")
    assert row["record"] == "proposal_reply_months" and row["after"]["key"] == "proposal_reply_months"
    # undo's preview names the setting the same way
    preview = cli("undo", "--dry-run").stdout.split("\n", 1)[1]  # (after the command as she typed it)
    assert "删除设置 履职积分规则" in preview and "points_scheme" not in preview


def test_db_log_takes_the_kind_of_record_in_chinese(cli):
    add_deputy(cli, "陈红梅", gender="女")
    assert "陈红梅" in cli("db", "log", "--table", "代表").stdout
    assert cli("db", "log", "-t", "代表").stdout == cli("db", "log", "-t", "deputies").stdout
    r = cli.fails("db", "log", "--table", "会仪")
    assert "是不是：会议" in r.stderr and "…" not in r.stderr


def test_a_points_scheme_is_written_and_shown_in_chinese(cli):
    out = cli("config", "履职积分规则", "出席人代会=3，未请假缺席扣分=4").stdout
    assert "出席人代会3分" in out and "未请假缺席扣分4分" in out and "congress_present" not in out
    r = cli.fails("config", "points_scheme", "出席=3")
    assert "出席人代会" in r.stderr and "履职积分规则" in r.stderr and "points_scheme" not in r.stderr
    assert cli.json("config", "points_scheme")[0]["value"].startswith('{"congress_present":3')


def test_an_undone_record_gives_its_code_back_the_same_way_for_every_kind(cli):
    """Undo makes a record as if never typed: re-entered, it takes the same code — an activity as a proposal
    and a meeting already did; a voided activity or proposal keeps its code and the next one moves on."""
    add_deputy(cli, "陈红梅", gender="女")

    def added(*args) -> str:
        return cli(*args).stdout

    assert "A3-001" in added("activity", "add", "视察便民桥", "--kind", "视察", "--date", "2017-04-18", "-p", "陈红梅")
    cli("undo", "--yes")
    assert "A3-001" in added("activity", "add", "视察敬老院", "--kind", "视察", "--date", "2017-04-19", "-p", "陈红梅")
    assert "2017-001" in added("proposal", "submit", "关于修桥的建议", "--lead", "陈红梅", "--date", "2017-03-01")
    cli("undo", "--yes")
    assert "2017-001" in added("proposal", "submit", "关于修路的建议", "--lead", "陈红梅", "--date", "2017-03-01")
    assert "P3-01" in added("meeting", "add", "--kind", "主席团", "--date", "2017-02-16")
    cli("undo", "--yes")
    assert "P3-01" in added("meeting", "add", "--kind", "主席团", "--date", "2017-02-17")
    assert [a["title"] for a in cli.json("activity", "list")] == ["视察敬老院"]
    # voided: kept, with its code
    cli("db", "void", "活动", "A3-001", "--reason", "重复录入")
    assert "A3-002" in added("activity", "add", "视察学校", "--kind", "视察", "--date", "2017-04-20", "-p", "陈红梅")
    cli("db", "void", "建议", "2017-001", "--reason", "重复录入")
    assert "2017-002" in added("proposal", "submit", "关于修渠的建议", "--lead", "陈红梅", "--date", "2017-03-02")
    assert "作废的活动、建议则保留编号" in cli("undo", "-h").stdout.replace("\n", "").replace(" ", "")


def test_term_opening_says_in_plain_words_what_was_entered(cli):
    """Was `已录入 第3届：新增录入前结转 第3届`: now the span, each count with its unit, and where they count."""
    add_deputy(cli, "陈红梅", gender="女")
    cli("proposal", "submit", "关于修桥的建议", "--lead", "陈红梅", "--date", "2017-03-01")
    r = cli("term", "opening", "3", "--until", "2018-06-30", "--presidium-meetings", "8", "--suggestions", "40",
            "--replied", "38", "--satisfied", "30", "--activities", "12")
    lines = r.stdout.splitlines()
    assert lines[0] == "已录入第3届录入前结转（2017-01-05 至 2018-06-30 纸面记录的合计）："
    assert "  主席团会议 8 次" in lines and "  代表建议 40 件，其中已答复 38 件，满意或基本满意 30 件" in lines
    assert "  代表活动 12 次" in lines
    assert "计入第3届的全届统计" in r.stdout and "不计入年度报告" in r.stdout
    assert "新增录入前结转" not in r.stdout
    # the suggestion typed one by one inside the span: named with its count and the command that corrects it
    assert "2018-06-30 以前已逐条录入了代表建议 1 件" in r.stderr
    assert "rdtool term opening 3 --suggestions 件数 更正" in r.stderr
    fixed = cli("term", "opening", "3", "--suggestions", "39").stdout
    assert "已更正 第3届录入前结转：代表建议件数 40 → 39" in fixed


def test_a_namesake_candidate_is_shown_the_way_every_shell_passes_it(cli):
    r = cli.fails("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", "=5")
    assert "王建国#20=61" in r.stderr and "(20)" not in r.stderr


def test_the_demo_speaks_chinese_and_its_next_steps_fit_and_work(tmp_path, monkeypatch):
    """`rdtool demo` listed `terms 2 条，deputies 210 条…` and next steps 100 columns wide (the path on each); now
    the kinds in Chinese, the path set once, and each suggested command short, in her words and working."""
    import shlex

    from typer.testing import CliRunner

    from rdtool.cli.main import app
    from rdtool.services.admin.demo import NEXT_STEPS
    from rdtool.terminal import cell_width
    from tests.helpers import Cli

    monkeypatch.chdir(tmp_path)
    demo = tmp_path / "demo.db"
    out = CliRunner().invoke(app, ["demo", "--db", str(demo)]).stdout
    assert "已导入示例数据：届次 2 条，代表 210 条" in out
    assert not any(word in out for word in ("terms", "deputies 2", "ge_plan", "--level county"))
    steps = [line for line in out.splitlines() if line.startswith("  rdtool ")]
    assert steps == [f"  rdtool {s}" for s in NEXT_STEPS]
    assert all(cell_width(line) <= 80 for line in steps)
    assert f"RDTOOL_DB='{demo}'" in out
    for step in NEXT_STEPS:
        Cli(demo)(*shlex.split(step))
    assert (tmp_path / "代表名单.xlsx").exists()


def _on_terminal(cli, monkeypatch, width, *args) -> str:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(width))
    return cli(*args).stdout


def test_a_name_that_reads_like_one_on_the_roster_is_pointed_out(cli):
    """She types names with an input method: 刘海艳 for 刘海燕 is a new deputy to rdtool. Allowed (two people may
    have such names), but said, with the way back."""
    add_deputy(cli, "刘海燕", gender="女")
    r = cli("deputy", "add", "刘海艳", "--gender", "女", "--level", "镇", "--term", "3")
    assert "已有读音相同的代表 刘海燕（ID 1）" in r.stderr and "rdtool undo" in r.stderr
    assert "读音相同" not in cli("deputy", "add", "刘海涛", "--gender", "男", "--level", "镇", "--term", "3").stderr
    # and a name not found says how to list the deputies of that surname
    r = cli.fails("deputy", "show", "刘海言")
    assert "rdtool deputy list --name 刘 " in r.stderr


def test_a_narrow_terminal_leaves_out_blank_columns_before_ones_with_values(cli, monkeypatch):
    """A new suggestion has no 承办单位 and no 办理期限 yet: at 80 columns these blank columns went on showing while
    提出日期 was left out and the title wrapped."""
    add_deputy(cli, "陈红梅", gender="女")
    cli("proposal", "submit", "关于修缮新华村“便民桥”的建议", "--lead", "陈红梅", "--date", "2017-03-01")
    out = _on_terminal(cli, monkeypatch, 80, "proposal", "list")
    head, _, row, *rest = out.splitlines()
    assert "提出日期" in head and "承办单位" not in head and "办理期限" not in head
    assert "关于修缮新华村“便民桥”的建议" in row
    assert "未显示空白的列：承办单位、办理期限" in "".join(rest)
    # wide enough: all shown as before
    assert "承办单位" in _on_terminal(cli, monkeypatch, 160, "proposal", "list").splitlines()[0]


def test_shares_in_a_terminal_table_line_up_on_the_right(sample, monkeypatch):
    """The report's appendix tables on a terminal set 71.3% and 2.5% flush left, unlike the counts beside them."""
    from rdtool.terminal import cell_width

    out = _on_terminal(sample, monkeypatch, 80, "report", "term", "--term", "3")
    table = out.split("附表1", 1)[1].split("\n\n", 1)[0]
    shares = [line for line in table.splitlines() if line.startswith("政治面貌")]
    assert any(line.endswith(" 2.5%") for line in shares) and any(line.endswith("63.8%") for line in shares)
    assert len({cell_width(line.rstrip()) for line in shares}) == 1, shares


def test_proposal_stats_groups_by_the_words_she_reads(cli):
    add_deputy(cli, "陈红梅", gender="女")
    cli("proposal", "submit", "关于修桥的建议", "--lead", "陈红梅", "--date", "2017-03-01")
    assert cli.json("proposal", "stats", "--term", "3", "--by", "承办单位") == \
        cli.json("proposal", "stats", "--term", "3", "--by", "unit")
    assert "承办单位" in cli.fails("proposal", "stats", "--by", "单元", code=2).stderr


def test_the_report_documents_tables_are_compact_and_keep_together(sample, tmp_path):
    """Converted to PDF, the annual report's 27-row composition table ran over two pages at the body's 28.95-point
    line grid and left 56岁及以上 on the next page without its 维度; 附表2's caption touched the table above, and
    附表3's caption and first row sat alone at a page foot. Now table lines are 16 points off the grid, the
    composition is kept on one page, each header row with the rows under it, and captions stand a line apart."""
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "2019.docx"
    sample("report", "annual", "--year", "2019", "--format", "docx", "-o", out)
    doc = Document(str(out))
    composition, meetings, *_ = doc.tables
    for table in (composition, meetings):
        for row in table.rows:
            for p in row._tr.iter(qn("w:p")):
                ppr = p.find(qn("w:pPr"))
                assert ppr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
                assert ppr.find(qn("w:spacing")).get(qn("w:line")) == str(16 * 20)
        assert all(p.paragraph_format.keep_with_next for p in (c.paragraphs[0] for c in table.rows[0].cells))
    assert all(c.paragraphs[0].paragraph_format.keep_with_next for r in composition.rows[:-1] for c in r.cells)
    captions = [p for p in doc.paragraphs if p.text.startswith("附表") and len(p.text) > 3]
    assert len(captions) >= 3 and all(p.paragraph_format.space_before for p in captions)
    assert all(p.paragraph_format.keep_with_next for p in captions)


def test_a_printed_sheet_says_what_it_is_and_which_page(cli, tmp_path):
    """The roster exported to xlsx printed (21 columns, three pages) with nothing saying which sheet or page a sheet
    of paper was: the sheet's name heads each page, 第 N 页，共 M 页 is at its foot, margins are narrow."""
    from openpyxl import load_workbook

    add_deputy(cli, "陈红梅", gender="女")
    out = tmp_path / "代表名单.xlsx"
    cli("export", "deputies", "--format", "xlsx", "--headers", "zh", "-o", out)
    sheet = load_workbook(out).active
    assert sheet.oddHeader.center.text == "&A" and sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert sheet.page_margins.left < 0.7 and sheet.print_title_rows == "$1:$1"


def test_the_whole_change_log_of_the_demo_reads_in_chinese(sample):
    """db log over every record of the sample town: no column, code or rule by its English name (was quorum_met,
    适用规则 presidium_two_majorities, 类别 general, a note pointing at elections.csv)."""
    import re

    out = sample("db", "log", "--limit", "0", "--no-pager").stdout
    words = set(re.findall(r"[A-Za-z_]{4,}", out)) - {"rdtool", "election", "list"}
    assert not words, sorted(words)[:20]


def test_a_roll_call_name_not_on_the_roster_says_how_to_check_the_date(cli):
    add_deputy(cli, "陈红梅", gender="女")
    cli("deputy", "role", "陈红梅", "主席", "--from", "2017-01-05")
    cli("meeting", "add", "--kind", "主席团", "--date", "2017-02-16")
    r = cli.fails("meeting", "roll", "P3-01", "--leave", "陈红美")
    assert "是不是：陈红梅？" in r.stderr and "rdtool meeting show P3-01 核对会议日期" in r.stderr


def test_a_database_path_with_undecodable_bytes_is_an_error_not_a_traceback(tmp_path):
    """RDTOOL_DB holding bytes that are not UTF-8 (a GBK folder name on Linux): the message printed it and died with
    `lost sys.stderr` and a traceback; now the bytes are shown as ?."""
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    path = os.fsencode(str(tmp_path)) + b"/\xc8\xfd\xb4.db"
    env = {**os.environb, b"RDTOOL_DB": path, b"PYTHONIOENCODING": b"gbk", b"PYTHONPATH": os.fsencode(str(ROOT))}
    r = subprocess.run([sys.executable, "-m", "rdtool", "deputy", "list"], capture_output=True, env=env, timeout=120)
    err = r.stderr.decode("gb18030")
    assert r.returncode == 2 and "Traceback" not in err and "lost sys.stderr" not in err
    assert err.startswith("错误：数据库不存在") and "?" in err


def test_db_log_at_80_columns_keeps_what_changed(cli, monkeypatch):
    """At 80 columns db log left out 内容 — what changed — to show 表 as 录入前结转（届中开始使用时此前纸面记录的合计）:
    now the table is named short (as records are called) and 内容 is the last column to give way."""
    cli("term", "opening", "3", "--until", "2018-06-30", "--presidium-meetings", "8")
    out = _on_terminal(cli, monkeypatch, 80, "db", "log", "-n", "3", "--no-pager")
    head = out.splitlines()[0]
    assert "内容" in head and "表" in head
    assert "录入前结转  " in out and "纸面记录的合计" not in out
    assert "主席团会议次数:8" in "".join(out.split())


def test_an_archives_wide_tables_give_their_titles_room(sample, tmp_path):
    """The archive's six-column proposals table at 小四 left its 标题 four characters a line: a table of five or more
    columns is set in 五号, its lines off the grid like the others."""
    from docx import Document
    from docx.shared import Pt

    out = tmp_path / "档案.docx"
    sample("deputy", "archive", "梁晓峰", "--term", "3", "--format", "docx", "-o", out)
    doc = Document(str(out))
    by_columns = {len(t.columns): t for t in doc.tables}
    assert {r.font.size for r in by_columns[6].rows[1].cells[3].paragraphs[0].runs} == {Pt(10.5)}
    assert {r.font.size for r in by_columns[2].rows[1].cells[0].paragraphs[0].runs} == {Pt(12)}
