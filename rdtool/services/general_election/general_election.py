"""The general election of deputies (换届选举): plan, constituencies and candidates (results: general_election_results).

Every figure the law judges is computed by ``rdtool.rules.direct_elections`` (选举法 2020):
lead times (arts. 28, 32), the township quota (art. 12), seats per constituency (art. 25), voters'
joint nominations (art. 30), the contest ratio (art. 31), each round's count (arts. 44, 45). The
credentials committee's confirmation is 选举法 art. 47: the presidium (township) or the county
standing committee confirms each deputy's credentials on its committee's report and publishes the
list before the new congress's first session. Confirmed winners become deputies of the new term in
one transaction (``seat``); running it twice changes nothing.
"""

from __future__ import annotations

from datetime import date

from rdtool import fields as F
from rdtool.labels import problem_line
from rdtool.errors import NotFound, RdtoolError, ValidationError
from rdtool.labels import label
from rdtool.services.deputies.deputies import FIELDS as DEPUTY_FIELDS
from rdtool.store import general_election as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

LEVEL_FIELDS = [F.Field("term", F.integer(1), required=True), F.Field("level", F.enum("level"), required=True)]
PLAN_FIELDS: list[F.Field] = LEVEL_FIELDS + [
    F.Field("election_day", F.DATE, required=True),
    F.Field("mobilisation_on", F.DATE),
    F.Field("registration_on", F.DATE),
    F.Field("candidates_on", F.DATE),
    F.Field("final_list_on", F.DATE),
    F.Field("credentials_on", F.DATE),
    F.Field("population", F.integer(0)),
    F.Field("notes", F.text(500)),
]
CONSTITUENCY_FIELDS: list[F.Field] = LEVEL_FIELDS + [
    F.Field("constituency", F.text(50), required=True),
    F.Field("seats", F.integer(0), required=True),
    F.Field("voters", F.integer(0), required=True),
    F.Field("notes", F.text(500)),
]
# A candidate's person fields are the deputy roster's (the winners become deputies), plus the nomination.
PERSON_FIELDS: list[F.Field] = [
    *(f for f in DEPUTY_FIELDS if f.name in ("name", "gender", "birth_date", "ethnicity", "party", "education",
                                              "occupation", "workplace")),
    F.Field("nominated_by", F.text(100)),
    F.Field("nominators", F.integer(0)),
    F.Field("final", F.BOOL),
]
CANDIDATE_FIELDS: list[F.Field] = LEVEL_FIELDS + [F.Field("constituency", F.text(50), required=True)] + PERSON_FIELDS
RESULT_FIELDS: list[F.Field] = [
    F.Field("round", F.integer(1)),
    F.Field("held_on", F.DATE),
    F.Field("votes", F.integer(0)),
    F.Field("ballots_issued", F.integer(0)),
    F.Field("ballots_returned", F.integer(0)),
    F.Field("ballots_invalid", F.integer(0)),
    F.Field("confirmed", F.BOOL),
    F.Field("confirmed_on", F.DATE),
]

# The phases of a general election, in order, with the plan column holding each one's date.
PHASES = [
    ("mobilisation_on", "宣传动员", ""),
    ("registration_on", "选民登记（公布选民名单）", "选举法第二十八条：选举日的二十日以前公布"),
    ("candidates_on", "初步候选人推荐（公布候选人名单）", "选举法第三十条、第三十二条第一款：选举日的十五日以前公布"),
    ("final_list_on", "正式候选人确定（公布正式候选人名单）", "选举法第三十一条、第三十二条第一款：选举日的七日以前公布"),
    ("election_day", "投票选举", "选举法第四十四条、第四十五条"),
    ("credentials_on", "代表资格审查", "选举法第四十七条：在本届人民代表大会第一次会议前公布代表名单"),
]
ART_CREDENTIALS = "选举法第四十七条"


# ------------------------------------------------------------------------------------------- plan


_LEVEL_WORD = {"township": "镇", "county": "县"}  # what she types for --level

def term_record(store: Store, number: int) -> dict:
    term = settings_sql.term(store, number)
    if term is None:
        raise RdtoolError(f"第{number}届尚未建立", f"先用 rdtool term add {number} --start 日期 建立该届")
    return term


def election(store: Store, term: int, level: str) -> dict:
    row = sql.election(store, term, level)
    if row is None:
        raise NotFound(f"第{term}届{label('level', level)}换届选举尚未建立",
                       f"先用 rdtool general-election plan {term} --level {_LEVEL_WORD.get(level, level)} --election-day 日期 建立")
    return row


