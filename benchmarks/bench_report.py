"""Report cost on a county-sized database vs the sample, and the roll-up of 30 township files.

    python benchmarks/bench_report.py [--runs 10]

Builds the sample database (rdtool demo) and a county-sized one (benchmarks/make_county.py), then
times `rdtool report term --term 3 --format json` on each, alternating, and `rdtool report rollup`
over 30 copies of the sample database. Target (issue 6): the large report ≤ 2× the small one.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent
AS_OF = "2026-11-28"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    import make_county

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    rd = str(BIN / "rdtool")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large = tmp / "sample.db", tmp / "county.db"
        subprocess.run([rd, "demo", "--db", str(small)], check=True, stdout=subprocess.DEVNULL)
        t0 = time.perf_counter()
        make_county.build(large)
        built = time.perf_counter() - t0
        towns = []
        for i in range(30):
            path = tmp / f"town{i:02d}.db"
            shutil.copy(small, path)
            if i:  # thirty townships, not one counted thirty times (rollup counts a township once)
                subprocess.run([rd, "--db", str(path), "config", "town", f"第{i:02d}镇"], check=True,
                               stdout=subprocess.DEVNULL)
            towns.append(str(path))
        cmds = {
            "report term (sample)": [rd, "--db", str(small), "report", "term", "--term", "3", "--format", "json",
                                     "--as-of", AS_OF],
            "report term (county-sized)": [rd, "--db", str(large), "report", "term", "--term", "3", "--format",
                                           "json", "--as-of", AS_OF],
            "report rollup (30 files)": [rd, "report", "rollup", *towns, "--year", "2019", "--format", "json",
                                         "--as-of", AS_OF],
        }
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for cmd in cmds.values():
            timed(cmd)
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                times[name].append(timed(cmd))
        import sqlite3

        conn = sqlite3.connect(large)
        sizes = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("deputies", "meetings", "items", "proposals", "attendance")}
        conn.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"report benchmark ({args.runs} runs each; county database built in {built:.1f} s: "
          + ", ".join(f"{k} {v:,}" for k, v in sizes.items()) + ")")
    for name, m in med.items():
        print(f"  {name:30s} median {m * 1000:8.1f} ms")
    ratio = med["report term (county-sized)"] / med["report term (sample)"]
    print(f"  ratio county-sized / sample    {ratio:5.2f}  (target ≤ 2.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
