"""Meetings written many at a time (`import meetings`), and the two halves of preparing one (rdtool.services.
meetings.meetings.prepare): checking it with its stated number, then giving it its number, code and title.

An import numbers each group (term, kind) once for all its rows (insert_many), so that its time and its change-log
rows grow with the rows in any order."""

from __future__ import annotations

from typing import Any

from rdtool.errors import RdtoolError, ValidationError
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.services.meetings.codes import code_number
from rdtool.store import meetings as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store


def stated(store: Store, values: dict, number: int | None = None) -> dict:
    """prepare's first half: term, checks, and the number if stated (`seq_stated`); raise ValidationError."""
    values = dict(values)
    if values.get("term") is None and values.get("date"):
        values["term"] = settings_sql.term_on(store, values["date"])
        if values["term"] is None:
            raise ValidationError(f"日期 {values['date']} 不在任何一届之内，无法确定届次", "用 --term 指定届次，或先建立该届")
    errors = meetings_svc.check_meeting(store, values)
    if errors:
        raise ValidationError("会议信息有误：", problems=meetings_svc.problems_text(errors))
    values["extraordinary"] = int(bool(values.get("extraordinary")))
    from_code = code_number(values.get("code") or "", values["term"], values["kind"])
    if number is not None and from_code is not None and number != from_code:
        raise ValidationError(f"编号 {values['code']} 表示第{from_code}次，与 --number {number} 不一致",
                              "不写编号（按次序自动生成），或写一致的编号")
    number = number if number is not None else from_code
    if values.get("code") and sql.code_taken(store, values["code"]):
        raise ValidationError(f"会议编号“{values['code']}”已经存在", "换一个编号，或不写编号让 rdtool 自动编号")
    values["seq_stated"] = int(number is not None)
    values["seq"] = number
    return values


def finish(store: Store, values: dict, seq: int | None) -> dict:
    """prepare's second half: the meeting's number (`seq`: stated, or the one derived for it), code and title."""
    values = {**values, "seq": seq}
    values["_generated"] = (not values.get("code")
                            or values["code"] == meetings_svc.code_for(values["term"], values["kind"], seq, values["date"]),
                            not values.get("title"))
    if not values.get("code"):  # (a code another meeting holds now is given when the group is renumbered)
        values["code"] = meetings_svc.code_for(values["term"], values["kind"], seq, values["date"])
        while sql.code_taken(store, values["code"]):
            values["code"] += "~"
    if not values.get("title"):
        values["title"] = meetings_svc.title_for(settings_sql.get(store, "town") or "", values["term"], values["kind"], seq,
                                    values["date"])
    return values


def insert_many(store: Store, rows: list[tuple[Any, dict, int | None]]) -> tuple[dict[Any, int], list[tuple[Any, RdtoolError]]]:
    """Insert many meetings (an import): rows are (key, parsed values, stated number or None). Returns the new
    meetings' ids by key, and (key, error) of each row refused (then nothing is to be kept: the caller's
    transaction is rolled back).

    Each group (term, kind) is numbered once for all its rows, those already stored and those coming, in the
    order `numbering` gives (a stated number stays; an unstated one follows the one before it by date; gaps
    allowed): every new meeting is written with its final number, code and title, and the meetings already stored
    whose derived number the new ones move are renumbered once, at the end. Time and change-log rows grow with
    the rows, in any order (each insert renumbering the group made an import quadratic, and a shuffled one logged
    every intermediate number)."""
    checked: list[tuple[Any, dict]] = []
    errors: list[tuple[Any, RdtoolError]] = []
    for key, values, number in rows:
        try:
            checked.append((key, stated(store, values, number)))
        except RdtoolError as exc:
            errors.append((key, exc))
    if errors:
        return {}, errors
    order = sorted(range(len(checked)), key=lambda i: not checked[i][1]["seq_stated"])  # stated numbers first
    rank = {i: r for r, i in enumerate(order)}  # (the ids they will get: after every stored meeting, in this order)
    derived: dict[int, int | None] = {}
    by_group: dict[tuple, list[int]] = {}
    for i, (_, v) in enumerate(checked):
        by_group.setdefault((v["term"], v["kind"]), []).append(i)
    for (term, kind), members in by_group.items():
        coming = [{"id": _COMING + rank[i], "date": checked[i][1]["date"], "seq": checked[i][1]["seq"],
                   "seq_stated": checked[i][1]["seq_stated"],
                   "code": checked[i][1].get("code") or meetings_svc.code_for(term, kind, checked[i][1]["seq"], checked[i][1]["date"])}
                  for i in members]
        numbers, problems = meetings_svc.numbering(sql.group(store, term, kind) + coming)
        if problems:
            first = next((i for i in members if checked[i][1]["seq_stated"]), members[0])
            errors.append((checked[first][0], ValidationError(problems[0], "用“次序”列写明正确的次序，或更正日期")))
        derived.update({i: numbers[_COMING + rank[i]] for i in members})
    if errors:
        return {}, errors
    ids: dict[Any, int] = {}
    follow: dict[int, tuple[bool, bool]] = {}
    for i in order:
        key, v = checked[i]
        try:
            v = finish(store, v, v["seq"] if v["seq_stated"] else derived[i])
            ids[key] = sql.insert_meeting(store, v)
            follow[ids[key]] = v["_generated"]
            checked[i] = (key, v)
        except RdtoolError as exc:
            errors.append((key, exc))
    if errors:
        return {}, errors
    for term, kind in by_group:
        try:
            meetings_svc.renumber(store, term, kind, follow)
        except RdtoolError as exc:
            errors.append((checked[by_group[(term, kind)][0]][0], exc))
    for key, v in checked:
        meetings_svc.settle_code(store, ids[key], v["term"], v["kind"], v["seq"])
    return ids, errors


_COMING = 10 ** 12  # numbering's ids for the meetings an import is about to insert