def check_plan(values: dict) -> list[tuple[str, str, str]]:
    """Problems that make a plan impossible (not mere warnings)."""
    problems = []
    day = values.get("election_day")
    cred = values.get("credentials_on")
    if day and cred and cred < day:
        problems.append(("credentials_on", cred, f"代表资格审查不能早于选举日 {day}（{ART_CREDENTIALS}）"))
    return problems


def plan(store: Store, raw: dict) -> dict:
    """Create the plan of a general election, or update the dates given; returns the record and its warnings."""
    values, errors = F.parse_fields(PLAN_FIELDS, raw)
    if errors:
        raise ValidationError("换届选举计划有误：", problems=[problem_line(f, v, m) for f, v, m in errors])
    with store.transaction():
        term_record(store, values["term"])
        current = sql.election(store, values["term"], values["level"])
        if current is None:
            problems = check_plan(values)
            if problems:
                raise ValidationError("换届选举计划有误：", problems=[problem_line(f, v, m) for f, v, m in problems])
            sql.insert_election(store, values)
            created = True
        else:
            changes = {k: v for k, v in values.items() if k in raw and k not in ("term", "level") and v is not None}
            merged = {**current, **changes}
            problems = check_plan(merged)
            if problems:
                raise ValidationError("换届选举计划有误：", problems=[problem_line(f, v, m) for f, v, m in problems])
            sql.update_election(store, current["id"], changes)
            created = False
        record = sql.election(store, values["term"], values["level"])
    return {"record": record, "created": created, "warnings": plan_warnings(store, record)}


def insert_plan(store: Store, values: dict) -> int:
    """Insert a parsed plan (import); the term must exist and the plan be new."""
    term_record(store, values["term"])
    if sql.election(store, values["term"], values["level"]):
        raise RdtoolError(f"第{values['term']}届{label('level', values['level'])}换届选举已经建立")
    problems = check_plan(values)
    if problems:
        raise ValidationError("；".join(m for _, _, m in problems))
    return sql.insert_election(store, values)


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def population(store: Store, election: dict) -> int | None:
    if election.get("population") is not None:
        return election["population"]
    return settings_sql.get(store, "population")


def quota_check(store: Store, election: dict) -> dict | None:
    """Township seats against 选举法 art. 12's quota for the population (None: not a township or no population)."""
    from rdtool.rules.direct_elections import (
        township_deputy_quota,
        township_quota_may_be_smaller,
    )

    if election["level"] != "township":
        return None
    pop = population(store, election)
    if pop is None:
        return None
    seats = sum(c["seats"] for c in sql.constituencies(store, election["id"]))
    quota = township_deputy_quota(pop)
    text = None
    if seats > quota:
        text = (f"各选区应选名额合计{seats}名，超过按人口{pop}人计算的代表总名额{quota}名"
                f"（选举法第十二条第一款第四项：基数45名，每1500人增加1名，最多160名）")
    small = township_quota_may_be_smaller(pop)
    return {"population": pop, "quota": quota, "seats": seats, "ok": text is None, "warning": text,
            "may_be_smaller": small}


def plan_warnings(store: Store, election: dict) -> list[str]:
    """Lead times (arts. 28, 32), phase order, credentials before the new term (art. 47), quota (art. 12)."""
    from rdtool.rules.direct_elections import lead_time_warnings

    day = _d(election["election_day"])
    warnings = lead_time_warnings(day, _d(election.get("registration_on")), _d(election.get("final_list_on")),
                                  candidates_published=_d(election.get("candidates_on")))
    dated = [(election.get(k), name) for k, name, _ in PHASES if election.get(k)]
    for (a, an), (b, bn) in zip(dated, dated[1:]):
        if b < a:
            warnings.append(f"{bn}（{b}）早于{an}（{a}），请核对各阶段日期")
    term = settings_sql.term(store, election["term"])
    cred = election.get("credentials_on")
    if term and cred and cred >= term["start_date"]:
        warnings.append(f"代表资格审查（{cred}）应在第{election['term']}届开始（{term['start_date']}）、"
                        f"第一次会议前完成并公布代表名单（{ART_CREDENTIALS}第二款）")
    elif cred:
        from rdtool.services.admin.law_checks import credentials_warning

        late = credentials_warning(store, election, cred)
        if late:
            warnings.append(late)
    quota = quota_check(store, election)
    if quota and quota["warning"]:
        warnings.append(quota["warning"])
    return warnings


def phases(election: dict) -> list[dict]:
    return [{"phase": key, "phase_zh": name, "date": election.get(key), "rule": rule} for key, name, rule in PHASES]


