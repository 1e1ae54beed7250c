"""The `proposals` import/export kind (docs/csv.md).

Rows refer to deputies by name (lead, cosigners) and to congress sessions by meeting code. Where a term has
two deputies of the same name, the lead's id goes in the `deputy_id` column and a co-signer is written
姓名#ID. An empty `due_on` is computed from settings like `proposal assign` does. A row whose deputy said
不满意 and which is not closed is imported as two rounds (the answered one and the re-handling in progress).
"""

from __future__ import annotations

from rdtool.dates import today

from typing import Iterator

from rdtool.errors import RdtoolError
from rdtool.io.kinds import Kind, Row, RowError, RowErrors, Written
from rdtool.services.proposals import proposals as svc
from rdtool.store import deputies as deputies_sql
from rdtool.store import proposals as sql
from rdtool.store.db import Store


def check(store: Store, rows: list[Row]) -> list[RowError]:
    errors = []
    seen: dict[str, int] = {}
    for row in rows:
        code = row.values.get("code")
        if code:
            if code in seen:
                errors.append(RowError(row.number, "code", code, f"与第{seen[code]}行的编号重复"))
            else:
                seen[code] = row.number
                if sql.code_exists(store, code):
                    errors.append(RowError(row.number, "code", code, "数据库中已有这个编号"))
    return errors  # (a row like a proposal already there is written with a warning, as `proposal submit` does)


def write(store: Store, rows: list[Row]) -> int:
    from rdtool.services.deputies.refs import DeputyIndex

    index, codes, lim = DeputyIndex(store), svc.Codes(store), svc.limits(store)
    errors: list[RowError] = []
    warnings: list[str] = []
    # explicit codes first, so that generated ones never take a code that a later row names
    for row in rows:
        if row.values.get("code"):
            codes.taken.add(row.values["code"])
    for row in rows:
        code = row.values.get("code")
        if code:
            codes.taken.discard(code)
        v = row.values
        if v.get("feedback") and not v.get("feedback_on") and v.get("replied_on"):
            v["feedback_on"] = v["replied_on"]  # a paper register's 代表意见 without its date: the reply's (issue 23)
        try:
            record, cos, rounds, problems = svc.build(store, row.values, index, codes, lim)
        except RdtoolError as exc:
            errors.append(RowError(row.number, "title", row.values.get("title") or "", exc.message))
            continue
        if problems:
            errors.extend(RowError(row.number, f, val, m) for f, val, m in problems)
            continue
        if not errors:
            pid = svc.write_built(store, record, cos, rounds)
            warnings += [f"第{row.number}行：{line}" for line in svc.likely_duplicate(store, record, pid, "导入")]
    if errors:
        raise RowErrors(errors)
    return Written(len(rows), warnings=warnings)


def export(store: Store, show_private: bool = False) -> Iterator[dict]:
    shared = deputies_sql.shared_names(store)
    for r in sql.export_rows(store, today()):
        cos = sql.cosigners(store, r["id"])
        r["cosigners"] = "、".join(f"{c['name']}#{c['id']}" if (c["name"], c["term"]) in shared else c["name"]
                                   for c in cos)
        r["complex"] = bool(r["complex"])
        r["deputy_id"] = r["lead_id"]
        yield r


# Other headers registers use (CHANGES.md “Real rosters”; docs/import.md).
ALIASES = {"title": ("案由", "题目", "建议题目", "建议标题", "议案标题"), "lead": ("领衔人", "提出人", "领衔代表姓名"),
           "cosigners": ("附议人", "联名代表", "附议代表姓名"), "unit": ("主办单位", "办理单位"),
           "submitted_on": ("提出时间", "提交日期"), "body": ("建议内容", "议案内容", "案据"),
           "replied_on": ("答复时间",), "result": ("办理结果类别",), "feedback": ("代表评价", "满意度")}
KIND = Kind("proposals", "建议/议案", svc.FIELDS, write, export, extra=svc.EXTRA, check=check, aliases=ALIASES)
