"""`rdtool import meetings` in date order and shuffled, at growing sizes: time per row should stay flat.

    PYTHONPATH=. python benchmarks/bench_import_meetings.py [--sizes 125,500,1000,2000] [--repeat 1]

Each file is one term's meetings (fictional): presidium meetings and one congress session in five, on distinct
days, without codes (rdtool numbers them and makes their codes and titles), one in twenty with its number stated
(次序) as its documents print it. The same rows are imported into a fresh database in date order and shuffled, as
processes. Printed: seconds, milliseconds per row (start-up, an import of one row, taken off) and its growth
against the smallest size, the change-log
entries the import wrote, and whether the shuffled import numbered every meeting exactly as the ordered one.
Target (issue 28): linear in any row order (the time per row flat; each group renumbered once, only final
changes logged).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
RDTOOL = [sys.executable, "-m", "rdtool"]


def rows(n: int) -> list[dict]:
    """n meetings of the 5th term (2022–2026), in date order, a stated number on every 20th."""
    start = date(2022, 1, 10)
    out, seen = [], {"人代会": 0, "主席团": 0}
    for i in range(n):
        kind = "人代会" if i % 5 == 0 else "主席团"
        seen[kind] += 1
        day = start + timedelta(days=i * 1700 // n)  # distinct days while n < 1,700, in order
        out.append({"会议类别": kind, "日期": day.isoformat(), "次序": seen[kind] if i % 20 == 7 else ""})
    return out


def write(path: Path, data: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["会议类别", "日期", "次序"], lineterminator="\n")
        w.writeheader()
        w.writerows(data)
    return path


def fresh(path: Path) -> Path:
    subprocess.run([*RDTOOL, "--db", str(path), "init", "--town", "青石镇", "--term", "5", "--term-start",
                    "2022-01-01", "--term-end", "2026-12-31"], check=True, env=ENV, stdout=subprocess.DEVNULL)
    return path


def import_once(base: Path, work: Path, csv_path: Path) -> tuple[float, int, list[tuple]]:
    db = work / "i.db"
    for p in work.glob("i.db*"):
        p.unlink()
    shutil.copy(base, db)
    t0 = time.perf_counter()
    r = subprocess.run([*RDTOOL, "--db", str(db), "import", "meetings", str(csv_path)], env=ENV,
                       capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if r.returncode:
        sys.exit(r.stderr)
    conn = sqlite3.connect(db)
    logged = conn.execute("SELECT count(*) FROM change_log WHERE command_id = (SELECT max(id) FROM commands)").fetchone()[0]
    state = conn.execute("SELECT kind, date, seq, seq_stated, code, title FROM meetings ORDER BY kind, date").fetchall()
    conn.close()
    return elapsed, logged, state


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="125,500,1000,2000")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="rdtool-bench-meetings-"))
    print(f"rdtool import meetings, median of {args.repeat} (load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores)")
    print(f"{'rows':>6} {'order':>9} {'seconds':>8} {'ms/row':>7} {'growth':>7} {'log rows':>9} {'same numbers':>13}")
    try:
        base = fresh(work / "base.db")
        one = write(work / "one.csv", rows(1))
        startup = statistics.median(import_once(base, work, one)[0] for _ in range(3))
        print(f"(an import of one row: {startup:.2f} s — start-up, taken off before ms/row)")
        first: dict[str, float] = {}
        for n in sizes:
            data = rows(n)
            shuffled = data[:]
            random.Random(n).shuffle(shuffled)
            results = {}
            for order, content in (("ordered", data), ("shuffled", shuffled)):
                path = write(work / f"{order}.csv", content)
                runs = [import_once(base, work, path) for _ in range(args.repeat)]
                t = statistics.median(r[0] for r in runs)
                results[order] = runs[0]
                per_row = max(t - startup, 0) / n * 1000
                first.setdefault(order, per_row)
                same = "" if order == "ordered" else ("yes" if results["ordered"][2] == runs[0][2] else "NO")
                growth = f"{per_row / first[order]:>6.2f}×" if first[order] > 0 else "     –"
                print(f"{n:>6} {order:>9} {t:>8.2f} {per_row:>7.2f} {growth} "
                      f"{runs[0][1]:>9,} {same:>13}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("growth = ms per row against the smallest size (1.00× = linear); log rows = change-log entries written")


if __name__ == "__main__":
    main()
