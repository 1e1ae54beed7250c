"""Lists, exports and `db check` on a county-sized file, against plain SQLite in the same run.

    PYTHONPATH=. python benchmarks/bench_lists.py [--townships 30] [--repeat 3] [--db FILE]

The file is built by make_county.py (30 townships' records in one file by default; --townships 100 for the
largest files people keep). For each command, as a process writing into a pipe: the time to its first line,
the whole time, and its peak memory (max RSS); against the `sqlite3 -csv` shell running the SELECT that gives
the same rows (lists) or one pass of the check's SQL over the file (integrity_check, foreign_key_check and a read
of every record of every table: `db check`). Targets (issue 28): the first line within 300 ms and memory flat
(the same at 30 and at 100 townships); `db check` within 2× of its pass over the file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_county import build  # noqa: E402

# Runs a command with its stdout on a pipe: when the first line came, when it ended, its max RSS (KiB); then runs it
# again and stops it at its first line: the CPU time it took to get there (on a loaded machine the wall time of a
# short run is mostly waiting for a core; the CPU time is what an idle machine would take).
_MEASURE = ("import os, signal, subprocess, sys, time\n"
            "t0 = time.perf_counter()\n"
            "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
            "p.stdout.readline()\n"
            "first = time.perf_counter() - t0\n"
            "while p.stdout.read(1 << 16):\n"
            "    pass\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "whole = time.perf_counter() - t0\n"
            "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
            "p.stdout.readline()\n"
            "p.send_signal(signal.SIGKILL)\n"
            "_, _, cpu = os.wait4(p.pid, 0)\n"
            "print(first, whole, usage.ru_maxrss, cpu.ru_utime + cpu.ru_stime)\n")

RDTOOL = [sys.executable, "-m", "rdtool"]
LISTS = {
    "vote list": ("vote list", "SELECT m.code || '#' || i.seq, m.date, i.title, i.kind, i.yes, i.no, i.abstain, "
                               "i.result, m.roster, m.present FROM items i JOIN meetings m ON m.id = i.meeting_id "
                               "WHERE i.voided_at IS NULL AND m.voided_at IS NULL ORDER BY m.date, m.code, i.seq"),
    "proposal list": ("proposal list", "SELECT p.code, p.kind, p.title, d.name, p.unit, p.submitted_on, p.due_on, "
                                       "p.result FROM proposals p JOIN deputies d ON d.id = p.lead_id "
                                       "WHERE p.voided_at IS NULL ORDER BY p.submitted_on, p.id"),
    "meeting list": ("meeting list", "SELECT m.code, m.kind, m.date, m.title, m.roster, (SELECT count(*) FROM "
                                     "attendance a WHERE a.meeting_id = m.id AND a.status = 'present') FROM meetings m "
                                     "WHERE m.voided_at IS NULL ORDER BY m.date, m.kind, m.code"),
    "activity list": ("activity list", "SELECT a.code, a.kind, a.date, a.title, (SELECT group_concat(d.name, '、') "
                                       "FROM activity_participants x JOIN deputies d ON d.id = x.deputy_id "
                                       "WHERE x.activity_id = a.id) FROM activities a WHERE a.voided_at IS NULL "
                                       "ORDER BY a.date, a.code"),
    "deputy list": ("deputy list", "SELECT name, gender, party, occupation, level, constituency FROM deputies "
                                   "WHERE voided_at IS NULL AND term = (SELECT max(number) FROM terms) ORDER BY name"),
    "export attendance": ("export attendance", "SELECT m.code, d.name, a.status FROM meetings m JOIN attendance a "
                                               "ON a.meeting_id = m.id JOIN deputies d ON d.id = a.deputy_id WHERE "
                                               "m.voided_at IS NULL ORDER BY m.date, m.code, a.deputy_id"),
    "export proposals": ("export proposals", "SELECT p.*, (SELECT group_concat(d.name, '、') FROM proposal_cosigners "
                                             "c JOIN deputies d ON d.id = c.deputy_id WHERE c.proposal_id = p.id) "
                                             "FROM proposals p WHERE p.voided_at IS NULL ORDER BY p.id"),
}


def measure(cmd: list[str]) -> tuple[float, float, int, float]:
    r = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    first, total, rss, cpu = r.stdout.split()
    return float(first), float(total), int(rss), float(cpu)


def check_floor_sql(db: Path) -> str:
    conn = sqlite3.connect(db)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    conn.close()
    return "PRAGMA integrity_check; PRAGMA foreign_key_check; " + " ".join(f'SELECT * FROM "{t}";' for t in tables)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--townships", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--db", help="an existing county file instead of building one")
    ap.add_argument("--no-check", action="store_true", help="leave out db check (minutes at 100 townships)")
    args = ap.parse_args()
    shell = shutil.which("sqlite3")
    if shell is None:
        raise SystemExit("the sqlite3 shell is the peer here: apt-get install sqlite3")
    work = Path(tempfile.mkdtemp(prefix="rdtool-bench-lists-"))
    try:
        db = Path(args.db) if args.db else work / "county.db"
        if not args.db:
            build(db, args.townships)
        conn = sqlite3.connect(db)
        sizes = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("deputies", "meetings", "items", "proposals", "attendance")}
        conn.close()
        print(f"rdtool lists on {db.name}: {', '.join(f'{n:,} {t}' for t, n in sizes.items())}; "
              f"median of {args.repeat}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'command':<18} {'first line':>10} {'(CPU)':>8} {'whole':>8} {'memory':>9}   {'sqlite3 -csv':>12} "
              f"{'ratio':>6}")
        cases = {name: ([*RDTOOL, "--db", str(db), *cmd.split()],
                        [shell, "-csv", str(db), sql]) for name, (cmd, sql) in LISTS.items()}
        if not args.no_check:
            cases["db check"] = ([*RDTOOL, "--db", str(db), "db", "check"], [shell, str(db), check_floor_sql(db)])
        for name, (ours, peer) in cases.items():
            runs, peers = [], []
            for _ in range(args.repeat):
                runs.append(measure(ours))
                peers.append(measure(peer))
            first = statistics.median(r[0] for r in runs)
            whole = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            cpu = statistics.median(r[3] for r in runs)
            floor = statistics.median(p[1] for p in peers)
            print(f"{name:<18} {first * 1000:>7.0f} ms {cpu * 1000:>5.0f} ms {whole:>6.2f} s {rss / 1024:>5.0f} MiB   "
                  f"{floor:>10.2f} s {whole / floor:>5.1f}×")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
