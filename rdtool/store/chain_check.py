"""Verifying the change log's sealed chain (`db check`): rdtool.store.changelog.chain_break.

The chain is SHA-256 over each entry's text (changelog._entry_text, built by SQLite) after the previous hash; SQLite
has no SHA-256, so every entry passes through Python's hashlib — a county file's 373,000 entries, 94 MB of text.
What the check costs beyond the hashing itself is kept small:

- each entry's fields come from SQLite as bytes (`CAST(… AS BLOB)`) and are joined in Python: the same UTF-8 bytes
  the seal hashed, without SQLite concatenating them first or 94 MB being decoded into Python strings to be
  encoded again;
- the loop does little but hash and compare: the commands' own seals are compared with their last entry's stored
  hash in one query before it, rather than each entry looked up among the commands' ends.

The answer is the definition's: the first entry whose hash differs, the first gap, or the first command whose seal is
not its last entry's hash, whichever comes first in the log (tests/test_change_log_chain.py).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from rdtool.store.changelog import _GENESIS, CHANGE_LOG, has_commands


# The fields changelog._entry_text joins, in its order: each comes as its text's bytes (CAST AS BLOB converts a value
# to text as `||` does), NULL as \x00, and Python joins them with \x1f — the bytes of the text the seal hashed,
# without SQLite concatenating 94 MB first (a third of the time).
_FIELDS = ("id", "at", "table_name", "row_id", "action", "before", "after", "command_id")


def chain_break(conn: sqlite3.Connection) -> dict | None:
    """The first place where the sealed log no longer matches its chain (None when it is whole).

    Returns {'entry': id or None, 'command': id or None, 'problem': Chinese text}.
    """
    if not has_commands(conn):
        return None
    ends = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT last_log_id, id, last_hash FROM commands")}
    sealed_to = conn.execute("SELECT coalesce(max(last_log_id), 0) FROM commands").fetchone()[0]
    found = _walk(conn, sealed_to, ends)
    if found is not None:
        return found
    for command_id, last in conn.execute("SELECT id, last_log_id FROM commands ORDER BY id"):
        if conn.execute(f"SELECT 1 FROM {CHANGE_LOG} WHERE id = ?", (last,)).fetchone() is None:
            return {"entry": last, "command": command_id, "problem": f"修改记录 #{last} 已被删除"}
    return None


def _walk(conn: sqlite3.Connection, sealed_to: int, ends: dict) -> dict | None:
    """The first deleted, altered or wrongly sealed place in the entries up to `sealed_to`, walking them in order."""
    # The first command whose seal differs from its last entry's stored hash: up to that entry every computed hash
    # equals the stored one (else the walk stops first), so this is the comparison with the computed hash.
    stored = dict(conn.execute(f"SELECT id, hash FROM {CHANGE_LOG} WHERE id IN (SELECT value FROM json_each(?))",
                               (json.dumps([e for e in ends if type(e) is int]),)))
    wrong_seal = min((e for e, (_, last_hash) in ends.items() if e in stored and stored[e] != last_hash),
                     default=None)
    upto = sealed_to if wrong_seal is None else wrong_seal  # (that entry's own hash is compared first)
    previous, sha, join = _GENESIS, hashlib.sha256, b"\x1f".join
    expected = conn.execute(f"SELECT min(id) FROM {CHANGE_LOG} WHERE id <= ?", (upto,)).fetchone()[0]
    fields = ", ".join(f"CAST(coalesce({c}, char(0)) AS BLOB)" for c in _FIELDS[1:])
    for stored_hash, entry_id, entry_text, at, table, row, action, before, after, command in conn.execute(
            f"SELECT hash, id, CAST(id AS BLOB), {fields} FROM {CHANGE_LOG} WHERE id <= ? ORDER BY id", (upto,)):
        if entry_id != expected:
            return {"entry": expected, "command": None, "problem": f"修改记录 #{expected} 至 #{entry_id - 1} 已被删除"}
        previous = sha(join((previous.encode(), entry_text, at, table, row, action, before, after, command))).hexdigest()
        if stored_hash != previous:
            command_id = conn.execute(f"SELECT command_id FROM {CHANGE_LOG} WHERE id = ?", (entry_id,)).fetchone()[0]
            return {"entry": entry_id, "command": command_id,
                    "problem": f"修改记录 #{entry_id} 的内容与封存时不同（已被改动）"}
        expected += 1
    if wrong_seal is not None:
        command_id = ends[wrong_seal][0]
        return {"entry": wrong_seal, "command": command_id, "problem": f"命令 #{command_id} 的封存值与修改记录不符"}
    if sealed_to and (expected or 1) <= sealed_to:
        return {"entry": expected or 1, "command": None, "problem": f"修改记录 #{expected or 1} 至 #{sealed_to} 已被删除"}
    return None
