"""Output files (-o, a backup's destination): never the database, never half a file, never through a link.

Every writer goes through rdtool.output_file; each case runs the real CLI and asserts that the database and every
other file involved are byte-identical after a refused command.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers import Cli, add_deputy, no_root_powers, on_small_disk, run, snapshot

# every command that writes a file with -o, in each of its file formats
WRITERS = [
    ("export", "deputies", "-f", "csv"),
    ("export", "deputies", "-f", "tsv"),
    ("export", "deputies", "-f", "json"),
    ("export", "deputies", "-f", "jsonl"),
    ("export", "deputies", "-f", "xlsx"),
    ("export", "meetings", "-f", "csv"),
    ("report", "term", "-f", "text"),
    ("report", "annual", "--year", "2019", "-f", "md"),
    ("report", "range", "--from", "2019-01-01", "--to", "2019-12-31", "-f", "json"),
    ("report", "term", "-f", "docx"),
    ("deputy", "archive", "王一", "-f", "md"),
    ("deputy", "archive", "王一", "-f", "docx"),
    ("db", "log", "-f", "csv"),
]


@pytest.fixture
def town(cli):
    add_deputy(cli, "王一")
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-01-10")
    cli("db", "backup")
    return cli


def _backup(db: Path) -> Path:
    return next((db.parent / f"{db.name}.backups").glob("*.db"))


@pytest.mark.parametrize("writer", WRITERS, ids=[" ".join(w[:2]) + " " + w[-1] for w in WRITERS])
def test_the_database_its_companions_and_backups_are_refused(town, db, tmp_path, writer):
    backup = _backup(db)
    (tmp_path / "link.db").symlink_to(db)
    os.link(db, tmp_path / "hard.db")
    other = tmp_path / "other.db"  # another SQLite file (another township's database, or a backup elsewhere)
    Cli(other)("init", "--town", "别镇", "--term", "1", "--term-start", "2020-01-01")
    watched = [db, backup, other, Path(f"{db}-wal"), Path(f"{db}-shm")]
    every = (db, f"{db}-wal", f"{db}-shm", f"{db}-journal", tmp_path / "." / db.name, tmp_path / "link.db",
             tmp_path / "hard.db", backup, backup.parent / "new.csv", other)
    # every way of naming them for one writer; the main ones for each of the others (the check is shared)
    for dest in every if writer == WRITERS[0] else (db, f"{db}-wal", tmp_path / "link.db", backup, other):
        before = snapshot(*watched, collect=dest == db)  # (later commands only read: nothing to checkpoint)
        r = town.fails(*writer, "-o", dest, "--force", code=2)
        assert "错误：" in r.stderr and "Traceback" not in r.output
        after = snapshot(*watched, collect=False)
        for s in (before, after):
            s.pop(f"{db}-shm")  # SQLite's shared-memory index, not data
            if s[f"{db}-wal"] is not None and s[f"{db}-wal"][0] == b"":
                s[f"{db}-wal"] = None  # an open connection's empty log: no data either way
        assert after == before, dest
        assert not (backup.parent / "new.csv").exists()
    assert town.json("deputy", "list")[0]["name"] == "王一"


def test_a_failed_write_leaves_no_file_and_the_old_one_whole(sample, tmp_path):
    """Disk full half-way: no truncated file, no temporary file, an existing file (with --force) untouched."""
    disk = tmp_path / "disk"
    r = on_small_disk(disk, 16, f"""
