"""Elections held by the township congress (主席、副主席、镇长/乡长、副镇长/副乡长、主席团成员).

Who is elected is never typed in: `rdtool.rules.congress_elections` decides it with all_deputies = the
congress roster on the meeting date (组织法 第二十五条、第二十九条; 选举法 第四十四条 for ballots), and
refuses a session without its quorum (组织法 第十四条第四款). The rounds of one post at one session form a
chain: after a tie the next round is the re-vote among the tied (第二十九条第一款, `count_revote`), after a
shortfall the 另行选举 of the missing seats (第二十九条第二款); a void round is held again. Who may stand:
`rdtool.rules.congress_candidates` (第二十七条's 差额, 第十八条's one or two vice-chairs). What the winners
become (presidium roles, office-holder records with the oath): `rdtool.services.elections.outcomes`.
"""

from __future__ import annotations

import re
from typing import Iterator

from rdtool.errors import FieldError, RdtoolError, ValidationError
from rdtool.labels import clean, label
from rdtool.services.elections import outcomes
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.services.meetings import quorum as meeting_quorum
from rdtool.services.deputies.refs import parse_ref
from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as sql
from rdtool.store import contests as contests_sql
from rdtool.store.db import Store

_KIND = {"chair": "principal", "head": "principal", "vice_chair": "vice", "vice_head": "vice", "member": "member"}


def post_kind(post: str) -> str | None:
    """主席/镇长/乡长 → principal; 副主席/副镇长/副乡长 → vice; 主席团成员 → member; else None."""
    return _KIND.get(outcomes.post_office(post))


_CANDIDATE = re.compile(r"^(.+?)\s*[=:：＝]\s*(\d+)$")


def parse_candidate(raw: str) -> tuple[str, int | None, int]:
    """'于玉林=75', '王建国(20)=61' or '王建国#20=61' (the deputy id for same-name deputies)."""
    m = _CANDIDATE.match(clean(raw))
    if not m:
        raise FieldError(f"“{raw}”应写成 姓名=得票，如 于玉林=75；同名代表写 王建国#20=61")
    name, deputy_id = parse_ref(m.group(1))
    if not name:
        raise FieldError(f"“{raw}”缺少候选人姓名，如 于玉林=75（同名代表写 王建国#20=61）")
    return name, deputy_id, int(m.group(2))


def _meeting(store: Store, ref: str) -> dict:
    m = meetings_svc.get(store, ref)
    if m["kind"] != "congress":
        raise ValidationError(f"会议 {m['code']} 不是人民代表大会会议；选举只在人代会上进行（组织法第二十五条）")
    return m


def all_deputies(store: Store, meeting: dict) -> int:
    """The congress roster on the meeting date (the explicit entitled figure when given)."""
    f = meeting_quorum.figures(meeting)
    return f["entitled"] or meeting_quorum.roster_size(store, meeting)


def ballots(store: Store, meeting: dict, contest: dict, base: int) -> tuple[int, int, int]:
    issued = contest.get("ballots_issued")
    if issued is None:
        issued = meeting_quorum.figures(meeting)["present"] or base
    returned = contest.get("ballots_returned")
    if returned is None:
        returned = issued
    return issued, returned, contest.get("ballots_invalid") or 0


def chain(store: Store, meeting: dict, post: str, before_round: int | None = None) -> list[tuple]:
    """The rounds of one post at one session (before ``before_round``), each as (contest, candidates, result)."""
    done: list[tuple] = []
    for c in contests_sql.rounds_of_post(store, meeting["id"], post):
        if before_round is not None and c["round"] >= before_round:
            break
        cands = contests_sql.candidates(store, c["id"])
        done.append((c, cands, count(store, meeting, c, cands, prior=done)[0]))
    return done


def _stage(prior: list[tuple], by_election: bool) -> tuple:
    """(stage, the last round that was held, winners so far); a void round is held again, so it is skipped."""
    from rdtool.rules.congress_elections import next_stage

    held = [p for p in prior if not p[2].void]
    prev = held[-1] if held else None
    stage = next_stage(outcome_code(prev[2]) if prev else None, by_election)
    return stage, prev, held, [n for _, _, r in held for n in r.elected]


