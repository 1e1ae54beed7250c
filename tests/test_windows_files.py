"""Issue 22: files on the secretary's Windows laptop, under Windows' file rules (tests/windows_rules.py).

A file open in Excel/WPS, a scanner's brief lock, old backups held open, device names, a pipe closed early —
each run through the real CLI on a real database; the rules make the file system behave as Windows' does.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from rdtool.errors import RdtoolError
from tests.helpers import ROOT, add_deputy, snapshot, write_csv
from tests.windows_rules import device_name, open_in_excel


def _left_in(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or ".tmp-" in p.name)


@pytest.fixture
def town(cli):
    for name in ("林晓", "周敏", "陈红梅"):
        add_deputy(cli, name)
    return cli


@pytest.mark.parametrize("name,fmt", [("代表名单.csv", "csv"), ("代表名单.xlsx", "xlsx")])
def test_an_output_open_in_excel_is_named_and_left_as_it_was(town, tmp_path, name, fmt):
    out = tmp_path / name
    town("export", "deputies", "-f", fmt, "-o", out)
    before = snapshot(out)
    add_deputy(town, "新人")
    with open_in_excel(out):
        for extra in ((), ("--force",)):
            r = town("export", "deputies", "-f", fmt, "-o", out, *extra, expect=1)
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1, r.stderr
            assert str(out) in lines[0] and "Excel" in lines[0] and "关闭" in lines[0] and "再运行" in lines[0]
            assert ".tmp" not in r.stderr
    assert snapshot(out) == before and _left_in(tmp_path) == []
    town("export", "deputies", "-f", fmt, "-o", out, "--force")  # closed in Excel: written
    assert snapshot(out) != before


def test_a_report_open_in_word_is_named(sample, tmp_path):
    out = tmp_path / "年度报告.docx"
    sample("report", "annual", "--year", "2019", "-f", "docx", "-o", out)
    before = snapshot(out)
    with open_in_excel(out):
        r = sample("report", "annual", "--year", "2019", "-f", "docx", "-o", out, "--force", expect=1)
    assert str(out) in r.stderr and "其他程序" in r.stderr and snapshot(out) == before
    assert _left_in(tmp_path) == []


def test_a_brief_lock_is_waited_for(town, tmp_path):
    out = tmp_path / "代表名单.csv"
    town("export", "deputies", "-o", out)
    add_deputy(town, "新人")
    with open_in_excel(out, failures=3):  # an antivirus scanner reading the new file
        town("export", "deputies", "-o", out, "--force")
    assert "新人" in out.read_text(encoding="utf-8") and _left_in(tmp_path) == []


def test_a_lock_that_comes_while_the_file_is_written(tmp_path):
    """The probe found the file free; Excel opened it before the rename: named, the file as it was, no
    temporary file left."""
    from rdtool.output_file import write_file
    from tests.windows_rules import windows_fs

    out = tmp_path / "代表名单.csv"
    out.write_text("旧\n", encoding="utf-8")
    with pytest.raises(RdtoolError) as caught:
        with write_file(out, overwrite=True) as tmp:
            tmp.write_text("新\n", encoding="utf-8")
            windows_fs.hold(out)
    windows_fs.release(out)
    assert str(out) in str(caught.value) and "Excel" in str(caught.value)
    assert out.read_text(encoding="utf-8") == "旧\n" and _left_in(tmp_path) == []


def test_row_errors_are_printed_when_the_errors_file_is_open(town, tmp_path):
    bad = write_csv(tmp_path / "名册.csv", "name,gender,level,term\n王五,男,镇,3\n赵六,未知,镇,3\n")
    errors = tmp_path / "错误.xlsx"
    town.fails("import", "deputies", bad, "--errors", errors)
    before = snapshot(errors)
    with open_in_excel(errors):
        r = town.fails("import", "deputies", bad, "--errors", errors, "--force")
    assert "第3行" in r.stderr and "未知" in r.stderr  # the row errors
    assert f"没有写出 {errors}" in r.stderr and "Excel" in r.stderr and "关闭" in r.stderr
    assert snapshot(errors) == before and _left_in(tmp_path) == []
    # a sound file imports whatever the errors file is doing
    good = write_csv(tmp_path / "好.csv", "name,gender,level,term\n王五,男,镇,3\n")
    with open_in_excel(errors):
        town("import", "deputies", good, "--errors", errors, "--force")


def test_an_old_backup_open_elsewhere_is_kept_with_a_note(town, db, tmp_path):
    town("config", "backups_keep", "1")
    town("db", "backup")
    folder = db.parent / f"{db.name}.backups"
    (old,) = folder.glob("*.db")
    with open_in_excel(old):
        r = town("db", "backup")
        assert "注意" in r.stderr and str(old) in r.stderr and "没有删除" in r.stderr
        assert old.exists() and len(list(folder.glob("*.db"))) == 2
        # an import commits although pruning the automatic backups cannot finish
        town("import", "deputies", write_csv(tmp_path / "a.csv", "name,gender,level,term\n甲,男,镇,3\n"))
        (auto,) = (folder / "auto").glob("*.db")
        with open_in_excel(auto):
            r = town("import", "deputies", write_csv(tmp_path / "b.csv", "name,gender,level,term\n乙,男,镇,3\n"))
            assert str(auto) in r.stderr and "注意" in r.stderr
    names = {d["name"] for d in town.json("deputy", "list")}
    assert {"甲", "乙"} <= names
    town("db", "backup")  # released: pruned at the next backup
    assert len(list(folder.glob("*.db"))) == 1


@pytest.mark.parametrize("name", ["CON.csv", "NUL", "nul.xlsx", "PRN.md", "AUX.json", "COM1.csv", "lpt3.txt",
                                  "CON .csv"])
def test_device_names_are_refused_on_every_platform(town, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    fmt = {"xlsx": "xlsx", "json": "json"}.get(name.rsplit(".", 1)[-1], "csv")
    for args in (("export", "deputies", "-f", fmt, "-o", name), ("report", "annual", "--year", "2019", "-o", name),
                 ("db", "backup", name)):
        r = town.fails(*args, code=2)
        assert "设备名" in r.stderr and name.strip() in r.stderr
    bad = write_csv(tmp_path / "名册.csv", "name,gender,level,term\n赵六,未知,镇,3\n")
    r = town.fails("import", "deputies", bad, "--errors", tmp_path / (name.split(".")[0] + ".csv"), code=2)
    assert "设备名" in r.stderr
    assert not [p for p in tmp_path.iterdir() if device_name(p.name)]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_a_pipe_closed_early_exits_0_every_time(sample, fmt):
    """`rdtool export … | head -1` under `set -o pipefail`: exit 0, nothing on stderr, every time."""
    rdtool = f"{sys.executable} -m rdtool --db '{sample.db}'"
    command = ("set -o pipefail; for i in 1 2 3 4 5; do "
               f"{rdtool} export attendance --format {fmt if fmt != 'table' else 'csv'} | head -1 > /dev/null "
               "|| echo failed $?; done; "
               f"{rdtool} meeting list --format {fmt} | head -1 > /dev/null || echo failed $?")
    out = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert "failed" not in out.stdout and out.stderr == "", (out.stdout, out.stderr)
