"""The `activities` import/export kind (docs/csv.md).

Columns: kind*, title*, date*, code, level, location, subject, participants, notes — plus
`organiser` (组织单位), accepted and exported after them. Participants are names separated by
、 ; ；; a name two deputies of the term share is written 姓名#ID (export does this itself).
"""

from __future__ import annotations

from typing import Iterator

from rdtool.io.kinds import Kind, Row, RowError, RowErrors, Written
from rdtool.services.activities import activities as svc
from rdtool.store import activities as sql
from rdtool.store import deputies as deputies_sql
from rdtool.store.db import Store


def _prepare_all(store: Store, rows: list[Row]) -> tuple[list[tuple[Row, dict, list[int]]], list[RowError]]:
    resolver = svc.Resolver(store)
    prepared, errors = [], []
    seen: dict[str, int] = {}
    for row in rows:
        record, ids, problems = svc.prepare(resolver, row.values)
        errors.extend(RowError(row.number, f, v, m) for f, v, m in problems)
        code = record.get("code")
        if code:
            if code in seen:
                errors.append(RowError(row.number, "code", code, f"与第{seen[code]}行的编号相同"))
            elif sql.code_exists(store, code):
                errors.append(RowError(row.number, "code", code, "数据库中已有该编号的活动"))
            seen.setdefault(code, row.number)
        prepared.append((row, record, ids))
    return prepared, errors


def check(store: Store, rows: list[Row]) -> list[RowError]:
    return _prepare_all(store, rows)[1]


def write(store: Store, rows: list[Row]) -> Written:
    """The rows; a warning for each like an activity already there (the same title and date), as `activity add`
    gives."""
    prepared, errors = _prepare_all(store, rows)
    if errors:
        raise RowErrors(errors)
    taken = {record["code"] for _, record, _ in prepared if record.get("code")}
    warnings = []
    for row, record, ids in prepared:
        result = svc.insert_checked(store, record, ids, taken)
        taken.add(result["code"])
        warnings += [f"第{row.number}行：{line}" for line in svc.likely_duplicate(store, record, result["id"], "导入")]
    return Written(len(rows), warnings=warnings)


def export(store: Store, show_private: bool = False) -> Iterator[dict]:
    rows = sql.select(store)
    rows.sort(key=lambda r: r["id"])
    people = sql.participants_of(store, [r["id"] for r in rows])
    shared = deputies_sql.shared_names(store)
    for r in rows:
        r["participants"] = "、".join(f"{p['name']}#{p['id']}" if (p["name"], p["term"]) in shared else p["name"]
                                     for p in people[r["id"]])
        yield r


# Other headers registers use (CHANGES.md “Real rosters”; docs/import.md).
ALIASES = {"title": ("活动名称", "活动主题", "活动内容"), "kind": ("活动类别", "活动类型", "活动形式"),
           "date": ("活动日期", "活动时间", "时间"), "location": ("活动地点",), "participants": ("参加代表", "参加人员名单")}
KIND = Kind("activities", "代表活动", svc.FIELDS, write, export, extra=svc.EXTRA, check=check, aliases=ALIASES)