def _check_winners(store: Store, meeting: dict, contest: dict, cands: list[dict], elected: list[str]) -> None:
    """Winners of 主席、副主席、主席团成员 must be deputies in office on the day (组织法 第十八条第一款、第十九条)."""
    from rdtool.rules.congress_offices import ART_FROM_DEPUTIES, duties

    if not duties(outcomes.post_office(contest["post"])).needs_deputy:
        return
    by_name = {c["name"]: c for c in cands}
    for name in elected:
        did = by_name[name].get("deputy_id")
        row = deputies_sql.by_id(store, did) if did is not None else None
        if row is None or row["voided_at"] or row["level"] != "township" or row["term"] != meeting["term"]:
            raise ValidationError(f"{name}不是本届镇人大代表，不能当选{contest['post']}（{ART_FROM_DEPUTIES}）",
                                  hint="主席、副主席、主席团成员由代表中选出；请核对姓名（同名代表写 姓名(ID)）；没有写入任何记录")
        if row["status"] != "active" and (row["status_date"] or "") <= meeting["date"]:
            raise ValidationError(f"{name}已于 {row['status_date']} 离任，{meeting['date']} 不是在任代表，不能当选"
                                  f"{contest['post']}（{ART_FROM_DEPUTIES}）", hint="没有写入任何记录")


def count(store: Store, meeting: dict, contest: dict, cands: list[dict], prior: list[tuple] | None = None):
    """(RoundResult, warnings) of a contest, its stage set by the rounds before it (``prior``, default: the
    stored ones); raises ValidationError for impossible figures or a round the law does not allow."""
    from rdtool.rules.congress_candidates import (check_additional_round, check_seats, contest_size_warnings,
                                                  ranking_notes)
    from rdtool.rules.congress_elections import ImpossibleCounts, NotAllowed, count_revote, count_round

    if prior is None:
        prior = chain(store, meeting, contest["post"], contest.get("round"))
    base = all_deputies(store, meeting)
    issued, returned, invalid = ballots(store, meeting, contest, base)
    names = [c["name"] for c in cands]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValidationError(f"{contest['post']}：候选人重复：{'、'.join(dup)}")
    votes = {c["name"]: c["votes"] or 0 for c in cands}
    seats, by_election = contest["seats"], bool(contest.get("by_election"))
    present = meeting_quorum.figures(meeting)["present"]
    where = f"会议 {meeting['code']} {contest['post']}选举"
    try:
        stage, prev, held, elected_before = _stage(prior, by_election)
        if stage == "revote":
            if seats != prev[2].tie_seats:
                raise NotAllowed(f"本轮是就票数相等的{'、'.join(prev[2].tie)}再次投票，决定{prev[2].tie_seats}个名额，"
                                 f"应选名额应为{prev[2].tie_seats}名（组织法第二十九条第一款）")
            result = count_revote(seats, votes, prev[2].tie, base, issued, returned, invalid, present)
        else:
            if stage == "additional":
                check_additional_round(prev[2].shortfall, seats, names, elected_before)
            check_seats(outcomes.post_office(contest["post"]), seats)
            result = count_round(seats, votes, base, issued, returned, invalid, present, stage)
        warnings = list(result.warnings)
        kind = post_kind(contest["post"])
        if kind and stage != "revote":
            warnings += contest_size_warnings(kind, seats, len(cands), by_election, additional=stage == "additional")
        if stage == "first" and not by_election:
            from rdtool.services.elections.nominations import round_warnings

            warnings += round_warnings(store, meeting, contest["post"], names)
        if stage == "additional":
            warnings += ranking_notes(names, {c["name"]: c["votes"] or 0 for c in held[0][1]}, elected_before)
    except NotAllowed as exc:
        hint = "没有写入任何记录" + ("；如是补选（组织法第三十条），请加 --by-election" if "已选满" in str(exc) else "")
        raise ValidationError(f"{where}不能这样记录：{exc}", hint=hint) from None
    except ImpossibleCounts as exc:
        raise ValidationError(f"{where}的票数不可能成立：{exc}",
                              hint="请核对选票、得票数和出席人数；没有写入任何记录") from None
    _check_winners(store, meeting, contest, cands, result.elected)
    return result, warnings


