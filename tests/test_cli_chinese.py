"""Chinese all the way: -h, help and metavars on every command, click's usage errors, check and setting names,
shell completion from the database, and the pager."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from rdtool.cli.main import COMMANDS, LazyGroup, app
from tests.helpers import ROOT, dump

ENGLISH_CLICK = re.compile(r"No such|Missing|Invalid value|Got unexpected|requires an|does not take|is not a valid|"
                           r"is not in the range|Try '|Usage:|Error:")


def commands():
    """(path, command, context) for the root, every group and every sub-command, built as rdtool builds them."""
    root = typer.main.get_command(app)
    from rdtool.cli.usage import finish

    finish(root)
    ctx = root.make_context("rdtool", ["deputy"], resilient_parsing=True)
    yield "rdtool", root, ctx
    for name in COMMANDS:
        cmd = LazyGroup.get_command(root, ctx, name)
        sub_ctx = cmd.make_context(name, [], parent=ctx, resilient_parsing=True)
        yield f"rdtool {name}", cmd, sub_ctx
        for sub in getattr(cmd, "list_commands", lambda c: [])(sub_ctx):
            leaf = cmd.get_command(sub_ctx, sub)
            yield f"rdtool {name} {sub}", leaf, leaf.make_context(sub, [], parent=sub_ctx, resilient_parsing=True)


def test_every_option_and_argument_says_what_it_expects():
    from rdtool.cli.usage import is_english

    seen = 0
    for path, cmd, ctx in commands():
        for param in cmd.get_params(ctx):
            if getattr(param, "is_flag", False) or param.hidden:
                continue
            metavar = param.make_metavar(ctx)
            assert not is_english(metavar), f"{path} {param.name}: {metavar}"
            seen += 1
    assert seen > 300


def test_h_is_help_everywhere_and_help_is_in_chinese(cli):
    for path, cmd, ctx in commands():
        args = path.split()[1:]
        result = cli(*args, "-h")
        text = result.stdout
        assert text.startswith("用法：") and "显示本帮助并退出" in text, path
        assert not re.search(r"<(str|int|integer|text)>|\bTEXT\b|\bINTEGER\b|Show this message|\[default:|\[required\]",
                             text), (path, text)


@pytest.mark.parametrize("args, expected", [
    (("meeting", "list", "--bmo"), "没有选项 --bmo；最接近的是 --bom"),
    (("deputy", "list", "--fromat", "csv"), "没有选项 --fromat；最接近的是 --format"),
    (("deputy", "lsit"), "没有命令“lsit”；最接近的是 list"),
    (("report", "annual"), "缺少选项 --year（年份，如 2019）"),
    (("deputy", "show"), "缺少参数 <姓名或ID>"),
    (("deputy", "list", "--term", "三"), "--term 的值“三”不是整数"),
    (("db", "log", "--limit", "-5"), "--limit 的值 -5 超出范围（应为 0 到 2147483647）"),
    (("deputy", "list", "多余"), "多余的参数：多余"),
    (("meeting", "list", "--format"), "选项 --format 后面需要一个值"),
])
def test_usage_errors_are_chinese_and_change_nothing(cli, args, expected):
    result = cli.fails(*args, code=2)
    assert expected in result.stderr, result.stderr
    assert not ENGLISH_CLICK.search(result.stderr), result.stderr
    assert "-h 查看用法" in result.stderr


def test_db_check_names_checks_in_chinese_and_keeps_codes_for_machines(sample, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "160")
    table = sample("db", "check", "--as-of", "2026-11-28").stdout
    assert "建议逾期未答复" in table and "proposal_overdue" in table and "议案、建议" in table
    narrow = sample("db", "check", "--as-of", "2026-11-28", "--no-pager")
    assert "建议逾期未答复" in narrow.stdout
    data = sample.json("db", "check", "--as-of", "2026-11-28")
    assert {"severity", "check", "table", "record", "message"} == set(data[0])
    assert any(f["check"] == "proposal_overdue" and f["table"] == "proposals" for f in data)


def test_every_check_code_has_a_chinese_label():
    from rdtool.labels import ENUMS

    codes = set()

    def strings(node):  # "code", or "a" if … else "b"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return strings(node.body) | strings(node.orelse)
        return set()

    for path in (ROOT / "rdtool").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):  # {"check": "code", …}
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value == "check":
                        codes |= strings(value)
            elif isinstance(node, ast.Call) and "finding" in getattr(node.func, "id", "") and node.args:
                codes |= strings(node.args[0])  # _finding("code", …)
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "check" for t in node.targets):
                codes |= strings(node.value)  # check = "a" if … else "b"
    assert len(codes) > 10
    assert codes <= set(ENUMS["check"]), codes - set(ENUMS["check"])


def test_db_log_names_tables_and_fields_in_chinese(cli):
    cli("deputy", "add", "林晓", "--gender", "女", "--level", "镇", "--term", "3")
    cli("deputy", "edit", "林晓", "--workplace", "三川村")
    text = cli("db", "log").stdout
    assert "工作单位及职务: 空 → 三川村" in text and "代表" in text and "workplace:" not in text
    assert "workplace" in cli("db", "log", "--format", "csv").stdout  # machines keep the field names


def test_settings_by_chinese_name_and_value(cli):
    before = dump(cli.db)
    cli("config", "建议答复期限", "2")
    cli("config", "presidium_quorum", "三分之二")
    cli("config", "连任代表比例目标", "三分之一")
    cli("config", "妇女代表比例目标", "百分之二十五")
    values = {r["key"]: r["value"] for r in cli.json("config")}
    assert values["proposal_reply_months"] == 2 or values["proposal_reply_months"] == "2"
    assert values["presidium_quorum"] == "two_thirds"
    assert values["target_re_elected_share"] == "1/3" and values["target_women_share"] == "25%"
    assert "三分之二以上" in cli("config", "主席团会议法定人数").stdout
    assert dump(cli.db) != before
    bad = cli.fails("config", "建议期限", "2", code=2)
    assert "最接近的是 建议答复期限" in bad.stderr
    wrong = cli.fails("config", "presidium_quorum", "一半")
    assert "过半数" in wrong.stderr and "三分之二" in wrong.stderr


# --- shell completion -----------------------------------------------------------------------------------


def complete(db: Path, words: str, shell: str = "bash", **env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k != "RDTOOL_DB"}
    environ.update(RDTOOL_DB=str(db), **env)
    if shell == "bash":
        parts = words.split(" ")
        environ.update(_RDTOOL_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    else:
        environ.update(_RDTOOL_COMPLETE=f"complete_{shell}", _TYPER_COMPLETE_ARGS=words)
    out = subprocess.run([sys.executable, "-c", "from rdtool.cli.entry import main; main()"], capture_output=True,
                         text=True, encoding="utf-8", env=environ, cwd=ROOT, timeout=60)
    assert out.returncode == 0 and not out.stderr, out.stderr
    return [line for line in out.stdout.splitlines() if line]


def folder_state(path: Path) -> dict:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in path.iterdir()}


def test_completion_of_names_and_codes_reads_only(sample):
    folder = sample.db.parent
    before, content = folder_state(folder), dump(sample.db)
    assert "王桂芳" in complete(sample.db, "rdtool deputy show 王桂")
    assert {"P3-10", "P3-11"} <= set(complete(sample.db, "rdtool meeting show P3-1"))
    assert "三届一次-002" in complete(sample.db, "rdtool proposal show 三届一次-00")
    assert "谢锋、马继红" in complete(sample.db, "rdtool proposal submit 标题 --cosigners 谢锋、马继")
    assert any("C3-1" in line for line in complete(sample.db, "rdtool vote add C3", shell="zsh"))
    assert "建议答复期限" in complete(sample.db, "rdtool config 建议")
    assert folder_state(folder) == before and dump(sample.db) == content  # no file created, nothing written


def test_completion_beside_a_database_in_use_creates_nothing(sample):
    import sqlite3

    conn = sqlite3.connect(sample.db)  # another program has it open: -wal and -shm exist
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("SELECT count(*) FROM deputies").fetchone()
    try:
        before = folder_state(sample.db.parent)
        assert "王桂芳" in complete(sample.db, "rdtool deputy show 王桂")
        assert set(folder_state(sample.db.parent)) == set(before)
    finally:
        conn.close()


def test_completion_without_a_database_completes_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "没有.db"
    assert complete(missing, "rdtool deputy show 王") == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o default -F _rdtool_completion rdtool"),
                                           ("zsh", "#compdef rdtool"), ("fish", "complete --command rdtool"),
                                           ("powershell", "Register-ArgumentCompleter")])
def test_completion_scripts_for_every_shell(shell, marker):
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}  # name the shell, not detect it
    out = subprocess.run([sys.executable, "-c", "from rdtool.cli.main import main; main()", "--show-completion",
                          shell], capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "_RDTOOL_COMPLETE" in out.stdout and marker in out.stdout


# --- the pager ----------------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
@pytest.mark.parametrize("extra, paged", [((), True), (("--no-pager",), False)])
def test_a_long_list_on_a_terminal_goes_through_the_pager(sample, tmp_path, extra, paged):
    caught = tmp_path / "paged.txt"
    pager = tmp_path / "pager.py"
    pager.write_text(f"import sys\nopen({str(caught)!r}, 'w', encoding='utf-8').write(sys.stdin.read())\n",
                     encoding="utf-8")
    env = {**os.environ, "PAGER": f"{sys.executable} {pager}", "LINES": "20", "COLUMNS": "100"}
    env.pop("RDTOOL_PAGER", None)
    screen = _on_a_terminal(["--db", str(sample.db), "deputy", "list", "--term", "3", *extra], env)
    if paged:
        text = caught.read_text(encoding="utf-8")
        assert "王桂芳" in text and text.count("\n") > 80 and "王桂芳" not in screen
    else:
        assert not caught.exists() and "王桂芳" in screen


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_leaving_the_pager_early_is_quiet(sample, tmp_path):
    env = {**os.environ, "PAGER": f"{sys.executable} -c \"import sys; sys.stdin.readline()\"", "LINES": "10"}
    shown = _on_a_terminal(["--db", str(sample.db), "vote", "list"], env)
    assert "错误" not in shown and "Traceback" not in shown


def _on_a_terminal(args: list[str], env: dict, answers: str = "", code: int = 0) -> str:
    """What `rdtool ARGS` shows when its stdin, stdout and stderr are a pseudo-terminal, `answers` typed at it
    (it must exit with `code`)."""
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "rdtool", *args], stdin=child, stdout=child, stderr=child,
                            env=env, cwd=ROOT)
    os.close(child)
    if answers:
        os.write(main, answers.encode("utf-8"))
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait(timeout=60) == code
    os.close(main)
    return shown.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_a_question_is_asked_and_answered_in_chinese(sample):
    """db delete asks [是/否] on a terminal; an answer it cannot read is asked again; 否 leaves the record."""
    from tests.helpers import dump

    sample("meeting", "add", "--kind", "presidium", "--date", "2021-12-20")
    before = dump(sample.db)
    screen = _on_a_terminal(["--db", str(sample.db), "db", "delete", "会议", "P3-22"], {**os.environ, "NO_COLOR": "1"},
                            answers="好的\n否\n", code=1)
    assert "类别 主席团会议" in screen and "[是/否]" in screen and "请回答 是 或 否" in screen and "已取消" in screen
    assert dump(sample.db) == before
