"""rdtool demo and the CLI as a process: sample data, piping, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import Cli


def run(*args, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "rdtool", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, **kw)


def test_demo_builds_sample_and_refuses_real_databases(tmp_path, db):
    demo = tmp_path / "demo.db"
    result = run("demo", "--db", demo)
    assert result.returncode == 0, result.stderr
    assert "三川镇" not in result.stderr
    assert "召开主席团会议21次" in result.stdout and "--db" in result.stdout
    cli = Cli(demo)
    term3 = cli.json("deputy", "list", "--term", "3")
    assert sum(r["level"] == "township" for r in term3) == 82
    assert sum(r["level"] == "county" for r in term3) == 23
    assert sum(1 for r in term3 if r["name"] == "王建国") == 2
    presidium = cli.json("deputy", "list", "--term", "3", "--presidium")
    assert len(presidium) == 9
    # a second run replaces the earlier demo database, but never a real one
    assert run("demo", "--db", demo).returncode == 0
    refused = run("demo", "--db", db)
    assert refused.returncode == 1 and "不是 rdtool 演示库" in refused.stderr


def test_demo_without_db_uses_a_new_path(tmp_path):
    result = run("demo", env={"TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert str(tmp_path) in result.stdout


def test_sample_composition_meets_the_seed_targets(sample):
    data = sample.json("deputy", "composition", "--term", "3")
    targets = {t["key"]: t for t in data["targets"]}
    assert targets["party_share"]["met"] and targets["party_share"]["share"] >= 0.6
    assert targets["re_elected_share"]["met"]
    assert targets["presidium_party_share"]["met"] and targets["presidium_party_share"]["base"] == 9


def test_piped_output_is_plain_and_errors_have_no_traceback(sample):
    result = run("--db", sample.db, "deputy", "list", "--term", "3")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout and "│" not in result.stdout and "─" not in result.stdout
    bad = run("--db", sample.db, "deputy", "show", "不存在的人")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.startswith("错误：")
    usage = run("--db", sample.db, "deputy", "list", "--level")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_broken_pipe_is_quiet(sample):
    proc = subprocess.run(f"{sys.executable} -m rdtool --db {sample.db} export deputies --format csv | head -1",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert proc.stdout.startswith("name,gender")
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr


def test_same_name_deputies_in_sample_need_an_id(sample):
    result = sample.fails("deputy", "show", "王建国", "--term", "3")
    assert "ID 20" in result.stderr and "ID 25" in result.stderr


def _many_deputies(path, n=6000):
    given = "明华国强建军秀英桂兰志刚丽娟海涛春梅"
    lines = ["name,gender,level,term,birth_date"]
    for i in range(n):
        name = "王" + given[i % 18] + given[(i // 18) % 18] + given[(i // 324) % 18]
        lines.append(f"{name},男,镇,3,{1950 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_progress_only_on_a_terminal_and_on_stderr(db, tmp_path):
    import shutil

    big = _many_deputies(tmp_path / "big.csv")
    piped = run("--db", db, "import", "deputies", big)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == "" and "校验" not in piped.stdout
    if shutil.which("script") is None:
        return
    other = tmp_path / "other.db"
    Cli(other)("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    command = f"{sys.executable} -m rdtool --db {other} import deputies {big} >{tmp_path / 'out.txt'}"
    subprocess.run(["script", "-qec", command, str(tmp_path / "tty.log")], capture_output=True, timeout=120)
    assert "校验" in (tmp_path / "tty.log").read_text(errors="replace")  # drawn on the terminal (stderr)
    assert "校验" not in (tmp_path / "out.txt").read_text()            # never in the data on stdout
    assert "已导入 6000 条" in (tmp_path / "tty.log").read_text()      # confirmed on the terminal (stderr)
    assert (tmp_path / "out.txt").read_text() == ""
