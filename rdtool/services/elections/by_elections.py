"""By-elections of deputies (补选): a vacancy in a constituency, its by-election, the winner on the roster.

- 选举法 (2020) 第五十七条: "代表在任期内，因故出缺，由原选区…补选" (第一款); a deputy who moves away
  leaves a vacancy to be filled (第二款); "补选出缺的代表时，代表候选人的名额可以多于应选代表的名额，也可以
  同应选代表的名额相等" (第四款); the winner's credentials are examined as in 第四十七条 (第五款). 组织法
  (2022) 第四十五条: "由原选区选民补选". The provinces' 细则 set the details, e.g. 北京市区、乡、民族乡、镇
  人民代表大会代表选举实施细则 第六十四条 ("选区全体选民的过半数参加投票，补选有效。代表候选人获得参加投票的
  选民过半数的选票时，始得当选"), 山东省县乡两级人民代表大会选举实施细则 第五十七条.
- A seat left vacant by a general election (另行选举 still short: 上海 细则 第四十五条第三款, 山东 细则 第四十九条
  第四款 "代表名额可以暂时空缺") is filled the same way.

A by-election is stored as a ``general_elections`` row of kind ``by_election`` (code ``B3-01``) with one
constituency, so that its rounds are counted, its winners confirmed and seated by the same code as a general
election's (``rdtool.services.general_election.results``): the turnout and majority of 选举法 第四十五条, a tie
voted on again, an 另行选举 for seats still short (北京 细则 第六十五条: what the chapter does not say, the rest
of the rules do). The contest ratio of 第三十一条 does not apply (第五十七条第四款).
"""

from __future__ import annotations

from rdtool import fields as F
from rdtool.labels import problem_line
from rdtool.errors import NotFound, RdtoolError, ValidationError
from rdtool.labels import FIELD_ZH, label
from rdtool.services.general_election import general_election as general_election_svc
from rdtool.services.general_election import results
from rdtool.store import deputies as deputies_sql
from rdtool.store import general_election as sql
from rdtool.store.db import Store

ART = "选举法第五十七条"
PLAN_FIELDS: list[F.Field] = [
    F.Field("term", F.integer(1), required=True),
    F.Field("level", F.enum("level"), required=True),
    F.Field("constituency", F.text(50), required=True),
    F.Field("seats", F.integer(1), required=True),
    F.Field("voters", F.integer(1), required=True),
    F.Field("election_day", F.DATE, required=True),
    F.Field("registration_on", F.DATE),
    F.Field("candidates_on", F.DATE),
    F.Field("final_list_on", F.DATE),
    F.Field("notes", F.text(500)),
]


def get(store: Store, code: str) -> dict:
    row = sql.by_election(store, code.strip().upper())
    if row is None:
        codes = "、".join(b["code"] for b in sql.by_elections(store)) or "（尚无补选）"
        raise NotFound(f"没有编号为“{code}”的补选", f"已有：{codes}；用 rdtool by-election plan 建立")
    return row


def _constituency(store: Store, by_election: dict) -> dict:
    return general_election_svc.constituency(store, by_election, by_election["constituency"])


# ------------------------------------------------------------------------------------------- vacancies


def vacancies(store: Store, term: int, level: str = "township", day: str | None = None) -> list[dict]:
    """Each constituency with vacancies: mandates ended (on or before ``day``), seats the general election left
    unfilled, seats taken by by-elections (less those they left vacant), and the open vacancies."""
    out: dict[str, dict] = {}

    def row(name: str) -> dict:
        return out.setdefault(name, {"term": term, "level": level, "constituency": name, "ended": 0,
                                     "ended_names": [], "unfilled": 0, "by_elections": [], "filled": 0, "open": 0})

    for d in deputies_sql.select(store, day or "9999-12-31", term=term, level=level):
        if d["status"] != "active" and (day is None or (d["status_date"] or "") <= day):
            r = row(d["constituency"] or "")
            r["ended"] += 1
            r["ended_names"].append(f"{d['name']}（{d['status_date']}{label('deputy_status', d['status'])}）")
    general = sql.election(store, term, level)
    for c in sql.constituencies(store, general["id"]) if general else []:
        # seats the last round of an 另行选举 or a re-vote left (暂缺; 山东 细则 第四十九条第四款 "经过再次投票或另行
        # 选举，仍不能确定当选人，代表名额可以暂时空缺"); a first round's shortfall still awaits its 另行选举
        rounds = sql.rounds(store, c["id"])
        last = rounds[-1] if rounds else None
        if last and last["valid"] and (last["revote"] or last["tie_revote"]):
            left = (last["vacant"] or 0) + (last["tie_seats"] or 0 if last["tie_revote"] else 0)
            if left:
                row(c["name"])["unfilled"] += left
    for b in sql.by_elections(store, term):
        if b["level"] != level:
            continue
        rounds = sql.rounds(store, b["constituency_id"])
        vacant = rounds[-1]["vacant"] if rounds and rounds[-1]["vacant"] else 0
        r = row(b["constituency"])
        r["by_elections"].append(b["code"])
        r["filled"] += b["seats"] - vacant
    for r in out.values():
        r["open"] = max(0, r["ended"] + r["unfilled"] - r["filled"])
        r["ended_names"] = "、".join(r["ended_names"])
        r["by_elections"] = "、".join(r["by_elections"])
    return sorted(out.values(), key=lambda r: r["constituency"])


