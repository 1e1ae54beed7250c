"""Stored values against the field rules: rows that sqlite-utils, Datasette or the sqlite3 shell wrote.

rdtool checks every value it stores (rdtool.fields); another program can store anything: a gender `F`, a level
`town`, a birth date `1990/5/6`, a settings value that is not JSON. `db check` lists each such value with its
table, record and field (`stored_value`, an error), and a command that trips over one reports it the same way
(a domain error, exit 1) instead of an internal error: rdtool.cli.main calls `explain()` before it would say
"内部错误", and the county roll-up does so per township file.

The rules: the codes of each coded column (labels.ENUMS), ISO dates in every date column (named `date`,
`…_date` or `…_on`; a birth date may be a month), whole numbers with their minimum, yes/no as 0/1, and whole
numbers in every INTEGER column.
"""

from __future__ import annotations

from pathlib import Path

from rdtool.errors import RdtoolError, ValidationError
from rdtool.labels import ENUMS, FIELD_ZH
from rdtool.services.admin.checks import Finding
from rdtool.store import changelog
from rdtool.store.db import Store
from rdtool.store.settings import settings_error
from rdtool.store.values import Rule, Violation, bad_settings, columns, integer_columns, violations

ENUM_COLUMNS: dict[str, dict[str, str]] = {
    "deputies": {"gender": "gender", "party": "party", "occupation": "occupation", "education": "education",
                 "level": "level", "status": "deputy_status"},
    "presidium_members": {"role": "presidium_role"},
    "meetings": {"kind": "meeting_kind"},
    "attendance": {"status": "attendance"},
    "items": {"kind": "item_kind", "method": "vote_method", "result": "vote_result"},
    "election_contests": {"outcome": "election_outcome"},
    "proposals": {"kind": "proposal_kind", "result": "proposal_result", "feedback": "feedback"},
    "proposal_rounds": {"result": "proposal_result", "feedback": "feedback"},
    "appointments": {"action": "appointment_action"},
    "activities": {"kind": "activity_kind", "level": "activity_level"},
    "general_elections": {"level": "level"},
    "ge_candidates": {"gender": "gender", "party": "party", "occupation": "occupation", "education": "education"},
    "ge_votes": {"status": "candidate_status"},
    "post_ends": {"action": "post_end_action", "motion_by": "motion_by"},  # CHANGES.md “Elections and the law”
}
MINIMUM: dict[str, dict[str, int]] = {
    "terms": {"number": 1},
    "deputies": {"term": 1},
    "meetings": {"term": 1, "seq": 1, "present": 0, "entitled": 1, "roster": 0, "requesters": 1},
    "items": {"seq": 1, "yes": 0, "no": 0, "abstain": 0, "not_voting": 0},
    "election_contests": {"seats": 1, "round": 1, "ballots_issued": 0, "ballots_returned": 0, "ballots_invalid": 0},
    "candidates": {"votes": 0},
    "proposals": {"round": 1},
    "proposal_rounds": {"round": 1},
    "general_elections": {"term": 1, "population": 0},
    "ge_constituencies": {"seats": 0, "voters": 0},
    "ge_candidates": {"nominators": 0},
    "ge_rounds": {"round": 1, "seats": 0, "ballots_issued": 0, "ballots_returned": 0, "ballots_invalid": 0},
    "ge_votes": {"votes": 0},
    "mandate_ends": {"petitioners": 0, "voters": 1, "recall_yes": 0},  # CHANGES.md “Elections and the law”
    "post_ends": {"movers": 1},
}
BOOLEANS: dict[str, tuple[str, ...]] = {
    "deputies": ("re_elected",), "meetings": ("extraordinary",), "election_contests": ("by_election",),
    "candidates": ("elected",), "proposals": ("complex",), "ge_candidates": ("final", "confirmed"),
    "ge_rounds": ("revote", "tie_revote"),
}
MONTHS = {("deputies", "birth_date"), ("ge_candidates", "birth_date")}  # rosters record a birth month
MAX_FINDINGS = 200


def rules(store: Store, table: str) -> dict[str, Rule]:
    out: dict[str, Rule] = {c: Rule("int") for c in integer_columns(store, table)}
    for column in columns(store, table):
        if column == "date" or column.endswith(("_date", "_on")):
            out[column] = Rule("month" if (table, column) in MONTHS else "date")
    for column, low in MINIMUM.get(table, {}).items():
        out[column] = Rule("int", minimum=low)
    for column in BOOLEANS.get(table, ()):
        out[column] = Rule("bool")
    for column, enum in ENUM_COLUMNS.get(table, {}).items():
        if enum in ENUMS:
            out[column] = Rule("enum", codes=tuple(ENUMS[enum]))
    return out


