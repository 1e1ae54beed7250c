"""General election results (换届选举): each round's count, the credentials, seating the winners, the summary.

The plan, constituencies and candidates are in ``rdtool.services.general_election.general_election``. Every figure the law
judges is computed by ``rdtool.rules.direct_elections`` (选举法 2020): each round's count (arts. 44, 45). The
credentials committee's confirmation is 选举法 art. 47: the presidium (township) or the county standing
committee confirms each deputy's credentials on its committee's report and publishes the list before the new
congress's first session. Confirmed winners become deputies of the new term in one transaction (``seat``);
running it twice changes nothing.
"""

from __future__ import annotations

from datetime import date

from rdtool.errors import NotFound, RdtoolError, ValidationError
from rdtool.labels import label
from rdtool.cells import percent
from rdtool.services.general_election.general_election import (
    ART_CREDENTIALS,
    PHASES,
    constituency,
    constituency_rows,
    election,
    plan_warnings,
    term_record,
)
from rdtool.store import deputies as deputies_sql
from rdtool.store import general_election as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

# --------------------------------------------------------------------------------------- results


def _round_context(store: Store, constituency: dict) -> tuple[list[dict], int, bool, list[str]]:
    """(prior rounds, seats left, revote?, the tied) for the next round in a constituency.

    ``tied`` is not empty when the last valid round ended in a tie at the margin: the next round is the
    re-vote among them (选举法 art. 45¶3).
    """
    prior = sql.rounds(store, constituency["id"])
    elected_so_far = 0
    revote = False
    tied: list[str] = []
    for r in prior:
        if r["valid"]:
            votes = sql.votes(store, r["id"])
            elected_so_far += sum(1 for v in votes if v["status"] == "elected")
            if r["shortfall"]:
                revote = True
            tied = [v["name"] for v in votes if v["status"] == "tie"]
    return prior, constituency["seats"] - elected_so_far, revote, tied


def record_round(store: Store, election: dict, constituency: dict, votes: dict[str, int], issued: int, returned: int,
                 invalid: int = 0, held_on: str | None = None, round_no: int | None = None) -> dict:
    """Count one round (选举法 arts. 44, 45) and store it with each candidate's status.

    The first round needs more than half of the votes; once a valid round leaves seats unfilled,
    every later round is an 另行选举 (art. 45¶4–5: most votes, at least one third). After a tie at the
    margin the next round is the re-vote among the tied only (art. 45¶3: 以得票多的当选 — they already
    reached the threshold; a third name is refused). Seats unfilled after an 另行选举 are vacant (暂缺:
    上海 细则 art. 45¶3, 山东 细则 art. 49¶4) and this election takes no further round; a by-election
    (``rdtool by-election``) may fill them later.
    """
    from rdtool.rules.direct_elections import direct_round
    from rdtool.rules.majority import ImpossibleCounts

    prior, seats_left, revote, tied = _round_context(store, constituency)
    where = f"选区“{constituency['name']}”"
    what = "补选" if election.get("kind") == "by_election" else "换届选举"
    if round_no is None:
        round_no = len(prior) + 1
    if any(r["round"] == round_no for r in prior):
        raise RdtoolError(f"{where}第{round_no}轮投票结果已经录入")
    if round_no != len(prior) + 1:
        raise ValidationError(f"{where}应录入第{len(prior) + 1}轮，而不是第{round_no}轮")
    if prior and prior[-1]["vacant"]:
        raise RdtoolError(f"{where}另行选举后仍有{prior[-1]['vacant']}个名额暂缺，本次{what}不再投票",
                          f"暂缺的名额以后依法补选：rdtool by-election plan {election['term']} --constituency {constituency['name']} …"
                          "（选举法第五十七条；山东省细则第四十九条第四款“代表名额可以暂时空缺”）")
    if seats_left <= 0:
        raise RdtoolError(f"{where}应选{constituency['seats']}名已全部选出，不需要再投票")
    cands = {x["name"]: x for x in sql.candidates(store, constituency["id"])}
    unknown = [n for n in votes if n not in cands]
    if unknown:
        raise NotFound(f"{where}没有候选人：{'、'.join(unknown)}", f"候选人：{'、'.join(cands) or '（无）'}")
    not_final = [n for n in votes if not cands[n]["final"]]
    if not_final:
        raise ValidationError(f"{'、'.join(not_final)}不在{where}的正式代表候选人名单上",
                              "先用 rdtool general-election finalize 确定正式候选人（选举法第三十一条、第三十二条）")
    elected_before = sql.elected_ids(store, election["id"])
    already = [n for n in votes if cands[n]["id"] in elected_before]
    if already:
        raise ValidationError(f"{'、'.join(already)}已经当选，不再参加{where}第{round_no}轮投票")
    if tied:
        others = [n for n in votes if n not in tied]
        missing = [n for n in tied if n not in votes]
        if others or missing:
            raise ValidationError(
                f"{where}第{round_no}轮是就票数相等的{'、'.join(tied)}再次投票，选票只列他们"
                + (f"；{'、'.join(others)}不能列入" if others else "")
                + (f"；缺少{'、'.join(missing)}的得票（没有得票请写 0）" if missing else ""),
                "选举法第四十五条第三款：应当就票数相等的候选人再次投票，以得票多的当选")
    try:
        r = direct_round(constituency["voters"], issued, returned, seats_left, dict(votes), ballots_invalid=invalid,
                         revote=revote, tie_revote=bool(tied))
    except ImpossibleCounts as exc:
        raise ValidationError(f"{where}第{round_no}轮：{exc}") from None
    if held_on is None:
        held_on = election["election_day"]
    round_id = sql.insert_round(store, {
        "constituency_id": constituency["id"], "round": round_no, "held_on": held_on, "seats": seats_left,
        "revote": int(revote), "tie_revote": int(bool(tied)), "ballots_issued": issued,
        "ballots_returned": returned, "ballots_invalid": invalid,
        "valid": int(r.valid), "void": int(r.void), "shortfall": r.shortfall, "tie_seats": r.tie_seats,
        "vacant": r.vacant, "explanation": r.explanation})
    status = r.status
    for name, v in votes.items():
        sql.insert_vote(store, round_id, cands[name]["id"], v, status[name])
    warnings = _additional_list_warnings(store, election, prior, seats_left, list(votes)) if revote and not tied else []
    return {"constituency": constituency["name"], "round": round_no, "seats": seats_left, "revote": revote,
            "tie_revote": bool(tied), "valid": r.valid,
            "void": r.void, "elected": r.elected, "tie": r.tie, "shortfall": r.shortfall, "vacant": r.vacant,
            "explanation": r.explanation, "article": r.article, "warnings": warnings}


