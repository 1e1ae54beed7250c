"""Hostile and broken input: each malformed file is rejected with the row named, and nothing is written.

Formula cells: a text field may hold `=HYPERLINK(…)` (it is only text in the database); every CSV/TSV
export neutralises it with a leading apostrophe, and the importer takes that apostrophe off again,
so an exported file imports back to the same record. Names never hold formula characters.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, Cli, add_deputy, dump, no_root_powers, write_csv

HEAD = "name,gender,level,term,birth_date,workplace\n"
OK = "林晓,女,镇,3,1980-01-02,镇政府\n"

# (case, file name, content bytes, what the error must mention)
CORPUS = [
    ("latin-1 bytes", "latin1.csv", (HEAD + OK).encode() + b"Jos\xe9,\xc4\x2c\xe9,3,,\n", "第3行"),
    ("utf-16 without BOM", "u16.csv", (HEAD + OK).encode("utf-16-le"), "第1行"),
    ("NUL byte in a row", "nul-byte.csv", (HEAD + OK + "周\x00敏,女,镇,3,,\n").encode(), "第3行"),
    ("truncated mid-row", "trunc.csv", (HEAD + OK + "周敏,女").encode(), "第3行"),
    ("truncated inside quotes", "quote.csv", (HEAD + OK + '周敏,女,镇,3,,"镇卫').encode(), "第3行"),
    ("huge cell", "huge.csv", (HEAD + OK + "周敏,女,镇,3,," + "长" * 200_000 + "\n").encode(), "第3行"),
    ("long cell", "long.csv", (HEAD + OK + "周敏,女,镇,3,," + "长" * 5000 + "\n").encode(), "第3行"),
    ("formula in a name", "formula.csv", (HEAD + OK + "=1+1,女,镇,3,,\n").encode(), "第3行"),
    ("duplicated row", "dup.csv", (HEAD + OK + OK).encode(), "第3行"),
    ("unknown column", "unknown.csv", ("name,gender,level,term,shoe_size\n林晓,女,镇,3,42\n").encode(), "shoe_size"),
    ("2023-02-30", "date.csv", (HEAD + "周敏,女,镇,3,2023-02-30,\n").encode(), "第2行"),
    ("negative count", "neg.csv", (HEAD + "周敏,女,镇,-3,,\n").encode(), "第2行"),
    ("same name, spaced forms", "spaces.csv", (HEAD + "王 建国,男,镇,3,1970-01-01,\n王　建国,男,镇,3,1970-01-01,\n").encode(),
     "第3行"),
    ("full-width digits in a name", "fw.csv", (HEAD + "王１,男,镇,3,,\n").encode(), "第2行"),
    ("more cells than headers", "extra.csv", (HEAD + "周敏,女,镇,3,,,多余\n").encode(), "第2行"),
    ("unknown enum value", "enum.csv", (HEAD + "周敏,女,市,3,,\n").encode(), "第2行"),
    ("empty file", "empty.csv", b"", "空文件"),
    ("header only of another kind", "other.csv", "foo,bar\n1,2\n".encode(), "第1行"),
    ("corrupted xlsx", "bad.xlsx", b"PK\x03\x04 not really a zip", ".xlsx"),
]


@pytest.fixture
def seeded(cli):
    add_deputy(cli, "张三")  # the database has a record, so a failure must leave it exactly as it was
    return cli


@pytest.mark.parametrize("case,name,content,mention", CORPUS, ids=[c[0] for c in CORPUS])
def test_malformed_file_is_rejected_and_nothing_written(seeded, db, tmp_path, case, name, content, mention):
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(db)
    r = seeded("import", "deputies", path, expect=1)
    assert dump(db) == before, case
    assert mention in r.stderr, r.stderr
    assert r.stderr.startswith("错误："), r.stderr
    assert len(r.stderr) < 3000


def test_paths_that_are_not_files(seeded, tmp_path):
    seeded.fails("import", "deputies", tmp_path / "nosuch.csv", code=2)
    seeded.fails("import", "deputies", tmp_path, code=2)
    seeded.fails("import", "nosuchkind", tmp_path / "x.csv", code=2)


def test_spaced_and_full_width_names_are_normalised(cli, tmp_path):
    f = write_csv(tmp_path / "d.csv", HEAD + "王 建国,男,镇,3,1970-01-01,\n欧阳　ＡＢ,女,镇,3,,\n")
    cli("import", "deputies", f)
    assert sorted(d["name"] for d in cli.json("deputy", "list")) == sorted(["王建国", "欧阳AB"])


def test_formula_text_is_neutralised_on_export_and_round_trips(cli, tmp_path):
    f = write_csv(tmp_path / "d.csv", HEAD + '周敏,女,镇,3,,"=HYPERLINK(""http://x"",""y"")"\n林晓,女,镇,3,,-合作社\n')
    cli("import", "deputies", f)
    out = tmp_path / "out.csv"
    cli("export", "deputies", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'-合作社" in text
    assert os.stat(out).st_mode & 0o777 == 0o600
    other = Cli(tmp_path / "other.db")
    other("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    other("import", "deputies", out)
    places = sorted(r["workplace"] for r in _rows(tmp_path / "other.db"))
    assert places == sorted(['=HYPERLINK("http://x","y")', "-合作社"])


def _rows(db):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM deputies")]
    finally:
        conn.close()


def test_not_sqlite_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 2\x00" + os.urandom(5000))
    before = bad.read_bytes()
    for args in (("deputy", "list"), ("deputy", "add", "周敏", "--gender", "女", "--level", "镇", "--term", "3"),
                 ("db", "check"), ("db", "log")):
        r = Cli(bad)(*args, expect=1)
        assert r.stderr.startswith("错误：") and "Traceback" not in r.output
    assert bad.read_bytes() == before
    Cli(tmp_path)("deputy", "list", expect=2)  # a directory as the database


def _without_root_powers(cmd: list[str]):
    """Root ignores file modes: run without the capabilities that let it (helpers.no_root_powers), else skip."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*no_root_powers(), *cmd], capture_output=True, text=True, env=env, timeout=60)


def test_read_only_database(cli, db):
    add_deputy(cli, "周敏")
    folder = Path(tempfile.mkdtemp(prefix="rdtool-ro-"))
    try:
        ro = folder / "ro.db"
        src, dst = sqlite3.connect(db), sqlite3.connect(ro)
        src.backup(dst)
        src.close()
        dst.close()
        os.chmod(ro, 0o400)
        before = ro.read_bytes()
        base = [sys.executable, "-m", "rdtool", "--db", str(ro)]
        w = _without_root_powers(base + ["deputy", "add", "吴刚", "--gender", "男", "--level", "镇", "--term", "3"])
        assert w.returncode == 1, w
        assert w.stderr.startswith("错误：") and "Traceback" not in w.stderr and "只读" in w.stderr
        assert ro.read_bytes() == before
        r = _without_root_powers(base + ["deputy", "list", "--format", "csv"])
        assert r.returncode == 0 and "周敏" in r.stdout, r
    finally:
        shutil.rmtree(folder, ignore_errors=True)
