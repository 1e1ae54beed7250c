"""A Tab press answered before typer is imported: command and option names from a table, values from the database.

The shell runs rdtool once per Tab press (`_RDTOOL_COMPLETE=complete_bash` and the words typed, as typer's
completion scripts and rdtool's PowerShell script set them). Importing typer and building the command costs most
of that run; here the command tree is read from `rdtool.cli.completion_table` instead — the commands, options and
arguments as typer builds them, written by `python -m rdtool.docsgen` and checked against the code by
tests/test_docs.py — and the words are walked as click's completion walks them (click's shell_completion:
`_resolve_context`, `_resolve_incomplete`). Names and codes come from rdtool.cli.completion as before.

Whatever this walk does not know to answer exactly as typer would — an option written `--x=v`, `--`, short
options run together, an unknown word, a value typer completes as a file, an answer that carries help text to a
shell that shows it (zsh, fish, PowerShell, rendered by rich) — gets `None`, and rdtool.cli.main answers it as
before. tests/test_completion_table.py compares the two answers over every command, option and value.
"""

from __future__ import annotations

import os
from typing import Mapping

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
# What rdtool.cli.completion_table says of each option (docsgen writes them in this order).
OPTION_FIELDS = ("name", "opts", "secondary", "takes_value", "nargs", "multiple", "hidden", "help", "typer", "callback",
                 "value")


def answer(environ: Mapping[str, str]) -> tuple[str | None, int] | None:
    """(text to print, exit code) for the Tab press `environ` describes, or None: ask typer."""
    instruction, _, shell = environ.get("_RDTOOL_COMPLETE", "").partition("_")
    if instruction != "complete" or shell not in SHELLS:
        return None
    try:
        args, incomplete = _words(shell, environ)
    except (KeyError, ValueError):
        return None
    found = items(args, incomplete)
    if found is None:
        return None
    values = [value for value, _ in found]
    if shell != "bash" and any(has_help for _, has_help in found):
        return None  # (typer renders help through rich for these shells)
    if shell == "bash":
        return "\n".join(values), 0
    if shell == "zsh":
        if not values:
            return "_files", 0
        return "_arguments '*: :((" + "\n".join(f'"{_zsh_escape(v)}"' for v in values) + "))'", 0
    if shell == "fish":
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return None, 0 if values else 1
        return ("\n".join(values) if action == "get-args" and values else ""), 0
    return "\n".join(f"{v}::: " for v in values), 0  # PowerShell


def _zsh_escape(s: str) -> str:
    return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


