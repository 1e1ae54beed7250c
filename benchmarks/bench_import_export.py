"""Import and export speed against raw SQLite, in the same run, on the same machine.

    PYTHONPATH=. python benchmarks/bench_import_export.py [--rows 100000] [--repeat 3] [--kind attendance]

Import: `rdtool import KIND file.csv` (read, decode, map headers, validate every cell, resolve names,
check, automatic backup, one transaction, change-log triggers) against `executemany` of the same parsed
rows with Python's sqlite3 into a copy of the same database (same schema, same triggers) — target ≤ 4×.
The raw insert without the change-log triggers is shown too, as the triggers' cost.

Export: `rdtool export KIND -o file.csv` (a process, as a user runs it) against the `sqlite3 -csv` shell
running the equivalent query — target ≤ 2×; peak memory (max RSS of the process) at a quarter of the rows
and at all rows, which should be about the same (the export streams).

Both wall time and CPU time of the process are shown (in-process, the same process for rdtool and its peer): on a
loaded machine the wall clock mostly measures the queue for a core.

The attendance kind uses a roster of township deputies and congress meetings; `--kind deputies` times
the deputies kind instead (its raw peer inserts the same parsed records).
"""

from __future__ import annotations

import argparse
import itertools
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
sys.path.insert(0, str(ROOT))

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国志文红梅春燕海波俊峰德林晓东宏斌云飞雪松鹏辉琴"
CN = "〇一二三四五六七八九"


def names(n: int) -> list[str]:
    """`n` distinct three-character names (up to 32 × 50 × 50 = 80,000)."""
    if n > len(SURNAMES) * len(GIVEN) ** 2:
        raise SystemExit(f"at most {len(SURNAMES) * len(GIVEN) ** 2} distinct names")
    return [a + b + c for a, b, c in itertools.islice(itertools.product(SURNAMES, GIVEN, GIVEN), n)]