def _additional_list_warnings(store: Store, election: dict, prior: list[dict], seats: int,
                              names: list[str]) -> list[str]:
    """An 另行选举's list as it is entered, checked as `db check` checks it (选举法 第四十五条第四款)."""
    from rdtool.rules.direct_candidates import additional_list_problems

    if election.get("kind") == "by_election":  # 第五十七条第四款: a by-election's list may equal the seats
        return []
    first = next((r for r in prior if not r["revote"] and not r["tie_revote"]), None)
    if first is None:
        return []
    first_votes = sql.votes(store, first["id"])
    tally = {v["name"]: v["votes"] for v in first_votes}
    won = [v["name"] for v in first_votes if v["status"] == "elected"]
    return additional_list_problems(seats, names, tally, won)


def add_result(store: Store, term: int, level: str, constituency_name: str, votes: dict[str, int], issued: int,
               returned: int, invalid: int = 0, held_on: str | None = None, round_no: int | None = None) -> dict:
    e = election(store, term, level)
    with store.transaction():
        c = constituency(store, e, constituency_name)
        return record_round(store, e, c, votes, issued, returned, invalid, held_on, round_no)


def result_rows(store: Store, term: int, level: str) -> list[dict]:
    """One row per constituency, round and candidate."""
    e = election(store, term, level)
    out = []
    for r in sql.election_rounds(store, e["id"]):
        for v in sql.votes(store, r["id"]):
            out.append({"constituency": r["constituency"], "round": r["round"], "revote": bool(r["revote"]),
                        "tie_revote": bool(r["tie_revote"]),
                        "held_on": r["held_on"], "seats": r["seats"], "ballots_issued": r["ballots_issued"],
                        "ballots_returned": r["ballots_returned"], "ballots_invalid": r["ballots_invalid"],
                        "candidate": v["name"], "votes": v["votes"], "status": v["status"]})
    return out


def round_explanations(store: Store, term: int, level: str) -> list[dict]:
    e = election(store, term, level)
    return [{"constituency": r["constituency"], "round": r["round"], "explanation": r["explanation"]}
            for r in sql.election_rounds(store, e["id"])]