def _words(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str]:
    """(the complete words after `rdtool`, the word being completed), as typer's completion classes read them."""
    if shell == "bash":
        words = split_arg_string(environ["COMP_WORDS"])
        cword = int(environ["COMP_CWORD"])
        return words[1:cword], (words[cword] if cword < len(words) else "")
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split_arg_string(line)
    if shell in ("powershell", "pwsh"):
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (words[1:-1] if incomplete else words[1:]), incomplete
    args = words[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def split_arg_string(string: str) -> list[str]:
    """click's split_arg_string: shlex, keeping a token an unclosed quote or escape leaves."""
    import shlex

    lex = shlex.shlex(string, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out = []
    try:
        for token in lex:
            out.append(token)
    except ValueError:
        out.append(lex.token)
    return out


class _Unsure(Exception):
    """The walk cannot say what typer would: typer answers."""


def items(args: list[str], incomplete: str) -> list[tuple[str, bool]] | None:
    """[(value, has help text)] as typer would offer them, or None when only typer can say."""
    from rdtool.cli import completion_table

    try:
        return _items(_Table(completion_table), args, incomplete)
    except _Unsure:
        return None


class _Table:
    """The generated table's nodes as dicts (only the few a Tab press walks through are built)."""

    def __init__(self, module):
        self._options, self._table = module.OPTIONS, module.TABLE

    def __getitem__(self, path: str) -> dict:
        commands, options, arguments = self._table[path]
        node = {"options": [dict(zip(OPTION_FIELDS, self._options[i])) for i in options],
                "arguments": [dict(zip(("name", "nargs", "typer", "value"), a)) for a in arguments]}
        if commands is not None:
            node["commands"] = [dict(zip(("name", "hidden", "help"), c)) for c in commands]
        return node


def _items(table: _Table, args: list[str], incomplete: str) -> list[tuple[str, bool]]:
    if "--" in args or incomplete == "=" or (incomplete.startswith("-") and "=" in incomplete):
        raise _Unsure
    path, node, given, filled, db = "", table[""], set(), 0, {}
    i = 0
    while i < len(args):
        word = args[i]
        i += 1
        if word.startswith("-"):
            option = _option(node, word)
            given.add(option["name"])
            if option["callback"] or option["nargs"] > 1:
                raise _Unsure  # (typer runs an option's callback while completing: --version prints)
            if option["takes_value"]:
                if i == len(args):
                    break  # its value is being completed
                if option["name"] == "db":
                    db[path] = args[i]
                i += 1
            continue
        if "commands" in node:  # a group: the word names a sub-command
            names = {command["name"] for command in node["commands"]}
            if word not in names:
                raise _Unsure
            path = f"{path} {word}".strip()
            node, given, filled = table[path], set(), 0
            continue
        arguments = node["arguments"]
        if filled >= len(arguments):
            raise _Unsure
        if arguments[filled]["nargs"] != -1:
            filled += 1
    return _complete(node, args, incomplete, given, filled, _db(db, path))


def _db(db: dict[str, str], path: str) -> str | None:
    """--db given to the innermost command that has one (rdtool.cli.completion._db_of)."""
    for level in sorted(db, key=len, reverse=True):
        if db[level]:
            return db[level]
    return None


def _option(node: dict, word: str) -> dict:
    for option in node["options"]:
        if word in option["opts"] or word in option["secondary"]:
            return option
    raise _Unsure  # unknown, `--x=v`, or short options run together


def _complete(node: dict, args: list[str], incomplete: str, given: set, filled: int,
              db: str | None) -> list[tuple[str, bool]]:
    if incomplete.startswith("-"):
        return _names(node, incomplete, given)
    last = args[-1] if args else ""
    if last.startswith("-"):
        for option in node["options"]:
            if option["typer"] and option["takes_value"] and last in option["opts"]:
                return _values(option["value"], incomplete, db)
    for argument in node["arguments"][filled:]:
        if argument["typer"]:
            return _values(argument["value"], incomplete, db)
    return _names(node, incomplete, given)


def _names(node: dict, incomplete: str, given: set) -> list[tuple[str, bool]]:
    """A group's sub-commands starting with `incomplete`, then options when it starts as one does."""
    out = [(command["name"], command["help"]) for command in node.get("commands", ())
           if command["name"].startswith(incomplete) and not command["hidden"]]
    if incomplete and not incomplete[0].isalnum():
        for option in node["options"]:
            if not option["typer"] or option["hidden"] or (not option["multiple"] and option["name"] in given):
                continue
            out += [(name, option["help"]) for name in (*option["opts"], *option["secondary"])
                    if name.startswith(incomplete)]
    return out


def _values(kind, incomplete: str, db: str | None) -> list[tuple[str, bool]]:
    if kind == "none":
        return []
    if isinstance(kind, tuple):  # ("choice", choices, case sensitive)
        _, choices, case = kind
        if case:
            return [(c, False) for c in choices if c.startswith(incomplete)]
        return [(c, False) for c in choices if c.lower().startswith(incomplete.lower())]
    if kind in ("deputy", "meeting", "proposal", "setting"):
        from rdtool.cli.completion import candidates

        return [(value, False) for value in candidates(kind, incomplete, db)]
    raise _Unsure


def run() -> bool:
    """Answer the Tab press this process was started for, if this walk can; False: let typer answer."""
    found = answer(os.environ)
    if found is None:
        return False
    text, code = found
    if text is not None:
        import sys

        from rdtool.streams import for_people

        for_people(sys.stdout)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    raise SystemExit(code)
