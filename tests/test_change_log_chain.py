"""The change log's command entries and its sealed chain (rdtool.store.changelog: seal, chain_break)."""

from __future__ import annotations

import json
import sqlite3

from rdtool.store import changelog
from tests.helpers import add_deputy


def _conn(path):
    return sqlite3.connect(path)


def test_each_run_is_one_command_with_its_entries(cli):
    add_deputy(cli, "王芳", gender="女")
    cli("deputy", "edit", "王芳", "--workplace", "三川村村委会")
    conn = _conn(cli.db)
    commands = conn.execute("SELECT id, argv, first_log_id, last_log_id FROM commands ORDER BY id").fetchall()
    argvs = [json.loads(c[1]) for c in commands]
    assert argvs[-2][argvs[-2].index("deputy"):][:3] == ["deputy", "add", "王芳"]
    assert argvs[-1][argvs[-1].index("deputy"):][:3] == ["deputy", "edit", "王芳"]
    last = commands[-1][0]
    tables = [r[0] for r in conn.execute("SELECT table_name FROM change_log WHERE command_id = ?", (last,))]
    assert tables == ["deputies"]
    assert conn.execute("SELECT count(*) FROM change_log WHERE command_id IS NULL OR hash IS NULL").fetchone()[0] == 0
    assert changelog.chain_break(conn) is None


def test_private_options_are_masked_in_the_command_line(cli):
    add_deputy(cli, "李华", "--phone", "13812345678")
    argv = json.loads(_conn(cli.db).execute("SELECT argv FROM commands ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert "13812345678" not in argv and "138****5678" in argv


def test_a_deleted_entry_breaks_the_chain_there(cli):
    for name in ("甲一", "乙二", "丙三"):
        add_deputy(cli, name)
    conn = _conn(cli.db)
    ids = [r[0] for r in conn.execute("SELECT id FROM change_log ORDER BY id")]
    victim = ids[len(ids) // 2]
    conn.execute("DELETE FROM change_log WHERE id = ?", (victim,))
    conn.commit()
    broken = changelog.chain_break(conn)
    assert broken is not None and broken["entry"] == victim


def test_an_altered_entry_breaks_the_chain_there(cli):
    add_deputy(cli, "甲一")
    add_deputy(cli, "乙二")
    conn = _conn(cli.db)
    first = conn.execute("SELECT min(id) FROM change_log WHERE table_name = 'deputies'").fetchone()[0]
    conn.execute("UPDATE change_log SET after = replace(after, '甲一', '丁四') WHERE id = ?", (first,))
    conn.commit()
    assert changelog.chain_break(conn)["entry"] == first


def test_removing_the_newest_entries_is_seen(cli):
    add_deputy(cli, "甲一")
    add_deputy(cli, "乙二")
    conn = _conn(cli.db)
    newest = conn.execute("SELECT max(id) FROM change_log").fetchone()[0]
    conn.execute("DELETE FROM change_log WHERE id = ?", (newest,))
    conn.commit()
    assert changelog.chain_break(conn)["entry"] == newest


def test_writes_by_other_programs_are_sealed_by_the_next_rdtool_write(cli):
    add_deputy(cli, "甲一")
    conn = _conn(cli.db)
    conn.execute("UPDATE deputies SET workplace = '外部程序' WHERE name = '甲一'")
    conn.commit()
    assert changelog.unsealed(conn) == 1
    add_deputy(cli, "乙二")
    assert changelog.unsealed(conn) == 0
    assert changelog.chain_break(conn) is None
    outside = conn.execute("SELECT command_id, hash FROM change_log WHERE after LIKE '%外部程序%'").fetchone()
    assert outside[0] is None and outside[1]


def test_each_hash_is_the_documented_hash_of_its_entry(cli):
    """SQLite builds each entry's text and the seal hashes it in the UPDATE that sets its command: the stored hashes
    are entry_hash's (the definition databases sealed by earlier versions hold), entry after entry."""
    add_deputy(cli, "甲一")
    add_deputy(cli, "乙二")
    cli("deputy", "edit", "甲一", "--workplace", "甲村")
    conn = _conn(cli.db)
    conn.execute("UPDATE deputies SET workplace = NULL WHERE name = '甲一'")  # another program: no command
    conn.commit()
    cli("deputy", "edit", "乙二", "--workplace", "乙村")
    previous = "0" * 64
    rows = conn.execute("SELECT id, at, table_name, row_id, action, before, after, command_id, hash FROM change_log "
                        "ORDER BY id").fetchall()
    assert any(r[7] is None for r in rows) and any(r[5] is None for r in rows)
    for row in rows:
        previous = changelog.entry_hash(previous, row[:8])
        assert row[8] == previous
    assert changelog.chain_break(conn) is None
