"""Start-up cost of a read command: rdtool vs sqlite-utils vs a bare Python that imports sqlite3.

    python benchmarks/bench_startup.py [--runs 30]

Builds the sample database (rdtool demo) in a temporary folder, then runs the three commands
alternately (so background load hits each alike) and prints the median wall time of each and the
ratios. Targets (issue 2): rdtool ≤ 0.4× sqlite-utils and ≤ 5× `python -c "import sqlite3"`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
# What typer itself costs: the least any typer CLI can start in, for reading the ratios.
TYPER_FLOOR = "import typer\napp = typer.Typer()\n@app.command()\ndef hi(n: int = 1):\n    print(n)\napp(['--n', '2'])"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sample.db"
        subprocess.run([str(BIN / "rdtool"), "demo", "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
        commands = {
            "rdtool deputy list --format json": [str(BIN / "rdtool"), "--db", str(db), "deputy", "list", "--term", "3",
                                                 "--format", "json"],
            "sqlite-utils rows DB deputies": [str(BIN / "sqlite-utils"), "rows", str(db), "deputies"],
            'python -c "import sqlite3"': [sys.executable, "-c", "import sqlite3"],
            "a one-command typer app (floor)": [sys.executable, "-c", TYPER_FLOOR],
        }
        env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {args.runs} runs each"
        times: dict[str, list[float]] = {name: [] for name in commands}
        for name, cmd in commands.items():  # warm the file cache
            timed(cmd)
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd))
    med = {name: statistics.median(t) for name, t in times.items()}
    print(f"start-up benchmark ({env_note})")
    for name, m in med.items():
        print(f"  {name:38s} median {m * 1000:7.1f} ms")
    rd, su, py, floor = med.values()
    print(f"  ratio rdtool / sqlite-utils      {rd / su:5.2f}  (target ≤ 0.40; typer alone: {floor / su:4.2f})")
    print(f"  ratio rdtool / import sqlite3    {rd / py:5.2f}  (target ≤ 5.00; typer alone: {floor / py:4.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
