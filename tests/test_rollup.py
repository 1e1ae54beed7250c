"""The county roll-up of many township files: read by worker processes, in the order given, nothing left behind.

`report rollup` reads a large number of files in worker processes (rdtool.reports.rollup.PER_WORKER files each at
least); the tests lower that number so that a few files take the same path. Whatever reads them, the answer is the
one reading them one after another gives, and no township file, nor its folder, is changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from rdtool.reports import rollup
from tests.helpers import Cli, snapshot

YEAR = ("--year", "2019", "--format", "json", "--as-of", "2026-11-28")


def raw(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def township(sample: Cli, path: Path, town: str) -> Path:
    """A copy of the sample as another township's file, in WAL mode with nothing beside it (as rdtool leaves it)."""
    sample("db", "backup", path)
    raw(path, "PRAGMA journal_mode = WAL", f"UPDATE settings SET value = '\"{town}\"' WHERE key = 'town'")
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]
    return path


@pytest.fixture
def workers(monkeypatch):
    """Worker processes for as few as two files, two of them whatever the machine's cores, batches of two."""
    monkeypatch.setattr(rollup, "PER_WORKER", 1)
    monkeypatch.setattr(rollup, "BATCH", 2)
    monkeypatch.setattr(rollup, "_cores", lambda: 2)


