"""Elections held by the township congress (主席、副主席、镇长/乡长、副镇长/副乡长、主席团成员).

Who is elected is never typed in: `rdtool.rules.congress_elections.count_round` decides it
with all_deputies = the congress roster on the meeting date (组织法 第二十五条、第二十九条;
选举法 第四十四条 for ballots). A tie at the margin → re-vote needed, nobody picked; a
shortfall → 另行选举 needed. Contest-size warnings per 组织法 第二十七条.
"""

from __future__ import annotations

import re
from typing import Iterator

from rdtool import fields as F
from rdtool.errors import FieldError, NotFound, RdtoolError, ValidationError
from rdtool.io.kinds import Kind, Row, RowError, RowErrors
from rdtool.labels import clean, label
from rdtool.services import meetings as msvc
from rdtool.services.deputy_refs import parse_ref
from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as sql
from rdtool.store.db import Store

FIELDS: list[F.Field] = [
    F.Field("meeting", F.text(30), required=True),
    F.Field("post", F.text(50), required=True),
    F.Field("seats", F.integer(1), required=True),
    F.Field("candidate", F.name, required=True),
    F.Field("votes", F.integer(0), required=True),
    F.Field("ballots_issued", F.integer(0)),
    F.Field("ballots_returned", F.integer(0)),
    F.Field("ballots_invalid", F.integer(0)),
]
EXTRA = [F.Field("round", F.integer(1)), F.Field("deputy_id", F.integer(1))]


def post_kind(post: str) -> str | None:
    """主席/镇长/乡长 → principal; 副主席/副镇长/副乡长 → vice; 主席团成员 → member; else None."""
    p = clean(post)
    if "主席团" in p:
        return "member"
    if "副" in p and (p.endswith("主席") or p.endswith("镇长") or p.endswith("乡长")):
        return "vice"
    if p.endswith("主席") or p.endswith("镇长") or p.endswith("乡长"):
        return "principal"
    return None


_CANDIDATE = re.compile(r"^(.+?)\s*[=:：＝]\s*(\d+)$")


def parse_candidate(raw: str) -> tuple[str, int | None, int]:
    """'于玉林=75', '王建国(20)=61' or '王建国#20=61' (the deputy id for same-name deputies)."""
    m = _CANDIDATE.match(clean(raw))
    if not m:
        raise FieldError(f"“{raw}”应写成 姓名=得票，如 于玉林=75；同名代表写 王建国(20)=61")
    name, deputy_id = parse_ref(m.group(1))
    if not name:
        raise FieldError(f"“{raw}”缺少候选人姓名，如 王建国(20)=61")
    return name, deputy_id, int(m.group(2))


def _meeting(store: Store, ref: str) -> dict:
    m = msvc.get(store, ref)
    if m["kind"] != "congress":
        raise ValidationError(f"会议 {m['code']} 不是人民代表大会会议；选举只在人代会上进行（组织法第二十五条）")
    return m


def all_deputies(store: Store, m: dict) -> int:
    """The congress roster on the meeting date (the explicit entitled figure when given)."""
    f = msvc.figures(m)
    return f["entitled"] or msvc.roster_size(store, m)


def ballots(store: Store, m: dict, contest: dict, base: int) -> tuple[int, int, int]:
    issued = contest.get("ballots_issued")
    if issued is None:
        issued = msvc.figures(m)["present"] or base
    returned = contest.get("ballots_returned")
    if returned is None:
        returned = issued
    return issued, returned, contest.get("ballots_invalid") or 0


def count(store: Store, m: dict, contest: dict, cands: list[dict]):
    """RoundResult of a contest; raises ValidationError for impossible figures."""
    from rdtool.rules.congress_elections import ImpossibleCounts, contest_size_warnings, count_round

    base = all_deputies(store, m)
    issued, returned, invalid = ballots(store, m, contest, base)
    names = [c["name"] for c in cands]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValidationError(f"{contest['post']}：候选人重复：{'、'.join(dup)}")
    try:
        result = count_round(contest["seats"], {c["name"]: c["votes"] or 0 for c in cands}, base, issued, returned,
                             invalid)
        kind = post_kind(contest["post"])
        warnings = list(result.warnings)
        if kind:
            warnings += contest_size_warnings(kind, contest["seats"], len(cands), bool(contest.get("by_election")))
    except ImpossibleCounts as exc:
        raise ValidationError(f"会议 {m['code']} {contest['post']}选举的票数不可能成立：{exc}",
                              hint="请核对选票和得票数；没有写入任何记录") from None
    return result, warnings


