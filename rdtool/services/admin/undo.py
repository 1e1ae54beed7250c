"""`rdtool undo` (撤销上一步): revert the most recent command that wrote, as a whole, from the change log.

Each rdtool run's writes are one command in the log (rdtool.store.changelog.seal); undo puts every record it
touched back exactly as it was, newest write first, in one transaction. The undo is itself a command (its
`undoes` names the one reverted), logged by the same triggers, so `db log` shows both.

Walking back: repeated, undo takes the next older command; commands already undone and undo commands
themselves are skipped. An undo is never undone (there is no redo): to do again what was undone, run the
command again — the preview shows its command line.

It refuses when a record the command wrote has changed since (by a later command, or by another program), and
says which record and which command: undo that one first.
"""

from __future__ import annotations

import json
import re
from typing import Iterable

from rdtool.errors import NotFound, RdtoolError
from rdtool.services.kernel import describe
from rdtool.store import changelog_undo
from rdtool.store.db import Store, bulk_cache

PREVIEW_LINES = 30


def command_line(argv_json: str) -> str:
    """The command as typed (without --db), e.g. 'rdtool deputy end 郑美玲 --status 辞职 --date 2025-12-20'."""
    argv = json.loads(argv_json or "[]")
    out, skip = [], False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--db":
            skip = True
            continue
        if arg.startswith("--db="):
            continue
        out.append(arg if _PLAIN.fullmatch(arg) else "'" + arg.replace("'", "'\\''") + "'")
    return " ".join(["rdtool", *out])


_PLAIN = re.compile(r"[\w\-.,:/#=@+%、，；;（）()]+")


def history(store: Store, limit: int = 20) -> list[dict]:
    """The newest commands that wrote, for `undo --list`."""
    from rdtool.services.admin.safety import local_time

    rows = []
    for c in changelog_undo.commands_newest(store, limit):
        state = ("撤销操作" if c["undoes"] else f"已撤销（#{c['undone_by']}）" if c["undone_by"] else "")
        rows.append({"id": c["id"], "at": c["at"], "time": local_time(c["at"]), "command": command_line(c["argv"]),
                     "reason": c["reason"] or "", "entries": c["entries"], "undoes": c["undoes"],
                     "undone_by": c["undone_by"], "state": state})
    return rows


def _target(store: Store, command_id: int | None) -> dict:
    if command_id is not None:
        c = changelog_undo.command(store, command_id)
        if c is None:
            raise NotFound(f"没有第 {command_id} 号命令", "用 rdtool undo --list 查看最近的命令")
        if c["undoes"]:
            raise RdtoolError(f"第 {command_id} 号命令本身是撤销操作，不能再撤销",
                              f"要重做被撤销的操作，请重新运行它：{command_line(changelog_undo.command(store, c['undoes'])['argv'])}")
        if c["undone_by"]:
            raise RdtoolError(f"第 {command_id} 号命令已由第 {c['undone_by']} 号撤销")
        if not c["entries"]:
            raise RdtoolError(f"第 {command_id} 号命令没有修改记录，无需撤销")
        return c
    for c in changelog_undo.commands_newest(store, 10_000):
        if not c["undoes"] and not c["undone_by"] and c["entries"]:
            return c
    raise NotFound("没有可以撤销的命令", "修改记录中没有尚未撤销的写入")


def plan(store: Store, command_id: int | None = None, lines: int | None = None, show: Iterable[str] = (),
         check: bool = True) -> dict:
    """What undo would do: the command, a description of each record put back (ID and phone numbers masked
    unless their field is in `show`), and the conflict if any.

    `lines`: describe only the first so many records (`changes`; `change_count` says how many there are in all).
    `check=False`: leave the conflict to `apply`, which always checks inside its write transaction (for an undo
    already confirmed: the same check twice in a row would read every record twice).
    """
    from rdtool.services.admin.safety import local_time

    c = _target(store, command_id)
    bulk_cache(store)  # the preview, the check and the revert each read the command's entries: keep them cached
    links = tuple(describe.LINKS)
    record_set = changelog_undo.RecordSet(store, c["id"], links)
    records = ((r["table_name"], r["before"], r["after"], r["first_id"])
               for r in changelog_undo.command_records(store, record_set))
    changes, count = describe.record_lines(store, records, changelog_undo.link_entries(store, c["id"], links),
                                           invert=True, limit=lines, show=show,
                                           rest=lambda after: changelog_undo.records_after(store, record_set, after))
    conflict = _conflict(store, c["id"]) if check else None
    return {"command": c["id"], "at": c["at"], "time": local_time(c["at"]), "command_line": command_line(c["argv"]),
            "reason": c["reason"], "entries": c["entries"], "records": record_set.count,
            "changes": changes, "change_count": count,
            "conflict": conflict[0] if conflict else None, "conflict_command": conflict[1] if conflict else None}


def _conflict(store: Store, command_id: int) -> tuple[str, int | None] | None:
    """(what changed since, the command that changed it) for the first record the command wrote that is no longer
    as it left it; None when none."""
    from rdtool.services.admin.safety import local_time

    r = changelog_undo.first_changed_since(store, command_id)
    if r is None:
        return None
    table, row_id = r["table_name"], r["row_id"]
    later = changelog_undo.latest_entry_on(store, table, row_id, r["last_id"])
    record = describe.record_ref(store, table, r["after"] or changelog_undo.current_state(store, table, row_id) or {})
    kind = describe.KIND_ZH.get(table, table)
    if later and later["command_id"]:
        other = changelog_undo.command(store, later["command_id"])
        return (f"{kind} {record} 在此之后被第 {other['id']} 号命令修改过"
                f"（{local_time(other['at'])}：{command_line(other['argv'])}）", other["id"])
    from rdtool.store.schema_check import upgraded_since

    upgraded = upgraded_since(store.conn, changelog_undo.command(store, command_id)["at"])
    if upgraded:  # the upgrade reshaped the records (new columns): the logged state cannot match, nobody changed it
        return (f"这条命令写入之后，数据库结构已随 rdtool 升级而改变（{local_time(upgraded)} 升级），"
                f"修改记录中{kind} {record} 的原状态与现在的结构对不上，不能按记录自动恢复", None)
    return f"{kind} {record} 在此之后被其他程序修改过（如 sqlite3 或 Datasette）", None


def apply(store: Store, command_id: int) -> dict:
    """Revert one command, newest write first, in one transaction; refused when a record it wrote changed since.

    The check runs inside the write transaction (BEGIN IMMEDIATE), so no write can land between it and the revert.
    Entries are read a chunk at a time and reverted in batches: time and memory grow with the command, not faster.
    """
    c = _target(store, command_id)
    bulk_cache(store)
    store.undoes = c["id"]
    try:
        with store.transaction():
            conflict = _conflict(store, c["id"])
            if conflict:
                hint = (f"先撤销第 {conflict[1]} 号命令（rdtool undo），再撤销这一条"
                        if conflict[1] else "请用相应的命令直接更正该记录")
                raise RdtoolError(f"不能撤销第 {c['id']} 号命令：{conflict[0]}", hint)
            changelog_undo.revert_command(store, c["id"])
    finally:
        store.undoes = None
    return {"command": c["id"]}
