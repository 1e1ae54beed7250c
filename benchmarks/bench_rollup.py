"""A province's roll-up: `rdtool report rollup` over many township files, against its floor in the same run.

    python benchmarks/bench_rollup.py [--files 1500] [--runs 3] [--cache DIR]

The township files are the sample township (`rdtool demo`) copied once per township, each with its own 乡镇名称
(set with plain SQL, as `rdtool config town` would store it), generated once into DIR (default: a folder in the
system's temporary directory named after the count) and reused by later runs. The floor is what any roll-up must
do: a Python process that opens each file read-only with the plain sqlite3 module and runs one aggregate query
(the meetings held in the year), one file after another. Both run as whole processes, alternating; medians, with
the CPU time of each (the process and its workers) and the load average while they ran: on a shared machine the
wall time mostly measures the queue. Before every run the files are as a township sends them, with no -wal or -shm
beside them (the floor leaves an empty pair beside each; rdtool removes the pair it made). Target (issue 28):
≤ 10 s for 1,500 files, with the ratio to the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
AS_OF = "2026-11-28"
FLOOR = """
import sqlite3, sys
total = 0
for path in sys.argv[1:]:
    conn = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    total += conn.execute("SELECT count(*) FROM meetings WHERE voided_at IS NULL AND date BETWEEN ? AND ?",
                          ("2019-01-01", "2019-12-31")).fetchone()[0]
    conn.close()
print(total)
"""


def townships(folder: Path, count: int) -> list[str]:
    """`count` township files in `folder`, made once (the sample copied, each with its own town name)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"town{i:04d}.db" for i in range(count)]
    if all(f.exists() for f in files):
        return [str(f) for f in files]
    sample = folder / "sample.db"
    if not sample.exists():
        subprocess.run([str(BIN / "rdtool"), "demo", "--db", str(sample)], check=True, stdout=subprocess.DEVNULL)
        conn = sqlite3.connect(sample)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    for i, path in enumerate(files):
        if path.exists():
            continue
        part = path.with_suffix(".part")
        shutil.copyfile(sample, part)
        conn = sqlite3.connect(part, isolation_level=None)
        conn.execute("UPDATE settings SET value = ? WHERE key = 'town'", (json.dumps(f"第{i:04d}镇", ensure_ascii=False),))
        conn.close()  # (the last connection to close checkpoints and removes the -wal: a WAL file, as rdtool leaves it)
        os.replace(part, path)
    return [str(f) for f in files]


def as_sent(files: list[str]) -> None:
    """Each file as a township sends it: no -wal or -shm beside it. The floor's read-only connections leave an
    empty pair beside each file (SQLite makes them for a read and only a connection that may write removes them);
    rdtool removes the pair it made. Cleared before every run, so both make them."""
    for f in files:
        wal, shm = Path(f + "-wal"), Path(f + "-shm")
        if wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
            shm.unlink(missing_ok=True)


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{cmd[0]} … exited {done.returncode}: {done.stderr.splitlines()[:1]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    from rdtool.store.migrations import ORDER

    # (named after the schema: files an older rdtool made would be refused, read-only, as needing an upgrade)
    folder = args.cache or Path(tempfile.gettempdir()) / f"rdtool-bench-rollup-{args.files}-{ORDER[-1][1]}"
    t0 = time.perf_counter()
    files = townships(folder, args.files)
    made = time.perf_counter() - t0
    cmds = {
        "rdtool report rollup": [str(BIN / "rdtool"), "report", "rollup", *files, "--year", "2019", "--format",
                                 "json", "--as-of", AS_OF],
        "floor: open + one query": [sys.executable, "-c", FLOOR, *files],
    }
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    loads = [os.getloadavg()[0]]
    left: dict[str, int] = {}  # -wal and -shm files beside the township files after each command's last run
    for cmd in cmds.values():  # warm the file cache
        as_sent(files)
        timed(cmd)
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            as_sent(files)
            times[name].append(timed(cmd))
            loads.append(os.getloadavg()[0])
            left[name] = sum(Path(f + end).exists() for f in files for end in ("-wal", "-shm"))
    med = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(f"roll-up of {len(files):,} township files ({args.runs} runs each, alternating; files ready in {made:.1f} s; "
          f"load average {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores)")
    for name, m in med.items():
        print(f"  {name:28s} median {m:7.2f} s wall, {cpu[name]:7.2f} s CPU")
    ratio = med["rdtool report rollup"] / med["floor: open + one query"]
    cpu_ratio = cpu["rdtool report rollup"] / cpu["floor: open + one query"]
    print(f"  ratio rdtool / floor         {ratio:5.2f} wall, {cpu_ratio:5.2f} CPU  (target: ≤ 10 s in all)")
    for name, runs in times.items():
        print(f"  {name:28s} runs: " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in runs) + " s (wall/CPU)")
    print("  -wal/-shm files left beside the township files: " + ", ".join(f"{k} {n:,}" for k, n in left.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
