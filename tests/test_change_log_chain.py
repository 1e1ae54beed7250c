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


def test_a_command_whose_seal_was_altered_is_named(cli):
    add_deputy(cli, "甲一")
    add_deputy(cli, "乙二")
    conn = _conn(cli.db)
    command, last = conn.execute("SELECT id, last_log_id FROM commands ORDER BY id DESC LIMIT 1 OFFSET 1").fetchone()
    conn.execute("UPDATE commands SET last_hash = 'x' WHERE id = ?", (command,))
    conn.commit()
    assert changelog.chain_break(conn) == {"entry": last, "command": command,
                                           "problem": f"命令 #{command} 的封存值与修改记录不符"}


def test_the_first_break_in_the_log_is_the_one_named(cli):
    """An altered entry, a gap and a wrong seal in one log: whichever comes first in the log is named (the check
    compares the seals before it walks the entries, and finds gaps as it walks)."""
    for name in ("甲一", "乙二", "丙三", "丁四"):
        add_deputy(cli, name)
    conn = _conn(cli.db)
    commands = conn.execute("SELECT id, first_log_id, last_log_id FROM commands ORDER BY id").fetchall()
    late_command, _, late_last = commands[-1]
    conn.execute("UPDATE commands SET last_hash = 'x' WHERE id = ?", (late_command,))
    conn.commit()
    assert changelog.chain_break(conn)["entry"] == late_last
    gap = commands[-2][1]
    conn.execute("DELETE FROM change_log WHERE id = ?", (gap,))
    conn.commit()
    assert changelog.chain_break(conn) == {"entry": gap, "command": None,
                                           "problem": f"修改记录 #{gap} 至 #{gap} 已被删除"}
    altered = commands[-3][1]
    conn.execute("UPDATE change_log SET at = '2000-01-01' WHERE id = ?", (altered,))
    conn.commit()
    assert changelog.chain_break(conn)["entry"] == altered
    # a seal that differs on an entry that was itself altered: the entry is named first
    conn.execute("UPDATE commands SET last_hash = 'y' WHERE id = ?", (commands[-3][0],))
    conn.execute("UPDATE change_log SET at = '2000-01-01' WHERE id = ?", (commands[-3][2],))
    conn.commit()
    assert changelog.chain_break(conn)["problem"] == f"修改记录 #{altered} 的内容与封存时不同（已被改动）"


def test_the_oldest_entries_deleted_break_the_chain_at_the_first_left(cli):
    add_deputy(cli, "甲一")
    add_deputy(cli, "乙二")
    conn = _conn(cli.db)
    conn.execute("DELETE FROM change_log WHERE id <= 2")
    conn.commit()
    assert changelog.chain_break(conn)["entry"] == 3


def test_values_other_programs_stored_with_other_types_are_hashed_as_the_seal_hashed_them(cli):
    """The check reads each field as bytes and joins them in Python; the seal had SQLite join the fields as text:
    blobs and numbers in the log give the same bytes either way."""
    add_deputy(cli, "甲一")
    conn = _conn(cli.db)
    conn.execute("INSERT INTO change_log (table_name, row_id, action, before, after, command_id) "
                 "VALUES ('deputies', 7, 'update', CAST('{\"name\": \"张三\"}' AS BLOB), NULL, NULL)")
    conn.execute("INSERT INTO change_log (table_name, row_id, action, before, after) "
                 "VALUES (CAST('deputies' AS BLOB), x'e4b8ad', 'update', '', '{}')")
    conn.commit()
    add_deputy(cli, "乙二")  # seals them
    assert changelog.unsealed(conn) == 0
    assert conn.execute("SELECT count(*) FROM change_log WHERE typeof(before) = 'blob' OR typeof(table_name) = 'blob' "
                        "OR typeof(row_id) = 'blob'").fetchone()[0] == 2
    assert changelog.chain_break(conn) is None
    conn.execute("UPDATE change_log SET before = CAST('{\"name\": \"李四\"}' AS BLOB) WHERE typeof(before) = 'blob'")
    conn.commit()
    assert "已被改动" in changelog.chain_break(conn)["problem"]


def test_an_entry_whose_text_is_not_utf8_is_sealed_and_verified_as_its_bytes(cli):
    """Another program stored bytes that are not UTF-8 as text: the log's entry holds them; the next rdtool write
    seals it (SQLite hands the seal the bytes; it no longer has to decode them) and the check verifies it."""
    add_deputy(cli, "甲一")
    conn = _conn(cli.db)
    conn.execute("UPDATE deputies SET workplace = CAST(x'e4b8ff41' AS TEXT) WHERE name = '甲一'")
    conn.commit()
    add_deputy(cli, "乙二")
    assert changelog.unsealed(conn) == 0 and changelog.chain_break(conn) is None
    entry = conn.execute("SELECT max(id) FROM change_log WHERE table_name = 'deputies' AND action = 'update'").fetchone()[0]
    conn.execute("UPDATE change_log SET at = '2000-01-01' WHERE id = ?", (entry,))
    conn.commit()
    assert changelog.chain_break(conn)["entry"] == entry
