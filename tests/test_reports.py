"""Reports: the seed's figures from the sample records, every format, boundaries, roll-up, cron use."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tests.helpers import Cli

AS_OF = "2026-11-28"
CONTRACT = {
    "period": {"from", "to", "term"},
    "presidium": {"meetings", "decisions", "decisions_passed", "appointments"},
    "congress": {"sessions", "extraordinary", "decisions", "elected"},
    "deputies": {"township", "county", "active_township", "active_county", "party_share", "women_share",
                 "re_elected_share", "presidium_members", "presidium_party_share"},
    "proposals": {"received", "motions", "suggestions", "assigned", "replied", "closed", "overdue", "reply_rate",
                  "on_time_rate", "satisfaction_rate", "implementation_rate"},
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
    empty = sample.json("report", "annual", "--year", "2030", "--as-of", AS_OF)
    assert empty["presidium"]["meetings"] == 0
    assert empty["proposals"]["received"] == 0 and empty["proposals"]["reply_rate"] is None
    text = sample("report", "annual", "--year", "2030", "--as-of", AS_OF).stdout
    assert "0次" not in text and "0项" not in text


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
    assert csv_out.splitlines()[-1].startswith("合计")


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
