"""Output files (-o, a backup's destination): never the database, never half a file, never through a link.

Every writer goes through rdtool.output_file; each case runs the real CLI and asserts that the database and every
other file involved are byte-identical after a refused command.
"""

from __future__ import annotations

import os
import sqlite3
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


def test_a_database_reached_through_a_symlink_keeps_its_real_companions(tmp_path):
    """SQLite keeps -wal and -shm beside the real file, not beside the link's name: those are what is guarded."""
    real = tmp_path / "real" / "镇.db"
    real.parent.mkdir()
    Cli(real)("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    cli = Cli(link)
    add_deputy(cli, "王一")
    keeper = sqlite3.connect(real)  # another reader holds the file open: its -wal and -shm exist
    try:
        keeper.execute("BEGIN")
        keeper.execute("SELECT count(*) FROM deputies").fetchone()
        add_deputy(cli, "王二")  # committed into the -wal, not yet checkpointed (the reader holds it)
        watched = [real, Path(f"{real}-wal"), Path(f"{real}-shm")]
        before = snapshot(*watched, collect=False)
        for dest in (f"{real}-wal", f"{real}-shm", f"{real}-journal", real):
            for writer in (("export", "deputies"), ("export", "deputies", "-f", "xlsx"), ("report", "term")):
                r = cli.fails(*writer, "-o", dest, "--force", code=2)
                assert "附属文件" in r.stderr
        assert snapshot(*watched, collect=False) == before
    finally:
        keeper.close()
    assert [d["name"] for d in cli.json("deputy", "list")] == ["王一", "王二"]


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


def test_on_a_full_disk_reading_and_rescue_work_and_writes_say_the_disk_is_full(tmp_path, sample):
    """≤ 16 KiB free: SQLite cannot make the -shm a read needs, so the file is opened read-only: `deputy list`,
    `export` and `db backup` to another disk work (the rescue), a write and an output on the full disk say the
    disk is full, and the database is byte for byte as it was."""
    disk, other = tmp_path / "disk", tmp_path / "other"
    other.mkdir()
    size = sample.db.stat().st_size // 1024 + 64
    r = on_small_disk(disk, size, f"""
cp {sample.db} {disk}/t.db
dd if=/dev/zero of={disk}/fill bs=1k 2>/dev/null
rm -f {disk}/fill; dd if=/dev/zero of={disk}/fill bs=1k count=$(( $(df -k {disk} | awk 'NR==2 {{print $4}}') - 16 )) 2>/dev/null
df -k {disk} | awk 'NR==2 {{print "free=" $4}}'
sum=$(md5sum < {disk}/t.db)
$RDTOOL --db {disk}/t.db deputy list > {other}/list.txt; echo "rc=$?"
$RDTOOL --db {disk}/t.db export deputies -o {other}/d.csv; echo "rc=$?"
$RDTOOL --db {disk}/t.db db backup {other}/; echo "rc=$?"
$RDTOOL --db {disk}/t.db deputy add 新人 --gender 男 --level 镇 --term 3; echo "rc=$?"
[ "$sum" = "$(md5sum < {disk}/t.db)" ] && echo same
$RDTOOL --db {sample.db} export deputies -f xlsx -o {disk}/x.xlsx; echo "rc=$?"
$RDTOOL --db {sample.db} report term -f docx -o {disk}/r.docx; echo "rc=$?"
ls -A {disk}
""")
    out = r.stdout.split()
    free = int(out[0].split("=")[1])
    assert free <= 16, r
    assert out[1:8] == ["rc=0", "rc=0", "rc=0", "rc=1", "same", "rc=1", "rc=1"], r
    assert set(out[8:]) - {"t.db-shm", "t.db-wal"} == {"fill", "t.db"}, r  # no output, no temporary file
    assert r.stderr.count("磁盘已满") == 3 and "确认这是 rdtool" not in r.stderr, r
    assert "Traceback" not in r.stderr and "Exception" not in r.stderr, r
    assert "王" in (other / "list.txt").read_text(encoding="utf-8")
    assert "name" in (other / "d.csv").read_text(encoding="utf-8")
    copies = list(other.glob("*.db"))
    assert len(copies) == 1 and Cli(copies[0]).json("deputy", "list") == Cli(sample.db).json("deputy", "list")


def test_descriptor_names_into_a_pipe_are_written_through_not_read_not_staged(town, db, tmp_path):
    """`-o /dev/stdout` (and the other names of an open descriptor) into a pipe: the target is never opened for
    reading (that was its own stdout pipe: a hang) and nothing is staged in $TMPDIR (a copy with private data)."""
    staging = tmp_path / "staging"
    staging.mkdir()
    link = tmp_path / "to-stdout"
    link.symlink_to("/proc/self/fd/1")
    for dest in ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", link, "/dev/stderr"):
        for fmt in ("csv", "xlsx"):
            r = _raw_run(["--db", db, "export", "deputies", "-f", fmt, "-o", dest], TMPDIR=str(staging))
            assert r.returncode == 0, r.stderr.decode()
            out = r.stderr if str(dest) == "/dev/stderr" else r.stdout
            assert ("王一".encode() in out) if fmt == "csv" else out.startswith(b"PK")
    assert not list(staging.iterdir())
    assert os.path.islink("/dev/stdout") and link.is_symlink()


def _raw_run(args, stdout=None, **env):
    """rdtool in a new process, its output as bytes (an .xlsx on stdout); timeout only a guard against a hang."""
    import subprocess
    import sys

    from tests.helpers import ROOT

    return subprocess.run([sys.executable, "-m", "rdtool", *map(str, args)], timeout=60,
                          stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_a_descriptor_redirected_to_a_file_is_written_into_and_never_replaced(town, db, tmp_path):
    link = tmp_path / "to-stdout"  # what /dev/stdout is, in a folder a failing test may spoil
    link.symlink_to("/proc/self/fd/1")
    target = tmp_path / "名册.csv"
    with open(target, "wb") as out:
        r = _raw_run(["--db", db, "export", "deputies", "-o", link, "--force"], stdout=out)
    assert r.returncode == 0, r.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert "王一" in target.read_text(encoding="utf-8")


def test_a_descriptor_redirected_to_a_file_is_written_where_it_stands_never_truncated(town, db, tmp_path):
    """`-o /dev/stdout` with stdout redirected to a file (`> f` after other output, or `>> f`): rdtool writes
    through the shell's descriptor from where it stands. Opened again by its name, the file was truncated by a
    zip writer (an .xlsx or .docx lost what was before it, or its `>>` file's content) and what the shell wrote
    next landed over rdtool's output."""
    import io
    import zipfile

    import docx
    import openpyxl

    commands = {"csv": ["export", "deputies"], "xlsx": ["export", "deputies", "-f", "xlsx"],
                "docx": ["report", "template", "-f", "docx"]}
    for fmt, args in commands.items():
        for mode in ("wb", "ab"):  # `>` and `>>`
            target = tmp_path / f"out-{mode}.{fmt}"
            target.write_bytes(b"OLD")
            with open(target, mode) as out:
                out.write(b"HEAD")
                out.flush()
                r = _raw_run(["--db", db, *args, "-o", "/dev/stdout"], stdout=out)
                out.write(b"TAIL")  # the shell's next output, through the same descriptor
            assert r.returncode == 0, r.stderr.decode()
            data = target.read_bytes()
            before = b"HEAD" if mode == "wb" else b"OLDHEAD"
            assert data.startswith(before) and data.endswith(b"TAIL"), (fmt, mode, data[:12], data[-12:])
            body = data[len(before):-4]
            if fmt == "csv":
                assert "王一" in body.decode("utf-8")
                continue
            assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
            if fmt == "xlsx":
                rows = list(openpyxl.load_workbook(io.BytesIO(body)).active.values)
                assert any("王一" in row for row in rows)
            else:
                assert "人大主席团" in "".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def test_sigterm_mid_write_leaves_no_temporary_file(town, db, tmp_path):
    """SIGTERM (`timeout -s TERM`) delivered while the finished temporary file is being synced, before it is
    renamed into place: the run unwinds and removes it (an export with --show-id holds full ID numbers)."""
    import shutil

    if not shutil.which("strace"):
        pytest.skip("no strace")
    out = tmp_path / "名单.csv"
    term = ["strace", "-f", "-o", os.devnull, "-e", "trace=fsync", "-e", "inject=fsync:signal=SIGTERM:when=1"]
    r = run(["--db", db, "export", "deputies", "--show-id", "-o", out], wrap=term)
    assert r.returncode == 143, r.stderr
    assert "终止信号" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    assert not out.exists()


def test_a_stale_temporary_file_of_a_dead_run_is_removed_by_the_next_write_there(town, db, tmp_path):
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmp_path / f".名单.csv.{gone.pid}.tmp"  # a run killed (SIGKILL, power cut) while writing 名单.csv
    stale.write_text("王一,110101198003020028\n", encoding="utf-8")
    mine = tmp_path / f".名单.csv.{os.getpid()}.tmp"  # a live process's: left alone
    mine.write_text("", encoding="utf-8")
    town("export", "deputies", "-o", tmp_path / "其他.csv")
    assert not stale.exists() and mine.exists()


def test_sigterm_while_a_fifo_reader_lags_leaves_no_copy_of_the_output_anywhere(cli, db, tmp_path):
    """Issue 24 item 9's attack as it was run: `-o` a FIFO, `--show-id`, SIGTERM (`timeout -s TERM`) while the
    reader lags. The output went whole into a copy in $TMPDIR first, and the killed run left it there (35 KB of
    full ID numbers). Now it goes through the FIFO as it is written: at the signal no copy exists anywhere, the
    run unwinds and exits 143. No timing: the export is larger than the pipe holds, so the run is still writing
    when the signal is sent (it cannot finish until the reader reads on)."""
    import datetime
    import signal
    import subprocess
    import sys

    from stdnum.cn import ric

    from tests.helpers import ROOT, fictional_names

    rows, names = [], fictional_names(3000)
    for i in range(3000):
        seq = f"{(i % 400) * 2 + 1 + i % 2:03d}"  # the 17th digit's parity is the gender: odd 男, even 女
        born = (datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 400 * 367 + i % 400)).strftime("%Y%m%d")
        body = f"110101{born}{seq}"  # (stdnum's calc_check_digit ignores the last character it is given)
        rows.append(f"{names[i]},{'女' if i % 2 else '男'},镇,3,{body}{ric.calc_check_digit(body + '?')}\n")
    roster = tmp_path / "名册.csv"
    roster.write_text("name,gender,level,term,id_number\n" + "".join(rows), encoding="utf-8")
    cli("import", "deputies", roster)
    staging, folder = tmp_path / "staging", tmp_path / "out"
    staging.mkdir()
    folder.mkdir()
    fifo = folder / "名单.csv"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-m", "rdtool", "--db", str(db), "export", "deputies", "--show-id",
                             "-o", str(fifo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(staging)})
    try:
        with open(fifo, "rb", buffering=0) as reader:  # (opens when rdtool opens its end to write)
            first = reader.read(1)  # rdtool is writing; the rest does not fit the pipe until this end reads on
            assert list(staging.iterdir()) == [] and os.listdir(folder) == ["名单.csv"]
            proc.send_signal(signal.SIGTERM)
            rest = b"".join(iter(lambda: reader.read(65536), b""))  # what it writes as it unwinds, to its end
        _, err = proc.communicate(timeout=120)  # (a guard against a hang, not a timing)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143, err.decode("utf-8", "replace")
    assert "终止信号" in err.decode("utf-8") and b"Traceback" not in err
    cli("export", "deputies", "--show-id", "-o", tmp_path / "whole.csv")
    whole = (tmp_path / "whole.csv").stat().st_size
    assert whole > 2 * 65536 and len(first + rest) < whole  # more than a pipe holds; stopped part-way
    assert list(staging.iterdir()) == [] and os.listdir(folder) == ["名单.csv"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