def find(store: Store, limit: int | None = None) -> list[Violation]:
    found: list[Violation] = []
    for table in changelog.logged_tables(store.conn):
        if table == "settings":
            continue
        left = None if limit is None else limit - len(found)
        if left is not None and left <= 0:
            break
        found.extend(violations(store, table, rules(store, table), left))
    return found


def _void_words(table: str, record: str) -> str:
    """`db void`'s words for a record: its kind in Chinese where there is one (代表 3), else the table's name."""
    from rdtool.services.kernel.refs import KINDS

    kind = next((info.zh for info in KINDS.values() if info.table == table), None)
    return f"{kind} {record}" if kind else f"{table} {record}"


def describe(v: Violation) -> str:
    """`代表 记录 3 的性别值“F”不是可用的值（可用：男、女）`: her words, the table and column in Chinese."""
    from rdtool.record_names import TABLE_ZH

    field = FIELD_ZH.get(v.column, v.column)
    value = str(v.value) if len(str(v.value)) <= 40 else str(v.value)[:37] + "…"
    rule = v.rule
    if rule.kind == "enum":
        enum = ENUM_COLUMNS.get(v.table, {}).get(v.column)
        words = [ENUMS[enum][c][0] for c in rule.codes] if enum in ENUMS else list(rule.codes)
        why = f"不是可用的值（可用：{'、'.join(words)}）"
    elif rule.kind == "date":
        why = "不是 ISO 日期（应为 YYYY-MM-DD 且日期存在）"
    elif rule.kind == "month":
        why = "不是 ISO 日期（应为 YYYY-MM-DD 或 YYYY-MM）"
    elif rule.kind == "bool":
        why = "不是 0 或 1（否/是）"
    elif rule.minimum is not None:
        why = f"不是不小于 {rule.minimum} 的整数"
    else:
        why = "不是整数"
    return f"{TABLE_ZH.get(v.table, v.table)}记录 {v.record} 的{field}值“{value}”{why}"


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[Finding]:
    """Every stored value against its rule, and every settings value is JSON (registered in services.checks)."""
    out: list[Finding] = [{"check": "stored_value", "severity": "error", "table": "settings", "record": key,
                           "message": f"设置项 {key} 的值不是有效的 JSON（可能由其他程序写入）；"
                                      f"用 rdtool config {key} 新值 重新设置"}
                          for key, _ in bad_settings(store)]
    found = find(store, MAX_FINDINGS + 1)
    for v in found[:MAX_FINDINGS]:
        out.append({"check": "stored_value", "severity": "error", "table": v.table, "record": v.record,
                    "message": describe(v) + "（可能由其他程序写入），请更正或作废这条记录"})
    if len(found) > MAX_FINDINGS:
        out.append({"check": "stored_value", "severity": "error", "table": "", "record": "",
                    "message": f"不符合规则的值超过 {MAX_FINDINGS} 处，只列出前 {MAX_FINDINGS} 处"})
    return out


def problem_in(store: Store) -> RdtoolError | None:
    """The first stored value (or setting) breaking the rules, as the domain error a command reports."""
    settings = bad_settings(store)
    if settings:
        return settings_error(settings[0][0])
    found = find(store, 2)
    if not found:
        return None
    more = "（还有其他这样的值，见 rdtool db check）" if len(found) > 1 else ""
    return ValidationError(
        f"{describe(found[0])}{more}：这条记录可能由其他程序写入，rdtool 无法使用它",
        f"更正这个值（如用 rdtool 的 edit 命令），或作废这条记录：rdtool db void "
        f"{_void_words(found[0].table, found[0].record)} --reason 原因；rdtool db check 列出全部")


def explain() -> RdtoolError | None:
    """After an unexpected error: a stored value breaking the rules in a database this run opened, if any."""
    from rdtool.store.opening import OPENED

    for path in dict.fromkeys(OPENED):
        found = explain_file(path)
        if found is not None:
            return found
    return None


def explain_file(path: Path) -> RdtoolError | None:
    """The rule-breaking stored value in one database file (opened read-only, never changed), if any."""
    import sqlite3

    from rdtool.store.opening import open_store

    # (called while another error is being reported: a file that cannot be explained keeps that error)
    try:
        store = open_store(path, readonly=True, incomplete_ok=True)
    except (RdtoolError, sqlite3.Error, OSError):
        return None
    try:
        return problem_in(store)
    except (RdtoolError, sqlite3.Error, ValueError):
        return None
    finally:
        store.close()
