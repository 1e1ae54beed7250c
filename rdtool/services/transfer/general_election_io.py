"""Import/export kinds of the general election (换届选举): ge_plan, ge_constituencies, ge_candidates.

``ge_candidates`` has one row per candidate and round (a candidate without a result yet has one row
with ``round`` blank); the ballot figures repeat on every row of a round and must agree. Rounds are
counted by ``rdtool.rules.direct_elections`` as they are written, in round order. ``confirmed`` /
``confirmed_on`` record the credentials committee's finding (选举法第四十七条) for an elected
candidate; a confirmed winner already on the roster (same term, level, name and birth date) is
linked to that deputy — the import never creates deputies (``rdtool general-election deputies`` does).
"""

from __future__ import annotations

from typing import Iterator

from rdtool.errors import RdtoolError
from rdtool.io.kinds import Kind, Row, RowError, RowErrors
from rdtool.services.general_election import general_election as svc
from rdtool.services.general_election import results
from rdtool.store import general_election as sql
from rdtool.store.db import Store


def _bool(value) -> bool | None:
    return None if value is None else bool(value)


# ------------------------------------------------------------------------------------------ plan


def plan_check(store: Store, rows: list[Row]) -> list[RowError]:
    errors, seen = [], {}
    for row in rows:
        v = row.values
        errors += [RowError(row.number, f, val, m) for f, val, m in svc.check_plan(v)]
        key = (v["term"], v["level"])
        if key in seen:
            errors.append(RowError(row.number, "level", v["level"], f"与第{seen[key]}行重复（同届、同层级）"))
        seen.setdefault(key, row.number)
    return errors


def plan_write(store: Store, rows: list[Row]) -> int:
    errors = []
    for row in rows:
        try:
            svc.insert_plan(store, row.values)
        except RdtoolError as exc:
            errors.append(RowError(row.number, "term", str(row.values["term"]), exc.message))
    if errors:
        raise RowErrors(errors)
    return len(rows)


def plan_export(store: Store, show_private: bool = False) -> Iterator[dict]:
    for e in sql.elections(store):
        yield {k: e.get(k) for k in [f.name for f in svc.PLAN_FIELDS]}


PLAN_KIND = Kind("ge_plan", "换届选举计划", svc.PLAN_FIELDS, plan_write, plan_export, check=plan_check)


# ------------------------------------------------------------------------------- constituencies


def const_check(store: Store, rows: list[Row]) -> list[RowError]:
    errors, seen = [], {}
    for row in rows:
        v = row.values
        errors += [RowError(row.number, f, val, m) for f, val, m in svc.check_constituency(v)]
        key = (v["term"], v["level"], v["constituency"])
        if key in seen:
            errors.append(RowError(row.number, "constituency", v["constituency"], f"与第{seen[key]}行重复"))
        seen.setdefault(key, row.number)
    return errors


def const_write(store: Store, rows: list[Row]) -> int:
    errors = []
    for row in rows:
        try:
            svc.insert_constituency(store, row.values)
        except RdtoolError as exc:
            errors.append(RowError(row.number, "constituency", row.values["constituency"], exc.message))
    if errors:
        raise RowErrors(errors)
    return len(rows)


def const_export(store: Store, show_private: bool = False) -> Iterator[dict]:
    for e in sql.elections(store):
        for c in sql.constituencies(store, e["id"]):
            yield {"term": e["term"], "level": e["level"], "constituency": c["name"], "seats": c["seats"],
                   "voters": c["voters"], "notes": c["notes"]}


CONSTITUENCIES_KIND = Kind("ge_constituencies", "换届选举选区", svc.CONSTITUENCY_FIELDS, const_write, const_export,
                           check=const_check)


# ----------------------------------------------------------------------------------- candidates

_BALLOTS = ("ballots_issued", "ballots_returned", "ballots_invalid", "held_on")


def cand_check(store: Store, rows: list[Row]) -> list[RowError]:
    errors = []
    rounds: dict[tuple, Row] = {}
    seen_round: dict[tuple, int] = {}
    for row in rows:
        v = row.values
        errors += [RowError(row.number, f, val, m) for f, val, m in svc.check_candidate(v)]
        has_round = v.get("round") is not None
        for f in ("votes", "ballots_issued", "ballots_returned"):
            if has_round and v.get(f) is None:
                errors.append(RowError(row.number, f, "", "填写了轮次（round）时必填"))
            if not has_round and v.get(f) is not None:
                errors.append(RowError(row.number, "round", "", f"填写了{f}时须填写轮次（round）"))
        if has_round:
            key = (v["term"], v["level"], v["constituency"], v["round"])
            first = rounds.setdefault(key, row)
            for f in _BALLOTS:
                if (first.values.get(f) or 0) != (v.get(f) or 0):
                    errors.append(RowError(row.number, f, str(v.get(f) or ""),
                                           f"与第{first.number}行（同一选区同一轮）不一致：{first.values.get(f)}"))
            ckey = key + (v["name"], v.get("birth_date"))
            if ckey in seen_round:
                errors.append(RowError(row.number, "name", v["name"], f"与第{seen_round[ckey]}行重复（同一轮）"))
            seen_round.setdefault(ckey, row.number)
        if v.get("confirmed") is not None and not has_round:
            errors.append(RowError(row.number, "confirmed", "", "资格确认只适用于有投票结果的当选人"))
    return errors