def show(store: Store, term: int, level: str | None = None) -> list[dict]:
    levels = [level] if level else ["township", "county"]
    out = []
    for lv in levels:
        e = sql.election(store, term, lv)
        if e is None:
            continue
        out.append({**e, "phases": phases(e), "warnings": plan_warnings(store, e),
                    "quota": quota_check(store, e)})
    if not out:
        election(store, term, level or "township")
    return out


# --------------------------------------------------------------------------------- constituencies


def check_constituency(values: dict) -> list[tuple[str, str, str]]:
    from rdtool.rules.direct_elections import constituency_seats_ok

    problems = []
    if not constituency_seats_ok(values["seats"]):
        problems.append(("seats", str(values["seats"]), "每一选区选一名至三名代表（选举法第二十五条第二款）"))
    if values["voters"] < 1:
        problems.append(("voters", str(values["voters"]), "登记选民数至少为1"))
    return problems


def insert_constituency(store: Store, values: dict) -> int:
    e = election(store, values["term"], values["level"])
    if sql.constituency(store, e["id"], values["constituency"]):
        raise RdtoolError(f"第{values['term']}届{label('level', values['level'])}换届选举已有选区“{values['constituency']}”")
    return sql.insert_constituency(store, e["id"], values["constituency"], values["seats"], values["voters"],
                                   values.get("notes"))


def add_constituency(store: Store, raw: dict) -> int:
    values, errors = F.parse_fields(CONSTITUENCY_FIELDS, raw)
    if not errors:
        errors = check_constituency(values)
    if errors:
        raise ValidationError("选区信息有误：", problems=[problem_line(f, v, m) for f, v, m in errors])
    with store.transaction():
        return insert_constituency(store, values)


def constituency(store: Store, election: dict, name: str) -> dict:
    row = sql.constituency(store, election["id"], name)
    if row is None:
        names = "、".join(c["name"] for c in sql.constituencies(store, election["id"])) or "（尚无选区）"
        raise NotFound(f"第{election['term']}届{label('level', election['level'])}换届选举没有选区“{name}”",
                       f"已有选区：{names}；用 rdtool general-election constituency 增加")
    return row


def constituency_rows(store: Store, term: int, level: str) -> list[dict]:
    """Each constituency with its candidates, contest ratio, turnout and outcome."""
    from rdtool.rules.direct_elections import contest_ratio_warning

    e = election(store, term, level)
    cands = sql.election_candidates(store, e["id"])
    elected = sql.elected_ids(store, e["id"])
    rounds = sql.election_rounds(store, e["id"])
    out = []
    for c in sql.constituencies(store, e["id"]):
        mine = [x for x in cands if x["constituency_id"] == c["id"]]
        final = [x for x in mine if x["final"]]
        rs = [r for r in rounds if r["constituency_id"] == c["id"]]
        first = next((r for r in rs if r["valid"]), rs[0] if rs else None)
        n_elected = sum(1 for x in mine if x["id"] in elected)
        vacant = rs[-1]["vacant"] if rs and rs[-1]["vacant"] else 0
        out.append({
            "level": level, "constituency": c["name"], "seats": c["seats"], "voters": c["voters"],
            "candidates": len(mine), "final_candidates": len(final),
            "ratio_warning": contest_ratio_warning(c["seats"], len(final)) if final else None,
            "nomination_warning": "；".join(nomination_warnings(store, c)) or None,
            "rounds": len(rs),
            "ballots_issued": first["ballots_issued"] if first else None,
            "turnout": (first["ballots_issued"] / c["voters"]) if first else None,
            "elected": n_elected, "vacant": vacant,
            "pending": c["seats"] - n_elected - vacant,
        })
    return out


# ------------------------------------------------------------------------------------ candidates


def check_candidate(values: dict) -> list[tuple[str, str, str]]:
    from rdtool.rules.direct_elections import MIN_NOMINATORS, voter_nomination_ok

    problems = []
    n = values.get("nominators")
    if not values.get("nominated_by") and n is None:
        problems.append(("nominated_by", "", f"请写推荐的政党、人民团体，或联名推荐的选民人数（nominators，至少{MIN_NOMINATORS}人）"))
    if n is not None and not voter_nomination_ok(n):
        problems.append(("nominators", str(n),
                         f"选民{n}人联名不足{MIN_NOMINATORS}人，不能推荐代表候选人（选举法第三十条第二款：十人以上联名）"))
    return problems


