"""委托投票 (votes by proxy) in a general election: 选举法 (2020) 第四十二条.

A voter away during the election may, with the election committee's consent, entrust another voter in writing to
vote for him; one voter accepts at most three entrustments (rdtool.rules.proxy_votes). Each entrustment is one record;
a fourth to the same proxy, a voter entrusting twice, himself, or a proxy who entrusted his own vote is refused. Names
are as on the voter list, within one constituency when it is given (a proxy is a voter of the same constituency,
北京 细则 第五十一条).
"""

from __future__ import annotations

from rdtool import fields as F
from rdtool.errors import ValidationError
from rdtool.labels import label
from rdtool.rules.proxy_votes import MAX_ACCEPTED, namesake_problem, proxy_problem
from rdtool.store import proxies as sql
from rdtool.store.db import Store

def voter(raw: str) -> str:
    """A voter as on the voter list: a name, with a note in brackets telling namesakes apart — 王芳(三组),
    王芳（选民证0123）; stored as 王芳(三组) (rdtool.rules.proxy_votes.voter_parts)."""
    from rdtool.errors import FieldError
    from rdtool.parse import clean_name

    text = clean_name(raw)
    if text.endswith(")") and "(" in text:
        name, _, note = text[:-1].partition("(")
        if not 1 <= len(note) <= 20 or any(ch in note for ch in "()#"):
            raise FieldError(f"“{raw}”括号里的区分说明应为 1–20 字，如 王芳（三组）")
        return f"{F.name(name)}({note})"
    return F.name(text)


FIELDS: list[F.Field] = [
    F.Field("principal", voter, required=True),
    F.Field("proxy", voter, required=True),
    F.Field("approved_on", F.DATE),
    F.Field("notes", F.text(500)),
]


def add(store: Store, term: int, level: str, raw: dict, constituency: str | None = None) -> dict:
    """Record one entrustment; returns it with how many the proxy now holds and the notes of what is missing."""
    from rdtool.services.general_election.general_election import constituency as find_constituency
    from rdtool.services.general_election.general_election import election

    values, errors = F.parse_fields(FIELDS, raw)
    if errors:
        raise ValidationError("委托投票信息有误：", problems=[f"{f}“{v}”：{m}" for f, v, m in errors])
    with store.transaction():
        e = election(store, term, level)
        c = find_constituency(store, e, constituency) if constituency else None
        if values.get("approved_on") and values["approved_on"] > e["election_day"]:
            raise ValidationError(f"选举委员会同意的日期 {values['approved_on']} 晚于选举日 {e['election_day']}",
                                  "委托投票在选举期间经选举委员会同意（选举法第四十二条）；请核对日期")
        same = [p for p in sql.of_election(store, e["id"])
                if c is None or p["constituency_id"] in (None, c["id"])]
        recorded = [p[k] for p in same for k in ("principal", "proxy")]
        for who in ("principal", "proxy"):
            problem = namesake_problem(values[who], recorded)
            if problem:
                raise ValidationError(problem)
        accepted = sum(1 for p in same if p["proxy"] == values["proxy"])
        problem = proxy_problem(values["principal"], values["proxy"], accepted,
                                any(p["principal"] == values["principal"] for p in same),
                                any(p["principal"] == values["proxy"] for p in same))
        if problem:
            raise ValidationError(problem, "如受委托人是同名的另一位选民，照选民名单在姓名后写明区分，如 王芳（三组）"
                                  if accepted >= MAX_ACCEPTED else None)
        new_id = sql.insert(store, {**values, "election_id": e["id"], "constituency_id": c["id"] if c else None})
    notes = [] if values.get("approved_on") else ["未记录选举委员会同意的日期（选举法第四十二条：经选举委员会同意）"]
    return {**values, "id": new_id, "accepted": accepted + 1, "max": MAX_ACCEPTED, "notes": notes}


def listing(store: Store, term: int | None = None) -> list[dict]:
    rows = sql.listing(store, term)

    def holds(p: dict) -> int:  # counted as `add` counts them: within the constituency, with those naming none
        return sum(1 for o in rows if o["election_id"] == p["election_id"] and o["proxy"] == p["proxy"]
                   and (p["constituency_id"] is None or o["constituency_id"] in (None, p["constituency_id"])))

    return [{**p, "level_zh": label("level", p["level"]), "proxy_holds": holds(p)} for p in rows]