STAGE_ZH = {"first": "第一次投票", "revote": "再次投票", "additional": "另行选举"}


def outcome_code(result) -> str:
    if result.no_quorum:
        return "no_quorum"
    if result.void:
        return "void"
    if result.tie:
        return "tie"
    if result.shortfall:
        return "shortfall"
    return "filled"


def apply(store: Store, contest_id: int) -> tuple[dict, list[str]]:
    """Recount a contest and the later rounds of its post at that session, store who is elected (with the
    meeting date) and each outcome, and bring the roster and office records up to date.

    Returns ({contest id: RoundResult} of the rounds recounted, the roster changes in Chinese)."""
    contest = contests_sql.contest(store, contest_id)
    m = sql.meeting_by_id(store, contest["meeting_id"])
    done: list[tuple] = []
    results = {}
    for c in contests_sql.rounds_of_post(store, m["id"], contest["post"]):
        cands = contests_sql.candidates(store, c["id"])
        result = count(store, m, c, cands, prior=done)[0]
        done.append((c, cands, result))
        if c["round"] < contest["round"]:
            continue
        elected = set(result.elected)
        for x in cands:
            won = x["name"] in elected
            contests_sql.set_candidate_elected(store, x["id"], won, (c.get("held_on") or m["date"]) if won else None)
        contests_sql.set_contest_outcome(store, c["id"], outcome_code(result))
        results[c["id"]] = result
    return results, outcomes.sync(store)


def resolve_candidate(index, name: str, term: int, deputy_id: int | None) -> int | None:
    """The deputy a candidate is (non-deputies allowed → None); a shared name needs the id."""
    if deputy_id is not None:
        return index.resolve(name, term=term, deputy_id=deputy_id)
    if not [r for r in index.by_name.get(name, []) if r["term"] == term]:
        return None
    return index.resolve(name, term=term, level="township")


def create(store: Store, meeting: dict, post: str, seats: int, cands: list[tuple[str, int | None, int]], *,
           issued: int | None = None, returned: int | None = None, invalid: int | None = None,
           round_: int | None = None, by_election: bool = False, index=None,
           held_on: str | None = None) -> tuple[int, list[str]]:
    """Insert one contest with its candidates and count it (inside the caller's transaction); (id, roster
    changes). `held_on`: the day of the session it was held (default its first day; issue 23)."""
    from rdtool.services.deputies.refs import DeputyIndex

    index = index or DeputyIndex(store)
    post = clean(post)
    if not post:
        raise ValidationError("职务不能为空", "如 --post 副镇长")
    if round_ is None:
        round_ = contests_sql.contest_round(store, meeting["id"], post)
    elif contests_sql.contest_exists(store, meeting["id"], post, round_):
        raise ValidationError(f"会议 {meeting['code']} 已有{post}第{round_}轮选举的记录")
    if not cands:
        raise ValidationError(f"{post}选举没有候选人")
    contest_id = contests_sql.insert_contest(store, {"meeting_id": meeting["id"], "post": post, "seats": seats, "round": round_,
                                            "ballots_issued": issued, "ballots_returned": returned,
                                            "ballots_invalid": invalid, "by_election": int(by_election),
                                            "held_on": held_day(meeting, held_on)})
    for name, deputy_id, votes in cands:
        try:
            did = resolve_candidate(index, name, meeting["term"], deputy_id)
        except FieldError as exc:
            raise ValidationError(f"候选人“{name}”：{exc}") from None
        contests_sql.insert_candidate(store, {"contest_id": contest_id, "name": name, "deputy_id": did, "votes": votes})
    results, changes = apply(store, contest_id)
    _refuse_without_quorum(meeting, post, results)
    return contest_id, changes


def held_day(meeting: dict, on: str | None) -> str | None:
    """The election's own date: a day of its session (None: the first day)."""
    if on is None or on == meeting["date"]:
        return None
    last = max(meeting["end_date"] or meeting["date"], meeting["date"])
    if not meeting["date"] <= on <= last:
        raise ValidationError(f"选举日期 {on} 不在会议 {meeting['code']} 的会期（{meeting['date']} 至 {last}）之内",
                              f"先更正会议的结束日期（rdtool meeting edit {meeting['code']} --end-date {on}），或更正选举日期")
    return on