def cand_write(store: Store, rows: list[Row]) -> int:
    errors: list[RowError] = []
    ids: dict[tuple, int] = {}
    elections: dict[tuple, dict] = {}
    groups: dict[tuple, list[Row]] = {}

    def fail(row: Row, field: str, exc: RdtoolError) -> None:
        errors.append(RowError(row.number, field, str(row.values.get(field) or ""), exc.message))

    for row in rows:
        v = dict(row.values)
        try:
            ekey = (v["term"], v["level"])
            if ekey not in elections:
                elections[ekey] = svc.election(store, *ekey)
            e = elections[ekey]
            key = ekey + (v["constituency"], v["name"], v.get("birth_date"))
            if v.get("final") is None:
                v["final"] = v.get("round") is not None
            if key not in ids:
                ids[key] = svc.insert_candidate(store, v, e)
            elif v["final"]:
                sql.set_candidate(store, ids[key], {"final": 1})
        except RdtoolError as exc:
            fail(row, "name", exc)
            continue
        if v.get("round") is not None:
            groups.setdefault(ekey + (v["constituency"], v["round"]), []).append(row)
    if errors:
        raise RowErrors(errors)
    for gkey in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3])):
        group = groups[gkey]
        first = group[0].values
        e = elections[gkey[:2]]
        try:
            c = svc.constituency(store, e, gkey[2])
            results.record_round(store, e, c, {r.values["name"]: r.values["votes"] for r in group},
                             first["ballots_issued"], first["ballots_returned"], first.get("ballots_invalid") or 0,
                             first.get("held_on"), gkey[3])
        except RdtoolError as exc:
            fail(group[0], "round", exc)
    if errors:
        raise RowErrors(errors)
    # credentials (选举法第四十七条) and links to deputies already on the roster
    for row in rows:
        v = row.values
        if v.get("confirmed") is None:
            continue
        e = elections[(v["term"], v["level"])]
        cid = ids[(v["term"], v["level"], v["constituency"], v["name"], v.get("birth_date"))]
        if cid not in sql.elected_ids(store, e["id"]):
            errors.append(RowError(row.number, "confirmed", "是" if v["confirmed"] else "否",
                                   f"{v['name']}没有当选，不能进行资格确认"))
            continue
        on = v.get("confirmed_on") or e.get("credentials_on") or e["election_day"]
        sql.set_candidate(store, cid, {"confirmed": int(v["confirmed"]), "confirmed_on": on})
    if errors:
        raise RowErrors(errors)
    for lv in {(k[0], k[1]) for k in elections}:
        try:
            results.seat(store, lv[0], lv[1], create=False)
        except RdtoolError as exc:
            fail(rows[0], "name", exc)
    if errors:
        raise RowErrors(errors)
    return len(rows)


def cand_export(store: Store, show_private: bool = False) -> Iterator[dict]:
    person = [f.name for f in svc.PERSON_FIELDS]
    for e in sql.elections(store):
        by_cand: dict[int, list[dict]] = {}
        rounds = {r["id"]: r for r in sql.election_rounds(store, e["id"])}
        for v in sql.election_votes(store, e["id"]):
            by_cand.setdefault(v["candidate_id"], []).append(v)
        for x in sql.election_candidates(store, e["id"]):
            base = {"term": e["term"], "level": e["level"], "constituency": x["constituency"],
                    **{k: x.get(k) for k in person}}
            base["final"] = _bool(x["final"])
            votes = sorted(by_cand.get(x["id"], []), key=lambda v: v["round"])
            if not votes:
                yield base
                continue
            for v in votes:
                r = rounds[v["round_id"]]
                row = {**base, "round": r["round"], "held_on": r["held_on"], "votes": v["votes"],
                       "ballots_issued": r["ballots_issued"], "ballots_returned": r["ballots_returned"],
                       "ballots_invalid": r["ballots_invalid"]}
                if v["status"] == "elected":
                    row["confirmed"] = _bool(x["confirmed"])
                    row["confirmed_on"] = x["confirmed_on"]
                yield row


CANDIDATES_KIND = Kind("ge_candidates", "换届选举候选人及得票", svc.CANDIDATE_FIELDS + svc.RESULT_FIELDS, cand_write,
                       cand_export, check=cand_check)