# ----------------------------------------------------------------------------------- credentials


def credentials(store: Store, term: int, level: str, names: list[str] | None, on: str, confirm: bool = True,
                note: str | None = None) -> dict:
    """Record the credentials committee's finding for elected candidates (选举法第四十七条)."""
    return credentials_for(store, election(store, term, level), names, on, confirm, note)


def credentials_for(store: Store, election: dict, names: list[str] | None, on: str, confirm: bool = True,
                    note: str | None = None) -> dict:
    """``credentials`` of one election record (a general election or a by-election, 选举法 arts. 47, 57¶5)."""
    if on < election["election_day"]:
        raise ValidationError(f"资格审查日期 {on} 早于选举日 {election['election_day']}（{ART_CREDENTIALS}）")
    with store.transaction():
        elected = sql.elected_ids(store, election["id"])
        cands = [x for x in sql.election_candidates(store, election["id"]) if x["id"] in elected]
        if names:
            by_name: dict[str, list[dict]] = {}
            for x in sql.election_candidates(store, election["id"]):
                by_name.setdefault(x["name"], []).append(x)
            chosen = []
            for n in names:
                found = by_name.get(n, [])
                if not found:
                    raise NotFound(f"{election.get('code') or ''}第{election['term']}届{label('level', election['level'])}"
                                   f"{'补选' if election.get('kind') == 'by_election' else '换届选举'}没有候选人“{n}”")
                if len(found) > 1:
                    raise RdtoolError(f"有{len(found)}位候选人名为“{n}”："
                                      + "；".join(f"{x['constituency']}，出生{x['birth_date'] or '—'}" for x in found))
                if found[0]["id"] not in elected:
                    raise ValidationError(f"{n}没有当选，不需要资格审查")
                chosen.append(found[0])
            cands = chosen
        if not cands:
            raise RdtoolError("没有当选的候选人可以审查", "先用 rdtool general-election result 录入投票结果")
        for x in cands:
            sql.set_candidate(store, x["id"], {"confirmed": int(confirm), "confirmed_on": on, "confirm_note": note})
    from rdtool.services.admin.law_checks import credentials_warning

    late = credentials_warning(store, election, on) if confirm else None
    return {"count": len(cands), "confirmed": confirm, "names": [x["name"] for x in cands],
            "warnings": [late] if late else []}


# --------------------------------------------------------------------------------------- seating


def _elected_on(store: Store, election: dict, candidate_id: int) -> str:
    return sql.elected_held_on(store, candidate_id) or election["election_day"]


def _link_or_create(store: Store, election: dict, winner: dict, create: bool, roster) -> str:
    """'already' | 'linked' | 'created' | 'missing' for one confirmed winner."""
    from rdtool.services.deputies import deputies as deputies_svc

    if winner["deputy_id"] and deputies_sql.exists(store, winner["deputy_id"]):
        return "already"
    found = sql.deputy_by_identity(store, election["term"], election["level"], winner["name"], winner["birth_date"])
    if election.get("kind") == "by_election":  # a by-election winner is new: link only the same person entered already
        elected_on = _elected_on(store, election, winner["id"])
        found = [d for d in found if d["birth_date"] == winner["birth_date"] and d["elected_on"] == elected_on]
    if len(found) > 1:
        raise RdtoolError(f"第{election['term']}届有{len(found)}位{label('level', election['level'])}名为“{winner['name']}”"
                          f"（ID {'、'.join(str(d['id']) for d in found)}），无法确定当选人{winner['name']}"
                          f"（{winner['constituency']}）是哪一位", "请填写候选人的出生日期以便区分")
    if found:
        sql.set_candidate(store, winner["id"], {"deputy_id": found[0]["id"]})
        return "linked"
    if not create:
        return "missing"
    re_elected = None
    if roster is not None:
        re_elected = (winner["name"], winner["birth_date"]) in roster or (
            winner["birth_date"] is None and any(n == winner["name"] for n, _ in roster))
    values = {k: winner.get(k) for k in ("name", "gender", "birth_date", "ethnicity", "party", "education",
                                    "occupation", "workplace")}
    values.update(level=election["level"], constituency=winner["constituency"], term=election["term"],
                  elected_on=_elected_on(store, election, winner["id"]), re_elected=re_elected)
    deputy_id = deputies_svc.insert_checked(store, values)
    sql.set_candidate(store, winner["id"], {"deputy_id": deputy_id})
    return "created"