# ------------------------------------------------------------------------------------------------ plan


def plan(store: Store, raw: dict) -> dict:
    """Plan a by-election for vacancies in one constituency; the seats may not exceed the open vacancies."""
    values, errors = F.parse_fields(PLAN_FIELDS, raw)
    if errors:
        raise ValidationError("补选信息有误：", problems=[problem_line(f, v, m) for f, v, m in errors])
    term, level, name = values["term"], values["level"], values["constituency"]
    general_election_svc.term_record(store, term)
    for key in ("registration_on", "candidates_on", "final_list_on"):
        if values.get(key) and values[key] > values["election_day"]:
            raise ValidationError(f"{FIELD_ZH.get(key, key)} {values[key]} 晚于补选日 {values['election_day']}")
    with store.transaction():
        here = next((r for r in vacancies(store, term, level, values["election_day"]) if r["constituency"] == name),
                    None)
        open_ = here["open"] if here else 0
        if values["seats"] > open_:
            listed = "；".join(f"{r['constituency']}{r['open']}名" for r in vacancies(store, term, level) if r["open"])
            raise ValidationError(
                f"第{term}届{label('level', level)}选区“{name}”到 {values['election_day']} 只有{open_}个缺额，"
                f"不能补选{values['seats']}名（{ART}：代表出缺，由原选区补选）",
                f"现有缺额：{listed or '无'}；离任代表须已录入（rdtool deputy end）并填写选区（rdtool deputy edit "
                "--constituency）")
        seq = len(sql.by_election_codes(store, term)) + 1
        code = f"B{term}-{seq:02d}"
        election_id = sql.insert_by_election(store, {**values, "code": code})
        sql.insert_constituency(store, election_id, name, values["seats"], values["voters"], values.get("notes"))
    return {**get(store, code), "warnings": lead_time_warnings(store, values)}


def lead_time_warnings(store: Store, by_election: dict) -> list[str]:
    """The province's by-election lead times (北京 细则 第六十一条、第六十三条), as warnings."""
    from datetime import date

    from rdtool.rules.by_elections import by_election_lead_time_warnings
    from rdtool.services.terms.province import in_force

    keys = ("registration_on", "candidates_on", "final_list_on")
    dates = {k: date.fromisoformat(by_election[k]) if by_election.get(k) else None for k in keys}
    return by_election_lead_time_warnings(in_force(store).code, date.fromisoformat(by_election["election_day"]), dates)


def add_candidate(store: Store, code: str, raw: dict) -> tuple[int, list[str]]:
    """A candidate on the by-election's list; the nomination rules of 选举法 第三十条 apply (第三款: a warning)."""
    b = get(store, code)
    values, errors = F.parse_fields(general_election_svc.PERSON_FIELDS, raw)
    if not errors:
        errors = general_election_svc.check_candidate(values)
    if errors:
        raise ValidationError("候选人信息有误：", problems=[problem_line(f, v, m) for f, v, m in errors])
    values.update(term=b["term"], level=b["level"], constituency=b["constituency"], final=True)
    with store.transaction():
        new_id = general_election_svc.insert_candidate(store, values, b)
        return new_id, general_election_svc.nomination_warnings(store, _constituency(store, b))


