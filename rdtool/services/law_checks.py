"""`db check` findings for the rules of issue 26 that earlier versions did not apply when a record was entered.

- a township post's resignation accepted by a body that may not accept it (组织法 第三十二条第二款;
  重庆市乡镇人民代表大会工作条例 第三十二条第十项), recorded with ``appointment add --action 接受辞职``.
"""

from __future__ import annotations

from rdtool.rules.mandates import township_post_of
from rdtool.store import law_checks as sql
from rdtool.store.db import Store


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    findings: list[dict] = []
    findings += _resignations(store, as_of, date_from, date_to)
    return findings


def _in_period(day: str | None, as_of: str, date_from: str | None, date_to: str | None) -> bool:
    return bool(day) and day <= as_of and (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def _resignations(store: Store, as_of: str, date_from, date_to) -> list[dict]:
    from rdtool.services.post_ends import resignation_rule

    out = []
    for r in sql.accepted_resignations(store):
        if not _in_period(r["decided_on"], as_of, date_from, date_to):
            continue
        meeting = {"kind": r["meeting_kind"], "date": r["meeting_date"]} if r["meeting_kind"] else None
        problem = resignation_rule(store, township_post_of(r["position"] or ""), meeting)
        if problem:
            where = r["meeting_code"] or r["decided_on"]
            out.append({"check": "resignation_wrong_body", "severity": "error", "table": "appointments",
                        "record": str(r["id"]), "message": f"任免记录 {r['id']}（{where}）接受{r['person']}辞去"
                        f"{r['position']}职务：{problem}"})
    return out
