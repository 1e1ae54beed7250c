"""The records in Chinese, as views: what a county official sees in Datasette (docs/datasette.md).

The tables keep English column names and codes (`gender = 'female'`, `party = 'cpc'`): the contract scripts and
the CSV rely on. Each table she would browse has a view named in Chinese (代表, 会议, 议案和建议 …) with Chinese
column names and Chinese values: a code becomes its label (女, 中共党员, 已解决或基本解决), a yes/no column 是/否,
a reference to another record that record's name or code (领衔代表 谢洁, 会议 P3-08), voided records left out,
ID and phone numbers left out. Datasette lists the views by these names and facets on their values
(`/三川镇/代表?_facet=性别` → 女 / 男); `db datasette-metadata` hides the English tables behind them.

They are built from this version's schema and labels, and installed with the report's views
(rdtool.store.report_views: after every migration, `db views --rebuild`); `db check` finds one out of date.
"""

from __future__ import annotations

import functools

from rdtool.labels import ENUMS, column_zh
from rdtool.record_names import BOOL_COLUMNS, COLUMN_ENUMS, TABLE_ZH
from rdtool.store.sqltext import ident, literal

# table -> its view's name (TABLE_ZH's, but for a name with punctuation in it)
NAMES: dict[str, str] = {t: TABLE_ZH[t] for t in (
    "terms", "deputies", "presidium_members", "meetings", "attendance", "items", "election_contests",
    "candidates", "appointments", "proposal_cosigners", "proposal_rounds", "activities",
    "activity_participants", "general_elections", "ge_constituencies", "ge_candidates", "ge_rounds", "ge_votes",
    "ge_appeals", "mandate_ends")}
NAMES.update({"proposals": "议案和建议", "post_ends": "职务终止"})
# a reference column -> (the table it refers to, the column that names a record of it)
REFERS: dict[str, tuple[str, str]] = {
    "deputy_id": ("deputies", "name"), "lead_id": ("deputies", "name"), "person_id": ("deputies", "name"),
    "meeting_id": ("meetings", "code"), "decision_meeting_id": ("meetings", "code"),
    "outcome_meeting_id": ("meetings", "code"), "item_id": ("items", "title"), "proposal_id": ("proposals", "code"),
    "activity_id": ("activities", "title"), "contest_id": ("election_contests", "post"),
    "constituency_id": ("ge_constituencies", "name"), "election_id": ("general_elections", "election_day"),
}
LEFT_OUT = ("id_number", "phone", "voided_at", "void_reason")  # private, or voided rows are not shown at all


@functools.cache
def _schema_columns() -> dict[str, tuple[str, ...]]:
    """This version's tables and their columns (every migration, run once in memory)."""
    from rdtool.store.migrations import MIGRATIONS
    from rdtool.store.schema_check import expected

    return expected(tuple(name for name, _ in MIGRATIONS)).tables


def _zh(table: str, column: str) -> str:
    zh = column_zh(column, table) or column
    if column in REFERS and zh != "ID":
        zh = zh.replace("ID", "")  # 领衔代表ID → 领衔代表: the view shows the record's name, not its number
    return zh


def columns(table: str) -> dict[str, str]:
    """The table's column -> its view column's (Chinese) name, for the columns the view shows."""
    out: dict[str, str] = {}
    for c in _schema_columns().get(table, ()):
        if c in LEFT_OUT:
            continue
        name = _zh(table, c)
        out[c] = name if name not in out.values() else f"{name}（{c}）"
    return out


def _value(table: str, column: str) -> str:
    ref = f"t.{ident(column)}"
    enum = COLUMN_ENUMS.get(f"{table}.{column}")
    if enum:
        cases = " ".join(f"WHEN {literal(code)} THEN {literal(label)}" for code, (label, _) in ENUMS[enum].items())
        return f"CASE {ref} {cases} ELSE {ref} END"
    if column in BOOL_COLUMNS:
        return f"CASE {ref} WHEN 1 THEN '是' WHEN 0 THEN '否' ELSE {ref} END"
    if column in REFERS and REFERS[column][0] in _schema_columns():
        other, name = REFERS[column]
        return f"(SELECT o.{ident(name)} FROM {ident(other)} o WHERE o.id = {ref})"
    return ref


def view_sql(table: str) -> str:
    shown = columns(table)
    select = ",\n    ".join(f"{_value(table, c)} AS {ident(name)}" for c, name in shown.items())
    where = " WHERE t.voided_at IS NULL" if "voided_at" in _schema_columns()[table] else ""
    return f"CREATE VIEW {ident(NAMES[table])} AS\nSELECT\n    {select}\nFROM {ident(table)} t{where}"


def all_views() -> list[tuple[str, str]]:
    """(name, CREATE VIEW statement) of every Chinese view."""
    return [(NAMES[t], view_sql(t)) for t in NAMES if t in _schema_columns()]


def view_of(table: str) -> str | None:
    return NAMES.get(table) if table in _schema_columns() else None


def descriptions() -> dict[str, str]:
    """For `db views`."""
    return {NAMES[t]: f"{TABLE_ZH[t]}：中文列名和值（{t} 表），不含已作废的记录" for t in NAMES}
