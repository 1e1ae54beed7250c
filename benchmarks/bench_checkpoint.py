"""The cost of the checkpoint after each write command, against the same command without it, in the same run.

    PYTHONPATH=. python benchmarks/bench_checkpoint.py [--repeat 15] [--deputies 0]

Every write command ends with `PRAGMA wal_checkpoint(PASSIVE)` (rdtool.store.db.Store._checkpoint), so that a
copy of the .db alone taken after it — with a file manager, onto a USB stick — holds the change even while
another program (Datasette, a script) keeps the file open (README “复制数据库”). The floor is the same command
with that one call removed (in the command's own process, before it runs).

Measured, alternating rdtool and its floor, on the demo database (plus `--deputies N` imported rows to make
the file larger), in two situations:
- alone: nothing else has the file open (SQLite would checkpoint when the command's connection closes anyway);
- held: another connection keeps the file open, as Datasette does (SQLite then leaves the change in the -wal).
Each run prints the whole command's wall time (a process, as she runs it) and the checkpoint's own time
(the call timed inside the command). A small write: `deputy edit NAME --workplace …`.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# The command in its own process; with "floor" its checkpoint is removed, else it is timed where it runs.
_RUN = """
import sys, time
from rdtool.store import db
floor = sys.argv.pop(1) == "floor"
spent = []
if floor:
    db.Store._checkpoint = lambda self: None
else:
    real = db.Store._checkpoint
    def timed(self):
        t0 = time.perf_counter()
        real(self)
        spent.append(time.perf_counter() - t0)
    db.Store._checkpoint = timed
from rdtool.cli.main import main
sys.argv = ["rdtool", *sys.argv[1:]]
try:
    main()
finally:
    sys.stderr.write(f"\\nCHECKPOINT_S={sum(spent)}\\n")
"""


def run(db: Path, floor: bool, i: int) -> tuple[float, float]:
    """(wall seconds of the process, seconds inside the checkpoint) of one `deputy edit`."""
    args = [sys.executable, "-c", _RUN, "floor" if floor else "rdtool", "--db", str(db), "deputy", "edit", "王桂芳#1",
            "--workplace", f"测试单位{i}"]
    t0 = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - t0
    if r.returncode:
        raise SystemExit(r.stderr)
    return wall, float(r.stderr.rpartition("CHECKPOINT_S=")[2])


def measure(db: Path, repeat: int, held: bool) -> dict:
    keeper = None
    if held:
        keeper = sqlite3.connect(db)
        keeper.execute("SELECT count(*) FROM deputies").fetchall()
    walls: dict[bool, list[float]] = {False: [], True: []}
    inside: list[float] = []
    try:
        for i in range(repeat):
            for floor in (False, True) if i % 2 else (True, False):
                wall, spent = run(db, floor, 2 * i + floor)
                walls[floor].append(wall)
                if not floor:
                    inside.append(spent)
    finally:
        if keeper is not None:
            keeper.close()
    rd, fl = statistics.median(walls[False]), statistics.median(walls[True])
    spent = statistics.median(inside)
    return {"rdtool": rd, "floor": fl, "ratio": rd / fl, "checkpoint_ms": spent * 1000, "share": spent / rd}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--deputies", type=int, default=0, help="roster rows imported first (a larger file)")
    args = ap.parse_args()
    from bench_import_export import build_deputies, cli

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "demo.db"
        subprocess.run([sys.executable, "-m", "rdtool", "demo", "--db", str(db)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        if args.deputies:
            _, data = build_deputies(work, args.deputies)
            cli(db, "import", "deputies", str(data))
        size = db.stat().st_size / 2**20
        print(f"load: {os.getloadavg()[0]:.2f}; database {size:.1f} MiB; {args.repeat} runs each, alternating")
        for held in (False, True):
            m = measure(db, args.repeat, held)
            print(f"{'held open by another connection' if held else 'alone':32s} rdtool {m['rdtool'] * 1000:6.0f} ms"
                  f"  floor {m['floor'] * 1000:6.0f} ms  ratio {m['ratio']:.3f}  checkpoint itself "
                  f"{m['checkpoint_ms']:.2f} ms ({m['share']:.1%} of the command)")
        print(f"load: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