def test_files_read_by_worker_processes_give_what_reading_them_here_gives(sample, tmp_path, monkeypatch):
    towns = tmp_path / "towns"
    towns.mkdir()
    files = [township(sample, towns / f"t{i}.db", f"第{i}镇") for i in range(7)]
    newer = township(sample, towns / "newer.db", "新版镇")
    raw(newer, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('rdtool', 'm999_x', 'x')")
    damaged = township(sample, towns / "damaged.db", "缺索引镇")
    raw(damaged, "DROP INDEX deputies_name")  # another program: the schema cookie moves, the open finds it
    uncookied = township(sample, towns / "old.db", "旧镇")
    raw(uncookied, "PRAGMA application_id = 0")  # as an older rdtool left it: checked by its fingerprint
    bad_value = township(sample, towns / "bad.db", "坏值镇")
    raw(bad_value, "UPDATE settings SET value = '{bad' WHERE key = 'county'")
    junk = towns / "junk.db"
    junk.write_text("not a database")
    link = towns / "link.db"
    link.symlink_to(files[2])
    copy = township(sample, towns / "copy.db", "第4镇")  # the same township's file twice
    given = [files[3], tmp_path / "没有.db", files[0], newer, link, uncookied, files[5], damaged, files[1], junk,
             copy, files[4], bad_value, files[2], files[6]]
    before = snapshot(*towns.iterdir())
    monkeypatch.setattr(rollup, "PER_WORKER", 10_000)  # read here, one after another
    here = Cli(sample.db)("report", "rollup", *given, *YEAR, expect=1)
    monkeypatch.setattr(rollup, "PER_WORKER", 1)
    monkeypatch.setattr(rollup, "BATCH", 2)
    monkeypatch.setattr(rollup, "_cores", lambda: 2)
    assert isinstance(rollup._pool(len(given)), ProcessPoolExecutor)
    pooled = Cli(sample.db)("report", "rollup", *given, *YEAR, expect=1)
    assert pooled.stdout == here.stdout and pooled.stderr == here.stderr
    data = json.loads(pooled.stdout)
    assert [t["town"] for t in data["townships"]] == ["第3镇", "第0镇", "第2镇", "旧镇", "第5镇", "第1镇", "第4镇",
                                                      "第6镇"]
    assert [e.split("：")[0] for e in data["errors"]] == [str(p) for p in (tmp_path / "没有.db", newer, damaged, junk,
                                                                          bad_value)]
    assert "更新版本" in data["errors"][1] and "结构不完整" in data["errors"][2] and "设置项 county" in data["errors"][4]
    assert data["warnings"][0].startswith(f"{files[4]} 与 {copy} 都是") and "第4镇的数据库" in data["warnings"][0]
    assert data["warnings"][1] == f"{files[2]} 与 {link} 是同一个文件，只计一次" and len(data["warnings"]) == 2
    assert data["total"]["presidium_meetings"] == 8 * data["townships"][0]["presidium_meetings"] > 0
    assert snapshot(*towns.iterdir()) == before  # not a byte changed, nothing left beside any file
    assert sorted(map(str, towns.iterdir())) == sorted(before)


@pytest.mark.parametrize("read_by", ["here", "workers"])
def test_a_read_only_rollup_leaves_nothing_beside_a_wal_file(sample, tmp_path, read_by, request):
    """SQLite makes a -wal and a -shm beside a WAL file for a read-only connection and cannot remove them itself:
    the roll-up removes the pair it made (the file left byte for byte), never a pair that was there before."""
    if read_by == "workers":
        request.getfixturevalue("workers")
    towns = tmp_path / "towns"
    towns.mkdir()
    files = [township(sample, towns / f"t{i}.db", f"第{i}镇") for i in range(3)]
    before = snapshot(*files)
    assert len(Cli(sample.db).json("report", "rollup", *files, "--year", "2019")["townships"]) == 3
    assert sorted(p.name for p in towns.iterdir()) == ["t0.db", "t1.db", "t2.db"]
    assert snapshot(*files) == before
    # another program has t1 open (its -wal and -shm are there): they stay, and so does what it wrote
    other = sqlite3.connect(files[1], isolation_level=None)
    try:
        other.execute("UPDATE settings SET value = '\"改名镇\"' WHERE key = 'town'")
        data = Cli(sample.db).json("report", "rollup", *files, "--year", "2019")
        assert [t["town"] for t in data["townships"]] == ["第0镇", "改名镇", "第2镇"]
        assert sorted(p.name for p in towns.iterdir()) == ["t0.db", "t1.db", "t1.db-shm", "t1.db-wal", "t2.db"]
        assert os.path.getsize(f"{files[1]}-wal") > 0
    finally:
        other.close()


def test_a_file_opened_read_only_without_a_wal_mode_is_left_alone(sample, tmp_path):
    """A file in rollback-journal mode: nothing is made beside it, nothing is opened for writing."""
    path = tmp_path / "t.db"
    sample("db", "backup", path)
    raw(path, "PRAGMA journal_mode = DELETE")
    before = snapshot(path)
    assert Cli(sample.db).json("report", "rollup", path, "--year", "2019")["townships"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("t.db")) == ["t.db"]
    assert snapshot(path) == before


def test_workers_started_as_windows_starts_them_give_the_same_rows(sample, tmp_path, workers, monkeypatch):
    """Windows cannot fork: its workers are spawned, fresh Pythons that import rdtool again and get each job
    pickled. The same roll-up read by spawned workers gives the same bytes as read here."""
    towns = tmp_path / "towns"
    towns.mkdir()
    files = [township(sample, towns / f"t{i}.db", f"第{i}镇") for i in range(4)]
    junk = towns / "junk.db"
    junk.write_text("not a database")
    before = snapshot(*towns.iterdir())
    monkeypatch.setattr(rollup, "PER_WORKER", 10_000)
    here = Cli(sample.db)("report", "rollup", *files, junk, *YEAR, expect=1)
    monkeypatch.setattr(rollup, "PER_WORKER", 1)
    monkeypatch.setattr(rollup, "START_METHOD", "spawn")
    pool = rollup._pool(len(files))
    assert pool._mp_context.get_start_method() == "spawn"
    pool.shutdown()
    spawned = Cli(sample.db)("report", "rollup", *files, junk, *YEAR, expect=1)
    assert spawned.stdout == here.stdout and spawned.stderr == here.stderr
    assert len(json.loads(spawned.stdout)["townships"]) == 4
    assert snapshot(*towns.iterdir()) == before
