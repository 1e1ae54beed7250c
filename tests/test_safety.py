"""Data safety: the change log (written by triggers), void, the rare delete, backups, restore, db check."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


from tests.helpers import Cli, add_deputy, dump, write_csv

VALID_ID = "110101199003070011"  # fictional, passes the GB 11643 check digit


def log(cli, *args):
    return cli.json("db", "log", "--limit", "0", *args)


def raw(db: Path, sql: str, params=()):
    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# ---- change log ----------------------------------------------------------------------------------------

def test_every_table_has_log_triggers(db):
    from rdtool.store import changelog

    conn = sqlite3.connect(db)
    tables = changelog.logged_tables(conn)
    have = changelog.installed(conn)
    conn.close()
    assert {"settings", "terms", "deputies", "attendance", "items", "proposals"} <= set(tables)
    assert "change_log" not in tables and "_sqlite_migrations" not in tables
    assert all(have.get(t) == 3 for t in tables), have


def test_insert_update_noop_and_void_are_logged(cli):
    add_deputy(cli, "林晓", "--phone", "13812345678")
    cli("deputy", "edit", "林晓", "--workplace", "镇卫生院")
    cli("deputy", "edit", "林晓", "--workplace", "镇卫生院")  # no change: no entry
    cli("db", "void", "deputies", "1", "--reason", "重复录入")
    entries = log(cli, "--table", "deputies", "--record", "1")
    assert [e["action"] for e in entries] == ["insert", "update", "void"]
    assert entries[1]["before"]["workplace"] is None and entries[1]["after"]["workplace"] == "镇卫生院"
    assert entries[2]["after"]["void_reason"] == "重复录入"
    assert "workplace" in entries[1]["changes"]


def test_writes_outside_rdtool_are_logged_too(cli, db):
    add_deputy(cli, "周敏")
    raw(db, "UPDATE deputies SET notes = 'by hand' WHERE id = 1")
    raw(db, "INSERT INTO attendance (meeting_id, deputy_id, status) SELECT m.id, 1, 'present' FROM "
            "(SELECT 1 AS id) m WHERE 0")  # nothing inserted, nothing logged
    assert [e["action"] for e in log(cli, "--table", "deputies")] == ["insert", "update"]


def test_composite_keys_and_deletes_are_logged(cli, db):
    add_deputy(cli, "周敏")
    raw(db, "INSERT INTO meetings (code, kind, date) VALUES ('P1', 'presidium', '2018-01-01')")
    raw(db, "INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (1, 1, 'present')")
    raw(db, "DELETE FROM attendance")
    entries = log(cli, "--table", "attendance")
    assert [(e["record"], e["action"]) for e in entries] == [("1/1", "insert"), ("1/1", "delete")]
    assert entries[1]["before"]["status"] == "present"


def test_tables_added_by_later_migrations_get_triggers(cli, db, monkeypatch):
    from rdtool.store import migrations as schema

    def m9_extra(conn):
        conn.execute("CREATE TABLE extra_things (id INTEGER PRIMARY KEY, label TEXT, phone TEXT)")
        conn.execute("ALTER TABLE deputies ADD COLUMN nickname TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ("m999_test_extra", m9_extra)])
    add_deputy(cli, "周敏")  # opening applies the migration (after an automatic backup)
    raw(db, "INSERT INTO extra_things (label, phone) VALUES ('x', '13900001111')")
    raw(db, "UPDATE deputies SET nickname = '小周'")
    assert log(cli, "--table", "extra_things")[0]["after"]["phone"] == "139****1111"
    assert log(cli, "--table", "deputies")[-1]["after"]["nickname"] == "小周"
    backups = list((db.parent / f"{db.name}.backups" / "auto").glob("*before-migration*.db"))
    assert len(backups) == 1 and os.stat(backups[0]).st_mode & 0o777 == 0o600


def test_log_filters(cli):
    add_deputy(cli, "林晓")
    add_deputy(cli, "周敏")
    assert {e["record"] for e in log(cli, "--table", "deputies")} == {"1", "2"}
    assert [e["record"] for e in log(cli, "--table", "deputies", "--record", "2")] == ["2"]
    assert log(cli, "--since", "2999-01-01") == []
    assert len(log(cli, "--since", "1h")) == len(log(cli))
    assert len(cli.json("db", "log", "--limit", "2")) == 2
    cli.fails("db", "log", "--table", "nosuch")
    cli.fails("db", "log", "--since", "昨天下午")
    text = cli("db", "log").stdout
    assert "新增" in text and "林晓" in text


def test_log_masks_private_values_unless_asked(cli):
    add_deputy(cli, "林晓", "--phone", "13812345678", "--id-number", VALID_ID, "--gender", "男")
    for fmt in ("table", "csv", "json", "jsonl", "md"):
        out = cli("db", "log", "--format", fmt).stdout
        assert "13812345678" not in out and VALID_ID not in out, fmt
        assert "138****5678" in out
    shown = cli("db", "log", "--show-id", "--format", "json").stdout
    assert "13812345678" in shown and VALID_ID in shown


# ---- void and delete -------------------------------------------------------------------------------------

def test_void_keeps_the_record_but_it_leaves_lists(cli, db):
    add_deputy(cli, "林晓")
    add_deputy(cli, "周敏")
    cli("db", "void", "deputies", "2", "--reason", "录入错误")
    assert [d["name"] for d in cli.json("deputy", "list")] == ["林晓"]
    assert raw(db, "SELECT name, void_reason FROM deputies WHERE id = 2") == [("周敏", "录入错误")]
    cli.fails("db", "void", "deputies", "2", "--reason", "再次")
    cli.fails("db", "void", "deputies", "1", "--reason", "  ")
    cli.fails("db", "void", "deputies", "99", "--reason", "x")
    cli.fails("db", "void", "nosuch", "1", "--reason", "x", code=2)
    cli.fails("db", "void", "attendance", "1", "--reason", "x", code=2)


def test_delete_needs_yes_in_scripts_and_only_recent_records(cli, db):
    add_deputy(cli, "林晓", "--presidium-role", "主席")
    add_deputy(cli, "周敏")
    cli.fails("db", "delete", "deputies", "2", code=2)  # no terminal, no --yes
    cli("db", "delete", "deputies", "2", "--yes")
    assert [d["name"] for d in cli.json("deputy", "list")] == ["林晓"]
    assert log(cli, "--table", "deputies", "--record", "2")[-1]["action"] == "delete"
    # a deputy entered with a presidium role: the membership entered with it goes too
    cli("db", "delete", "deputies", "1", "--yes")
    assert raw(db, "SELECT count(*) FROM presidium_members") == [(0,)]
    add_deputy(cli, "吴刚")
    raw(db, "UPDATE change_log SET at = '2000-01-01T00:00:00.000Z'")
    r = cli.fails("db", "delete", "deputies", "1", "--yes")
    assert "作废" in r.stderr


# ---- backups and restore ---------------------------------------------------------------------------------

def test_backup_is_private_and_pruned(cli, db, tmp_path):
    add_deputy(cli, "林晓")
    out = tmp_path / "copy.db"
    cli("db", "backup", out)
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert raw(out, "SELECT name FROM deputies") == [("林晓",)]
    assert raw(out, "PRAGMA journal_mode") == [("delete",)]
    cli("config", "backups_keep", "2")
    for _ in range(4):
        cli("db", "backup")
    folder = db.parent / f"{db.name}.backups"
    assert len(list(folder.glob("*.db"))) == 2
    assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in folder.glob("*.db"))
    assert len(cli.json("db", "backups")) == 2
    cli.fails("db", "backup", tmp_path / "nosuchdir" / "x.db", code=2)


def test_import_backs_up_first(cli, db, tmp_path):
    add_deputy(cli, "林晓")
    f = write_csv(tmp_path / "d.csv", "name,gender,level,term\n周敏,女,镇,3\n")
    cli("import", "deputies", f)
    backups = list((db.parent / f"{db.name}.backups" / "auto").glob("*before-import*.db"))
    assert len(backups) == 1
    assert raw(backups[0], "SELECT count(*) FROM deputies") == [(1,)]


def test_restore_checks_backs_up_and_asks(cli, db, tmp_path):
    add_deputy(cli, "林晓")
    good = tmp_path / "good.db"
    cli("db", "backup", good)
    add_deputy(cli, "周敏")
    cli.fails("db", "restore", good, code=2)  # needs --yes outside a terminal
    bad = tmp_path / "bad.db"
    bad.write_bytes(good.read_bytes()[:8192] + b"\x00garbage" * 500)
    cli.fails("db", "restore", bad, "--yes")
    cli.fails("db", "restore", tmp_path / "missing.db", "--yes", code=2)
    notdb = write_csv(tmp_path / "x.db", "hello")
    cli.fails("db", "restore", notdb, "--yes")
    newer = tmp_path / "newer.db"
    cli("db", "backup", newer)
    raw(newer, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('rdtool', 'm999_x', 'x')")
    cli.fails("db", "restore", newer, "--yes")
    r = cli("db", "restore", good, "--yes")
    assert "恢复前" in r.stdout
    assert [d["name"] for d in cli.json("deputy", "list")] == ["林晓"]
    before = list((db.parent / f"{db.name}.backups" / "auto").glob("*before-restore*.db"))
    assert raw(before[0], "SELECT count(*) FROM deputies") == [(2,)]
    cli("db", "check")
    add_deputy(cli, "吴刚")  # the restored database is writable and still logs
    assert log(cli, "--table", "deputies")[-1]["after"]["name"] == "吴刚"


def test_restore_into_a_new_file(tmp_path, cli):
    add_deputy(cli, "林晓")
    copy = tmp_path / "b.db"
    cli("db", "backup", copy)
    fresh = Cli(tmp_path / "new.db")
    fresh("db", "restore", copy)
    assert [d["name"] for d in fresh.json("deputy", "list")] == ["林晓"]
    assert os.stat(tmp_path / "new.db").st_mode & 0o777 == 0o600


# ---- db check ----------------------------------------------------------------------------------------------

def test_check_passes_on_a_sound_database(cli):
    assert cli.json("db", "check") == []
    assert "完好" in cli("db", "check").stderr + cli("db", "check").stdout
    add_deputy(cli, "林晓")
    findings = cli.json("db", "check")  # composition warnings only: exit 0
    assert all(f["severity"] == "warning" for f in findings)


def test_check_fails_on_broken_foreign_keys_and_missing_triggers(cli, db):
    add_deputy(cli, "林晓")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO presidium_members (deputy_id, role) VALUES (999, 'member')")
    conn.commit()
    conn.close()
    r = cli("db", "check", expect=1)
    assert "presidium_members" in r.stdout
    raw(db, "DELETE FROM presidium_members WHERE deputy_id = 999")
    raw(db, "DROP TRIGGER _rdlog_deputies_update")
    findings = cli("db", "check", "--format", "json", expect=1)
    assert "change_log_triggers" in findings.stdout


def test_check_domain_findings(cli):
    # a warning: the party-member share target (60%) is missed by a roster of one non-member
    add_deputy(cli, "林晓", "--party", "群众")
    cli("db", "check", "--as-of", "2019-06-01")
    assert "党员比例" in cli("db", "check", "--as-of", "2019-06-01", "--strict", expect=1).stdout
    # a fact, not an error: a presidium meeting correctly recorded with 3 of 9 members present had no quorum
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-01-10", "--present", "3", "--entitled", "9")
    out = cli("db", "check", "--as-of", "2019-06-01").stdout
    assert "P3-01" in out and "法定人数" in out and "说明" in out
    found = {f["check"]: f for f in cli.json("db", "check", "--as-of", "2019-06-01")}
    assert found["meeting_no_quorum"]["severity"] == "note"
    cli("db", "check", "--as-of", "2019-06-01", "--strict", expect=1)
    # an error: a stored result that the rules no longer give (written by another program)
    cli("vote", "add", "P3-01", "关于甲的决定", "--kind", "重大事项")
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE items SET result = 'passed'")
    conn.commit()
    out = cli("db", "check", "--as-of", "2019-06-01", expect=1).stdout
    assert "vote_result_mismatch" in out and "P3-01#1" in out


def test_check_on_a_corrupted_file(cli, db, tmp_path):
    add_deputy(cli, "林晓")
    for i in range(30):
        add_deputy(cli, f"代表{chr(0x4e00 + i)}")
    clean_copy = tmp_path / "clean.db"
    cli("db", "backup", clean_copy)  # one self-contained file (no -wal)
    data = bytearray(clean_copy.read_bytes())
    for off in range(4096 * 2, len(data), 4096 * 3):  # scribble over page headers and cell pointers
        data[off: off + 64] = b"\xa5" * 64
    broken = tmp_path / "broken.db"
    broken.write_bytes(bytes(data))
    os.chmod(broken, 0o600)
    r = Cli(broken)("db", "check", expect=1)
    assert "Traceback" not in r.output


def test_delete_and_restore_ask_on_a_terminal(cli, db, tmp_path, monkeypatch):
    import rdtool.cli.common as admin

    monkeypatch.setattr(admin, "interactive", lambda: True)
    add_deputy(cli, "林晓", "--phone", "13812345678")
    before = dump(db)
    r = cli("db", "delete", "deputies", "1", input="n\n", expect=1)
    assert "已取消" in r.stderr and dump(db) == before
    assert "138****5678" in r.output and "13812345678" not in r.output  # the question masks too
    copy = tmp_path / "b.db"
    cli("db", "backup", copy)
    cli("db", "restore", copy, input="n\n", expect=1)
    assert dump(db) == before
    cli("db", "delete", "deputies", "1", input="y\n")
    assert cli.json("deputy", "list") == []


def test_after_a_command_the_database_file_alone_holds_every_change(cli, db, tmp_path):
    """With another program holding the file open (Datasette, a script) SQLite does not checkpoint on close: a
    copy of the .db alone, taken after the command ended, silently lacked the change. rdtool checkpoints it."""
    import shutil

    from tests.helpers import run

    keeper = sqlite3.connect(db)
    try:
        keeper.execute("SELECT count(*) FROM deputies").fetchall()
        r = run(["--db", db, "deputy", "add", "林晓", "--gender", "女", "--level", "镇", "--term", "3"])
        assert r.returncode == 0, r.stderr
        assert Path(f"{db}-wal").exists()  # (the other program's connection keeps it)
        copy = tmp_path / "copy.db"
        shutil.copyfile(db, copy)  # what a file manager copies: the .db file, not its -wal
    finally:
        keeper.close()
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT name FROM deputies").fetchall() == [("林晓",)]
    finally:
        conn.close()


def test_the_readme_says_to_copy_the_database_with_db_backup_never_a_file_manager_mid_command():
    """Issue 24 item 11: copies taken with a file manager while rdtool ran were stale or torn, and the README never
    said how to copy. It says so in both languages (and the test above makes its "complete after a command" true)."""
    from tests.helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    english = readme[readme.index("**Copying the database**"):][:900]
    chinese = readme[readme.index("**复制数据库**"):][:500]
    for section, words in ((english, ("`rdtool db backup", "file manager", "`-wal`", "no command is running")),
                           (chinese, ("`rdtool db backup", "文件管理器", "-wal", "没有命令在运行时"))):
        assert all(w in section for w in words), (words, section)
