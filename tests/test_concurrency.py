"""Concurrent use: two writer processes and a reader; a backup taken meanwhile restores to a sound database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from tests.helpers import ROOT, Cli

pytestmark = pytest.mark.slow  # concurrency tests: left out of the quick loop (pytest -m "not slow")

WRITES = 300  # adds per writer; every other one is also edited

WRITER = textwrap.dedent("""
    import sys
    from rdtool.services.deputies import deputies
    from rdtool.services.deputies import records as deputy_records
    from rdtool.store.opening import open_store

    db, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    digits = "零一二三四五六七八九"
    store = open_store(db)
    writes = 0
    for i in range(n):
        name = tag + "".join(digits[int(c)] for c in str(i))
        deputies.add(store, {"name": name, "gender": "女", "level": "镇", "term": "3"})
        writes += 1
        if i % 2 == 0:
            deputy_records.edit(store, name, {"workplace": "第" + digits[i % 10] + "村"})
            writes += 1
    print(writes)
""")

READER = textwrap.dedent("""
    import sys, time
    from rdtool.services.deputies import deputies
    from rdtool.store.opening import open_store

    store = open_store(sys.argv[1], readonly=True)
    reads, last = 0, 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        n = store.scalar("SELECT count(*) FROM deputies WHERE voided_at IS NULL")
        assert n >= last, (n, last)  # never sees a write go away
        last = n
        deputies.listing(store, term=3) if hasattr(deputies, "listing") else None
        reads += 1
        if n >= int(sys.argv[2]):
            break
    print(reads)
""")


def run(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_writers_and_a_reader(cli, db, tmp_path):
    logged_before = sqlite3.connect(db).execute("SELECT count(*) FROM change_log").fetchone()[0]
    writers = [run(WRITER, str(db), tag, str(WRITES)) for tag in ("甲", "乙")]
    reader = run(READER, str(db), str(2 * WRITES))
    # a backup taken while both write
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if sqlite3.connect(db).execute("SELECT count(*) FROM deputies").fetchone()[0] >= 20:
            break
        time.sleep(0.01)
    backup = tmp_path / "during.db"
    cli("db", "backup", backup)
    outs = [p.communicate(timeout=120) for p in writers + [reader]]
    for p, (out, err) in zip(writers + [reader], outs):
        assert p.returncode == 0, err
        assert "locked" not in err and "busy" not in err
    writes = sum(int(out) for out, _ in outs[:2])
    assert writes == 2 * (WRITES + (WRITES + 1) // 2)
    assert int(outs[2][0]) > 0

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM deputies").fetchone()[0] == 2 * WRITES
    assert conn.execute("SELECT count(*) FROM deputies WHERE workplace IS NOT NULL").fetchone()[0] == 2 * ((WRITES + 1) // 2)
    logged = conn.execute("SELECT count(*) FROM change_log").fetchone()[0] - logged_before
    assert logged == writes  # one entry per write
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    # the backup taken during the writes restores to a database that passes the checks
    restored = Cli(tmp_path / "restored.db")
    restored("db", "restore", backup)
    restored("db", "check", "--format", "json")
    n = sqlite3.connect(tmp_path / "restored.db").execute("SELECT count(*) FROM deputies").fetchone()[0]
    print("deputies in the backup taken during the writes:", n)
    assert 20 <= n <= 2 * WRITES
