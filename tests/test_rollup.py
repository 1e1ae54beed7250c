"""The county roll-up of many township files: nothing left behind, no township file nor its folder changed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tests.helpers import Cli, snapshot


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


def test_a_read_only_rollup_leaves_nothing_beside_a_wal_file(sample, tmp_path):
    """SQLite makes a -wal and a -shm beside a WAL file for a read-only connection and cannot remove them itself:
    the roll-up removes the pair it made (the file left byte for byte), never a pair that was there before."""
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
