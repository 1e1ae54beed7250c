"""`rdtool db check` on a county file against one pass of its SQL over the same file, in the same run.

    PYTHONPATH=. python benchmarks/bench_check.py [--townships 30] [--repeat 3] [--keep DIR]

Two files built by make_county.py: consistent records (nothing to find but a few calendar and composition
warnings) and the same records with --findings (each vote's rule and each meeting's quorum stored as an older tool
did: ≈ 62,000 findings at 30 townships). For each, alternating: `rdtool db check --format csv` as a process
writing into a pipe (wall time, CPU time, peak memory), against the `sqlite3` shell running one pass of the check's
SQL over the file: PRAGMA integrity_check, PRAGMA foreign_key_check and a read of every record of every table.
Target (issue 28): `db check` within 2× of that pass, its memory the same however many findings.
rdtool's modules are compiled first, as an installation does (with PYTHONDONTWRITEBYTECODE set, a checkout would
compile every module it imports on every run).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_county import build  # noqa: E402


def floor_sql(db: Path) -> str:
    """One pass of the check's SQL: the file's integrity, its foreign keys, every record of every table."""
    conn = sqlite3.connect(db)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    conn.close()
    return "PRAGMA integrity_check; PRAGMA foreign_key_check; " + " ".join(f'SELECT * FROM "{t}";' for t in tables)


def run(cmd: list[str]) -> tuple[float, float, int, int]:
    """(wall s, CPU s, peak memory KiB, lines of output) of a process writing into a pipe."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: p.stdout.read(1 << 16), b""))
    _, _, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--townships", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", help="a folder to keep (and reuse) the built files in")
    args = ap.parse_args()
    shell = shutil.which("sqlite3")
    if shell is None:
        sys.exit("the sqlite3 shell is needed for the floor (apt-get install sqlite3)")
    compileall.compile_dir(str(ROOT / "rdtool"), quiet=1)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rdtool-bench-check-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"rdtool db check at {args.townships} townships, median of {args.repeat} (SQLite {sqlite3.sqlite_version}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"{'file':<12} {'findings':>9} {'db check':>9} {'CPU':>7} {'memory':>9} {'SQL pass':>9} {'CPU':>7} "
          f"{'ratio':>6} {'CPU ratio':>9}")
    try:
        for findings in (False, True):
            db = work / f"county{args.townships}{'-findings' if findings else ''}.db"
            if not db.exists():
                build(db, args.townships, findings=findings)
            floor = [shell, str(db), floor_sql(db)]
            check = [sys.executable, "-m", "rdtool", "--db", str(db), "db", "check", "--format", "csv"]
            mine, pass_ = [], []
            for _ in range(args.repeat):
                mine.append(run(check))
                pass_.append(run(floor))
            w, c, m = (statistics.median(x[i] for x in mine) for i in range(3))
            fw, fc = (statistics.median(x[i] for x in pass_) for i in range(2))
            print(f"{'findings' if findings else 'consistent':<12} {mine[0][3] - 1:>9,} {w:>7.2f} s {c:>5.2f} s "
                  f"{max(x[2] for x in mine) / 1024:>5.0f} MiB {fw:>7.2f} s {fc:>5.2f} s {w / fw:>5.2f}× {c / fc:>8.2f}×")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("ratio = db check / one pass of its SQL (wall, and CPU time of the process); memory = db check's peak")


if __name__ == "__main__":
    main()
