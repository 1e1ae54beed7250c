"""Resolving the names in import files (lead, cosigners, participants, attendance) to deputies.

Files refer to deputies by name; where a term has two deputies of the same name
a `deputy_id` column must be used instead, and a bare name is an error that lists
both (docs/csv.md).
"""

from __future__ import annotations

import re

from rdtool import fields as F
from rdtool.errors import FieldError
from rdtool.labels import clean_name, label, record_id
from rdtool.store import deputies as deputies_sql
from rdtool.store.db import Store

# 王建国#20, 王建国(20), 王建国（20） (full-width brackets are folded by clean_name), 王建国(ID20), #20
_REF = re.compile(r"^(.*?)(?:#(.*)|\((?:ID)?(\d*)\))$", re.IGNORECASE)


def parse_ref(text: str) -> tuple[str, int | None]:
    """'王建国#20' / '王建国(20)' / '王建国（20）' -> ('王建国', 20); '张三' -> ('张三', None); '#31' -> ('', 31).

    The id after a name tells same-name deputies apart; an empty or non-numeric id
    ('王建国()', '王建国#', '王建国#abc') is a FieldError, never part of the name.
    """
    value = clean_name(text)
    m = _REF.match(value)
    if m is None:
        return F.name(value), None
    name, ident = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
    number = record_id(ident)
    if number is None:
        what = "是空的" if not ident else f"“{ident}”不是数字"
        raise FieldError(f"“{text}”中的代表 ID {what}：同名代表请写成 姓名#ID 或 姓名(ID)，如 王建国#20")
    return (F.name(name) if name else ""), number


class DeputyIndex:
    """All deputies loaded once; name lookups are dictionary reads (fast for 100,000-row files)."""

    def __init__(self, store: Store):
        rows = deputies_sql.index_rows(store)
        self.by_id = {r["id"]: r for r in rows}
        self.by_name: dict[str, list[dict]] = {}
        for r in rows:
            self.by_name.setdefault(r["name"], []).append(r)

    def resolve(self, name: str | None, term: int | None = None, deputy_id: int | None = None,
                level: str | None = None) -> int:
        """The id of the deputy meant; raises FieldError naming the choices when ambiguous.

        Same-name deputies of other terms are set aside first, then (if still ambiguous)
        those of another level.
        """
        if deputy_id is not None:
            row = self.by_id.get(deputy_id)
            if row is None:
                raise FieldError(f"没有 ID 为 {deputy_id} 的代表")
            if name and row["name"] != name:
                raise FieldError(f"ID {deputy_id} 的代表是“{row['name']}”，不是“{name}”")
            return deputy_id
        candidates = self.by_name.get(name or "", [])
        if term is not None:
            candidates = [r for r in candidates if r["term"] == term]
        if len(candidates) > 1 and level is not None:
            same_level = [r for r in candidates if r["level"] == level]
            candidates = same_level or candidates
        if not candidates:
            from rdtool.services.kernel.refs import suggestion

            where = f"第{term}届" if term is not None else ""
            hint = suggestion(name or "", [r["name"] for r in self.by_id.values()
                                           if term is None or r["term"] == term])
            raise FieldError(f"{where}没有名为“{name}”的代表（" + (f"{hint}" if hint else "请核对姓名，或先导入代表名单")
                             + "）")
        if len(candidates) > 1:
            listing = "、".join(f"ID {r['id']}（{label('level', r['level'])}，{r['constituency'] or '—'}，"
                               f"出生 {r['birth_date'] or '—'}）" for r in candidates)
            raise FieldError(f"有{len(candidates)}位代表名为“{name}”：{listing}；请在 deputy_id 列填写其中一个 ID")
        return candidates[0]["id"]

    def in_office(self, deputy_id: int, day: str) -> bool:
        """store.deputies.IN_OFFICE: elected by then, not ended on or before the day."""
        row = self.by_id[deputy_id]
        return (row["elected_on"] or "") <= day and (row["status"] == "active" or (row["status_date"] or "") > day)

    def entitled(self, deputy_id: int, day: str) -> bool:
        """On the roster of a meeting that day (store.deputies.ENTITLED: in office when the day began)."""
        row = self.by_id[deputy_id]
        return (row["elected_on"] or "") <= day and (row["status"] == "active" or (row["status_date"] or "") >= day)
