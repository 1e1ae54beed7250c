"""Crash safety: an import killed with SIGKILL at several points leaves a sound database with none or all rows."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, Cli, add_deputy

pytestmark = pytest.mark.slow  # crash tests: left out of the quick loop (pytest -m "not slow")

ROWS = 12_000
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰"


def big_file(path: Path, rows: int = ROWS) -> Path:
    names = (a + b + c for a, b, c in itertools.product(SURNAMES, GIVEN, GIVEN))
    with open(path, "w", encoding="utf-8") as f:
        f.write("name,gender,level,term,birth_date,workplace\n")
        for i, n in zip(range(rows), names):
            f.write(f"{n},{'男' if i % 2 else '女'},镇,3,19{60 + i % 40}-0{1 + i % 9}-1{i % 9},某某村民委员会\n")
    return path


def copy_db(src: Path, dst: Path) -> Path:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()
    os.chmod(dst, 0o600)
    return dst


def start_import(db: Path, csv: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rdtool", "--db", str(db), "import", "deputies", str(csv)],
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def state(db: Path) -> tuple[str, int, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM deputies").fetchone()[0],
                conn.execute("SELECT count(*) FROM change_log WHERE table_name = 'deputies'").fetchone()[0])
    finally:
        conn.close()


def test_import_killed_at_several_points(cli, db, tmp_path):
    add_deputy(cli, "甲乙")  # the database has a record: the import backs it up first
    csv = big_file(tmp_path / "big.csv")
    seed = copy_db(db, tmp_path / "seed.db")

    full = copy_db(seed, tmp_path / "full.db")
    t0 = time.monotonic()
    p = start_import(full, csv)
    assert p.wait(timeout=120) == 0, p.stderr.read().decode()
    total = time.monotonic() - t0
    assert state(full) == ("ok", ROWS + 1, ROWS + 1)

    outcomes = []
    for i, fraction in enumerate((0.3, 0.6, 0.8, 0.88, 0.93, 0.97)):
        target = copy_db(seed, tmp_path / f"k{i}.db")
        p = start_import(target, csv)
        time.sleep(total * fraction)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
        ok, n, logged = state(target)
        assert ok == "ok"
        assert (n, logged) in ((1, 1), (ROWS + 1, ROWS + 1)), (fraction, n, logged)
        outcomes.append(n)
        # and rdtool itself opens it and finds nothing wrong
        Cli(target)("db", "check", "--format", "json")
    print("rows after each kill:", outcomes)
