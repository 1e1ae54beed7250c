"""County roll-up: one row per township database plus the total, each file opened read-only."""

from __future__ import annotations

from pathlib import Path

from rdtool.errors import RdtoolError
from rdtool.reports.figures import compute
from rdtool.services.terms.periods import range_period
from rdtool.store import settings as settings_sql
from rdtool.store.opening import open_store

# Threads reading township files at once (rollup).
WORKERS = 4

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
    from concurrent.futures import ThreadPoolExecutor

    from rdtool.paths import file_key

    rows, errors = [], []
    first: dict[tuple, Path] = {}  # file (device and inode, else its resolved path) -> the path first given for it
    keys = [file_key(path) for path in paths]
    for key, path in zip(keys, paths):
        first.setdefault(key, path)
    towns: dict[tuple, str] = {}
    warnings = warnings if warnings is not None else []

    def read(path: Path) -> tuple[dict, str, str] | RdtoolError:
        try:
            return _figures(path, date_from, date_to, as_of)
        except RdtoolError as exc:
            return exc

    # Files are read by a few threads at once (SQLite works without Python's lock: opening a file and reading its
    # schema is most of the time), and taken in the order given. Stopped (Ctrl-C, SIGTERM, an error), the files not
    # yet begun are dropped: only the few being read are waited for.
    pool = ThreadPoolExecutor(max_workers=WORKERS)
    try:
        results = pool.map(read, list(first.values()))
        taken: set[tuple] = set()
        for key, path in zip(keys, paths):
            if key in taken:
                warnings.append(f"{path} 与 {first[key]} 是同一个文件，只计一次")
                continue
            taken.add(key)
            found = next(results)
            if isinstance(found, RdtoolError):
                errors.append(f"{path}：{found.message}")
                continue
            fig, town, county = found
            if (town, county) in towns:
                warnings.append(f"{path} 与 {towns[(town, county)]} 都是{county or ''}{town}的数据库，只计前一个")
                continue
            towns[(town, county)] = str(path)
            row = {"town": town, "file": str(path)}
            for name, (group, field), _ in COLUMNS:
                row[name] = fig[group][field]
            row["proposals_handled"] = fig["proposals"]["suggestions"] + fig["proposals"]["motions_as_suggestions"]
            row["reply_rate"] = fig["proposals"]["reply_rate"]
            rows.append(row)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    total = {"town": "合计", "file": ""}
    for key, _, _ in COLUMNS:
        total[key] = sum(r[key] for r in rows)
    # the reply rate's base is the cohort handled by units (suggestions and motions handled as suggestions)
    total["proposals_handled"] = sum(r["proposals_handled"] for r in rows)
    total["reply_rate"] = (total["proposals_replied"] / total["proposals_handled"]
                           if total["proposals_handled"] else None)
    return rows, total, errors


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
