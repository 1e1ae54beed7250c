"""Appeals against the published voter list (选民名单申诉) of a general election: 选举法 第二十九条.

The appeal, the election committee's decision and any suit are facts recorded as they happened; dates outside the
law's limits (five days to appeal, three to decide, a suit five days before election day, the judgment before it)
are said when the appeal is entered and listed by `db check` (``voter_list_appeal``).
"""

from __future__ import annotations

from datetime import date

from rdtool import fields as F
from rdtool.errors import ValidationError
from rdtool.labels import label
from rdtool.store import appeals as sql
from rdtool.store.db import Store

FIELDS: list[F.Field] = [
    F.Field("person", F.name, required=True),
    F.Field("filed_on", F.DATE, required=True),
    F.Field("decided_on", F.DATE),
    F.Field("decision", F.text(500)),
    F.Field("court_filed_on", F.DATE),
    F.Field("court_decided_on", F.DATE),
    F.Field("notes", F.text(500)),
]


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def problems(appeal: dict) -> list[str]:
    """The appeal's dates against 选举法 第二十九条 (``a`` has its election's election_day and registration_on)."""
    from rdtool.rules.voter_list import voter_list_appeal_problems

    return voter_list_appeal_problems(_d(appeal.get("registration_on")), _d(appeal["filed_on"]),
                                      _d(appeal.get("decided_on")), _d(appeal.get("court_filed_on")),
                                      _d(appeal.get("court_decided_on")), _d(appeal["election_day"]))


def add(store: Store, term: int, level: str, raw: dict) -> dict:
    """Record one appeal; returns the record with the law's warnings about its dates."""
    from rdtool.services.general_election.general_election import election

    values, errors = F.parse_fields(FIELDS, raw)
    if errors:
        from rdtool.labels import problem_line

        raise ValidationError("申诉信息有误：", problems=[problem_line(f, v, m) for f, v, m in errors])
    with store.transaction():
        e = election(store, term, level)
        if values["filed_on"] > e["election_day"]:
            raise ValidationError(f"申诉日期 {values['filed_on']} 晚于选举日 {e['election_day']}",
                                  "选民名单的申诉在选举前提出（选举法第二十九条）；请核对日期")
        new_id = sql.insert(store, {**values, "election_id": e["id"]})
    record = next(a for a in sql.appeals(store, e["id"]) if a["id"] == new_id)
    return {**record, "warnings": problems(record)}


def listing(store: Store, term: int | None = None) -> list[dict]:
    out = []
    for a in sql.appeals(store):
        if term is not None and a["term"] != term:
            continue
        out.append({**a, "level_zh": label("level", a["level"]), "problems": "；".join(problems(a))})
    return out


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Appeals whose dates fall outside 选举法 第二十九条."""
    out = []
    for a in sql.appeals(store):
        if a["filed_on"] > as_of or (date_from and a["filed_on"] < date_from) or (date_to and a["filed_on"] > date_to):
            continue
        for p in problems(a):
            out.append({"check": "voter_list_appeal", "severity": "warning", "table": "ge_appeals",
                        "record": str(a["id"]), "message": f"第{a['term']}届换届选举 {a['person']}的选民名单申诉：{p}"})
    return out
