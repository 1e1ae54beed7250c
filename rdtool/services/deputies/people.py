"""A person and their mandates (issue 23): joining two rows that are one person, the person's other mandates, and
the `db check` findings about a person.

A deputies row is one mandate; `person_id` groups the mandates of one person (rdtool.store.deputies). Rows entered
before mandates were kept apart — the 人大主席 typed once as a township and once as a county deputy, one of them
without a birth date so that rdtool would take it — are two people on record. `deputy merge` joins them: the
second row's mandate becomes the first one's person's; each keeps its level, term, constituency, status,
attendance, proposals and activities. Personal fields one row lacks are filled from the other; fields that
differ must be corrected first (`deputy edit`), since rdtool cannot tell which is right. Logged like every
write; `rdtool undo` separates them again.
"""

from __future__ import annotations

from rdtool.errors import RdtoolError
from rdtool.labels import FIELD_ZH, label
from rdtool.services.deputies.deputies import resolve
from rdtool.services.kernel import corrections
from rdtool.store import deputies as sql
from rdtool.store.db import Store

CODED = ("gender", "party", "education", "occupation")


def shown(field: str, value) -> str:
    """A person's field as she reads it: codes in Chinese, ID and phone numbers masked."""
    from rdtool import fields as F

    if value in (None, ""):
        return "未填"
    if field == "id_number":
        return F.mask_id(value)
    if field == "phone":
        return F.mask_phone(value)
    return label(field, value) if field in CODED else str(value)


def _mandate_text(row: dict) -> str:
    return f"{row['name']}#{row['id']}（第{row['term']}届{label('level', row['level'])}）"


def merge(store: Store, keep_ref: str, other_ref: str, reason: str | None = None) -> dict:
    """Join the person of `other_ref` to the person of `keep_ref`: one person, the mandates of both."""
    from rdtool.rules.deputies import births_agree

    keep, other = resolve(store, keep_ref), resolve(store, other_ref)
    if keep["voided_at"] or other["voided_at"]:
        gone = keep if keep["voided_at"] else other
        raise RdtoolError(f"{_mandate_text(gone)} 已作废，不能合并")
    if keep["person_id"] == other["person_id"]:
        raise RdtoolError(f"{_mandate_text(keep)} 与 {_mandate_text(other)} 已是同一人")
    mine, theirs = sql.mandates_of(store, keep["person_id"]), sql.mandates_of(store, other["person_id"])
    for a in (m for m in mine if not m["voided_at"]):
        for b in (m for m in theirs if not m["voided_at"]):
            if (a["term"], a["level"]) == (b["term"], b["level"]):
                raise RdtoolError(f"{_mandate_text(a)} 与 {_mandate_text(b)} 是同届同层级的两个代表资格，"
                                  "同一人不能有两个",
                                  f"如是重复录入，用 rdtool db void 代表 {b['name']}#{b['id']} --reason 重复录入 作废多余的一条")
    fill, clash = {}, []
    for field in sql.PERSON:
        a, b = keep.get(field), other.get(field)
        if b in (None, "") or a == b:
            continue
        if a in (None, ""):
            fill[field] = b
        elif field == "birth_date" and births_agree(a, b):
            if len(b) > len(a):
                fill[field] = b
        else:
            clash.append(f"{FIELD_ZH.get(field, field)}：ID {keep['id']} 为“{shown(field, a)}”，"
                         f"ID {other['id']} 为“{shown(field, b)}”")
    if clash:
        raise RdtoolError(f"{keep['name']}（ID {keep['id']}）与 {other['name']}（ID {other['id']}）的个人信息不一致，"
                          f"不能确定哪一个对：{'；'.join(clash)}",
                          f"核对后先用 rdtool deputy edit {other['name']}#{other['id']} 更正不对的一条（如 --birth-date 正确日期），再合并")
    person = {f: fill.get(f, keep.get(f)) for f in sql.PERSON}
    with corrections.write(store, reason, subject=("deputies", other["id"]), verb="已合并") as report:
        for m in theirs:
            sql.set_person(store, m["id"], keep["person_id"])
        rows = sql.mandates_of(store, keep["person_id"])
        sql.update_person(store, keep["person_id"], {f: v for f, v in person.items() if any(r[f] != v for r in rows)})
    return {"person_id": keep["person_id"], "keep": keep, "other": other, "filled": sorted(fill),
            "mandates": [m for m in sql.mandates_of(store, keep["person_id"]) if not m["voided_at"]],
            "report": report}


def other_mandates(store: Store, deputy: dict) -> list[dict]:
    """The person's other live mandates (`deputy show`)."""
    return [{k: m[k] for k in ("id", "level", "term", "constituency", "elected_on", "status", "status_date")}
            for m in sql.mandates_of(store, deputy.get("person_id") or deputy["id"])
            if m["id"] != deputy["id"] and not m["voided_at"]]


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """A person whose own fields differ between their mandate rows (written by another program, or left so by an
    older rdtool), and two rows that look like one person entered twice (same term, name and birth month or the
    same 身份证号, at the two levels)."""
    findings = []
    by_person: dict[int, list[dict]] = {}
    for row in sql.person_rows(store):
        by_person.setdefault(row["person_id"], []).append(row)
    for rows in by_person.values():
        for field in sql.PERSON:
            values = {r[field] for r in rows}
            if len(values) > 1:
                first = rows[0]
                findings.append({"check": "person_fields_differ", "severity": "error", "table": "deputies",
                                 "record": str(first["id"]),
                                 "message": f"{first['name']}的{FIELD_ZH.get(field, field)}在其代表资格间不一致："
                                            + "，".join(f"ID {r['id']}（{label('level', r['level'])}）为"
                                                       f"“{shown(field, r[field])}”" for r in rows)
                                            + f"；用 rdtool deputy edit {first['name']}#{first['id']} "
                                              "更正（同一人的个人信息一并更正）"})
    for pair in sql.unjoined_pairs(store):
        findings.append({"check": "person_entered_twice", "severity": "warning", "table": "deputies",
                         "record": str(pair["id"]),
                         "message": f"{pair['name']}#{pair['id']}（{label('level', pair['level'])}）与 "
                                    f"{pair['name']}#{pair['other_id']}（{label('level', pair['other_level'])}）"
                                    f"同届同名（出生年月相同或有一条未填）或同身份证号，记录为两个人；如是同一人，用 rdtool deputy "
                                    f"merge {pair['id']} {pair['other_id']} 合并"})
    return findings