printf 'old content\\n' > {disk}/out.csv
$RDTOOL --db {sample.db} export deputies -f csv -o {disk}/out.csv --force; echo "rc=$?"
$RDTOOL --db {sample.db} export deputies -f xlsx -o {disk}/out.xlsx; echo "rc=$?"
$RDTOOL --db {sample.db} report term -f docx -o {disk}/report.docx; echo "rc=$?"
ls -A {disk}; cat {disk}/out.csv
""")
    lines = r.stdout.split()
    assert lines[:3] == ["rc=1", "rc=1", "rc=1"], r
    assert r.stderr.count("磁盘已满") == 3 and "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert lines[3:] == ["out.csv", "old", "content"]  # nothing else in the folder: no .tmp left behind


def test_a_symlink_is_never_written_through(town, db, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("victim\n")
    os.chmod(victim, 0o644)
    out = tmp_path / "out.csv"
    out.symlink_to(victim)
    before = snapshot(victim, db)
    r = town.fails("export", "deputies", "-o", out, code=2)
    assert "已存在" in r.stderr
    town("export", "deputies", "-o", out, "--force")  # replaces the link itself
    assert snapshot(victim, db) == before
    assert not out.is_symlink() and "王一" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_device_is_written_into_never_chmodded(town, db):
    mode = os.stat("/dev/full").st_mode
    for fmt in ("csv", "xlsx"):
        r = town.fails("export", "deputies", "-f", fmt, "-o", "/dev/full")
        assert "磁盘已满" in r.stderr
    r = town.fails("report", "term", "-f", "docx", "-o", "/dev/full")
    assert "磁盘已满" in r.stderr
    assert os.stat("/dev/full").st_mode == mode
    town("export", "deputies", "-o", "/dev/null")
    assert os.stat("/dev/full").st_mode == mode and os.path.exists("/dev/null")


def test_an_existing_file_needs_force_or_a_yes_on_a_terminal(town, tmp_path, monkeypatch):
    out = tmp_path / "名册.csv"
    out.write_text("mine\n")
    os.chmod(out, 0o640)
    for writer in WRITERS:
        r = town.fails(*writer, "-o", out, code=2)
        assert "--force" in r.stderr
    assert out.read_text() == "mine\n" and stat.S_IMODE(os.stat(out).st_mode) == 0o640
    import rdtool.cli.common as common

    monkeypatch.setattr(common, "interactive", lambda: True)
    r = town("export", "deputies", "-o", out, input="n\n", expect=1)
    assert "已取消" in r.stderr and out.read_text() == "mine\n"
    town("export", "deputies", "-o", out, input="y\n")
    assert "王一" in out.read_text(encoding="utf-8")


def test_a_new_file_is_private_and_complete(town, tmp_path):
    for writer in WRITERS:
        out = tmp_path / f"out-{'-'.join(writer[:2])}.{writer[-1]}"
        out.unlink(missing_ok=True)
        town(*writer, "-o", out)
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o600 and out.stat().st_size > 0, writer
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_directory_or_a_missing_folder_is_a_usage_error(town, tmp_path):
    town.fails("export", "deputies", "-o", tmp_path, code=2)
    town.fails("export", "deputies", "-o", tmp_path / "nosuch" / "x.csv", code=2)
    assert not (tmp_path / "nosuch").exists()


@pytest.mark.slow  # fsync
def test_eio_on_the_output_and_the_backup_destination(town, db, tmp_path):
    import shutil

    if not shutil.which("strace"):
        pytest.skip("no strace")
    eio = ["strace", "-f", "-o", os.devnull, "-e", "trace=fsync,fdatasync", "-e", "inject=fsync,fdatasync:error=EIO"]
    before = snapshot(db)
    r = run(["--db", db, "export", "deputies", "-o", tmp_path / "o.csv"], wrap=eio)
    assert r.returncode == 1 and "EIO" in r.stderr and "Traceback" not in r.stderr, r
    r = run(["--db", db, "db", "backup", tmp_path / "copy.db"], wrap=eio)
    assert r.returncode == 1 and "EIO" in r.stderr and "Traceback" not in r.stderr, r
    assert not list(tmp_path.glob("o.csv")) and not list(tmp_path.glob("copy.db"))
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]
    assert snapshot(db) == before


def test_no_permission_on_the_output_and_the_backup_destination(town, db, tmp_path):
    prefix = no_root_powers()
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    try:
        for args in (["export", "deputies", "-o", locked / "o.csv"], ["report", "term", "-f", "docx", "-o",
                     locked / "r.docx"], ["db", "backup", locked / "copy.db"]):
            r = run(["--db", db, *args], wrap=prefix)
            assert r.returncode == 2 and "没有权限" in r.stderr and "Traceback" not in r.stderr, r
        assert list(locked.iterdir()) == []
    finally:
        os.chmod(locked, 0o755)


def test_a_full_disk_on_the_backup_destination(town, db, tmp_path):
    disk = tmp_path / "disk"
    r = on_small_disk(disk, 32, f"""
$RDTOOL --db {db} db backup {disk}/copy.db; echo "rc=$?"
ls -A {disk}
""")
    assert r.stdout.split() == ["rc=1"], r
    assert "磁盘已满" in r.stderr and "Traceback" not in r.stderr


def test_a_nearly_full_disk_is_named_even_for_a_read(tmp_path, sample):
    """≤ 16 KiB free: SQLite cannot even make the -shm file a read needs; say the disk is full."""
    disk = tmp_path / "disk"
    size = sample.db.stat().st_size // 1024 + 64
    r = on_small_disk(disk, size, f"""
cp {sample.db} {disk}/t.db
dd if=/dev/zero of={disk}/fill bs=1k 2>/dev/null
rm -f {disk}/fill; dd if=/dev/zero of={disk}/fill bs=1k count=$(( $(df -k {disk} | awk 'NR==2 {{print $4}}') - 16 )) 2>/dev/null
df -k {disk} | awk 'NR==2 {{print "free=" $4}}'
sum=$(md5sum < {disk}/t.db)
$RDTOOL --db {disk}/t.db deputy list; echo "rc=$?"
$RDTOOL --db {disk}/t.db db check; echo "rc=$?"
[ "$sum" = "$(md5sum < {disk}/t.db)" ] && echo same
$RDTOOL --db {sample.db} export deputies -f xlsx -o {disk}/x.xlsx; echo "rc=$?"
$RDTOOL --db {sample.db} report term -f docx -o {disk}/r.docx; echo "rc=$?"
ls -A {disk}
""")
    out = r.stdout.split()
    free = int(out[0].split("=")[1])
    assert free <= 16, r
    assert out[1:6] == ["rc=1", "rc=1", "same", "rc=1", "rc=1"], r
    assert set(out[6:]) - {"t.db-shm", "t.db-wal"} == {"fill", "t.db"}, r  # no output, no temporary file
    assert r.stderr.count("磁盘已满") == 4 and "确认这是 rdtool" not in r.stderr, r
    assert "Traceback" not in r.stderr and "Exception" not in r.stderr, r
