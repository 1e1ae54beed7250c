"""Correcting a deputy (CHANGES.md “Corrections”): every field, the status and its date, a departure undone, presidium roles —
each through rdtool.services.kernel.corrections, so the meetings whose entitled base it changes are recomputed and
the change is printed before → after. And one deputy's whole record for `deputy show`.

A departure (代表法 第六十二条; 选举法 第五十五条) is never a delete: `deputy end` records the status, its date and
reason; `deputy edit --status-date` moves the date, `deputy edit --status 在任` takes a departure entered in
error back (a presidium role it ended opens again).
"""

from __future__ import annotations

from typing import Iterable

from rdtool import fields as F
from rdtool.errors import RdtoolError, ValidationError
from rdtool.labels import label
from rdtool.services.kernel import corrections
from rdtool.services.deputies.deputies import ENDED, FIELDS, check_record, problems_error, resolve
from rdtool.store import deputies as sql
from rdtool.store.db import Store

# What `deputy edit` corrects (one line per field): the roster's fields, then the status with its date and
# reason; presidium roles through `deputy role`.
EDITABLE = [f for f in FIELDS if f.name != "presidium_role"] + [F.Field("status_reason", F.text(200)),
                                                                   F.Field("notes", F.text(F.MAX_TEXT))]
_REQUIRED = {f.name for f in FIELDS if f.required}


def departure_problem(store: Store, deputy: dict, day: str) -> str | None:
    """Why a mandate cannot have ended on `day`: a day still to come, or before the deputy's term began."""
    from rdtool.dates import today
    from rdtool.store import settings as settings_sql

    if day > today():
        return f"离任日期 {day} 晚于今天（{today()}）：尚未发生的离任不能登记"
    term = settings_sql.term(store, deputy["term"])
    if term and term["start_date"] and day < term["start_date"]:
        return f"离任日期 {day} 早于第{deputy['term']}届的开始日期 {term['start_date']}"
    return None


def _problems(errors) -> ValidationError:
    return problems_error(errors)


def edit(store: Store, ref: str, raw: dict, term: int | None = None, reason: str | None = None,
         show: Iterable[str] = ()) -> dict:
    """Correct fields of a deputy; a status and its date as well (在任 reinstates). What changed is described
    with ID and phone numbers masked unless their field is in `show`."""
    current = resolve(store, ref, term)
    fields = [f for f in EDITABLE if f.name in raw]
    values, errors = F.parse_fields(fields, raw)
    errors += [(f, "", "必填，不能清空") for f in values if f in _REQUIRED and values[f] is None]
    if values.get("status") == "active" and "status_date" not in values:
        values["status_date"] = None  # reinstated: no departure date
    if values.get("status") == "active" and "status_reason" not in values:
        values["status_reason"] = None
    merged = {**current, **values}
    if not errors:
        errors = check_record(merged)
    if "term" in values and values["term"] != current["term"]:
        from rdtool.store import settings as settings_sql

        if settings_sql.term(store, values["term"]) is None:
            errors.append(("term", str(values["term"]), f"第{values['term']}届尚未建立"))
    if ("level" in values or "term" in values) and (clash := _other_mandate(store, current, merged)):
        errors.append(("level", label("level", merged["level"]),
                       f"{current['name']}在第{merged['term']}届已有这一层级的代表资格（ID {clash['id']}）"))
    if merged.get("elected_on") and merged.get("status_date") and merged["status_date"] < merged["elected_on"]:
        errors.append(("status_date", merged["status_date"], f"早于当选日期 {merged['elected_on']}"))
    elif merged.get("status_date") and merged["status_date"] != current.get("status_date") \
            and (problem := departure_problem(store, merged, merged["status_date"])):
        errors.append(("status_date", merged["status_date"], problem))
    if errors:
        raise _problems(errors)
    mandates = [m for m in sql.mandates_of(store, current["person_id"]) if not m["voided_at"]] or [current]
    # the person's own fields on every mandate of the person (one that differs on another row is set there too)
    person = {k: v for k, v in values.items() if k in sql.PERSON and any(m[k] != v for m in mandates)}
    changes = {k: (int(v) if k == "re_elected" and v is not None else v) for k, v in values.items()
               if v != current.get(k) or k in person}
    with corrections.write(store, reason, subject=("deputies", current["id"]), show=show) as report:
        sql.update(store, current["id"], {k: v for k, v in changes.items() if k not in person})
        sql.update_person(store, current["person_id"], person)
        old_day = current["status_date"] if current["status"] in ENDED else None
        new_day = merged["status_date"] if merged["status"] in ENDED else None
        if old_day and old_day != new_day:
            sql.move_membership_ends(store, current["id"], old_day, new_day)
        elif new_day and not old_day:
            sql.end_memberships(store, current["id"], new_day)
    return {"id": current["id"], "name": merged["name"], "changed": sorted(changes), "report": report}


