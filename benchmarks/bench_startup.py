"""Start-up cost of a read command and of a Tab press: rdtool vs a bare typer app, sqlite-utils, a bare Python.

    python benchmarks/bench_startup.py [--runs 30]

Builds the sample database (rdtool demo) in a temporary folder, compiles rdtool's modules once (as an
installation does: with PYTHONDONTWRITEBYTECODE set, an editable checkout would compile every module it imports
on every run), then runs the commands alternately (so background load hits each alike) and prints the median
wall time and CPU time of each and the ratios. Targets: rdtool ≤ 0.4× sqlite-utils and ≤ 5× `python -c "import
sqlite3"` (issue 2); `deputy list --format json` ≤ 1.15× a one-command typer app, and a Tab press < 100 ms (issue
28). A second floor, the typer app that also opens the file with sqlite3, runs the same query and prints it as JSON,
is what any typer command answering from this file pays.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
# What typer itself costs: the least any typer CLI can start in, for reading the ratios.
TYPER_FLOOR = "import typer\napp = typer.Typer()\n@app.command()\ndef hi(n: int = 1):\n    print(n)\napp(['--n', '2'])"
# ...and one that answers from the file: open it, the deputies of a term, printed as a JSON array.
TYPER_SQL_FLOOR = ("import typer\napp = typer.Typer()\n@app.command()\ndef rows(db: str, term: int = 3):\n"
                   "    import json, sqlite3\n    conn = sqlite3.connect(db)\n    conn.row_factory = sqlite3.Row\n"
                   "    print(json.dumps([dict(r) for r in conn.execute('SELECT * FROM deputies WHERE term = ? "
                   "ORDER BY name', (term,))], ensure_ascii=False, indent=2))\napp()")
ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "rdtool"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sample.db"
        subprocess.run([str(BIN / "rdtool"), "demo", "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
        rd = [sys.executable, "-m", "rdtool"]
        commands = {
            "rdtool deputy list --format json": ([*rd, "--db", str(db), "deputy", "list", "--term", "3", "--format",
                                                  "json"], env),
            "a one-command typer app (floor)": ([sys.executable, "-c", TYPER_FLOOR], env),
            "typer app + sqlite3 + json (floor)": ([sys.executable, "-c", TYPER_SQL_FLOOR, str(db)], env),
            "sqlite-utils rows DB deputies": ([str(BIN / "sqlite-utils"), "rows", str(db), "deputies"], env),
            'python -c "import sqlite3"': ([sys.executable, "-c", "import sqlite3"], env),
            "Tab: rdtool deputy show 王桂": (rd, {**env, "RDTOOL_DB": str(db), "_RDTOOL_COMPLETE": "complete_bash",
                                                  "COMP_WORDS": "rdtool deputy show 王桂", "COMP_CWORD": "3"}),
            "Tab: rdtool proposal list --": (rd, {**env, "RDTOOL_DB": str(db), "_RDTOOL_COMPLETE": "complete_bash",
                                                   "COMP_WORDS": "rdtool proposal list --", "COMP_CWORD": "3"}),
        }
        env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {args.runs} runs each"
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for name, (cmd, e) in commands.items():  # warm the file cache
            timed(cmd, e)
        for _ in range(args.runs):
            for name, (cmd, e) in commands.items():
                times[name].append(timed(cmd, e))
    wall = {name: statistics.median(w for w, _ in t) for name, t in times.items()}
    cpu = {name: statistics.median(c for _, c in t) for name, t in times.items()}
    print(f"start-up benchmark ({env_note}; load average {os.getloadavg()[0]:.1f})")
    for name in commands:
        print(f"  {name:38s} median {wall[name] * 1000:7.1f} ms wall, {cpu[name] * 1000:7.1f} ms CPU")
    rd, floor, sql_floor = (wall[k] for k in list(commands)[:3])
    rd_cpu, floor_cpu, sql_floor_cpu = (cpu[k] for k in list(commands)[:3])
    su, py = wall["sqlite-utils rows DB deputies"], wall['python -c "import sqlite3"']
    print(f"  ratio rdtool / typer app         {rd / floor:5.2f} wall, {rd_cpu / floor_cpu:5.2f} CPU  (target ≤ 1.15)")
    print(f"  ratio rdtool / typer+sqlite3     {rd / sql_floor:5.2f} wall, {rd_cpu / sql_floor_cpu:5.2f} CPU")
    print(f"  ratio rdtool / sqlite-utils      {rd / su:5.2f}  (target ≤ 0.40; typer alone: {floor / su:4.2f})")
    print(f"  ratio rdtool / import sqlite3    {rd / py:5.2f}  (target ≤ 5.00; typer alone: {floor / py:4.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