def _refuse_without_quorum(meeting: dict, post: str, results: dict) -> None:
    """A session without its quorum cannot elect (组织法 第十四条第四款): refused, as `vote add` says 不能表决."""
    for result in results.values():
        if result.no_quorum:
            raise ValidationError(f"会议 {meeting['code']} {post}选举：{result.explanation}",
                                  hint=f"请核对点名（rdtool meeting show {meeting['code']}）；没有写入任何记录")


def add(store: Store, meeting_ref: str, post: str, seats: int, cands: list[tuple[str, int | None, int]], **kw) -> dict:
    with store.transaction():
        m = _meeting(store, meeting_ref)
        contest_id, changes = create(store, m, post, seats, cands, **kw)
    return _with_incompatible(store, {**show(store, contest_id), "roster_changes": changes})


def _with_incompatible(store: Store, record: dict) -> dict:
    """The result's warnings and, for its winners, a presidium role held with a government post (组织法 第十八条第二款)."""
    from rdtool.services.admin.law_checks import incompatible

    winners = {c["deputy_id"] for c in record["candidates"] if c["elected"] and c["deputy_id"]}
    found = incompatible(store, "9999-12-31", winners) if winners else []
    return {**record, "warnings": record["warnings"] + [f["message"] for f in found]}


def get(store: Store, ref: str | int) -> dict:
    from rdtool.services.kernel import refs

    return contests_sql.contest(store, refs.resolve(store, "election", str(ref)).id)


def edit(store: Store, ref: str, *, seats: int | None = None, issued: int | None = None,
         returned: int | None = None, invalid: int | None = None,
         cands: list[tuple[str, int | None, int]] = (), by_election: bool | None = None,
         held_on: str | None = None) -> dict:
    """Correct ballots, seats, votes (adding candidates written in), whether it is a 补选, or its date; the
    outcome (and that of the later rounds) is recounted."""
    from rdtool.services.deputies.refs import DeputyIndex

    contest = get(store, ref)
    with store.transaction():
        changes = {k: v for k, v in (("seats", seats), ("ballots_issued", issued), ("ballots_returned", returned),
                                     ("ballots_invalid", invalid),
                                     ("by_election", None if by_election is None else int(by_election)))
                   if v is not None}
        if held_on is not None:
            m = sql.meeting_by_id(store, contest["meeting_id"])
            changes["held_on"] = held_day(m, held_on)
        contests_sql.update_contest(store, contest["id"], changes)
        existing = {c["name"]: c for c in contests_sql.candidates(store, contest["id"])}
        index = DeputyIndex(store)
        for name, deputy_id, votes in cands:
            if name in existing:
                contests_sql.set_candidate_votes(store, existing[name]["id"], votes)
            else:
                try:
                    did = resolve_candidate(index, name, contest["term"], deputy_id)
                except FieldError as exc:
                    raise ValidationError(f"候选人“{name}”：{exc}") from None
                contests_sql.insert_candidate(store, {"contest_id": contest["id"], "name": name, "deputy_id": did,
                                             "votes": votes})
        m = sql.meeting_by_id(store, contest["meeting_id"])
        results, changes = apply(store, contest["id"])
        _refuse_without_quorum(m, contest["post"], results)
    return _with_incompatible(store, {**show(store, contest["id"]), "roster_changes": changes})


def show(store: Store, contest_id: int) -> dict:
    contest = get(store, contest_id)
    m = sql.meeting_by_id(store, contest["meeting_id"])
    cands = contests_sql.candidates(store, contest["id"])
    result, warnings = count(store, m, contest, cands)
    status = result.status
    qualified = {c.name: c.qualified for c in result.candidates}
    rows = []
    for c in sorted(cands, key=lambda c: -(c["votes"] or 0)):
        rows.append({"name": c["name"], "deputy_id": c["deputy_id"], "votes": c["votes"],
                     "qualified": qualified.get(c["name"]), "status": status.get(c["name"]),
                     "elected": bool(c["elected"]), "elected_on": c["elected_on"]})
    issued, returned, invalid = ballots(store, m, contest, result.all_deputies)
    return {"id": contest["id"], "meeting_code": m["code"], "meeting_date": m["date"],
            "held_on": contest.get("held_on") or m["date"], "post": contest["post"],
            "post_kind": post_kind(contest["post"]), "seats": contest["seats"], "round": contest["round"],
            "by_election": bool(contest["by_election"]), "ballots_issued": issued, "ballots_returned": returned,
            "ballots_invalid": invalid, "valid_ballots": result.valid_ballots, "all_deputies": result.all_deputies,
            "required_votes": result.required_votes, "outcome": contest["outcome"], "stage": result.stage,
            "elected": result.elected, "tie": result.tie, "shortfall": result.shortfall,
            "explanation": result.explanation, "article": result.article, "warnings": warnings,
            "candidates": rows}


