"""Correcting a general election (换届选举, CHANGES.md “Corrections”): a constituency's seats and voters, a candidate's person and
nomination fields (or constituency), a round's ballots and votes — through rdtool.services.kernel.corrections, so the
reason is kept and the change printed before → after.

A corrected round is counted again by 选举法 第四十四条、第四十五条 (rdtool.rules.direct_elections.direct_round), and
so is every later round of the constituency, in order, each with the seats and the 另行选举 rule the rounds before
it leave — the context `general_election_results.record_round` gives a new round. A correction that would unseat
a winner already on the new term's roster, or leave a later round without seats, is refused.
"""

from __future__ import annotations

from rdtool import fields as F
from rdtool.labels import problem_line
from rdtool.errors import NotFound, RdtoolError, ValidationError
from rdtool.services.kernel import corrections
from rdtool.services.general_election.general_election import (
    CONSTITUENCY_FIELDS, PERSON_FIELDS, check_candidate, check_constituency, constituency, election)
from rdtool.store import general_election as sql
from rdtool.store.db import Store


def _problems(what: str, errors) -> ValidationError:
    return ValidationError(what, problems=[problem_line(f, v, m) for f, v, m in errors])


def edit_constituency(store: Store, term: int, level: str, name: str, raw: dict,
                      reason: str | None = None) -> dict:
    e = election(store, term, level)
    c = constituency(store, e, name)
    fields = [f for f in CONSTITUENCY_FIELDS if f.name in ("seats", "voters", "notes") and f.name in raw]
    values, errors = F.parse_fields(fields, raw)
    if raw.get("name") is not None:
        values["name"] = F.text(50)(raw["name"])
        if values["name"] != c["name"] and sql.constituency(store, e["id"], values["name"]):
            errors.append(("name", values["name"], "已有同名选区"))
    merged = {**c, **values}
    if not errors:
        errors = check_constituency(merged)
    if errors:
        raise _problems("选区信息有误：", errors)
    changes = {k: v for k, v in values.items() if v != c.get(k)}
    before = _outcomes(store, c["id"])
    with corrections.write(store, reason, subject=("ge_constituencies", c["id"])) as report:
        sql.update_constituency(store, c["id"], changes)
        if {"seats", "voters"} & set(changes):
            recount(store, c["id"], 1)
    report.derived += _changed(store, c, before)
    return {"name": merged["name"], "report": report}


def _candidate(store: Store, constituency: dict, name: str) -> dict:
    found = [x for x in sql.candidates(store, constituency["id"]) if x["name"] == name]
    if not found:
        from rdtool.services.kernel.refs import suggestion

        hint = suggestion(name, [x["name"] for x in sql.candidates(store, constituency["id"])])
        raise NotFound(f"选区“{constituency['name']}”没有候选人“{name}”", hint or "用 rdtool general-election candidates 查看")
    return found[0]


def edit_candidate(store: Store, term: int, level: str, constituency_name: str, name: str, raw: dict,
                   reason: str | None = None) -> dict:
    e = election(store, term, level)
    c = constituency(store, e, constituency_name)
    x = _candidate(store, c, name)
    values, errors = F.parse_fields([f for f in PERSON_FIELDS if f.name in raw], raw)
    errors += [(f.name, "", "必填，不能清空") for f in PERSON_FIELDS if f.required and f.name in values
               and values[f.name] is None]
    merged = {**x, **values}
    if not errors:
        errors = check_candidate(merged)
    has_votes = bool(sql.candidate_votes(store, x["id"]))
    if values.get("final") is False and has_votes:
        errors.append(("final", "否", "已有得票记录，不能移出正式候选人名单"))
    target = None
    if raw.get("constituency") and raw["constituency"] != c["name"]:
        target = constituency(store, e, raw["constituency"])
        if has_votes:
            errors.append(("constituency", target["name"], "已有得票记录，不能改到另一选区"))
    if errors:
        raise _problems("候选人信息有误：", errors)
    changes = {k: (int(v) if k == "final" and v is not None else v) for k, v in values.items() if v != x.get(k)}
    if target is not None:
        changes["constituency_id"] = target["id"]
    with corrections.write(store, reason, subject=("ge_candidates", x["id"])) as report:
        sql.set_candidate(store, x["id"], changes)
    note = ("该候选人已列入代表名单：代表的信息请用 rdtool deputy edit 更正" if x["deputy_id"] and
            set(changes) - {"nominated_by", "nominators", "final"} else None)
    return {"name": merged["name"], "report": report, "note": note}