def seat(store: Store, term: int, level: str | None = None, create: bool = True) -> dict:
    """Make the confirmed winners deputies of the new term, in one transaction; idempotent.

    A winner already on the roster (same term, level, name and birth date) is linked, not
    duplicated; ``re_elected`` is computed from the previous term's roster at the same level by
    name and birth date (unknown when that roster is not on record).
    """
    levels = [level] if level else [lv for lv in ("township", "county") if sql.election(store, term, lv)]
    if not levels:
        election(store, term, "township")
    from rdtool.services.kernel import corrections

    counts = {"created": 0, "linked": 0, "already": 0, "pending": 0, "rejected": 0, "missing": 0}
    with corrections.write(store, verb="已列入"):  # new deputies of a term already meeting change its 应到
        for lv in levels:
            seat_winners(store, election(store, term, lv), counts, create)
    return counts


def seat_winners(store: Store, election: dict, counts: dict, create: bool = True) -> None:
    """Put one election's confirmed winners on the roster (inside the caller's transaction), counting each."""
    roster = sql.previous_roster(store, election["term"], election["level"])
    elected = sql.elected_ids(store, election["id"])
    for x in sql.election_candidates(store, election["id"]):
        if x["id"] not in elected:
            continue
        if x["confirmed"] is None:
            counts["pending"] += 1
            continue
        if not x["confirmed"]:
            counts["rejected"] += 1
            continue
        counts[_link_or_create(store, election, x, create, roster)] += 1


# --------------------------------------------------------------------------------------- summary


def summary(store: Store, term: int) -> dict:
    """Turnout by constituency, the new deputies' composition against targets, and the paragraph."""
    from rdtool.services.deputies import deputies as deputies_svc

    elections = sql.elections(store, term)
    if not elections:
        election(store, term, "township")
    t = term_record(store, term)
    levels = []
    turnout = []
    for e in elections:
        rows = constituency_rows(store, term, e["level"])
        turnout += rows
        cands = sql.election_candidates(store, e["id"])
        elected = sql.elected_ids(store, e["id"])
        winners = [x for x in cands if x["id"] in elected]
        voted = sum(r["ballots_issued"] or 0 for r in rows)
        voters = sum(r["voters"] for r in rows)
        levels.append({
            "level": e["level"], "election_day": e["election_day"], "constituencies": len(rows),
            "seats": sum(r["seats"] for r in rows), "voters": voters, "voted": voted,
            "turnout": voted / voters if voters else None,
            "candidates": sum(1 for x in cands if x["final"]), "elected": len(winners),
            "confirmed": sum(1 for x in winners if x["confirmed"]),
            "seated": sum(1 for x in winners if x["confirmed"] and x["deputy_id"]),
            "vacant": sum(r["vacant"] for r in rows), "pending": sum(r["pending"] for r in rows),
            "warnings": plan_warnings(store, e),
        })
    composition = {e["level"]: deputies_svc.composition(store, term, e["level"], t["start_date"]) for e in elections}
    return {"term": term, "levels": levels, "turnout": turnout, "composition": composition,
            "text": paragraph(store, elections, levels)}


def _month(day: str) -> tuple[int, int]:
    d = date.fromisoformat(day)
    return d.year, d.month


