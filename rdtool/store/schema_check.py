"""Is this file rdtool's database, and is its schema whole? Checked on every open, by `db check` and by `restore`.

The schema a database should have is the one its applied migrations build (run once, in memory, when needed).
A file is complete when it has every table, column, index, view and trigger of that schema, and every logged
table has its three change-log triggers exactly as `changelog.trigger_sql` writes them for the table's current
columns. Extra tables, columns or indexes (an analyst's) are allowed; the extra tables are logged too.

Every open compares a fingerprint of the file's schema (a hash of sqlite_master, kept in the file's
`PRAGMA user_version`, written only after a full check passed) with the file as it is: equal means unchanged
since it was last found complete; otherwise the full comparison runs. So an open costs one read of
sqlite_master, and a schema changed by another program (a dropped table or trigger, a table rebuilt by
`sqlite-utils transform`) is always found. Cheaper still (`seen`): SQLite's schema cookie, kept beside the
fingerprint, tells an unchanged schema from three header fields.
"""

from __future__ import annotations

import functools
import sqlite3
from typing import NamedTuple

from rdtool.store import changelog

MIGRATION_SET = "rdtool"


class Problem(NamedTuple):
    kind: str        # table | column | index | view | trigger | log_trigger
    table: str
    name: str
    message: str     # one Chinese line

    @property
    def repairable(self) -> bool:
        """The change-log triggers are derived from the tables: rdtool rebuilds them; anything else is lost data."""
        return self.kind == "log_trigger"


class Shape(NamedTuple):
    tables: dict[str, tuple[str, ...]]   # table -> columns
    indexes: dict[str, str]              # index -> table
    views: frozenset[str]
    triggers: dict[str, str]             # trigger (not rdtool's log triggers) -> table