def add_result(store: Store, code: str, votes: dict[str, int], issued: int, returned: int, invalid: int = 0,
               held_on: str | None = None) -> dict:
    """One round of the by-election, counted as 选举法 第四十四条、第四十五条 count any round."""
    b = get(store, code)
    with store.transaction():
        return results.record_round(store, b, _constituency(store, b), votes, issued, returned, invalid, held_on)


def confirm(store: Store, code: str, on: str, reject: list[str] | None = None, note: str | None = None) -> dict:
    """The credentials of the winners (选举法 第五十七条第五款、第四十七条) and the confirmed ones on the roster,
    with the by-election's date as their election date, in one transaction."""
    b = get(store, code)
    if reject and not note:
        raise ValidationError("确定当选无效时请用 --reason 写明原因")
    with store.transaction():
        elected = [x for x in sql.election_candidates(store, b["id"]) if x["id"] in sql.elected_ids(store, b["id"])]
        if not elected:
            raise RdtoolError(f"补选 {b['code']} 还没有当选人", "先用 rdtool by-election result 录入投票结果")
        rejected = list(reject or [])
        unknown = [n for n in rejected if n not in {x["name"] for x in elected}]
        if unknown:
            raise ValidationError(f"{'、'.join(unknown)}不是补选 {b['code']} 的当选人")
        if rejected:
            results.credentials_for(store, b, rejected, on, confirm=False, note=note)
        rest = [x["name"] for x in elected if x["name"] not in rejected]
        if rest:
            results.credentials_for(store, b, rest, on, confirm=True)
        counts = {"created": 0, "linked": 0, "already": 0, "pending": 0, "rejected": 0, "missing": 0}
        results.seat_winners(store, b, counts)
    return {**counts, "code": b["code"], "confirmed_names": rest, "rejected_names": rejected}


# --------------------------------------------------------------------------------------------- views


def listing(store: Store, term: int | None = None) -> list[dict]:
    out = []
    for b in sql.by_elections(store, term):
        rounds = sql.rounds(store, b["constituency_id"])
        elected_ids = sql.elected_ids(store, b["id"])
        cands = sql.election_candidates(store, b["id"])
        winners = [x for x in cands if x["id"] in elected_ids]
        out.append({"code": b["code"], "term": b["term"], "level": b["level"], "constituency": b["constituency"],
                    "seats": b["seats"], "voters": b["voters"], "election_day": b["election_day"],
                    "candidates": len(cands), "rounds": len(rounds),
                    "elected": "、".join(x["name"] for x in winners),
                    "seated": sum(1 for x in winners if x["confirmed"] and x["deputy_id"]),
                    "vacant": rounds[-1]["vacant"] if rounds and rounds[-1]["vacant"] else 0,
                    "notes": b["notes"]})
    return out


def show(store: Store, code: str) -> dict:
    b = get(store, code)
    row = next(r for r in listing(store, b["term"]) if r["code"] == b["code"])
    elected = sql.elected_ids(store, b["id"])
    row["candidates_list"] = [{"name": x["name"], "gender": x["gender"], "party": x["party"],
                               "nominated_by": x["nominated_by"], "nominators": x["nominators"],
                               "elected": x["id"] in elected,
                               "confirmed": None if x["confirmed"] is None else bool(x["confirmed"]),
                               "deputy_id": x["deputy_id"]} for x in sql.election_candidates(store, b["id"])]
    row["rounds_list"] = [{"round": r["round"], "held_on": r["held_on"], "explanation": r["explanation"]}
                          for r in sql.rounds(store, b["constituency_id"])]
    return row


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """By-elections held whose winners are not yet confirmed and on the roster."""
    findings = []
    for b in sql.by_elections(store):
        if b["election_day"] <= as_of:
            for w in lead_time_warnings(store, b):
                findings.append({"check": "by_election_lead_time", "severity": "warning", "table": "general_elections",
                                 "record": b["code"], "message": f"补选 {b['code']}（{b['constituency']}）：{w}"})
    for r in listing(store):
        if r["election_day"] > as_of or not r["elected"]:
            continue
        n = len(r["elected"].split("、"))
        if r["seated"] < n:
            findings.append({"check": "by_election_unseated", "severity": "warning", "table": "general_elections",
                             "record": r["code"],
                             "message": f"补选 {r['code']}（{r['constituency']}，{r['election_day']}）：{n - r['seated']}名"
                                        f"当选人尚未经资格审查列入代表名单（选举法第五十七条第五款；rdtool by-election "
                                        f"confirm {r['code']}）"})
    return findings
