"""History that cannot be switched off, and files that are not rdtool's.

Every open checks that the file is rdtool's and its schema whole (tables, columns, indexes, triggers); the
change-log triggers are rebuilt or writes refused; `restore` refuses an incomplete file; `db check` names what
is missing and where the log's sealed chain is broken. Only `init` creates or adopts a database; any other
command changes nothing in a file it refuses (not even the switch to WAL, header bytes 18-19).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.helpers import Cli, add_deputy, no_root_powers, run, snapshot

READ = ("deputy", "list")
WRITE = ("deputy", "add", "吴刚", "--gender", "男", "--level", "镇", "--term", "3")


def raw(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def one(db: Path, sql: str):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def log_count(db: Path) -> int:
    return one(db, "SELECT count(*) FROM change_log")


# ---- files that are not rdtool's ------------------------------------------------------------------------

def _foreign_files(tmp_path: Path) -> dict[str, Path]:
    import sqlite_utils

    empty = tmp_path / "empty.db"
    empty.touch()
    other = tmp_path / "other.db"  # another application's database, made with sqlite-utils
    sqlite_utils.Database(other)["customers"].insert({"id": 1, "name": "某公司"}, pk="id")
    migrated = tmp_path / "migrated.db"  # another application's, with its own sqlite-utils migrations
    db = sqlite_utils.Database(migrated)
    migrations = sqlite_utils.Migrations("shop")

    @migrations(name="m001")
    def m001(d):
        d["orders"].create({"id": int, "total": int}, pk="id")

    migrations.apply(db)
    db.close()
    blank = tmp_path / "blank.db"  # an SQLite file with no tables at all
    raw(blank, "PRAGMA user_version = 7", "CREATE TABLE t (x)", "DROP TABLE t")
    text = tmp_path / "notes.db"
    text.write_text("not a database\n" * 100)
    return {"empty": empty, "other": other, "migrated": migrated, "blank": blank, "text": text}


@pytest.mark.parametrize("kind", ["empty", "other", "migrated", "blank", "text"])
def test_a_file_that_is_not_rdtools_is_refused_and_left_byte_identical(tmp_path, kind):
    path = _foreign_files(tmp_path)[kind]
    before = snapshot(path)
    header = path.read_bytes()[18:20]
    for args in (READ, WRITE, ("db", "check"), ("db", "info"), ("db", "log"), ("db", "backup"),
                 ("report", "term"), ("config", "town", "某镇")):
        r = Cli(path)(*args, expect=1)
        assert r.stderr.startswith("错误：") and "内部错误" not in r.stderr, (args, r.stderr)
    assert snapshot(path) == before and path.read_bytes()[18:20] == header
    assert not Path(f"{path}-wal").exists() and not (tmp_path / f"{path.name}.backups").exists()


def test_init_adopts_an_empty_file_and_makes_it_private(tmp_path):
    path = tmp_path / "t.db"
    path.touch()
    os.chmod(path, 0o644)
    Cli(path)("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert Cli(path).json("config")[0]["value"] == "三川镇"


def test_init_does_not_adopt_another_programs_database(tmp_path):
    path = _foreign_files(tmp_path)["other"]
    before = snapshot(path)
    Cli(path)("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", expect=1)
    assert snapshot(path) == before


def test_a_wal_database_on_read_only_media_is_read_and_rolled_up(cli, db, tmp_path):
    """A CD or a read-only share: SQLite cannot make the -shm a WAL read needs, so the file is read immutable."""
    add_deputy(cli, "周敏")
    cd = tmp_path / "cd"
    cd.mkdir()
    src, dst = sqlite3.connect(db), sqlite3.connect(cd / "a.db")
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode = WAL")
    dst.close()
    assert not Path(f"{cd / 'a.db'}-wal").exists() and one(cd / "a.db", "PRAGMA journal_mode") == "wal"
    os.chmod(cd, 0o555)
    try:
        prefix = no_root_powers()
        before = snapshot(cd / "a.db")
        r = run(["report", "rollup", cd / "a.db", "--year", "2019", "--format", "csv"], wrap=prefix)
        assert r.returncode == 0 and "三川镇" in r.stdout, r
        r = run(["--db", cd / "a.db", *READ, "--format", "csv"], wrap=prefix)
        assert r.returncode == 0 and "周敏" in r.stdout, r
        r = run(["--db", cd / "a.db", *WRITE], wrap=prefix)
        assert r.returncode == 1 and "只读" in r.stderr, r
        assert snapshot(cd / "a.db") == before and sorted(os.listdir(cd)) == ["a.db"]
    finally:
        os.chmod(cd, 0o755)


def test_rollup_counts_the_same_file_or_township_once(sample, tmp_path):
    copy = tmp_path / "copy.db"
    sample("db", "backup", copy)
    os.chdir(sample.db.parent)
    r = Cli(sample.db)("report", "rollup", sample.db, sample.db, f"./{sample.db.name}", copy, "--year", "2019",
                       "--format", "json")
    import json

    data = json.loads(r.stdout)
    assert len(data["townships"]) == 1
    assert len(data["warnings"]) == 3 and "同一个文件" in data["warnings"][0] and "三川镇" in data["warnings"][2]
    single = json.loads(Cli(sample.db)("report", "rollup", sample.db, "--year", "2019", "--format", "json").stdout)
    assert data["total"] == single["total"]
    assert "只计一次" in r.stderr


def test_rollup_keeps_the_order_given_while_files_are_read_together(sample, tmp_path):
    """Files may be read by several processes at once (tests/test_rollup.py); rows, errors and warnings still come
    in the order given."""
    import json

    towns = []
    for i in range(6):
        path = tmp_path / f"t{i}.db"
        sample("db", "backup", path)
        Cli(path)("config", "town", f"第{i}镇")
        towns.append(path)
    link = tmp_path / "link.db"
    link.symlink_to(towns[2])
    missing = tmp_path / "没有.db"
    given = [towns[3], missing, towns[0], link, sample.db, towns[5], towns[1], towns[4], towns[2]]
    r = Cli(sample.db)("report", "rollup", *given, "--year", "2019", "--format", "json", expect=1)
    data = json.loads(r.stdout)
    assert [t["town"] for t in data["townships"]] == ["第3镇", "第0镇", "第2镇", "三川镇", "第5镇", "第1镇", "第4镇"]
    assert len(data["errors"]) == 1 and str(missing) in data["errors"][0]
    assert len(data["warnings"]) == 1 and data["warnings"][0].startswith(f"{towns[2]} 与 {link} 是同一个文件")
    one_by_one = [json.loads(Cli(sample.db)("report", "rollup", t, "--year", "2019", "--format", "json").stdout)
                  for t in (towns[0], sample.db)]
    assert data["townships"][1]["presidium_meetings"] == one_by_one[0]["townships"][0]["presidium_meetings"]
    assert data["total"]["presidium_meetings"] == 7 * one_by_one[1]["total"]["presidium_meetings"]


# ---- the schema is rdtool's and whole --------------------------------------------------------------------

DAMAGE = {
    "a table": ("DROP TABLE activity_participants", "DROP TABLE activities"),
    # (SQLite refuses to drop a column a view reads: the program dropping it drops rdtool's Chinese view first)
    "a column": ("DROP VIEW 代表活动", "DROP TRIGGER _rdlog_activities_insert", "DROP TRIGGER _rdlog_activities_update",
                 "DROP TRIGGER _rdlog_activities_delete", "ALTER TABLE activities DROP COLUMN organiser"),
    "an index": ("DROP INDEX deputies_name",),
    "the change log": ("DROP TABLE change_log",),
    "the commands table": ("DROP TABLE commands",),
    "an fts trigger": ("DROP TRIGGER proposals_fts_insert",),
}


@pytest.mark.parametrize("what", DAMAGE)
def test_an_incomplete_schema_is_refused_named_by_db_check_and_left_alone(cli, db, what):
    add_deputy(cli, "林晓")
    raw(db, *DAMAGE[what])
    before = snapshot(db)
    for args in (READ, WRITE, ("report", "term"), ("import", "deputies", db)):
        r = cli(*args, expect=1)
        assert "结构不完整" in r.stderr and "内部错误" not in r.stderr, (args, r.stderr)
    r = cli("db", "check", "--format", "json", expect=1)
    import json

    found = json.loads(r.stdout)
    assert any(f["check"] == "schema_incomplete" for f in found), found
    cli("db", "info")  # the maintenance commands still open it, to look
    assert snapshot(db)[str(db)][0] == before[str(db)][0]


def test_the_schema_cookie_spares_the_fingerprint_and_a_file_without_it_still_opens(cli, db):
    """An open reads SQLite's schema cookie against the one rdtool kept (application_id) before it hashes the
    schema; a file last written before the cookie was kept (application_id 0) is found whole by its fingerprint,
    read-only too, and the next writable open keeps the cookie; any change to the schema moves the cookie."""
    add_deputy(cli, "林晓")
    kept, cookie = one(db, "PRAGMA application_id"), one(db, "PRAGMA schema_version")
    assert kept == cookie
    raw(db, "PRAGMA application_id = 0")  # as an older rdtool left it
    assert "三川镇" in cli("report", "rollup", db, "--year", "2019", "--format", "csv").stdout
    assert one(db, "PRAGMA application_id") == 0  # (the roll-up opens read-only: nothing written)
    log = log_count(db)
    assert "林晓" in cli(*READ).stdout
    assert one(db, "PRAGMA application_id") == cookie and log_count(db) == log
    raw(db, "DROP INDEX deputies_name")  # another program: the cookie moves, the fingerprint finds it
    assert one(db, "PRAGMA schema_version") != cookie
    assert "结构不完整" in cli(*READ, expect=1).stderr


def test_missing_log_triggers_are_rebuilt_in_a_transaction_and_writes_logged(cli, db):
    add_deputy(cli, "林晓")
    raw(db, "DROP TRIGGER _rdlog_deputies_insert", "DROP TRIGGER _rdlog_terms_update")
    raw(db, "INSERT INTO deputies (name, gender, level, term) VALUES ('手工', 'male', 'township', 3)")  # unlogged
    r = cli("db", "check", "--format", "json", expect=1)
    assert "change_log_triggers" in r.stdout and "已重建" in r.stdout
    from rdtool.store import changelog

    conn = sqlite3.connect(db)
    assert all(n == 3 for n in changelog.installed(conn).values())
    conn.close()
    n = log_count(db)
    cli(*WRITE)
    assert log_count(db) == n + 1
    assert cli.json("db", "log", "--table", "deputies")[-1]["after"]["name"] == "吴刚"
    cli("db", "check")  # whole again


def test_a_stale_trigger_is_rebuilt(cli, db):
    """A trigger that no longer logs every column (a column added by another program) is replaced."""
    raw(db, "ALTER TABLE deputies ADD COLUMN nickname TEXT")
    cli(*WRITE)
    raw(db, "UPDATE deputies SET nickname = '小吴'")
    assert cli.json("db", "log", "--table", "deputies")[-1]["after"]["nickname"] == "小吴"


def test_a_read_only_file_without_triggers_is_read_but_never_written(cli, db, tmp_path):
    add_deputy(cli, "林晓")
    raw(db, "DROP TRIGGER _rdlog_deputies_insert")
    ro = tmp_path / "ro" / "t.db"
    ro.parent.mkdir()
    cli("db", "backup", ro)  # (opening the database rebuilt its triggers; the copy loses one again)
    raw(ro, "DROP TRIGGER _rdlog_deputies_insert")
    os.chmod(ro, 0o400)
    prefix = no_root_powers()
    before = snapshot(ro)
    r = run(["--db", ro, *READ, "--format", "csv"], wrap=prefix)
    assert r.returncode == 0 and "林晓" in r.stdout, r
    r = run(["--db", ro, *WRITE], wrap=prefix)
    assert r.returncode == 1 and "触发器" in r.stderr, r
    assert snapshot(ro) == before


@pytest.mark.parametrize("what", [*DAMAGE, "a log trigger"])
def test_restore_refuses_an_incomplete_backup(cli, db, tmp_path, what):
    add_deputy(cli, "林晓")
    backup = tmp_path / "b.db"
    cli("db", "backup", backup)
    raw(backup, *(DAMAGE[what] if what in DAMAGE else ("DROP TRIGGER _rdlog_deputies_delete",)))
    add_deputy(cli, "周敏")
    before = snapshot(db, backup)
    r = cli.fails("db", "restore", backup, "--yes")
    assert "不完整" in r.stderr
    assert snapshot(db, backup) == before
    fresh = tmp_path / "fresh.db"
    Cli(fresh)("db", "restore", backup, expect=1)
    assert not fresh.exists() or fresh.stat().st_size == 0


# ---- the tamper-evident log ------------------------------------------------------------------------------

def test_db_check_names_the_first_deleted_or_altered_entry(cli, db):
    for name in ("林晓", "周敏", "吴刚", "郑芳"):
        add_deputy(cli, name)
    cli("db", "check")
    raw(db, "DELETE FROM change_log WHERE id = 5")
    r = cli("db", "check", "--format", "json", expect=1)
    import json

    broken = [f for f in json.loads(r.stdout) if f["check"] == "change_log_chain"]
    assert len(broken) == 1 and broken[0]["record"] == "5" and "#5" in broken[0]["message"]
    assert "change_log_chain" in cli("db", "check", expect=1).stdout


def test_entries_other_programs_wrote_are_a_note_until_sealed(cli, db):
    add_deputy(cli, "林晓")
    raw(db, "UPDATE deputies SET notes = '手工' WHERE id = 1")
    import json

    found = json.loads(cli("db", "check", "--format", "json").stdout)
    notes = [f for f in found if f["check"] == "change_log_unsealed"]
    assert len(notes) == 1 and notes[0]["severity"] == "note" and "1 条" in notes[0]["message"]
    cli("db", "check", "--strict", expect=0 if all(f["severity"] == "note" for f in found) else 1)
    add_deputy(cli, "周敏")  # the next rdtool write seals it
    assert not [f for f in json.loads(cli("db", "check", "--format", "json").stdout)
                if f["check"].startswith("change_log")]


# ---- a migration killed at every fsync -------------------------------------------------------------------

def _old_database(path: Path, monkeypatch) -> None:
    """A database as the previous release left it (without the newest migration), with some history."""
    from rdtool.store import migrations as schema

    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:-1])
        old = Cli(path)
        old("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
        # history written by commands whose tables the newest migration leaves alone (this version's deputy add
        # writes deputies.person_id, which a database without m2301 does not have)
        old("term", "add", "4", "--start", "2022-01-05")
        old("config", "county", "示例县")
    import gc

    gc.collect()
    raw(path, "PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.slow  # fsync
def test_a_migration_killed_at_any_fsync_leaves_the_triggers_and_the_history(tmp_path, monkeypatch):
    if not shutil.which("strace"):
        pytest.skip("no strace")
    from rdtool.store import changelog
    from rdtool.store.migrations import MIGRATIONS

    seed = tmp_path / "seed.db"
    _old_database(seed, monkeypatch)
    history = log_count(seed)
    old_triggers = one(seed, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_rdlog\\_%' "
                             "ESCAPE '\\'")
    def kill_at(call: str, k: int):
        work = tmp_path / f"{call}{k}"
        work.mkdir()
        shutil.copy(seed, work / "t.db")
        return work / "t.db", run(["--db", work / "t.db", *READ],
                                  wrap=["strace", "-f", "-o", os.devnull, "-e", f"trace={call}",
                                        "-e", f"inject={call}:signal=SIGKILL:when={k}"])

    from concurrent.futures import ThreadPoolExecutor

    # how many of each sync call a whole migration makes (backup first, then the one migration transaction)
    counted = run(["--db", shutil.copy(seed, tmp_path / "count.db"), *READ],
                  wrap=["strace", "-f", "-c", "-o", tmp_path / "count.txt", "-e", "trace=fsync,fdatasync"])
    assert counted.returncode == 0, counted
    calls = {line.split()[-1]: int(line.split()[3])  # % time, seconds, usecs/call, calls, [errors,] syscall
             for line in (tmp_path / "count.txt").read_text().splitlines()
             if line.strip().endswith(("fsync", "fdatasync")) and line.split()[0][0].isdigit()}
    points = [(call, k) for call, n in calls.items() for k in range(1, n + 1)]
    assert len(points) >= 3, calls
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda p: kill_at(*p), points))
    for (call, k), (db, r) in zip(points, results):
        assert r.returncode in (-9, 137), (call, k, r)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            applied = [n for (n,) in conn.execute("SELECT name FROM _sqlite_migrations")]
            assert len(applied) in (len(MIGRATIONS) - 1, len(MIGRATIONS)), (call, k, applied)
            have = changelog.installed(conn)
            if len(applied) < len(MIGRATIONS):
                assert sum(have.values()) == old_triggers, (call, k)
            assert all(n == 3 for n in have.values()) and len(have) == len(changelog.logged_tables(conn))
            assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == history
        finally:
            conn.close()
        after = Cli(db)
        add_deputy(after, "吴刚")  # finishes the migration if it did not happen; the write is logged
        assert log_count(db) == history + 1
        assert after.json("db", "log", "--table", "deputies")[-1]["after"]["name"] == "吴刚"
        after("db", "check")


def test_undo_of_a_command_written_before_a_schema_upgrade_says_why_it_cannot(tmp_path, monkeypatch):
    """A meeting added, then an upgrade that adds a column to meetings (as m1301_figures and m2351 did): the
    logged state has the old shape. Undo says the upgrade is why, not "changed by another program"."""
    from rdtool.store import migrations as schema

    path = tmp_path / "t.db"
    old = Cli(path)
    old("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    old("meeting", "add", "--kind", "主席团", "--date", "2019-01-10")

    def later_release(db) -> None:  # the next release's migration: one more column on meetings
        db.execute("ALTER TABLE meetings ADD COLUMN later TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ("m9999_later_release", later_release)])
    cli = Cli(path)
    cli("db", "info")  # the upgrade
    r = cli.fails("undo", "--yes")
    assert "数据库结构已随 rdtool 升级而改变" in r.stderr and "其他程序" not in r.stderr
    assert "会议 P3-01" in r.stderr
    assert "数据库结构已随 rdtool 升级而改变" in cli.json("undo", "--dry-run")["conflict"]