def edit_round(store: Store, term: int, level: str, constituency_name: str, round_no: int, *,
               issued: int | None = None, returned: int | None = None, invalid: int | None = None,
               votes: dict[str, int] | None = None, held_on: str | None = None, reason: str | None = None) -> dict:
    e = election(store, term, level)
    c = constituency(store, e, constituency_name)
    r = next((x for x in sql.rounds(store, c["id"]) if x["round"] == round_no), None)
    if r is None:
        raise NotFound(f"选区“{c['name']}”没有第{round_no}轮投票的记录",
                       f"已录入{len(sql.rounds(store, c['id']))}轮；新一轮请用 rdtool general-election result")
    changes = {k: v for k, v in (("ballots_issued", issued), ("ballots_returned", returned),
                                 ("ballots_invalid", invalid), ("held_on", held_on)) if v is not None}
    before = _outcomes(store, c["id"])
    with corrections.write(store, reason, subject=("ge_rounds", r["id"])) as report:
        sql.update_round(store, r["id"], changes)
        if votes:
            current = {v["name"]: v for v in sql.votes(store, r["id"])}
            unknown = [n for n in votes if n not in current]
            if unknown:
                raise ValidationError(f"{'、'.join(unknown)}不在第{round_no}轮的得票记录中",
                                      f"本轮候选人：{'、'.join(current)}")
            for n, v in votes.items():
                sql.set_vote(store, r["id"], current[n]["candidate_id"], v, current[n]["status"])
        recount(store, c["id"], round_no)
    report.derived += _changed(store, c, before)
    return {"report": report, "round": sql.round_by_id(store, r["id"])}


def _outcomes(store: Store, constituency_id: int) -> dict[tuple[int, str], str]:
    return {(r["round"], v["name"]): v["status"] for r in sql.rounds(store, constituency_id)
            for v in sql.votes(store, r["id"])}


def _changed(store: Store, constituency: dict, before: dict) -> list[str]:
    """'第一选区第1轮 甲一 当选→票数相等须再次投票' for each candidate whose outcome the recount changed."""
    from rdtool.labels import label

    after = _outcomes(store, constituency["id"])
    return [f"{constituency['name']}第{rnd}轮 {name} {label('ge_outcome', was)}→{label('ge_outcome', after[(rnd, name)])}"
            for (rnd, name), was in before.items() if (rnd, name) in after and after[(rnd, name)] != was]


def recount(store: Store, constituency_id: int, from_round: int) -> None:
    """Count the constituency's rounds from `from_round` on again, each in the context the rounds before leave."""
    from rdtool.rules.direct_elections import direct_round
    from rdtool.rules.majority import ImpossibleCounts

    c = sql.constituency_by_id(store, constituency_id)
    elected, revote = 0, False
    for r in sql.rounds(store, constituency_id):
        votes = {v["name"]: v for v in sql.votes(store, r["id"])}
        if r["round"] >= from_round:
            seats = c["seats"] - elected
            if seats <= 0:
                raise ValidationError(f"更正后选区“{c['name']}”在第{r['round']}轮之前已选满，第{r['round']}轮不再有名额",
                                      f"先作废第{r['round']}轮（rdtool db void ge_rounds {r['id']} --reason …）")
            try:
                res = direct_round(c["voters"], r["ballots_issued"], r["ballots_returned"], seats,
                                   {n: v["votes"] for n, v in votes.items()}, ballots_invalid=r["ballots_invalid"],
                                   revote=revote)
            except ImpossibleCounts as exc:
                raise ValidationError(f"选区“{c['name']}”第{r['round']}轮：{exc}") from None
            sql.update_round(store, r["id"], {
                "seats": seats, "revote": int(revote), "valid": int(res.valid), "void": int(res.void),
                "shortfall": res.shortfall, "tie_seats": res.tie_seats, "vacant": res.vacant,
                "explanation": res.explanation})
            for n, v in votes.items():
                status = res.status[n]
                if v["status"] == "elected" and status != "elected" and v["deputy_id"]:
                    raise RdtoolError(f"更正后{n}不再当选，但已列入第{sql.election_by_id(store, c['election_id'])['term']}"
                                      "届代表名单", "请先处理该代表的记录（rdtool deputy edit 或 db void），再更正投票结果")
                sql.set_vote(store, r["id"], v["candidate_id"], v["votes"], status)
            r = sql.round_by_id(store, r["id"])
        if r["valid"]:
            elected += sum(1 for v in sql.votes(store, r["id"]) if v["status"] == "elected")
            if r["shortfall"]:
                revote = True
