"""The `deputies` import/export kind (docs/csv.md)."""

from __future__ import annotations

from typing import Iterator

from rdtool.dates import today
from rdtool.fields import mask_id, mask_phone
from rdtool.io.kinds import Kind, Row, RowError, RowErrors, Written
from rdtool.rules.deputies import births_agree
from rdtool.services.deputies import deputies as svc
from rdtool.store import deputies as sql
from rdtool.store.db import Store


def check(store: Store, rows: list[Row]) -> list[RowError]:
    errors = []
    seen: dict[tuple, int] = {}
    people: dict[tuple, list[tuple[int, str | None]]] = {}
    day = today()
    for row in rows:
        v = row.values
        errors.extend(RowError(row.number, f, val, m) for f, val, m in svc.check_record(v, day))
        birth = v.get("birth_date")
        # one person on two rows of different levels is one person with two mandates (insert_checked joins them)
        same = people.setdefault((v["name"], v["term"], birth[:7] if birth else None, v["level"]), [])
        other = next((n for n, b in same if births_agree(birth, b)), None)   # a month and a day in it: one person
        if other is not None:
            errors.append(RowError(row.number, "name", v["name"], f"与第{other}行重复（同届、同层级、同名、同出生日期）"))
        else:
            same.append((row.number, birth))
        if v.get("id_number"):
            id_key = ("id", v["id_number"], v["term"], v["level"])
            if id_key in seen:
                errors.append(RowError(row.number, "id_number", "", f"身份证号与第{seen[id_key]}行相同（同届、同层级）"))
            seen.setdefault(id_key, row.number)
    return errors


def write(store: Store, rows: list[Row]) -> Written:
    """The rows, and a line for each row taken as a person already on record (or on an earlier row) with a
    mandate of another level: one person, two mandates."""
    errors, said = [], []
    batch = svc.Batch(store)  # (plainly new people a batch at a time: an import of 50,000 rows)
    for row in rows:
        try:
            notes: list[str] = []
            batch.add(row.values, notes)
            said += [f"第{row.number}行：{note}" for note in notes]
        except Exception as exc:  # a domain error names the row that caused it
            from rdtool.errors import RdtoolError

            if not isinstance(exc, RdtoolError):
                raise
            errors.append(RowError(row.number, "name", row.values["name"], exc.message))
    batch.flush()
    if errors:
        raise RowErrors(errors)
    return Written(len(rows), said=said)


def export(store: Store, show_private: bool = False) -> Iterator[dict]:
    day = today()
    rows = sql.select(store, day)
    rows.sort(key=lambda r: r["id"])
    for r in rows:
        r["re_elected"] = None if r["re_elected"] is None else bool(r["re_elected"])
        if not show_private:
            r["id_number"] = mask_id(r["id_number"])
            r["phone"] = mask_phone(r["phone"])
        if r["presidium_role"] is None:
            # a member whose membership ended with the mandate keeps the role in the export
            last = sql.memberships(store, r["id"])
            r["presidium_role"] = last[-1]["role"] if last else None
        yield r


def defaults(store: Store) -> dict[str, str]:
    """A township's roster has no 届次 or 代表层级 column: the current term's township deputies."""
    term = svc.current_term(store)
    return {"level": "township", **({"term": str(term)} if term is not None else {})}


KIND = Kind("deputies", "代表", svc.FIELDS, write, export, extra=svc.EXTRA, check=check,
            aliases=svc.ALIASES, ignore=("编号",), defaults=defaults, sheet="代表名册")