def outcome_code(result) -> str:
    if result.void:
        return "void"
    if result.tie:
        return "tie"
    if result.shortfall:
        return "shortfall"
    return "filled"


def apply(store: Store, contest_id: int) -> None:
    """Recount a contest and store who is elected (with the meeting date) and the outcome."""
    contest = sql.contest(store, contest_id)
    m = sql.meeting_by_id(store, contest["meeting_id"])
    cands = sql.candidates(store, contest_id)
    result, _ = count(store, m, contest, cands)
    elected = set(result.elected)
    for c in cands:
        won = c["name"] in elected
        sql.set_candidate_elected(store, c["id"], won, m["date"] if won else None)
    sql.set_contest_outcome(store, contest_id, outcome_code(result))


def resolve_candidate(index, name: str, term: int, deputy_id: int | None) -> int | None:
    """The deputy a candidate is (non-deputies allowed → None); a shared name needs the id."""
    if deputy_id is not None:
        return index.resolve(name, term=term, deputy_id=deputy_id)
    if not [r for r in index.by_name.get(name, []) if r["term"] == term]:
        return None
    return index.resolve(name, term=term, level="township")


def create(store: Store, m: dict, post: str, seats: int, cands: list[tuple[str, int | None, int]], *,
           issued: int | None = None, returned: int | None = None, invalid: int | None = None,
           round_: int | None = None, by_election: bool = False, index=None) -> int:
    """Insert one contest with its candidates and count it (inside the caller's transaction)."""
    from rdtool.services.deputy_refs import DeputyIndex

    index = index or DeputyIndex(store)
    post = clean(post)
    if not post:
        raise ValidationError("职务不能为空", "如 --post 副镇长")
    if round_ is None:
        round_ = sql.contest_round(store, m["id"], post)
    elif sql.contest_exists(store, m["id"], post, round_):
        raise ValidationError(f"会议 {m['code']} 已有{post}第{round_}轮选举的记录")
    if not cands:
        raise ValidationError(f"{post}选举没有候选人")
    contest_id = sql.insert_contest(store, {"meeting_id": m["id"], "post": post, "seats": seats, "round": round_,
                                            "ballots_issued": issued, "ballots_returned": returned,
                                            "ballots_invalid": invalid, "by_election": int(by_election)})
    for name, deputy_id, votes in cands:
        try:
            did = resolve_candidate(index, name, m["term"], deputy_id)
        except FieldError as exc:
            raise ValidationError(f"候选人“{name}”：{exc}") from None
        sql.insert_candidate(store, {"contest_id": contest_id, "name": name, "deputy_id": did, "votes": votes})
    apply(store, contest_id)
    return contest_id


def add(store: Store, meeting_ref: str, post: str, seats: int, cands: list[tuple[str, int | None, int]], **kw) -> dict:
    with store.transaction():
        m = _meeting(store, meeting_ref)
        contest_id = create(store, m, post, seats, cands, **kw)
    return show(store, contest_id)


def get(store: Store, ref: str | int) -> dict:
    text = clean(str(ref)).lstrip("#")
    row = sql.contest(store, int(text)) if text.isdigit() else None
    if row is None:
        raise NotFound(f"没有 ID 为 {ref} 的选举", "用 rdtool election list 查看选举 ID")
    return row


def edit(store: Store, ref: str, *, seats: int | None = None, issued: int | None = None,
         returned: int | None = None, invalid: int | None = None,
         cands: list[tuple[str, int | None, int]] = ()) -> dict:
    """Correct ballots, seats or votes (adding candidates written in); the outcome is recounted."""
    from rdtool.services.deputy_refs import DeputyIndex

    contest = get(store, ref)
    with store.transaction():
        changes = {k: v for k, v in (("seats", seats), ("ballots_issued", issued), ("ballots_returned", returned),
                                     ("ballots_invalid", invalid)) if v is not None}
        sql.update_contest(store, contest["id"], changes)
        existing = {c["name"]: c for c in sql.candidates(store, contest["id"])}
        index = DeputyIndex(store)
        for name, deputy_id, votes in cands:
            if name in existing:
                sql.set_candidate_votes(store, existing[name]["id"], votes)
            else:
                try:
                    did = resolve_candidate(index, name, contest["term"], deputy_id)
                except FieldError as exc:
                    raise ValidationError(f"候选人“{name}”：{exc}") from None
                sql.insert_candidate(store, {"contest_id": contest["id"], "name": name, "deputy_id": did,
                                             "votes": votes})
        apply(store, contest["id"])
    return show(store, contest["id"])


