"""Backups are never lost to failures: failed imports take none, automatic ones never push manual ones out, a
damaged database is never backed up as if sound, and what killed backups left behind is cleaned up."""

from __future__ import annotations

import sqlite3
import subprocess

from tests.helpers import add_deputy, snapshot, write_csv


def _folders(db):
    top = db.parent / f"{db.name}.backups"
    return top, top / "auto"


def _files(folder):
    return sorted(p.name for p in folder.glob("*.db")) if folder.is_dir() else []


def test_failed_imports_take_no_backup_and_prune_nothing(cli, db, tmp_path):
    manual, auto = _folders(db)
    add_deputy(cli, "林晓")
    cli("config", "backups_keep", "2")
    cli("db", "backup")
    kept = _files(manual)
    # 林晓 is already on the roster: the import is refused when it writes (after every row was validated)
    again = write_csv(tmp_path / "again.csv", "name,gender,level,term\n周敏,女,镇,3\n林晓,女,镇,3\n")
    before = snapshot(*(manual / n for n in kept))
    for _ in range(11):
        r = cli.fails("import", "deputies", again)
        assert "林晓" in r.stderr
    assert _files(auto) == [] and _files(manual) == kept
    assert snapshot(*(manual / n for n in kept)) == before
    # imports that write: their backups rotate among the automatic ones only
    for i in range(3):
        cli("import", "deputies", write_csv(tmp_path / f"n{i}.csv", f"name,gender,level,term\n新人{'甲乙丙'[i]},女,镇,3\n"))
    assert len(_files(auto)) == 2 and _files(manual) == kept
    # and manual backups are pruned only by manual ones
    for _ in range(3):
        cli("db", "backup")
    assert len(_files(manual)) == 2 and len(_files(auto)) == 2
    listed = cli.json("db", "backups")
    assert sorted(b["kind"] for b in listed) == ["auto", "auto", "manual", "manual"]


def _corrupt_a_table(db, table: str = "deputies") -> None:
    """Overwrite the table's root page with garbage (page 1, the schema, stays readable)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def test_a_damaged_database_is_not_backed_up_and_older_backups_stay(cli, db, tmp_path):
    manual, _ = _folders(db)
    for i in range(40):
        add_deputy(cli, f"代表{chr(0x4e00 + i)}")
    cli("config", "backups_keep", "2")
    for _ in range(2):
        cli("db", "backup")
    sound = _files(manual)
    _corrupt_a_table(db)
    before = snapshot(db, *(manual / n for n in sound))
    for _ in range(10):
        r = cli("db", "backup", expect=1)
        assert "已损坏" in r.stderr and "Traceback" not in r.output
        r = cli("db", "backup", tmp_path / "elsewhere.db", expect=1)
    assert _files(manual) == sound and not (tmp_path / "elsewhere.db").exists()
    assert snapshot(db, *(manual / n for n in sound)) == before
    assert not [p for p in manual.iterdir() if p.name.startswith(".")]


def test_leftovers_of_killed_backups_are_removed_at_the_next(cli, db, tmp_path):
    manual, auto = _folders(db)
    add_deputy(cli, "林晓")
    cli("import", "deputies", write_csv(tmp_path / "d.csv", "name,gender,level,term\n周敏,女,镇,3\n"))
    gone = subprocess.Popen(["true"])
    gone.wait()
    alive = subprocess.Popen(["sleep", "60"])
    try:
        dead_files = [manual / f".t-1-manual.db.{gone.pid}.tmp", manual / f".t-1-manual.db.{gone.pid}.tmp-journal",
                      auto / f".t-2-before-import.db.{gone.pid}.tmp", tmp_path / f".copy.db.{gone.pid}.tmp"]
        live_file = manual / f".t-3-manual.db.{alive.pid}.tmp"
        for p in [*dead_files, live_file]:
            p.write_bytes(b"half a backup")
        cli("db", "backup")
        cli("db", "backup", tmp_path / "copy.db")
        assert [p for p in dead_files if p.exists()] == []
        assert live_file.exists()  # a backup still running in another process is left alone
    finally:
        alive.kill()
        alive.wait()


def test_the_backups_folder_is_private_from_its_first_automatic_backup_at_any_umask(cli, db, tmp_path):
    import os
    import stat

    add_deputy(cli, "林晓")
    roster = write_csv(tmp_path / "d.csv", "name,gender,level,term\n周敏,女,镇,3\n")
    old = os.umask(0)
    try:
        cli("import", "deputies", roster)  # the first backup there is: automatic, before the import writes
    finally:
        os.umask(old)
    manual, auto = _folders(db)
    assert _files(auto) and not _files(manual)
    assert stat.S_IMODE(manual.stat().st_mode) == 0o700 and stat.S_IMODE(auto.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in auto.glob("*.db"))