def paragraph(store: Store, elections: list[dict], levels: list[dict]) -> str:
    """The seed's sentence, from the records: "…按时按质按量完成了新一届镇代表82名，县代表23名的换届选举工作"."""
    town = settings_sql.get(store, "town") or ""
    unit = "乡" if town.endswith("乡") else "镇"
    days = [e.get(k) for e in elections for k, _, _ in PHASES if e.get(k)]
    first, last = _month(min(days)), _month(max(days))
    if first[0] == last[0]:
        span = f"{first[0]}年{first[1]}月" + (f"至{last[1]}月" if last[1] != first[1] else "")
    else:
        span = f"{first[0]}年{first[1]}月至{last[0]}年{last[1]}月"
    by = {lv["level"]: lv for lv in levels}
    parts = []
    for lv, word in (("township", f"{unit}代表"), ("county", "县代表")):
        if lv in by:
            parts.append(f"{word}{by[lv]['confirmed']}名")
    voters = sum(lv["voters"] for lv in levels)
    voted = sum(lv["voted"] for lv in levels if lv["level"] == "township") or sum(lv["voted"] for lv in levels)
    voters_t = sum(lv["voters"] for lv in levels if lv["level"] == "township") or voters
    consts = "、".join(f"{'县' if lv['level'] == 'county' else unit}代表选区{lv['constituencies']}个" for lv in levels)
    text = (f"{span}，{town or '本' + unit}人大主席团依法组织开展换届选举工作，经过宣传动员培训、选民登记、"
            f"初步候选人推荐、正式候选人确定、正式选举、代表资格审查等阶段，")
    text += f"共划分{consts}，"
    if voters_t:
        text += f"登记选民{voters_t}人，参加投票{voted}人，参选率{percent(voted / voters_t)}，"
    text += f"按时按质按量完成了新一届{'，'.join(parts)}的换届选举工作"
    vacant = sum(lv["vacant"] for lv in levels)
    if vacant:
        text += f"，另有{vacant}个名额暂缺"
    pending = sum(lv["elected"] - lv["confirmed"] for lv in levels)
    if pending:
        text += f"（另有{pending}名当选人尚待资格审查确认）"
    return text + "。"


# ---------------------------------------------------------------------------------------- checks


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Plans breaking lead times or the quota, ratios outside art. 31, winners not yet confirmed or seated."""
    findings = []
    for e in sql.elections(store):
        where = f"第{e['term']}届{label('level', e['level'])}换届选举"
        for w in plan_warnings(store, e):
            findings.append({"check": "general_election_plan", "severity": "warning", "table": "general_elections",
                             "record": str(e["id"]), "message": f"{where}：{w}"})
        for r in constituency_rows(store, e["term"], e["level"]):
            if r["ratio_warning"]:
                findings.append({"check": "general_election_ratio", "severity": "warning",
                                 "table": "ge_constituencies", "record": r["constituency"],
                                 "message": f"{where}{r['constituency']}：{r['ratio_warning']}"})
            if r["nomination_warning"]:
                findings.append({"check": "general_election_nomination_limit", "severity": "warning",
                                 "table": "ge_candidates", "record": r["constituency"],
                                 "message": f"{where}{r['constituency']}：{r['nomination_warning']}"})
        findings += _additional_lists(store, e, where)
        if e["election_day"] <= as_of:
            elected = sql.elected_ids(store, e["id"])
            cands = [x for x in sql.election_candidates(store, e["id"]) if x["id"] in elected]
            pending = [x["name"] for x in cands if x["confirmed"] is None]
            unseated = [x["name"] for x in cands if x["confirmed"] and not x["deputy_id"]]
            if pending:
                findings.append({"check": "general_election_credentials", "severity": "warning",
                                 "table": "ge_candidates", "record": "",
                                 "message": f"{where}：{len(pending)}名当选人尚未经代表资格审查确认（{ART_CREDENTIALS}）"})
            if unseated:
                findings.append({"check": "general_election_seating", "severity": "warning",
                                 "table": "ge_candidates", "record": "",
                                 "message": f"{where}：{len(unseated)}名已确认资格的当选人尚未列入代表名单"
                                            "（rdtool general-election deputies）"})
    return findings


def _additional_lists(store: Store, election: dict, where: str) -> list[dict]:
    """Each 另行选举 whose list is not the first round's next candidates by votes (选举法 第四十五条第四款)."""
    from rdtool.rules.direct_candidates import additional_list_problems

    out = []
    for c in sql.constituencies(store, election["id"]):
        rounds = sql.rounds(store, c["id"])
        first = next((r for r in rounds if not r["revote"] and not r["tie_revote"]), None)
        if first is None:
            continue
        first_votes = sql.votes(store, first["id"])
        tally = {v["name"]: v["votes"] for v in first_votes}
        won = [v["name"] for v in first_votes if v["status"] == "elected"]
        for r in rounds:
            if not r["revote"] or r["tie_revote"]:
                continue
            names = [v["name"] for v in sql.votes(store, r["id"])]
            for problem in additional_list_problems(r["seats"], names, tally, won):
                out.append({"check": "general_election_additional_list", "severity": "warning",
                            "table": "ge_rounds", "record": f"{c['name']}第{r['round']}轮",
                            "message": f"{where}{c['name']}第{r['round']}轮（另行选举）：{problem}"})
    return out
