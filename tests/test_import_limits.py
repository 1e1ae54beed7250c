"""Issue 12 (import side): hostile files stop at the import limits, quickly, in bounded memory.

Each file is generated here (none is committed) and imported by the real CLI in a subprocess whose peak
RSS is measured with os.wait4; every run must end with a clear message (no traceback), change nothing,
and stay under 200 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from rdtool.settings import IMPORT_MEMORY_MB
from tests.helpers import ROOT, Cli, dump

LIMIT_MB = IMPORT_MEMORY_MB  # the documented bound

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
WORKBOOK = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>性别</t></is></c></row>')


def _xlsx(path: Path, sheet_chunks, shared_chunks=None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_chunks:
                f.write(chunk.encode())
        if shared_chunks is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                for chunk in shared_chunks:
                    f.write(chunk.encode())
    return path


def tiny_rows(n: int):
    yield SHEET_HEAD + HEADER_ROW
    for start in range(2, n + 2, 10_000):
        yield "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>甲</t></is></c></row>'
                      for i in range(start, min(start + 10_000, n + 2)))
    yield "</sheetData></worksheet>"


def padded_sheet(megabytes: int):
    yield SHEET_HEAD + HEADER_ROW
    for _ in range(megabytes):
        yield " " * (1 << 20)
    yield "</sheetData></worksheet>"


def one_shared_string(megabytes: int):
    yield '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    for _ in range(megabytes):
        yield "长" * (1 << 19)
    yield "</t></si></sst>"


def sheet_using_shared_string():
    yield SHEET_HEAD + HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>'


# A small Python forks and execs rdtool and reports the child's peak RSS from wait4. (Measured from the
# test process itself, the figure would include the pytest worker's memory: a fork starts with the
# parent's pages, and ru_maxrss is kept across exec.)
MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "rdtool", *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\nPEAK_KB={usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(db: Path, *args, timeout: float = 90) -> tuple[int, str, float, float]:
    """(exit code, stderr, peak RSS in MB, seconds) of `rdtool --db DB ARGS` as its own process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", MEASURE, "--db", str(db), *map(str, args)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        raise AssertionError(f"rdtool {args} still running after {timeout} s") from None
    text, _, peak = err.decode("utf-8", "replace").rpartition("\nPEAK_KB=")
    return proc.returncode, text, int(peak) / 1024, time.monotonic() - start


@pytest.fixture
def target(tmp_path) -> Path:
    db = tmp_path / "t.db"
    cli = Cli(db)
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    cli("deputy", "add", "张三", "--gender", "男", "--level", "镇", "--term", "3")
    return db


def _refused(db: Path, path, code: int, *mentions: str) -> float:
    before = dump(db)
    rc, err, peak, seconds = run_measured(db, "import", "deputies", path)
    assert rc == code, err
    assert "Traceback" not in err and "内部错误" not in err, err
    for m in mentions:
        assert m in err, err
    assert peak < LIMIT_MB, f"{path}: peak RSS {peak:.0f} MB"
    assert dump(db) == before
    return seconds


def test_many_tiny_rows_stop_at_the_row_limit(target, tmp_path):
    path = _xlsx(tmp_path / "rows.xlsx", tiny_rows(120_000))
    _refused(target, path, 1, "第100002行是第 100001 行数据", "100000 行", "import_max_rows")
    Cli(target)("config", "import_max_rows", "20000")
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text("姓名,性别\n" + "甲,男\n" * 30_000, encoding="utf-8")
    _refused(target, csv_path, 1, "20000 行")


def test_an_xlsx_that_unzips_past_the_limit_is_refused_before_reading(target, tmp_path):
    seconds = _refused(target, _xlsx(tmp_path / "big.xlsx", padded_sheet(110)), 1, "解压后", "import_max_unzipped_mb")
    assert seconds < 20
    shared = _xlsx(tmp_path / "shared.xlsx", sheet_using_shared_string(), one_shared_string(110))
    _refused(target, shared, 1, "解压后")


def test_one_huge_shared_string_stops_at_the_cell_limit(target, tmp_path):
    path = _xlsx(tmp_path / "cell.xlsx", sheet_using_shared_string(), one_shared_string(40))
    _refused(target, path, 1, "第2行 A列", "10000 字")


def test_devices_pipes_and_oversized_files_are_refused_at_once(target, tmp_path):
    assert _refused(target, "/dev/zero", 2, "字符设备") < 20
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert _refused(target, fifo, 2, "命名管道") < 20       # never opened, so never waits for a writer
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(200 * 1024 * 1024)                        # sparse: 200 MB on paper, nothing on disk
    assert _refused(target, big, 1, "200.0 MB", "import_max_file_mb") < 20
    line = tmp_path / "line.csv"
    line.write_bytes(b"name,gender\n" + b"x" * (30 * 1024 * 1024))
    _refused(target, line, 1, "10000 字")


def test_limits_are_settings(target, tmp_path):
    cli = Cli(target)
    cli("config", "import_max_rows", "2")
    path = tmp_path / "three.csv"
    path.write_text("姓名,性别\n甲,男\n乙,女\n丙,男\n", encoding="utf-8")
    assert "import_max_rows" in cli.fails("import", "deputies", path).stderr
    cli("config", "import_max_rows", "3")
    cli("import", "deputies", path)