def show(store: Store, contest_id: int) -> dict:
    contest = get(store, contest_id)
    m = sql.meeting_by_id(store, contest["meeting_id"])
    cands = sql.candidates(store, contest["id"])
    result, warnings = count(store, m, contest, cands)
    status = result.status
    qualified = {c.name: c.qualified for c in result.candidates}
    rows = []
    for c in sorted(cands, key=lambda c: -(c["votes"] or 0)):
        rows.append({"name": c["name"], "deputy_id": c["deputy_id"], "votes": c["votes"],
                     "qualified": qualified.get(c["name"]), "status": status.get(c["name"]),
                     "elected": bool(c["elected"]), "elected_on": c["elected_on"]})
    issued, returned, invalid = ballots(store, m, contest, result.all_deputies)
    return {"id": contest["id"], "meeting_code": m["code"], "meeting_date": m["date"], "post": contest["post"],
            "post_kind": post_kind(contest["post"]), "seats": contest["seats"], "round": contest["round"],
            "by_election": bool(contest["by_election"]), "ballots_issued": issued, "ballots_returned": returned,
            "ballots_invalid": invalid, "valid_ballots": result.valid_ballots, "all_deputies": result.all_deputies,
            "required_votes": result.required_votes, "outcome": contest["outcome"],
            "elected": result.elected, "tie": result.tie, "shortfall": result.shortfall,
            "explanation": result.explanation, "article": result.article, "warnings": warnings,
            "candidates": rows}