def upgraded_since(conn: sqlite3.Connection, moment: str) -> str | None:
    """When the schema was last upgraded after `moment` (a change-log time, ISO UTC), None when it was not:
    records written before then are logged in the old shape (`undo` says so instead of blaming another program)."""
    from datetime import datetime, timezone

    def utc(text: str) -> datetime | None:
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except (TypeError, ValueError):
            return None
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)

    since = utc(moment)
    if since is None:
        return None
    times = [utc(t) for (t,) in conn.execute(
        "SELECT applied_at FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))]
    later = [t for t in times if t is not None and t > since]
    return max(later).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z" if later else None


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """rdtool's applied migrations, in order; [] for an empty file. A file with tables but no rdtool migration
    record is another program's database: sqlite3.DatabaseError."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    names = []
    if has_table:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,))]
    if not names:
        user_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        if user_tables:
            raise sqlite3.DatabaseError("这个 SQLite 文件不是 rdtool 数据库（没有 rdtool 的结构记录）")
    return names


def shape(conn: sqlite3.Connection) -> Shape:
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    tables = {name: [] for kind, name, _ in rows if kind == "table"}
    for table, column in conn.execute(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"):
        tables[table].append(column)
    return Shape({t: tuple(c) for t, c in tables.items()},
                 {name: tbl for kind, name, tbl in rows if kind == "index"},
                 frozenset(name for kind, name, _ in rows if kind == "view"),
                 {name: tbl for kind, name, tbl in rows
                  if kind == "trigger" and not name.startswith(changelog.TRIGGER_PREFIX)})


@functools.cache
def expected(applied: tuple[str, ...]) -> Shape:
    """The shape rdtool's migrations `applied` build, from an empty file (in memory)."""
    import sqlite_utils

    from rdtool.store.migrations import MIGRATIONS

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
        fns = dict(MIGRATIONS)
        conn.execute("BEGIN")
        for name in applied:
            fns[name](db)
        return shape(conn)
    finally:
        conn.close()


def problems(conn: sqlite3.Connection, applied: list[str] | None = None) -> list[Problem]:
    """What the file lacks against the schema of its applied migrations (empty when whole)."""
    if applied is None:
        applied = applied_migrations(conn)
    want = expected(tuple(applied))
    have = shape(conn)
    found: list[Problem] = []
    for table, columns in want.tables.items():
        if table not in have.tables:
            found.append(Problem("table", table, table, f"缺少表 {table}"))
            continue
        for column in columns:
            if column not in have.tables[table]:
                found.append(Problem("column", table, column, f"表 {table} 缺少列 {column}"))
    for index, table in want.indexes.items():
        if index not in have.indexes and table in have.tables:
            found.append(Problem("index", table, index, f"表 {table} 缺少索引 {index}"))
    for view in sorted(want.views - have.views):
        found.append(Problem("view", "", view, f"缺少视图 {view}"))
    for trigger, table in want.triggers.items():
        if trigger not in have.triggers and table in have.tables:
            found.append(Problem("trigger", table, trigger, f"表 {table} 缺少触发器 {trigger}"))
    found.extend(log_trigger_problems(conn, have))
    return found


def log_trigger_problems(conn: sqlite3.Connection, have: Shape | None = None) -> list[Problem]:
    """Each logged table's three change-log triggers, exactly as rdtool would write them today."""
    if have is None:
        have = shape(conn)
    if changelog.CHANGE_LOG not in have.tables:
        return []
    stored = {name: sql for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
        (changelog.TRIGGER_PREFIX.replace("_", "\\_") + "%",))}
    found = []
    for table in changelog.logged_tables(conn):
        wanted = changelog.trigger_sql(conn, table)
        missing = [sql for sql in wanted if sql not in stored.values()]
        if missing:
            what = "缺少" if len(missing) == 3 else "有缺失或不完整的"
            found.append(Problem("log_trigger", table, table, f"表 {table} {what}修改记录触发器（修改不会被完整记录）"))
    return found


def fingerprint(conn: sqlite3.Connection) -> int:
    """A 31-bit hash of the whole schema as sqlite_master holds it (never 0: 0 means "never checked")."""
    import hashlib

    text = conn.execute(
        "SELECT group_concat(type || char(31) || name || char(31) || tbl_name || char(31) || coalesce(sql, ''), "
        "char(30)) FROM (SELECT * FROM sqlite_master ORDER BY type, name)").fetchone()[0] or ""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF or 1


# What `seen` says of a file's schema.
KEPT = "kept"        # not changed since its fingerprint was recorded (SQLite's schema cookie says so)
SAME = "same"        # the fingerprint matches (the cookie was not recorded, or moved with no change)
CHANGED = "changed"  # never checked, or changed since: compare it in full


def seen(conn: sqlite3.Connection) -> str:
    """Whether the schema is exactly as it was when rdtool last found it complete.

    SQLite adds one to the file's schema cookie (`PRAGMA schema_version`) with every change to its schema; `record`
    keeps the cookie it found in the header's `application_id`. While the two agree, nothing in sqlite_master has
    changed since and the fingerprint need not be computed (an open of a large roll-up or of a quick command reads
    three header fields); otherwise the fingerprint is compared. (Only an edit of sqlite_master under `PRAGMA
    writable_schema`, which SQLite documents as able to corrupt the file, changes a schema without the cookie.)"""
    stamp, cookie, kept = conn.execute(
        "SELECT * FROM pragma_user_version, pragma_schema_version, pragma_application_id").fetchone()
    if not stamp:
        return CHANGED
    if kept and kept == cookie & 0x7FFFFFFF:
        return KEPT
    return SAME if stamp == fingerprint(conn) else CHANGED


def unchanged(conn: sqlite3.Connection) -> bool:
    """The schema is exactly as it was when rdtool last found it complete."""
    return seen(conn) != CHANGED


def record(conn: sqlite3.Connection) -> None:
    """Inside the transaction that made or found the schema complete: remember its fingerprint (and the cookie)."""
    conn.execute(f"PRAGMA user_version = {fingerprint(conn)}")
    keep_cookie(conn)


def keep_cookie(conn: sqlite3.Connection) -> None:
    """Remember the schema cookie of a schema just found complete (`seen`). Writing the header's user_version and
    application_id does not move the cookie."""
    cookie = conn.execute("PRAGMA schema_version").fetchone()[0] & 0x7FFFFFFF
    conn.execute(f"PRAGMA application_id = {cookie}")
