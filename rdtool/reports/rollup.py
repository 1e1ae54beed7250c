"""County roll-up: one row per township database plus the total, each file opened read-only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rdtool.errors import RdtoolError
from rdtool.reports.figures import compute
from rdtool.services.terms.periods import range_period
from rdtool.store import settings as settings_sql
from rdtool.store.opening import open_store

# Files a worker process must have before another is started (below twice this, the files are read here, one
# after another: starting a process costs more than it saves). Workers: at most one per core.
PER_WORKER = 16
# Files a worker reads per batch it is handed (a stopped roll-up waits for at most the batches being read).
BATCH = 16
# How a worker starts: Linux forks it (nothing imported again); Windows can only spawn (a fresh Python that imports
# this module), as macOS does by default. The tests run the spawn path on Linux too.
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"

# (flat key, path in the figures dict, Chinese header)
COLUMNS = [
    ("presidium_meetings", ("presidium", "meetings"), "主席团会议"),
    ("presidium_decisions", ("presidium", "decisions"), "决定事项"),
    ("appointments", ("presidium", "appointments"), "任免人次"),
    ("congress_sessions", ("congress", "sessions"), "人代会"),
    ("congress_decisions", ("congress", "decisions"), "人代会决定"),
    ("elected", ("congress", "elected"), "选举人次"),
    ("deputies_township", ("deputies", "township"), "镇代表"),
    ("deputies_county", ("deputies", "county"), "县代表"),
    ("proposals_received", ("proposals", "received"), "收到建议"),
    ("proposals_replied", ("proposals", "replied"), "已答复"),
    ("proposals_overdue", ("proposals", "overdue"), "逾期"),
    ("activities_township", ("activities", "township"), "镇代表活动"),
    ("activities_county", ("activities", "county"), "县代表活动"),
    ("activities_training", ("activities", "training"), "学习培训"),
]


def rollup(paths: list[Path], date_from: str, date_to: str, as_of: str,
           warnings: list[str] | None = None) -> tuple[list[dict], dict, list[str]]:
    """(rows, total, errors): a township whose file cannot be read is named in errors; the rest still report.

    Each file is opened read-only (from a CD or a read-only share too) and never changed. The same file named
    twice (`a.db ./a.db`, a link to it) and two files of the same township are counted once; each repeat is
    named in `warnings`.
    """
    from rdtool.paths import file_key

    rows, errors = [], []
    first: dict[tuple, Path] = {}  # file (device and inode, else its resolved path) -> the path first given for it
    keys = [file_key(path) for path in paths]
    for key, path in zip(keys, paths):
        first.setdefault(key, path)
    towns: dict[tuple, str] = {}
    warnings = warnings if warnings is not None else []
    pool = _pool(len(first))
    try:
        jobs = [(path, date_from, date_to, as_of) for path in first.values()]
        results = pool.map(_read, jobs, chunksize=BATCH) if pool else map(_read, jobs)
        taken: set[tuple] = set()
        for key, path in zip(keys, paths):
            if key in taken:
                warnings.append(f"{path} 与 {first[key]} 是同一个文件，只计一次")
                continue
            taken.add(key)
            found = next(results)
            if isinstance(found, str):
                errors.append(f"{path}：{found}")
                continue
            town, county, row = found
            if (town, county) in towns:
                warnings.append(f"{path} 与 {towns[(town, county)]} 都是{county or ''}{town}的数据库，只计前一个")
                continue
            towns[(town, county)] = str(path)
            rows.append({"town": town, "file": str(path), **row})
    finally:
        if pool:
            pool.shutdown(wait=True, cancel_futures=True)
    total = {"town": "合计", "file": ""}
    for key, _, _ in COLUMNS:
        total[key] = sum(r[key] for r in rows)
    # the reply rate's base is the cohort handled by units (suggestions and motions handled as suggestions)
    total["proposals_handled"] = sum(r["proposals_handled"] for r in rows)
    total["reply_rate"] = (total["proposals_replied"] / total["proposals_handled"]
                           if total["proposals_handled"] else None)
    return rows, total, errors


def _pool(files: int):
    """Worker processes reading the files in batches, or None (read here): one per core, each with PER_WORKER
    files at least.

    Processes, not threads. A file's time is SQLite parsing its schema (~170 objects), which allocates thousands of
    times; in one process the threads wait for each other there (SQLite's memory statistics take one lock for the
    whole process) and for Python's lock: four threads on two cores took 2.4 times the CPU of one (23 s against 9.6
    s for the floor's own reads of 1,500 files, 9 s of it in the kernel), and no less wall time. Processes share
    neither. They start by START_METHOD."""
    workers = min(_cores(), files // PER_WORKER)
    if workers < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(START_METHOD)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Windows or macOS)
        return os.cpu_count() or 1


def _worker_start() -> None:
    """Ctrl-C reaches the whole process group: the roll-up itself stops and lets the workers finish the batch they
    hold; SIGTERM ends a worker as it would any program (it only reads). A worker whose roll-up is gone (killed,
    SIGKILL) ends too, instead of waiting for a batch that will never come."""
    import multiprocessing
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), daemon=True).start()


def _read(job: tuple[Path, str, str, str]) -> tuple[str, str, dict] | str:
    """(town, county, the row's figures) of one file, or why it cannot be read (a worker's answer: plain data)."""
    path, date_from, date_to, as_of = job
    try:
        fig, town, county = _figures(path, date_from, date_to, as_of)
    except RdtoolError as exc:
        return exc.message
    row = {name: fig[group][field] for name, (group, field), _ in COLUMNS}
    row["proposals_handled"] = fig["proposals"]["suggestions"] + fig["proposals"]["motions_as_suggestions"]
    row["reply_rate"] = fig["proposals"]["reply_rate"]
    return town, county, row


def _figures(path: Path, date_from: str, date_to: str, as_of: str) -> tuple[dict, str, str]:
    """One township's figures; a row another program wrote that breaks the rules is this file's error."""
    if not path.exists():
        raise RdtoolError(f"文件不存在：{path}")
    store = open_store(path, readonly=True)
    try:
        fig = compute(store, range_period(store, date_from, date_to), as_of)
        return fig, settings_sql.get(store, "town") or path.stem, settings_sql.get(store, "county") or ""
    except RdtoolError:
        raise
    except Exception:
        from rdtool.services.admin.stored_values import problem_in

        found = problem_in(store)
        if found is None:
            raise
        raise found from None
    finally:
        store.close()