def listing(store: Store, *, meeting: str | None = None, term: int | None = None,
            elected_only: bool = False) -> list[dict]:
    """One row per candidate: meeting, post, round, seats, candidate, votes, elected, outcome."""
    meeting_id = msvc.get(store, meeting)["id"] if meeting else None
    out = []
    for c in sql.contests(store, meeting_id=meeting_id, term=term):
        for cand in sorted(sql.candidates(store, c["id"]), key=lambda x: -(x["votes"] or 0)):
            if elected_only and not cand["elected"]:
                continue
            out.append({"contest_id": c["id"], "meeting_code": c["meeting_code"], "meeting_date": c["meeting_date"],
                        "post": c["post"], "round": c["round"], "seats": c["seats"], "candidate": cand["name"],
                        "deputy_id": cand["deputy_id"], "votes": cand["votes"], "elected": bool(cand["elected"]),
                        "elected_on": cand["elected_on"], "outcome": c["outcome"],
                        "ballots_issued": c["ballots_issued"], "ballots_returned": c["ballots_returned"],
                        "ballots_invalid": c["ballots_invalid"]})
    return out


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Contests whose outcome needs a re-vote or an 另行选举, or whose stored winners disagree with the count."""
    findings = []
    for c in sql.contests(store):
        if c["meeting_date"] > as_of:
            continue
        m = sql.meeting_by_id(store, c["meeting_id"])
        cands = sql.candidates(store, c["id"])
        try:
            result, _ = count(store, m, c, cands)
        except RdtoolError as exc:
            findings.append({"check": "election_counts_invalid", "severity": "error", "table": "election_contests",
                             "record": str(c["id"]), "message": exc.message})
            continue
        stored = sorted(x["name"] for x in cands if x["elected"])
        if stored != sorted(result.elected) or c["outcome"] != outcome_code(result):
            findings.append({"check": "election_result_mismatch", "severity": "error",
                             "table": "election_contests", "record": str(c["id"]),
                             "message": f"{c['meeting_code']} {c['post']}选举记录的当选人与按规则计票的结果不一致："
                                        f"{result.explanation}"})
        elif c["outcome"] in ("tie", "shortfall", "void"):
            findings.append({"check": "election_unfinished", "severity": "warning", "table": "election_contests",
                             "record": str(c["id"]),
                             "message": f"{c['meeting_code']} {c['post']}选举：{label('election_outcome', c['outcome'])}"})
    return findings


# ---------------------------------------------------------------- import/export kind `elections`

def _groups(rows: list[Row]) -> dict[tuple, list[Row]]:
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        v = row.values
        groups.setdefault((v["meeting"], clean(v["post"]), v.get("round")), []).append(row)
    return groups


def _check_groups(store: Store, rows: list[Row], write: bool) -> list[RowError]:
    from rdtool.services.deputy_refs import DeputyIndex

    index = DeputyIndex(store)
    errors: list[RowError] = []
    for (code, post, round_), group in _groups(rows).items():
        first = group[0]
        m = sql.meeting_by_code(store, code)
        if m is None:
            errors.append(RowError(first.number, "meeting", code, "没有这个编号的会议（先导入 meetings）"))
            continue
        if m["kind"] != "congress":
            errors.append(RowError(first.number, "meeting", code, "不是人民代表大会会议，不能有选举"))
            continue
        bad = False
        for f in ("seats", "ballots_issued", "ballots_returned", "ballots_invalid"):
            for row in group[1:]:
                if row.values.get(f) != first.values.get(f):
                    errors.append(RowError(row.number, f, str(row.values.get(f) or ""),
                                           f"同一场选举（{code} {post}）各行应相同，第{first.number}行为"
                                           f"“{first.values.get(f) if first.values.get(f) is not None else ''}”"))
                    bad = True
        names: dict[str, int] = {}
        cands = []
        for row in group:
            n = row.values["candidate"]
            if n in names:
                errors.append(RowError(row.number, "candidate", n, f"与第{names[n]}行重复"))
                bad = True
            names.setdefault(n, row.number)
            try:
                resolve_candidate(index, n, m["term"], row.values.get("deputy_id"))
            except FieldError as exc:
                errors.append(RowError(row.number, "candidate", n, str(exc)))
                bad = True
            cands.append((n, row.values.get("deputy_id"), row.values["votes"]))
        if bad:
            continue
        if not write and round_ is not None and sql.contest_exists(store, m["id"], post, round_):
            errors.append(RowError(first.number, "post", post, f"会议 {code} 已有该职务第{round_}轮选举的记录"))
            continue
        if not write and round_ is None and sql.contest_round(store, m["id"], post) > 1:
            errors.append(RowError(first.number, "post", post, f"会议 {code} 已有该职务的选举记录；"
                                                               "另一轮（再次投票、另行选举）请填写 round 列"))
            continue
        v = first.values
        contest = {"post": post, "seats": v["seats"], "ballots_issued": v.get("ballots_issued"),
                   "ballots_returned": v.get("ballots_returned"), "ballots_invalid": v.get("ballots_invalid")}
        try:
            if write:
                create(store, m, post, v["seats"], cands, issued=v.get("ballots_issued"),
                       returned=v.get("ballots_returned"), invalid=v.get("ballots_invalid"), round_=round_,
                       index=index)
            else:
                count(store, m, contest, [{"name": n, "votes": vv} for n, _, vv in cands])
        except RdtoolError as exc:
            errors.append(RowError(first.number, "votes", str(v["votes"]), exc.message))
    return errors


def check_rows(store: Store, rows: list[Row]) -> list[RowError]:
    return _check_groups(store, rows, write=False)


def write_rows(store: Store, rows: list[Row]) -> int:
    errors = _check_groups(store, rows, write=True)
    if errors:
        raise RowErrors(errors)
    return len(rows)


def export_rows(store: Store, show_private: bool = False) -> Iterator[dict]:
    shared = deputies_sql.shared_names(store)
    for c in sql.contests(store):
        for cand in sql.candidates(store, c["id"]):
            yield {"meeting": c["meeting_code"], "post": c["post"], "seats": c["seats"], "candidate": cand["name"],
                   "votes": cand["votes"], "ballots_issued": c["ballots_issued"],
                   "ballots_returned": c["ballots_returned"], "ballots_invalid": c["ballots_invalid"],
                   "round": c["round"],
                   "deputy_id": cand["deputy_id"] if (cand["name"], c["term"]) in shared else None}


KIND = Kind("elections", "选举", FIELDS, write_rows, export_rows, extra=EXTRA, check=check_rows,
            aliases={"candidate": ("候选人姓名",), "votes": ("得票数", "票数"), "seats": ("应选人数",)})

