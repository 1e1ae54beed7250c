"""Reports: the seed's figures from the sample records, every format, boundaries, roll-up, cron use."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest


AS_OF = "2026-11-28"
CONTRACT = {  # docs/report.md
    "period": {"from", "to", "term"},
    "presidium": {"meetings", "meetings_without_quorum", "decisions", "decisions_passed", "appointments"},
    "congress": {"sessions", "sessions_without_quorum", "extraordinary", "decisions", "elected"},
    "deputies": {"township", "county", "active_township", "active_county", "party_share", "women_share",
                 "re_elected_share", "presidium_members", "presidium_party_share", "minority_share"},
    "proposals": {"received", "motions", "suggestions", "motions_on_agenda", "motions_as_suggestions", "assigned",
                  "replied", "closed", "overdue", "reply_rate", "on_time_rate", "satisfaction_rate",
                  "implementation_rate"},
    "activities": {"total", "township", "county", "training", "by_kind"},
}


def test_sample_term_report_gives_the_seeds_figures(sample):
    fig = sample.json("report", "term", "--term", "3", "--as-of", AS_OF)
    for group, keys in CONTRACT.items():
        assert keys <= set(fig[group]), group
    assert fig["presidium"]["meetings"] == 21
    assert fig["presidium"]["decisions"] == 54
    assert fig["presidium"]["decisions_passed"] == 53
    assert fig["presidium"]["appointments"] == 11
    assert fig["congress"]["sessions"] == 6 and fig["congress"]["extraordinary"] == 1
    assert fig["congress"]["decisions"] == 35
    assert fig["congress"]["elected"] == 15
    assert fig["deputies"]["township"] == 82 and fig["deputies"]["county"] == 23
    assert fig["deputies"]["active_township"] == 80
    assert fig["deputies"]["presidium_members"] == 9 and fig["deputies"]["presidium_party_share"] == 1.0
    assert fig["deputies"]["party_share"] >= 0.6 and fig["deputies"]["re_elected_share"] >= 1 / 3
    assert fig["proposals"]["received"] == 66 and fig["proposals"]["reply_rate"] == 1.0
    assert fig["proposals"]["overdue"] == 0
    assert fig["activities"]["township"] == 9 and fig["activities"]["county"] == 4
    assert fig["activities"]["training"] == 6


def test_text_report_reads_like_the_seed(sample):
    text = sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "text").stdout
    assert "召开主席团会议21次，研究决定重要事项54项，任免政府机关组成人员11人次" in text
    assert "召开人民代表大会会议6次（其中临时会议1次），审议并决定重大事项35项，选举产生人大、政府组成人员15人次" in text
    assert "件件有答复" in text
    assert "开展镇人大代表活动9次、县人大代表活动4次" in text
    assert "\x1b[" not in text and "│" not in text


def test_markdown_and_docx_hold_the_same_numbers(sample, tmp_path):
    md = sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "md").stdout
    assert md.startswith("# ") and "主席团会议21次" in md and "| 承办单位 |" in md
    out = tmp_path / "report.docx"
    sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "docx", "--output", out)
    assert os.stat(out).st_mode & 0o777 == 0o600
    import docx

    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "三川镇" in document.paragraphs[0].text
    assert "主席团会议21次" in text and "研究决定重要事项54项" in text and "选举产生人大、政府组成人员15人次" in text
    assert len(document.tables) >= 2
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "镇农业服务中心" in cells
    sample.fails("report", "term", "--format", "docx", code=2)


def test_annual_report_and_as_of_reproducibility(sample):
    y2019 = sample.json("report", "annual", "--year", "2019", "--as-of", AS_OF)
    assert y2019["period"] == {"from": "2019-01-01", "to": "2019-12-31", "term": 3}
    assert y2019["congress"]["extraordinary"] == 1
    again = sample.json("report", "annual", "--year", "2019", "--as-of", AS_OF)
    assert again == y2019
    empty = sample.json("report", "range", "--from", "2030-01-01", "--to", "2030-12-31", "--as-of", AS_OF)
    assert empty["presidium"]["meetings"] == 0
    assert empty["proposals"]["received"] == 0 and empty["proposals"]["reply_rate"] is None
    text = sample("report", "range", "--from", "2030-01-01", "--to", "2030-12-31", "--as-of", AS_OF).stdout
    assert "0次" not in text and "0项" not in text


def test_a_year_no_term_covers_is_an_error_not_an_empty_report(sample):
    for fmt in ("text", "json", "docx"):
        failed = sample.fails("report", "annual", "--year", "1999", "--format", fmt, "-o", sample.db.parent / "r")
        assert "1999年不在任何一届的任期内，也没有这一年的记录" in failed.stderr and "term list" in failed.stderr
        assert not (sample.db.parent / "r").exists()


def test_sum_of_years_equals_the_term(sample):
    total = {"meetings": 0, "decisions": 0}
    for year in range(2017, 2022):
        fig = sample.json("report", "annual", "--year", year, "--as-of", AS_OF)
        total["meetings"] += fig["presidium"]["meetings"]
        total["decisions"] += fig["presidium"]["decisions"]
    assert total == {"meetings": 21, "decisions": 54}


def test_strict_exits_nonzero_when_something_needs_attention(sample):
    # the sample's current term has an overdue suggestion and an appointment without a statement
    result = sample("report", "annual", "--year", "2026", "--as-of", AS_OF, "--strict", "--format", "json", expect=1)
    data = json.loads(result.stdout)
    assert any(c["check"].startswith("proposal") for c in data["checks"])


def test_cron_style_run_writes_only_the_report(sample, tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "RDTOOL_DB": str(sample.db), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "rdtool", "report", "annual", "--year", "2019", "--format", "md",
                           "--as-of", AS_OF], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                          timeout=120, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# 三川镇") and proc.stderr == ""
    assert "\x1b[" not in proc.stdout


def test_rollup_reads_each_file_read_only_and_totals(sample, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(sample.db, a)
    shutil.copy(sample.db, b)
    conn = sqlite3.connect(b)
    conn.execute("UPDATE settings SET value = '\"二川乡\"' WHERE key = 'town'")
    conn.commit()
    conn.close()
    before = a.read_bytes()
    data = json.loads(sample("report", "rollup", a, b, "--year", "2019", "--format", "json", "--as-of", AS_OF).stdout)
    assert [r["town"] for r in data["townships"]] == ["三川镇", "二川乡"]
    one = data["townships"][0]
    assert data["total"]["presidium_meetings"] == 2 * one["presidium_meetings"] > 0
    assert a.read_bytes() == before
    csv_out = sample("report", "rollup", a, b, "--year", "2019", "--format", "csv").stdout
    assert [line.split(",")[0] for line in csv_out.splitlines()[1:]] == ["三川镇", "二川乡"]  # data rows only
    csv_out = sample("report", "rollup", a, b, "--year", "2019", "--format", "csv", "--total").stdout
    assert csv_out.splitlines()[-1].startswith("合计,")
    assert "合计" in sample("report", "rollup", a, b, "--year", "2019").stdout  # (a table always has it)


def test_rollup_names_a_bad_file_and_still_reports_the_others(sample, tmp_path):
    good, newer, junk = tmp_path / "good.db", tmp_path / "newer.db", tmp_path / "junk.db"
    shutil.copy(sample.db, good)
    shutil.copy(sample.db, newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('rdtool', 'm999_x', 'x')")
    conn.commit()
    conn.close()
    junk.write_text("not a database")
    result = sample("report", "rollup", good, newer, junk, "--year", "2019", "--format", "json", expect=1)
    data = json.loads(result.stdout)
    assert len(data["townships"]) == 1
    assert "newer.db" in result.stderr and "junk.db" in result.stderr


@pytest.mark.parametrize("args", [("report", "annual", "--year", "19"), ("report", "range", "--from", "2019-02-30",
                                                                         "--to", "2019-12-31")])
def test_bad_periods_are_clear_errors(sample, args):
    result = sample(*args, expect=sample_code(args))
    assert result.stderr.startswith("错误：")


def sample_code(args) -> int:
    return 2 if "19" in args else 1


def _build_boundary_records(cli):
    from tests.helpers import add_deputy

    for name in ["赵一", "钱二", "孙三", "李四", "周五"]:
        add_deputy(cli, name, "--party", "党员", gender="女" if name == "李四" else "男")
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-12-31", "--present", "9", "--entitled", "9")
    cli("vote", "add", "P3-01", "关于年终工作的决定", "--kind", "决定", "--yes", "5", "--no", "4")
    cli("vote", "add", "P3-01", "关于某事的决定", "--kind", "决定", "--yes", "4", "--no", "5")
    cli("meeting", "add", "--kind", "人代会", "--date", "2020-01-01", "--present", "60", "--entitled", "82",
        "--extraordinary")
    cli("vote", "add", "C3-1", "关于预算调整的决定", "--kind", "预决算", "--yes", "42")
    cli("proposal", "submit", "关于修路的建议", "--lead", "赵一", "--date", "2019-12-20")
    code = cli.json("proposal", "list")[0]["code"]
    cli("proposal", "assign", code, "--unit", "镇村镇建设办", "--date", "2019-12-28")
    cli("activity", "add", "视察道路建设", "--kind", "视察", "--date", "2019-12-31", "--level", "镇",
        "--participants", "赵一、钱二")
    cli("activity", "add", "学习宪法", "--kind", "学习", "--date", "2020-01-01", "--participants", "孙三")
    return code


def test_boundaries_of_years_and_states_built_through_the_cli(cli):
    code = _build_boundary_records(cli)
    y2019 = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    assert y2019["presidium"] == {"meetings": 1, "meetings_without_quorum": 0, "decisions": 2, "decisions_passed": 1,
                                  "appointments": 0}
    assert y2019["congress"]["sessions"] == 0
    assert y2019["proposals"]["received"] == 1 and y2019["proposals"]["replied"] == 0
    assert y2019["proposals"]["reply_rate"] == 0.0 and y2019["proposals"]["on_time_rate"] is None
    assert y2019["activities"]["township"] == 1 and y2019["activities"]["training"] == 0
    assert y2019["deputies"]["township"] == 5 and y2019["deputies"]["women_share"] == 0.2
    y2020 = cli.json("report", "annual", "--year", "2020", "--as-of", "2020-12-31")
    assert y2020["presidium"]["meetings"] == 0
    assert y2020["congress"] == {"sessions": 1, "sessions_without_quorum": 0, "extraordinary": 1, "decisions": 1,
                                 "elected": 0}
    assert y2020["proposals"]["received"] == 0 and y2020["activities"]["training"] == 1
    # the 2019 suggestion, answered in 2020: still counted in 2019, its state judged on --as-of
    late = cli.json("report", "annual", "--year", "2019", "--as-of", "2020-04-01")
    assert late["proposals"]["overdue"] == 1
    cli("proposal", "reply", code, "--result", "A", "--text", "已修复", "--date", "2020-02-10")
    answered = cli.json("report", "annual", "--year", "2019", "--as-of", "2020-04-01")
    assert answered["proposals"]["replied"] == 1 and answered["proposals"]["overdue"] == 0
    assert answered["proposals"]["on_time_rate"] == 1.0 and answered["proposals"]["implementation_rate"] == 1.0
    assert cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31") == y2019
    both = cli.json("report", "range", "--from", "2019-12-31", "--to", "2020-01-01", "--as-of", "2020-04-01")
    assert both["presidium"]["meetings"] == 1 and both["congress"]["sessions"] == 1
    assert both["activities"]["total"] == 2
    term = cli.json("report", "term", "--term", "3", "--as-of", "2020-04-01")
    assert term["period"] == {"from": "2017-01-05", "to": "2021-12-31", "term": 3}
    assert term["presidium"]["decisions"] == 2 and term["congress"]["decisions"] == 1


def test_voided_records_leave_the_figures(cli):
    _build_boundary_records(cli)
    before = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    meeting_id = cli.json("meeting", "show", "P3-01")["id"]
    cli("db", "void", "meetings", meeting_id, "--reason", "重复录入")
    after = cli.json("report", "annual", "--year", "2019", "--as-of", "2019-12-31")
    assert before["presidium"]["meetings"] == 1 and after["presidium"]["meetings"] == 0
    assert after["presidium"]["decisions"] == 0


def test_voiding_a_meeting_or_a_deputy_removes_what_hangs_on_it(sample):
    appointments = sample.json("appointment", "list", "--term", "3")
    code = [a for a in appointments if a["action"] != "elect"][0]["meeting"]
    on_it = sum(a["meeting"] == code for a in appointments)
    sample("db", "void", "meetings", sample.json("meeting", "show", code)["id"], "--reason", "重复录入")
    assert len(sample.json("appointment", "list", "--term", "3")) == len(appointments) - on_it
    fig = sample.json("report", "term", "--term", "3", "--as-of", AS_OF)
    assert fig["presidium"]["appointments"] == 11 - on_it
    assert fig["presidium"]["meetings"] == 20
    activity = sample.json("activity", "show", "A3-001")
    gone = activity["participants"][0]
    sample("db", "void", "deputies", gone["id"], "--reason", "录入错误")
    after = sample.json("activity", "show", "A3-001")
    assert gone["id"] not in [p["id"] for p in after["participants"]]
    assert after["participant_count"] == activity["participant_count"] - 1
