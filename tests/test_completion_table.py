"""A Tab press answered before typer is imported (rdtool.cli.quick_complete) says exactly what typer says.

The completion table is generated from the command tree (tests/test_docs.py fails when it is stale); here the quick
answer is compared with typer's own (the same environment given to the real command tree, in this process) for
every command path — its sub-commands, its option names, after an option is given, each option's and argument's
values from the sample database — in each shell's protocol, and a Tab press is shown to leave typer unimported.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from rdtool.cli import completion_table, quick_complete
from rdtool.cli.main import app
from tests.helpers import ROOT

SHELLS = ("bash", "zsh", "fish", "powershell")
PREFIXES = {"deputy": "王", "meeting": "P3-1", "proposal": "三届一次-00", "setting": "建议"}


def environ(shell: str, words: list[str], incomplete: str, db) -> dict[str, str]:
    env = {"RDTOOL_DB": str(db), "_RDTOOL_COMPLETE": f"complete_{shell}"}
    line = " ".join(["rdtool", *words, incomplete])
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) + 1))
    elif shell == "powershell":
        env.update(_TYPER_COMPLETE_ARGS=line.rstrip() if incomplete else line,
                   _TYPER_COMPLETE_WORD_TO_COMPLETE=incomplete)
    else:
        env.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION="get-args")
    return env


def typer_says(env: dict[str, str]) -> tuple[list[str], int]:
    result = CliRunner().invoke(app, [], env=env, prog_name="rdtool")
    return sorted(result.stdout.split("\n")), result.exit_code


def quick_says(env: dict[str, str]) -> tuple[list[str], int] | None:
    """(lines, exit code) — sorted, as the shells show them (typer lists -h and --help in a set's order)."""
    found = quick_complete.answer(env)
    return None if found is None else (sorted(((found[0] or "") + "\n").split("\n")), found[1])


def cases() -> list[tuple[list[str], str]]:
    """(words typed, the word being completed) for every command path."""
    out = []
    options = completion_table.OPTIONS
    for path, (commands, option_ids, arguments) in completion_table.TABLE.items():
        words = path.split()
        out += [(words, ""), (words, "-"), (words, "--")]
        if commands:
            out += [(words, commands[0][0][:2])]
        for i in option_ids:
            name, opts, _, takes_value, *_, value = options[i]
            if takes_value and value in PREFIXES:
                out += [([*words, opts[0]], ""), ([*words, opts[0]], PREFIXES[value])]
            if takes_value and opts[0] == "--format":
                out += [([*words, "--format", "json"], "--")]  # an option given is not offered again
        for name, nargs, _, value in arguments:
            if value in PREFIXES:
                out += [(words, PREFIXES[value])]
    return out


def test_the_quick_answer_is_typers_for_every_command_in_bash(sample, monkeypatch):
    monkeypatch.setenv("RDTOOL_DB", str(sample.db))  # (the completers read it from the process's environment)
    answered = 0
    for words, incomplete in cases():
        env = environ("bash", words, incomplete, sample.db)
        quick = quick_says(env)
        if quick is None:
            continue
        answered += 1
        assert quick == typer_says(env), (words, incomplete)
    assert answered > 0.9 * len(cases())  # (typer answers only what the table cannot: -h given, a file's name …)


@pytest.mark.parametrize("shell", SHELLS)
def test_names_and_codes_in_every_shell(sample, shell, monkeypatch):
    monkeypatch.setenv("RDTOOL_DB", str(sample.db))
    lines = [(["deputy", "show"], "王桂"), (["--db", str(sample.db), "meeting", "show"], "P3-1"),
             (["proposal", "show"], "三届一次-00"), (["proposal", "submit", "标题", "--cosigners"], "谢锋、马继"),
             (["config"], "建议"), (["vote", "add"], "C3"), (["deputy", "show"], "没有这个人"),
             (["deputy", "list", "--db", str(sample.db), "--term"], "")]
    for words, incomplete in lines:
        env = environ(shell, words, incomplete, sample.db)
        quick = quick_says(env)
        assert quick is not None, (shell, words, incomplete)
        assert quick == typer_says(env), (shell, words, incomplete)
    fish = environ("fish", ["deputy", "show"], "王桂", sample.db)
    for action, code in (("is-args", 0), ("get-args", 0)):
        fish["_TYPER_COMPLETE_FISH_ACTION"] = action
        assert quick_complete.answer(fish)[1] == code == typer_says(fish)[1]


def test_what_the_table_cannot_say_is_left_to_typer(sample):
    for words, incomplete in ((["deputy", "list", "--", ], ""), (["deputy", "list", "--format=json"], "--"),
                              (["nosuch"], ""), (["deputy", "list", "-h"], "--"), (["import", "deputies"], "名"),
                              (["deputy", "list"], "--format=j")):
        assert quick_complete.answer(environ("bash", words, incomplete, sample.db)) is None, words
    # help text for the shells that show it is rendered by typer (through rich)
    assert quick_complete.answer(environ("zsh", ["deputy"], "li", sample.db)) is None


def test_a_tab_press_leaves_typer_unimported(sample):
    env = {**os.environ, **environ("bash", ["deputy", "show"], "王桂", sample.db)}
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('typer' in sys.modules, file=sys.stderr))\n"
            "from rdtool.cli.entry import main\nmain()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=env,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0 and "王桂芳" in out.stdout.split("\n") and out.stderr.strip() == "False", out
    env = {**os.environ, **environ("zsh", ["deputy"], "li", sample.db)}  # (typer answers: the same entry point)
    out = subprocess.run([sys.executable, "-m", "rdtool"], capture_output=True, text=True, encoding="utf-8", env=env,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0 and '"list"' in out.stdout, out
