"""`rdtool undo` of an import against the SQL that does the same deletes and restores, in the same run.

    PYTHONPATH=. python benchmarks/bench_undo.py [--sizes 1000,10000,100000] [--repeat 3] [--kind attendance]

For each size, an import of that many rows is undone:
- rdtool: `rdtool undo --yes` as a process (whole wall time and peak memory), and `plan` + `apply` in-process;
- the floor: in one transaction on a copy of the same database (same schema, same change-log triggers, so the
  undo's own log entries are written too), one set-based DELETE per table of the rows the import inserted (found
  through their key from the log) and executemany of the UPDATEs that put back the rows it changed.
Target (issue 28): undo linear in the size of what it undoes (the time per 1,000 rows stays flat), within 3× of
the floor, memory bounded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import_export import (build_attendance, build_deputies, copy, run_rdtool_import,  # noqa: E402
                                 timed_process)


def last_command(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT max(id) FROM commands").fetchone()[0]
    finally:
        conn.close()


def undo_in_process(db: Path) -> float:
    from rdtool.services.admin import undo
    from rdtool.store.opening import open_store

    store = open_store(db)
    t0 = time.perf_counter()
    p = undo.plan(store, None, lines=undo.PREVIEW_LINES, check=False)  # as `undo --yes`: apply checks
    undo.apply(store, p["command"])
    elapsed = time.perf_counter() - t0
    store.close()
    return elapsed


def undo_sql(db: Path, command_id: int, seal: bool = False) -> float:
    """The floor: the same deletes and restores as plain SQL, with the change-log triggers, one transaction.
    With `seal`, also what rdtool must do with the log entries those write (the SQL of the same work, and SHA-256
    in Python as SQLite has none): a command row, each new entry's command and its hash chained to the one before."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    started = conn.execute("SELECT max(id) FROM change_log").fetchone()[0]
    tables = [t for (t,) in conn.execute("SELECT DISTINCT table_name FROM change_log WHERE command_id = ?",
                                         (command_id,))]
    for table in tables:
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        pk = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
        match = " AND ".join(f'"{table}"."{c}" = json_extract(e.after, \'$.{c}\')' for c in pk)
        updates = conn.execute("SELECT after, before FROM change_log WHERE command_id = ? AND table_name = ? "
                               "AND action != 'insert' ORDER BY id DESC", (command_id, table)).fetchall()
        for after, before in updates:  # (few in an import: the meetings whose roll call it filled)
            b, a = json.loads(before), json.loads(after)
            cols = list(b)
            conn.execute(f'UPDATE "{table}" SET {", ".join(f"{c!r} = ?".replace(chr(39), chr(34)) for c in cols)} '
                         f'WHERE {" AND ".join(f"{chr(34)}{c}{chr(34)} = ?" for c in pk)}',
                         [b[c] for c in cols] + [a[c] for c in pk])
        conn.execute(f'DELETE FROM "{table}" WHERE rowid IN (SELECT "{table}".rowid FROM change_log e JOIN "{table}" '
                     f"ON {match} WHERE e.command_id = ? AND e.table_name = ? AND e.action = 'insert')",
                     (command_id, table))
    if seal:
        _seal(conn, started, command_id)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def _seal(conn: sqlite3.Connection, started: int, undoes: int) -> None:
    newest = conn.execute("SELECT max(id) FROM change_log").fetchone()[0]
    previous = conn.execute("SELECT last_hash FROM commands ORDER BY id DESC LIMIT 1").fetchone()[0]
    cid = conn.execute("INSERT INTO commands (argv, undoes, first_log_id, last_log_id, last_hash) "
                       "VALUES ('[\"undo\"]', ?, ?, ?, '')", (undoes, started + 1, newest)).lastrowid
    conn.execute("UPDATE change_log SET command_id = ? WHERE id > ?", (cid, started))
    hashes = []
    for row in conn.execute("SELECT id, at, table_name, row_id, action, before, after, command_id FROM change_log "
                            "WHERE id > ? ORDER BY id", (started,)):
        text = "\x1f".join([previous, *("\x00" if v is None else str(v) for v in row)])
        previous = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        hashes.append((previous, row[0]))
    conn.executemany("UPDATE change_log SET hash = ? WHERE id = ?", hashes)
    conn.execute("UPDATE commands SET last_hash = ? WHERE id = ?", (previous, cid))


def content(db: Path) -> dict:
    from rdtool.store import changelog

    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall() for t in changelog.logged_tables(conn)}
    finally:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kind", default="attendance", choices=["attendance", "deputies"])
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print(f"rdtool undo of an import of {args.kind}, median of {args.repeat} (SQLite {sqlite3.sqlite_version}, "
          f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"{'rows':>8} {'undo (process)':>15} {'in-process':>11} {'SQL floor':>10} {'ratio':>7} "
          f"{'floor + seal':>13} {'ratio':>7} {'ms / 1,000 rows':>16} {'peak memory':>12}")
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix="rdtool-bench-undo-"))
        try:
            base, data = (build_attendance if args.kind == "attendance" else build_deputies)(work, n)
            before = content(base)
            imported = copy(base, work / "imported.db")
            run_rdtool_import(imported, args.kind, data)
            command_id = last_command(imported)
            proc, inproc, floor, sealed, rss = [], [], [], [], []
            for _ in range(args.repeat):
                db = copy(imported, work / "u.db")
                t, r = timed_process([sys.executable, "-m", "rdtool", "--db", str(db), "undo", "--yes"], env=env)
                proc.append(t)
                rss.append(r)
                assert content(db) == before, "undo did not restore the database exactly"
                inproc.append(undo_in_process(copy(imported, work / "u.db")))
                db = copy(imported, work / "s.db")
                floor.append(undo_sql(db, command_id))
                assert content(db) == before, "the SQL floor did not restore the database exactly"
                db = copy(imported, work / "s.db")
                sealed.append(undo_sql(db, command_id, seal=True))
                assert content(db) == before and chain_whole(db), "the sealed floor did not restore and seal"
            p, i, f, fs = (statistics.median(x) for x in (proc, inproc, floor, sealed))
            print(f"{n:>8,} {p:>13.3f} s {i:>9.3f} s {f:>8.3f} s {i / f:>6.2f}× {fs:>11.3f} s {i / fs:>6.2f}× "
                  f"{i / n * 1000 * 1000:>13.1f} ms {max(rss) / 1024:>8.1f} MiB")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("ratio = rdtool in-process (as `undo --yes`: plan with its preview, apply: check, revert, seal) / the SQL "
          "floor;\nfloor + seal: the floor, then the log's entries sealed as rdtool must (command, SHA-256 chain)")


def chain_whole(db: Path) -> bool:
    from rdtool.store import changelog

    conn = sqlite3.connect(db)
    try:
        return changelog.chain_break(conn) is None
    finally:
        conn.close()


if __name__ == "__main__":
    main()