def _other_mandate(store: Store, current: dict, merged: dict) -> dict | None:
    """Another live mandate of the same person at the level and term the record is being moved to."""
    return next((m for m in sql.mandates_of(store, current["person_id"]) if m["id"] != current["id"]
                 and m["voided_at"] is None and m["term"] == merged["term"] and m["level"] == merged["level"]), None)


def end(store: Store, ref: str, status: str, on: str, why: str | None, term: int | None = None) -> dict:
    """End a deputy's mandate (never a delete): status, date and reason; presidium roles end too; the meetings
    after that day no longer count the deputy."""
    if status not in ENDED:
        raise ValidationError(f"“{label('deputy_status', status)}”不是离任状态，可用："
                              + "、".join(f"{s} {label('deputy_status', s)}" for s in ENDED))
    current = resolve(store, ref, term)
    if current["status"] != "active":
        raise RdtoolError(f"{current['name']}（ID {current['id']}）已于 {current['status_date']} "
                          f"{label('deputy_status', current['status'])}，不能重复离任",
                          f"日期有误：rdtool deputy edit {current['name']} --status-date 正确日期；"
                          f"离任是误录：rdtool deputy edit {current['name']} --status 在任")
    if current.get("elected_on") and on < current["elected_on"]:
        raise ValidationError(f"离任日期 {on} 早于当选日期 {current['elected_on']}")
    problem = departure_problem(store, current, on)
    if problem:
        raise ValidationError(problem, "核对日期；日期写错的已登记离任可用 rdtool deputy edit 姓名 --status-date 更正")
    with corrections.write(store, why, subject=("deputies", current["id"]), verb="已登记离任") as report:
        sql.update(store, current["id"], {"status": status, "status_date": on, "status_reason": why})
        sql.end_memberships(store, current["id"], on)
    return {**current, "report": report}


def set_presidium_role(store: Store, ref: str, role: str | None, day: str, term: int | None = None,
                       reason: str | None = None) -> dict:
    """Start a presidium role on a day, or end the current one (role None).

    The same role as the current one with another date corrects its start; 卸任 when no role is held corrects
    the date the last one ended. The presidium meetings after the earlier of the two dates are recomputed."""
    current = resolve(store, ref, term)
    rows = sql.memberships(store, current["id"])
    open_ = next((r for r in reversed(rows) if r["to_date"] is None), None)
    with corrections.write(store, reason, subject=("deputies", current["id"])) as report:
        if role is not None and open_ is not None and open_["role"] == role:
            if open_["to_date"] is not None and day > open_["to_date"]:
                raise ValidationError(f"起始日期 {day} 晚于终止日期 {open_['to_date']}")
            sql.update_membership(store, open_["id"], {"from_date": day})
        elif role is not None:
            if open_ is not None and open_["from_date"] and day < open_["from_date"]:
                raise ValidationError(f"{current['name']}自 {open_['from_date']} 起任"
                                      f"{label('presidium_role', open_['role'])}，新职务不能早于这一天",
                                      f"如果那个日期是录错的：rdtool deputy role {current['name']} "
                                      f"{label('presidium_role', open_['role'])} --from 正确日期")
            sql.end_memberships(store, current["id"], day)
            sql.add_membership(store, current["id"], role, day)
        elif open_ is not None:
            if open_["from_date"] and day < open_["from_date"]:
                raise ValidationError(f"卸任日期 {day} 早于任职日期 {open_['from_date']}")
            sql.end_memberships(store, current["id"], day)
        elif rows:
            last = rows[-1]
            if last["from_date"] and day < last["from_date"]:
                raise ValidationError(f"卸任日期 {day} 早于任职日期 {last['from_date']}")
            sql.update_membership(store, last["id"], {"to_date": day})
        else:
            raise RdtoolError(f"{current['name']}没有担任过主席团职务")
        if role is not None:
            from rdtool.services.admin.law_checks import incompatible

            report.warnings += [f["message"] for f in incompatible(store, "9999-12-31", {current["id"]})]
    return {**current, "report": report}


def record(store: Store, ref: str, term: int | None = None, show_id: bool = False,
           show_phone: bool = False) -> dict:
    """`deputy show`: the deputy with presidium history, roll-call record (代表法 art. 62 flag), proposals and the
    person's other mandates (one person, a township and a county deputy)."""
    from rdtool.services.deputies import deputies, people
    from rdtool.services.proposals import views as proposal_views
    from rdtool.services.deputies import suspensions
    from rdtool.services.meetings.meetings import attendance_history

    out = deputies.profile(store, ref, term, show_id, show_phone)
    history = attendance_history(store, out["id"])
    out.update(attendance=history["rows"], attendance_summary=history["summary"], art62=history["art62"],
               art62_text=history["art62_text"], proposals=proposal_views.for_deputy(store, out["id"]),
               suspensions=suspensions.of_deputy(store, out["id"]),
               other_mandates=people.other_mandates(store, out))
    return out
