"""Issue 22: files on the secretary's Windows laptop, under Windows' file rules (tests/windows_rules.py).

A file open in Excel/WPS, a scanner's brief lock, old backups held open, device names, a pipe closed early —
each run through the real CLI on a real database; the rules make the file system behave as Windows' does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rdtool.errors import RdtoolError
from rdtool import paths
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


# ---- mapped drives and UNC paths -------------------------------------------------------------------------------

@pytest.mark.parametrize("path,uri", [
    (r"Z:\人大资料\三川镇 2026.db", "file:///Z:/%E4%BA%BA%E5%A4%A7%E8%B5%84%E6%96%99/%E4%B8%89%E5%B7%9D%E9%95%87%202026.db"),
    (r"\\server\share\人大资料\x.db", "file:////server/share/%E4%BA%BA%E5%A4%A7%E8%B5%84%E6%96%99/x.db"),
    (r"\\192.168.1.5\资料\a#1?.db", "file:////192.168.1.5/%E8%B5%84%E6%96%99/a%231%3F.db"),
    (r"C:\Users\秘书\AppData\Local\rdtool\rdtool.db", "file:///C:/Users/%E7%A7%98%E4%B9%A6/AppData/Local/rdtool/rdtool.db"),
])
def test_sqlite_uri_of_windows_paths(path, uri):
    from pathlib import PureWindowsPath

    from rdtool.paths import sqlite_uri

    assert sqlite_uri(PureWindowsPath(path)) == uri
    assert not uri.startswith("file://server")  # SQLite refuses an authority: invalid uri authority


def test_sqlite_uri_of_posix_paths():
    from pathlib import PurePosixPath

    from rdtool.paths import sqlite_uri

    assert sqlite_uri(PurePosixPath("/home/秘书/a 1%#?.db")) == (
        "file:///home/%E7%A7%98%E4%B9%A6/a%201%25%23%3F.db")


def test_a_database_on_a_share_opens_backs_up_restores_rolls_up_and_completes(sample, tmp_path):
    """A folder name with what a URI reads itself (? # %) and the path given with two leading slashes, as a UNC
    path is: SQLite opens `file:////…` (no authority) read-only in rollup, verify, restore and completion."""
    folder = tmp_path / "共享 资料#1%?"
    folder.mkdir()
    db = folder / "三川镇.db"
    sample("db", "backup", db)
    share = "/" + str(db)  # //tmp/…: a path with two leading slashes, as \\server\share\… has
    from tests.helpers import Cli

    town = Cli(share)
    assert {d["name"] for d in town.json("deputy", "list")} == {d["name"] for d in sample.json("deputy", "list")}
    assert paths.sqlite_uri(paths.absolute(Path(share))).startswith("file:////")  # the UNC form, opened by SQLite
    rolled = town.json("report", "rollup", share, "--year", "2019")
    assert rolled["townships"] and rolled["townships"][0]["town"] == "三川镇"
    town("db", "backup")
    (copy,) = (folder / "三川镇.db.backups").glob("*.db")
    add_deputy(town, "新人")
    town("db", "restore", "/" + str(copy), "--yes")
    assert "新人" not in {d["name"] for d in town.json("deputy", "list")}
    from rdtool.store.completion import values

    assert values("deputy", "王", share)


# ---- rdtool's own Windows branches ------------------------------------------------------------------------------

def test_windows_branches_for_leftovers_and_folder_sync(tmp_path, monkeypatch):
    """os.name == "nt": a temporary file a killed run left is removed only once a day old (no cheap probe of
    its process there), and a folder is never opened to be synced (Windows cannot open one as a file)."""
    import time

    from rdtool import output_file

    old, fresh = tmp_path / ".代表.csv.4242.tmp", tmp_path / ".代表.csv.4243.tmp"
    for f in (old, fresh):
        f.write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    entries = {e.name: e for e in os.scandir(tmp_path)}
    monkeypatch.setattr(os, "name", "nt")  # (no Path is made meanwhile: pathlib picks its class by os.name)
    abandoned = {name: paths._abandoned(e, 4242) for name, e in entries.items()}
    output_file._sync(tmp_path)
    monkeypatch.undo()
    assert abandoned == {old.name: True, fresh.name: False}  # 4242 may be a live process: not asked on Windows
    assert str(tmp_path) not in opened


def test_the_errors_csv_has_lf_and_a_bom_like_every_file_rdtool_writes(town, tmp_path):
    bad = write_csv(tmp_path / "名册.csv", "name,gender,level,term\n王五,男,镇,3\n赵六,未知,镇,3\n")
    town.fails("import", "deputies", bad, "--errors", tmp_path / "错误.csv")
    data = (tmp_path / "错误.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.count(b"\n") == 3
    town.fails("import", "deputies", tmp_path / "错误.csv")  # still imports as it is (赵六 still wrong)


def test_the_secretarys_windows_workflows_write_every_file(sample, tmp_path):
    """Issue 22's list, in one run under the rules (where every write failed with Bad file descriptor): import
    into a database with records, export -o csv and xlsx, report -o docx, backup, restore, --errors, undo,
    rollup; the demo itself built the `sample` database under them."""
    out = tmp_path / "输出"
    out.mkdir()
    def names():
        return {d["name"] for d in sample.json("deputy", "list", "--term", "3")}

    sample("import", "deputies", write_csv(tmp_path / "新.csv", "name,gender,level,term\n甘霖,女,镇,3\n"))
    assert "甘霖" in names()
    sample("export", "deputies", "-o", out / "代表名单.csv")
    sample("export", "deputies", "-f", "xlsx", "-o", out / "代表名单.xlsx")
    sample("report", "annual", "--year", "2019", "-f", "docx", "-o", out / "年度报告.docx")
    sample("db", "backup", out / "备份.db")
    bad = write_csv(tmp_path / "错.csv", "name,gender,level,term\n赵六,未知,镇,3\n")
    sample.fails("import", "deputies", bad, "--errors", out / "错误.xlsx")
    sample("undo", "--yes")
    assert "甘霖" not in names()
    sample("db", "restore", out / "备份.db", "--yes")
    assert "甘霖" in names()
    assert sample.json("report", "rollup", sample.db, "--year", "2019")["townships"]
    assert sorted(p.name for p in out.iterdir()) == ["代表名单.csv", "代表名单.xlsx", "备份.db", "年度报告.docx",
                                                     "错误.xlsx"]

