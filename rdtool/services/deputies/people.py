"""A person and their mandates (issue 23): joining two rows that are one person, the person's other mandates, and
the `db check` findings about a person.

A deputies row is one mandate; `person_id` groups the mandates of one person (rdtool.store.deputies). Rows entered
before mandates were kept apart — the 人大主席 typed once as a township and once as a county deputy, one of them
without a birth date so that rdtool would take it — are two people on record. `deputy merge` joins them: the
second row's mandate becomes the first one's person's; each keeps its level, term, constituency, status,
attendance, proposals and activities (an activity both rows were listed at keeps the mandate of its level; a
co-signature of the person's own proposal goes: one person is counted once). Personal fields one row lacks are filled from the other; fields that
differ must be corrected first (`deputy edit`), since rdtool cannot tell which is right. Logged like every
write; `rdtool undo` separates them again.
"""

from __future__ import annotations

from typing import Iterator

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
    roles = _roles_to_move(store, mine + theirs)
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
        _once_each(store, [r["id"] for r in rows])
        for role_id, township_id in roles:
            sql.update_membership(store, role_id, {"deputy_id": township_id})
    return {"person_id": keep["person_id"], "keep": keep, "other": other, "filled": sorted(fill),
            "mandates": [m for m in sql.mandates_of(store, keep["person_id"]) if not m["voided_at"]],
            "report": report}


def _roles_to_move(store: Store, mandates: list[dict]) -> list[tuple[int, int]]:
    """(membership, township mandate): a presidium role recorded on a county row (two people on record, the role
    typed on the one with the phone number) belongs to the person's township mandate of that term — the presidium
    is of the township congress. Refused when both rows hold roles: the presidium would count the person twice."""
    out = []
    live = [m for m in mandates if not m["voided_at"]]
    for county in (m for m in live if m["level"] != "township"):
        township = next((m for m in live if m["level"] == "township" and m["term"] == county["term"]), None)
        moved = sql.memberships(store, county["id"])
        if not moved or township is None:
            continue
        if sql.memberships(store, township["id"]):
            raise RdtoolError(f"{_mandate_text(county)} 与 {_mandate_text(township)} 都有主席团任职记录，合并后主席团会议"
                              "会把同一人计算两次",
                              f"先核对两条记录的主席团任职（rdtool deputy show {county['id']}、rdtool deputy show "
                              f"{township['id']}），删去录错的一条后再合并")
        out += [(role["id"], township["id"]) for role in moved]
    return out


def _once_each(store: Store, ids: list[int]) -> None:
    """One person takes part in an activity once and does not co-sign what they lead: where the two rows were both
    listed (two people on record), the mandate of the activity's level stays (a county activity the county one,
    else the township one) and the co-signature of the lead's own proposal goes. Logged with the merge; `undo`
    puts them back."""
    by_activity: dict[int, list[dict]] = {}
    for row in sql.twice_in_activities(store, ids):
        by_activity.setdefault(row["activity_id"], []).append(row)
    for rows in by_activity.values():
        want = "county" if rows[0]["level"] == "county" else "township"
        stay = next((r for r in rows if r["mandate_level"] == want), rows[0])
        for r in rows:
            if r is not stay:
                sql.drop_participant(store, r["activity_id"], r["deputy_id"])
    for row in sql.cosigned_own(store, ids):
        sql.drop_cosigner(store, row["proposal_id"], row["deputy_id"])


def other_mandates(store: Store, deputy: dict) -> list[dict]:
    """The person's other live mandates (`deputy show`)."""
    return [{k: m[k] for k in ("id", "level", "term", "constituency", "elected_on", "status", "status_date")}
            for m in sql.mandates_of(store, deputy.get("person_id") or deputy["id"])
            if m["id"] != deputy["id"] and not m["voided_at"]]


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """A person whose own fields differ between their mandate rows (written by another program, or left so by an
    older rdtool), and two rows that look like one person entered twice (same term, name and birth month or the
    same 身份证号, at the two levels)."""
    by_person: dict[int, list[dict]] = {}
    for row in sql.person_rows(store):
        by_person.setdefault(row["person_id"], []).append(row)
    for rows in by_person.values():
        for field in sql.PERSON:
            values = {r[field] for r in rows}
            if len(values) > 1:
                first = rows[0]
                yield {"check": "person_fields_differ", "severity": "error", "table": "deputies",
                       "record": str(first["id"]),
                       "message": f"{first['name']}的{FIELD_ZH.get(field, field)}在其代表资格间不一致："
                                  + "，".join(f"ID {r['id']}（{label('level', r['level'])}）为"
                                             f"“{shown(field, r[field])}”" for r in rows)
                                  + f"；用 rdtool deputy edit {first['name']}#{first['id']} "
                                    "更正（同一人的个人信息一并更正）"}
    for pair in sql.unjoined_pairs(store):
        yield {"check": "person_entered_twice", "severity": "warning", "table": "deputies",
               "record": str(pair["id"]),
               "message": f"{pair['name']}#{pair['id']}（{label('level', pair['level'])}）与 "
                          f"{pair['other_name']}#{pair['other_id']}（{label('level', pair['other_level'])}）"
                          f"同届同名（出生年月相同或有一条未填）或同身份证号，记录为两个人；如是同一人，用 rdtool deputy "
                          f"merge {pair['id']} {pair['other_id']} 合并"}
