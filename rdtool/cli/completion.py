"""Shell completion from the database: deputy names, meeting codes, proposal codes, setting names.

`rdtool --install-completion` (bash, zsh, fish, PowerShell) installs typer's completion script; on each Tab the
shell runs rdtool, which answers from here. Completion reads the database read-only, without migrating it and
without creating a file (rdtool.store.completion); anything wrong (no database yet, an older file) completes
nothing rather than printing an error into the shell. Completers are attached by parameter name when a
command is built (rdtool.cli.usage.finish), so options added later get them too.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Callable

_SEPARATORS = "、;；,，"

# What a parameter names, by its name (and group for `ref`/`code`).
_BY_NAME = {"lead": "deputy", "cosigners": "deputy", "absent": "deputy", "leave": "deputy",
            "participants": "deputy", "deputy": "deputy", "meeting": "meeting", "key": "setting"}
_REF = {"deputy": "deputy", "meeting": "meeting", "vote": "meeting", "proposal": "proposal"}


def kind_of(param: Any, group: str | None) -> str | None:
    if param.name in ("ref", "code") and getattr(param, "param_type_name", "") == "argument":
        return _REF.get(group or "") if param.name == "ref" else ("proposal" if group == "proposal" else None)
    return _BY_NAME.get(param.name)


def attach(command: Any, group: str | None) -> None:
    for param in command.params:
        kind = kind_of(param, group)
        if kind is not None and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = _completer(kind)


def _completer(kind: str) -> Callable[[Any, Any, str], list[str]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        return candidates(kind, incomplete, _db_of(ctx))

    complete.rdtool_kind = kind  # (what the completion table says of this parameter: rdtool.cli.quick_complete)
    return complete


def _db_of(ctx: Any) -> str | None:
    """--db on the command, else before it (the parsed, not yet run, command line), else None."""
    while ctx is not None:
        db = (ctx.params or {}).get("db")
        if db:
            return db
        ctx = ctx.parent
    return None


def candidates(kind: str, incomplete: str, db: str | None = None) -> list[str]:
    """The values that complete `incomplete`; for a list (张三、李) the last name is completed."""
    cut = max(incomplete.rfind(s) for s in _SEPARATORS) + 1
    head, word = incomplete[:cut], incomplete[cut:]
    if kind == "setting":
        from rdtool.settings import SETTINGS

        import re

        names = [*SETTINGS, *(re.sub(r"（.*?）", "", s.zh) for s in SETTINGS.values())]
        return [n for n in names if n.startswith(word)]
    from rdtool.store import completion

    try:
        values = completion.values(kind, word, db)
    except (sqlite3.Error, OSError, ValueError):
        return []
    return [head + v for v in values]