def cli(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rdtool", "--db", str(db), *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=check)


def copy(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()
    shutil.rmtree(str(dst) + ".backups", ignore_errors=True)
    return dst


def build_attendance(work: Path, rows: int) -> tuple[Path, Path]:
    """A database with enough deputies and congress meetings for `rows` attendance rows, and the CSV."""
    per_meeting = 1000
    meetings = max(1, -(-rows // per_meeting))
    base = work / "base.db"
    cli(base, "init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
    people = names(per_meeting)
    dep = work / "deputies.csv"
    with open(dep, "w", encoding="utf-8") as f:
        f.write("name,gender,level,term\n")
        for i, n in enumerate(people):
            f.write(f"{n},{'男' if i % 2 else '女'},镇,3\n")
    cli(base, "import", "deputies", str(dep))
    mt = work / "meetings.csv"
    with open(mt, "w", encoding="utf-8") as f:
        f.write("code,kind,date,title,term\n")
        for i in range(meetings):
            day = 1 + i % 28
            f.write(f"C{i + 1},congress,2018-{1 + (i // 28) % 12:02d}-{day:02d},第{i + 1}次会议,3\n")
    r = cli(base, "import", "meetings", str(mt), check=False)
    if r.returncode:
        raise SystemExit(f"could not import the benchmark meetings: {r.stderr}")
    shutil.rmtree(str(base) + ".backups", ignore_errors=True)
    data = work / "attendance.csv"
    statuses = ("present", "present", "present", "leave", "absent")
    with open(data, "w", encoding="utf-8") as f:
        f.write("meeting,deputy,status\n")
        written = 0
        for m in range(meetings):
            for i, n in enumerate(people):
                if written == rows:
                    break
                f.write(f"C{m + 1},{n},{statuses[(i + m) % 5]}\n")
                written += 1
    return base, data


def build_deputies(work: Path, rows: int) -> tuple[Path, Path]:
    base = work / "base.db"
    cli(base, "init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    data = work / "deputies.csv"
    with open(data, "w", encoding="utf-8") as f:
        f.write("name,gender,level,term,birth_date,workplace\n")
        for i, n in enumerate(names(rows)):
            f.write(f"{n},{'男' if i % 2 else '女'},镇,3,19{60 + i % 40}-0{1 + i % 9}-1{i % 9},某某村民委员会\n")
    return base, data


def run_rdtool_import(db: Path, kind: str, data: Path):
    from rdtool.services.transfer import registry as kinds
    from rdtool.services.transfer.importer import run_import
    from rdtool.store.opening import open_store

    store = open_store(db)
    t0, c0 = time.perf_counter(), time.process_time()
    result = run_import(store, kinds.get(kind), data)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    return elapsed, result.written, cpu


def parsed_rows(base: Path, kind: str, data: Path, work: Path) -> tuple[str, list[tuple]]:
    """The rows exactly as rdtool stores them (read back from an imported copy), for the raw peer."""
    db = copy(base, work / "parsed.db")
    run_rdtool_import(db, kind, data)
    conn = sqlite3.connect(db)
    if kind == "attendance":
        rows = conn.execute("SELECT meeting_id, deputy_id, status FROM attendance ORDER BY rowid").fetchall()
        sql = "INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (?, ?, ?)"
    else:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(deputies)") if r[1] != "id"]
        rows = conn.execute(f"SELECT {', '.join(cols)} FROM deputies ORDER BY id").fetchall()
        sql = f"INSERT INTO deputies ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    conn.close()
    return sql, rows


def raw_insert(db: Path, sql: str, rows: list[tuple], triggers: bool) -> tuple[float, float]:
    """executemany on a connection set up as rdtool's are (foreign keys, WAL, page cache)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA journal_mode = WAL")
    if not triggers:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '_rdlog_%'")\
                .fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
    t0, c0 = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(sql, rows)
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    return elapsed, cpu


_MEASURE = ("import os, subprocess, sys, time\n"
            "out = open(sys.argv[1], 'wb') if sys.argv[1] else subprocess.DEVNULL\n"
            "t0 = time.perf_counter()\n"
            "p = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "t = time.perf_counter() - t0\n"
            "sys.stderr.write(p.stderr.read().decode())\n"
            "print(os.waitstatus_to_exitcode(status), t, usage.ru_maxrss)\n")


def timed_process(cmd: list[str], out: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Wall time and max RSS (KiB) of one process, started from a small launcher process.

    (A child forked straight from this big benchmark process would report the benchmark's own memory.)
    """
    r = subprocess.run([sys.executable, "-c", _MEASURE, str(out or ""), *cmd], capture_output=True, text=True,
                       env=env)
    try:
        code, elapsed, rss = r.stdout.split()
    except ValueError:
        raise SystemExit(f"{cmd} failed: {r.stderr}") from None
    if code != "0":
        raise SystemExit(f"{cmd} failed: {r.stderr}")
    return float(elapsed), int(rss)


def export_query(kind: str) -> str:
    """The peer runs the same query as rdtool's streamed export (the simplest SELECT giving the same rows)."""
    from rdtool.services.transfer import registry as kinds

    spec = kinds.get(kind)
    if spec.export_sql is not None:
        return spec.export_sql(None, False)
    return "SELECT * FROM deputies WHERE voided_at IS NULL ORDER BY id"


def export_peer(db: Path, kind: str, out: Path) -> tuple[str, float, int]:
    shell = shutil.which("sqlite3")
    if shell:
        t, rss = timed_process([shell, "-csv", "-header", str(db), export_query(kind)], out)
        return "sqlite3 -csv (shell)", t, rss
    code = ("import csv, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); cur = c.execute(sys.argv[2]); "
            "w = csv.writer(open(sys.argv[3], 'w', newline='')); w.writerow([d[0] for d in cur.description]); "
            "w.writerows(cur)")
    t, rss = timed_process([sys.executable, "-c", code, str(db), export_query(kind), str(out)])
    return "python sqlite3 + csv (no sqlite3 shell found)", t, rss


def export_rdtool(db: Path, kind: str, out: Path) -> tuple[float, int]:
    return timed_process([sys.executable, "-m", "rdtool", "--db", str(db), "export", kind, "--force", "-o", str(out)],
                         env={**os.environ, "PYTHONPATH": str(ROOT)})


def export_in_process(db: Path, kind: str, out: Path) -> float:
    from rdtool.services.transfer import registry as kinds
    from rdtool.io.exporter import export_kind
    from rdtool.store.opening import open_store

    store = open_store(db)
    t0 = time.perf_counter()
    export_kind(store, kinds.get(kind), "csv", out, overwrite=True)
    elapsed = time.perf_counter() - t0
    store.close()
    return elapsed


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kind", default="attendance", choices=["attendance", "deputies"])
    ap.add_argument("--no-export", action="store_true", help="time the import only")
    args = ap.parse_args()
    from rdtool.services.transfer.registry import KINDS

    kind = args.kind if args.kind in KINDS else "deputies"
    work = Path(tempfile.mkdtemp(prefix="rdtool-bench-"))
    try:
        build = build_attendance if kind == "attendance" else build_deputies
        base, data = build(work, args.rows)
        sql, rows = parsed_rows(base, kind, data, work)
        assert len(rows) == args.rows, (len(rows), args.rows)

        imp, raw, raw_plain, imp_cpu, raw_cpu = [], [], [], [], []
        for i in range(args.repeat):  # alternating: rdtool, its peer, the peer without triggers
            t, n, cpu = run_rdtool_import(copy(base, work / "imp.db"), kind, data)
            assert n == args.rows
            imp.append(t)
            imp_cpu.append(cpu)
            t, cpu = raw_insert(copy(base, work / "raw.db"), sql, rows, triggers=True)
            raw.append(t)
            raw_cpu.append(cpu)
            raw_plain.append(raw_insert(copy(base, work / "raw.db"), sql, rows, triggers=False)[0])
        print(f"rdtool benchmark — kind {kind}, {args.rows:,} rows, median of {args.repeat} (SQLite {sqlite3.sqlite_version},"
              f" Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print(f"import  rdtool import (CSV → validated → one transaction)  {median(imp):8.3f} s   CPU {median(imp_cpu):7.3f} s")
        print(f"        raw executemany, same schema and change-log triggers {median(raw):8.3f} s   CPU {median(raw_cpu):7.3f} s")
        print(f"        raw executemany, without the change-log triggers     {median(raw_plain):8.3f} s")
        print(f"        ratio rdtool / raw (same schema)                     {median(imp) / median(raw):8.2f} ×  "
              f"CPU {median(imp_cpu) / median(raw_cpu):5.2f} ×  (target ≤ 2, issue 28)")
        print(f"        ratio rdtool / raw (no triggers)                     {median(imp) / median(raw_plain):8.2f} ×")
        print(f"        change-log triggers cost on the raw insert           {median(raw) / median(raw_plain):8.2f} ×")
        if args.no_export:
            return

        full = copy(base, work / "full.db")
        run_rdtool_import(full, kind, data)
        quarter_rows = args.rows // 4
        quarter_data = work / "quarter.csv"
        with open(data, encoding="utf-8") as src, open(quarter_data, "w", encoding="utf-8") as dst:
            for line in itertools.islice(src, quarter_rows + 1):
                dst.write(line)
        quarter = copy(base, work / "quarter.db")
        run_rdtool_import(quarter, kind, quarter_data)

        exp, peer, rss_full, rss_quarter, peer_rss, inproc, startup = [], [], [], [], [], [], []
        peer_name = ""
        for i in range(args.repeat):
            t, rss = export_rdtool(full, kind, work / "out.csv")
            exp.append(t)
            rss_full.append(rss)
            peer_name, t, rss = export_peer(full, kind, work / "peer.csv")
            peer.append(t)
            peer_rss.append(rss)
            rss_quarter.append(export_rdtool(quarter, kind, work / "out4.csv")[1])
            inproc.append(export_in_process(full, kind, work / "out5.csv"))
            startup.append(timed_process([sys.executable, "-m", "rdtool", "--db", str(full), "export", "terms", "--force", "-o",
                                          str(work / "terms.csv")], env={**os.environ, "PYTHONPATH": str(ROOT)})[0])
        exported = sum(1 for _ in open(work / "out.csv", encoding="utf-8")) - 1
        assert exported == args.rows, exported

        print(f"export  rdtool export -o file.csv (whole process)          {median(exp):8.3f} s")
        print(f"        {peer_name:<52} {median(peer):8.3f} s")
        print(f"        ratio rdtool / peer                                  {median(exp) / median(peer):8.2f} ×  (target ≤ 2)")
        print(f"        rdtool export_kind in-process (no process start-up)  {median(inproc):8.3f} s"
              f"  → {median(inproc) / median(peer):.2f} ×")
        print(f"        (rdtool process start-up: `export terms` of one row   {median(startup):8.3f} s)")
        print(f"        peak memory rdtool: {max(rss_quarter) / 1024:.1f} MiB at {quarter_rows:,} rows, "
              f"{max(rss_full) / 1024:.1f} MiB at {args.rows:,} rows (peer {max(peer_rss) / 1024:.1f} MiB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
