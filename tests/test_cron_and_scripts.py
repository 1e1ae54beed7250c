"""What cron and scripts see (issue 16): reports as one row per figure, silence on success when not on a
terminal, machine formats with data only, and one rule for times."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time

import pytest

from tests.helpers import ROOT

AS_OF = "2022-01-01"


def _lookup(report: dict, section: str, key: str):
    value = report if not section else report[section]
    for part in key.split("."):
        value = value[part]
    return value


@pytest.mark.parametrize("cmd", [["term", "--term", "3"], ["annual", "--year", "2019"],
                                 ["range", "--from", "2019-01-01", "--to", "2019-06-30"]])
def test_report_as_one_row_per_figure_matches_the_json(sample, cmd):
    report = json.loads(sample("report", *cmd, "--as-of", AS_OF, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(sample("report", *cmd, "--as-of", AS_OF, "--format", "csv").stdout)))
    assert list(rows[0]) == ["section", "key", "label", "value"]
    keys = {(r["section"], r["key"]) for r in rows}
    assert len(keys) == len(rows)
    for r in rows:
        expected = _lookup(report, r["section"], r["key"])
        assert r["value"] == ("" if expected is None else str(expected)), r
        assert r["label"], r  # every figure has its Chinese name
    for section in ("presidium", "congress", "deputies", "proposals"):
        assert {k for s, k in keys if s == section} == set(report[section])
    assert ("activities", "by_kind.inspection") in keys and ("", "checks") not in keys
    lines = sample("report", *cmd, "--as-of", AS_OF, "--format", "jsonl").stdout.splitlines()
    for line in lines:
        r = json.loads(line)
        assert r["value"] == _lookup(report, r["section"], r["key"])
    zh = sample("report", *cmd, "--as-of", AS_OF, "--format", "tsv", "--headers", "zh").stdout
    assert zh.splitlines()[0] == "部分\t键\t项目\t数值" and re.search(r"\treply_rate\t答复率\t\d+\.\d%", zh)


def test_report_term_csv_has_the_seed_figures(sample):
    rows = {(r["section"], r["key"]): r["value"] for r in csv.DictReader(io.StringIO(
        sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "csv").stdout))}
    assert rows[("presidium", "meetings")] == "21" and rows[("presidium", "decisions")] == "54"
    assert rows[("congress", "elected")] == "15"


def test_file_writers_are_silent_when_not_on_a_terminal(sample, tmp_path):
    commands = [
        ["export", "deputies", "-o", tmp_path / "d.csv"],
        ["export", "meetings", "--format", "xlsx", "-o", tmp_path / "m.xlsx"],
        ["report", "annual", "--year", "2019", "--format", "md", "-o", tmp_path / "r.md"],
        ["report", "annual", "--year", "2019", "--format", "docx", "-o", tmp_path / "r.docx"],
        ["deputy", "archive", "王桂芳", "--format", "md", "-o", tmp_path / "a.md"],
        ["deputy", "archive", "王桂芳", "--format", "docx", "-o", tmp_path / "a.docx"],
        ["import", "terms", tmp_path / "t.csv", "--dry-run"],
        ["db", "backup", tmp_path],
        ["db", "log", "-n", "5", "--format", "csv", "-o", tmp_path / "log.csv"],
        ["db", "datasette-metadata", "-o", tmp_path / "metadata.json"],
    ]
    (tmp_path / "t.csv").write_text("number,start_date\n9,2040-01-01\n", "utf-8")
    for args in commands:
        result = sample(*args)
        assert result.stdout == "" and result.stderr == "", args
        again = [*args, "--force"] if "-o" in args else args  # (an existing file is replaced only with --force)
        loud = sample("-v", *again) if args[0] != "import" else sample(*again, "-v")
        assert loud.stdout == "" and loud.stderr.startswith(("已", "检查通过")), args
    assert (tmp_path / "a.docx").stat().st_size > 0 and (tmp_path / "r.md").read_text("utf-8").startswith("#")


def test_an_import_that_recomputes_past_meetings_is_silent_under_cron_and_says_it_with_v(sample, tmp_path):
    (tmp_path / "d.csv").write_text("name,gender,level,term\n周新,男,镇,3\n", "utf-8")
    quiet = sample("import", "deputies", tmp_path / "d.csv")
    assert quiet.stdout == "" and quiet.stderr == ""
    sample("undo", "--yes")
    loud = sample("import", "deputies", tmp_path / "d.csv", "-v").stderr
    assert "已导入 1 条代表记录" in loud and "随之重新计算：C3-1 应到" in loud


def test_confirmation_shows_on_a_terminal(db, tmp_path):
    """Run through `script` (a pseudo-terminal): the confirmation reaches the terminal on stderr."""
    import shutil

    if shutil.which("script") is None:
        pytest.skip("script(1) is not installed")
    out = tmp_path / "d.csv"
    command = f"{sys.executable} -m rdtool --db {db} export terms -o {out}"
    subprocess.run(["script", "-qec", command, str(tmp_path / "tty.log")], capture_output=True, timeout=60, cwd=ROOT)
    assert "已导出 1 条届次记录" in (tmp_path / "tty.log").read_text(errors="replace")


def test_db_info_machine_formats_carry_data_only(cli):
    out = cli("db", "info", "--format", "csv").stdout
    assert out.splitlines()[0] == "table,rows" and "数据库：" not in out
    assert "数据库：" in cli("db", "info").stdout


@pytest.fixture
def shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_iso_with_offset_for_machines_local_for_people(cli, shanghai):
    cli("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "3")
    rows = list(csv.DictReader(io.StringIO(cli("db", "log", "--format", "csv").stdout)))
    assert rows and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00", r["at"]) for r in rows)
    logged = json.loads(cli("db", "log", "--format", "json").stdout)
    assert logged[0]["at"].endswith("+08:00")
    table = cli("db", "log").stdout
    local = rows[-1]["at"][:19].replace("T", " ")
    assert local in table and "+08:00" not in table
    cli("db", "backup")
    backups = list(csv.DictReader(io.StringIO(cli("db", "backups", "--format", "csv").stdout)))
    assert backups[0]["time"].endswith("+08:00")
    assert re.search(r"-\d{8}-\d{6}-\d{6}\+0800-manual\.db$", backups[0]["file"])
    assert backups[0]["time"][:19].replace("T", " ") in cli("db", "backups").stdout
