"""The memory an import and its undo may take (rdtool.settings.IMPORT_MEMORY_MB): measured, not assumed.

Each command runs as its own process (the real CLI on a real file); its peak resident memory is read from
wait4 (tests.test_import_limits.run_measured) and must stay under the documented bound — for a 50,000-row
roster and a 100,000-row roll-call file (the default row limit), imported for real and with --dry-run, then
undone. Memory, not time: nothing here is timed (the timeout is only a guard against a hang).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdtool.settings import IMPORT_LIMITS, IMPORT_MEMORY_MB
from tests.helpers import Cli, fictional_names as names
from tests.test_import_limits import run_measured

pytestmark = pytest.mark.slow

GUARD = 900  # seconds: a hang fails the test, a loaded machine does not


def measured(db: Path, *args) -> float:
    code, err, peak, _ = run_measured(db, *args, timeout=GUARD)
    assert code == 0, err[-2000:]
    assert "Traceback" not in err
    return peak


def counts(db: Path) -> tuple[int, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*) FROM deputies").fetchone()[0],
                conn.execute("SELECT count(*) FROM attendance").fetchone()[0])
    finally:
        conn.close()


def _import_then_undo(db: Path, kind: str, data: Path, rows: int, before: tuple[int, int]) -> dict[str, float]:
    peaks = {"--dry-run": measured(db, "import", kind, data, "--dry-run")}
    assert counts(db) == before
    peaks["import"] = measured(db, "import", kind, data)
    after = counts(db)
    assert after[0 if kind == "deputies" else 1] - before[0 if kind == "deputies" else 1] == rows
    peaks["undo"] = measured(db, "undo", "--yes")
    assert counts(db) == before
    return peaks


def test_a_50000_row_roster_is_imported_and_undone_within_the_documented_memory(db, tmp_path):
    rows = 50_000
    data = tmp_path / "代表名册.csv"
    with open(data, "w", encoding="utf-8") as f:
        f.write("name,gender,level,term,birth_date,workplace,phone\n")
        for i, name in enumerate(names(rows)):
            f.write(f"{name},{'男' if i % 2 else '女'},镇,3,19{60 + i % 40}-0{1 + i % 9}-1{i % 9},"
                    f"某某村民委员会,139{i:08d}\n")
    before = counts(db)
    peaks = _import_then_undo(db, "deputies", data, rows, before)
    assert max(peaks.values()) < IMPORT_MEMORY_MB, peaks


def test_a_roll_call_file_at_the_row_limit_is_imported_and_undone_within_the_documented_memory(db, tmp_path):
    cli = Cli(db)
    rows = IMPORT_LIMITS["rows"]
    per_meeting = 1000
    people = names(per_meeting)
    roster = tmp_path / "代表.csv"
    roster.write_text("name,gender,level,term\n" + "".join(f"{n},{'男' if i % 2 else '女'},镇,3\n"
                                                         for i, n in enumerate(people)), encoding="utf-8")
    cli("import", "deputies", roster)
    meetings = tmp_path / "会议.csv"
    meetings.write_text("code,kind,date,title,term\n" + "".join(
        f"C{m + 1},congress,2018-{1 + (m // 28) % 12:02d}-{1 + m % 28:02d},第{m + 1}次会议,3\n"
        for m in range(rows // per_meeting)), encoding="utf-8")
    cli("import", "meetings", meetings)
    data = tmp_path / "出席.csv"
    statuses = ("present", "present", "present", "leave", "absent")
    with open(data, "w", encoding="utf-8") as f:
        f.write("meeting,deputy,status\n")
        for m in range(rows // per_meeting):
            for i, name in enumerate(people):
                f.write(f"C{m + 1},{name},{statuses[(i + m) % 5]}\n")
    before = counts(db)
    peaks = _import_then_undo(db, "attendance", data, rows, before)
    assert max(peaks.values()) < IMPORT_MEMORY_MB, peaks