def insert_candidate(store: Store, values: dict, general_election: dict | None = None) -> int:
    from rdtool.rules.deputies import under_age_problem

    general_election = general_election or election(store, values["term"], values["level"])
    c = constituency(store, general_election, values["constituency"])
    young = under_age_problem(values.get("birth_date"), general_election["election_day"], values["name"])
    if young:
        raise ValidationError(f"{young}，不能作为代表候选人", "请核对出生日期")
    for other in sql.election_candidates(store, general_election["id"]):
        if other["name"] == values["name"] and (other["birth_date"] or "") == (values.get("birth_date") or ""):
            where = "本选区" if other["constituency_id"] == c["id"] else f"选区“{other['constituency']}”"
            raise RdtoolError(f"{values['name']}已是{where}的代表候选人（ID {other['id']}）",
                              "同一人只能在一个选区作为候选人；如确是另一位同名者，请填写出生日期")
        if other["name"] == values["name"] and other["constituency_id"] == c["id"]:
            raise RdtoolError(f"本选区已有同名候选人{values['name']}，投票结果将无法区分",
                              "请在姓名后加区别（如 王芳（大））后再录入")
    return sql.insert_candidate(store, c["id"], values)


def add_candidate(store: Store, raw: dict) -> tuple[int, list[str]]:
    """Add a candidate; returns the id and the art. 30¶3 warnings of the constituency after it."""
    values, errors = F.parse_fields(CANDIDATE_FIELDS, raw)
    if not errors:
        errors = check_candidate(values)
    if errors:
        raise ValidationError("候选人信息有误：", problems=[problem_line(f, v, m) for f, v, m in errors])
    with store.transaction():
        new_id = insert_candidate(store, values)
        c = constituency(store, election(store, values["term"], values["level"]), values["constituency"])
        return new_id, nomination_warnings(store, c)


def nomination_warnings(store: Store, constituency: dict) -> list[str]:
    """Parties or organisations nominating more candidates than the constituency's seats (选举法 art. 30¶3)."""
    from rdtool.rules.nominations import nomination_limit_warnings

    return nomination_limit_warnings(constituency["seats"],
                                     [x["nominated_by"] for x in sql.candidates(store, constituency["id"])])


def finalize(store: Store, term: int, level: str, constituency_name: str, names: list[str]) -> dict:
    """Put candidates on the formal list (正式代表候选人); returns the art. 31 ratio warning, if any."""
    from rdtool.rules.direct_elections import contest_ratio_warning

    e = election(store, term, level)
    with store.transaction():
        c = constituency(store, e, constituency_name)
        cands = {x["name"]: x for x in sql.candidates(store, c["id"])}
        missing = [n for n in names if n not in cands]
        if missing:
            raise NotFound(f"选区“{c['name']}”没有候选人：{'、'.join(missing)}",
                           f"已有候选人：{'、'.join(cands) or '（无）'}")
        for n in names:
            sql.set_candidate(store, cands[n]["id"], {"final": 1})
        final = sum(1 for x in sql.candidates(store, c["id"]) if x["final"])
    return {"constituency": c["name"], "seats": c["seats"], "final": final,
            "warning": contest_ratio_warning(c["seats"], final)}


def candidate_rows(store: Store, term: int, level: str, constituency_name: str | None = None) -> list[dict]:
    e = election(store, term, level)
    elected = sql.elected_ids(store, e["id"])
    votes: dict[int, list[dict]] = {}
    for v in sql.election_votes(store, e["id"]):
        votes.setdefault(v["candidate_id"], []).append(v)
    rows = []
    for x in sql.election_candidates(store, e["id"]):
        if constituency_name and x["constituency"] != constituency_name:
            continue
        vs = sorted(votes.get(x["id"], []), key=lambda v: v["round"])
        if x["id"] in elected:
            outcome = "elected"
        elif not vs:
            outcome = "" if x["final"] else "initial"
        else:
            outcome = vs[-1]["status"]
        rows.append({**x, "final": bool(x["final"]), "votes": vs[-1]["votes"] if vs else None,
                     "round": vs[-1]["round"] if vs else None, "outcome": outcome,
                     "confirmed": None if x["confirmed"] is None else bool(x["confirmed"])})
    # within each constituency, candidates in 姓氏笔画 order (the order of an official list)
    from rdtool import collation

    order = {c["id"]: i for i, c in enumerate(sql.constituencies(store, e["id"]))}
    rows = collation.sort_names(rows, key=lambda r: r["name"], by="stroke")
    rows.sort(key=lambda r: order[r["constituency_id"]])
    return rows