def listing(store: Store, *, meeting: str | None = None, term: int | None = None,
            elected_only: bool = False) -> list[dict]:
    """One row per candidate: meeting, post, round, seats, candidate, votes, elected, outcome."""
    meeting_id = meetings_svc.get(store, meeting)["id"] if meeting else None
    out = []
    for c in contests_sql.contests(store, meeting_id=meeting_id, term=term):
        for cand in sorted(contests_sql.candidates(store, c["id"]), key=lambda x: -(x["votes"] or 0)):
            if elected_only and not cand["elected"]:
                continue
            out.append({"contest_id": c["id"], "meeting_code": c["meeting_code"], "meeting_date": c["meeting_date"],
                        "post": c["post"], "round": c["round"], "seats": c["seats"], "candidate": cand["name"],
                        "deputy_id": cand["deputy_id"], "votes": cand["votes"], "elected": bool(cand["elected"]),
                        "elected_on": cand["elected_on"], "outcome": c["outcome"],
                        "ballots_issued": c["ballots_issued"], "ballots_returned": c["ballots_returned"],
                        "ballots_invalid": c["ballots_invalid"]})
    return out


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Stored winners that disagree with the count; a post whose last round at a session still needs a re-vote
    or an 另行选举 (earlier rounds a later one completed are not flagged); candidate lists outside 第二十七条."""
    from rdtool.rules.congress_candidates import contest_size_warnings

    chains: dict[tuple, list[dict]] = {}
    for c in contests_sql.contests(store):
        if c["held_date"] <= as_of:
            chains.setdefault((c["meeting_id"], c["post"]), []).append(c)
    for (meeting_id, _), rounds in chains.items():
        m = sql.meeting_by_id(store, meeting_id)
        done: list[tuple] = []
        for c in sorted(rounds, key=lambda c: (c["round"], c["id"])):
            cands = contests_sql.candidates(store, c["id"])
            try:
                result, _ = count(store, m, c, cands, prior=done)
            except RdtoolError as exc:
                yield {"check": "election_counts_invalid", "severity": "error",
                       "table": "election_contests", "record": str(c["id"]), "message": exc.message}
                break
            done.append((c, cands, result))
            stored = sorted(x["name"] for x in cands if x["elected"])
            if stored != sorted(result.elected) or c["outcome"] != outcome_code(result):
                yield {"check": "election_result_mismatch", "severity": "error",
                       "table": "election_contests", "record": str(c["id"]),
                       "message": f"{c['meeting_code']} {c['post']}选举记录的当选人与按规则计票的结果不一致："
                                  f"{result.explanation}"}
            kind = post_kind(c["post"])
            size = (contest_size_warnings(kind, c["seats"], len(cands), bool(c["by_election"]),
                                          additional=result.stage == "additional")
                    if kind and result.stage != "revote" else [])
            if size:
                yield {"check": "election_candidates_irregular", "severity": "warning",
                       "table": "election_contests", "record": str(c["id"]),
                       "message": f"{c['meeting_code']} {c['post']}选举（第{c['round']}轮）：{'；'.join(size)}"}
        else:
            last = done[-1][0] if done else None
            if last is not None and last["outcome"] in ("tie", "shortfall", "void", "no_quorum"):
                yield {"check": "election_unfinished", "severity": "warning",
                       "table": "election_contests", "record": str(last["id"]),
                       "message": f"{last['meeting_code']} {last['post']}选举（第{last['round']}轮）："
                                  f"{label('election_outcome', last['outcome'])}"}
