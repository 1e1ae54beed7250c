"""Supervision (监督): the reports the presidium and the congress heard and reviewed, and the projects inspected.

Reports are agenda items of kind `report` (听取和审议 the government's reports on 综治维稳, 安全生产 …);
projects are activities of kinds inspection, survey and enforcement (视察、调研、执法检查) with a subject.
Both are grouped by topic so the secretary can write the supervision paragraph of the work report.
"""

from __future__ import annotations

import re

from rdtool.services.activities import SUPERVISION_KINDS
from rdtool.store import activities as activities_sql
from rdtool.store import archive as sql
from rdtool.store.db import Store

# Reports that are the congress's own business, not supervision of the government: left out unless asked for.
_OWN_BUSINESS = re.compile(r"主席团工作报告|代表资格")
_PREFIX = re.compile(r"^(听取和审议|听取并审议|听取|审议)")
_ABOUT = re.compile(r"关于(?:\d{4}年)?(?:(?:第.季度|上半年|下半年|全年|度))?(.+?)(?:工作)?(?:情况)?(?:的)?(?:报告|汇报)$")


def topic_of_report(title: str) -> str:
    """听取镇人民政府关于2017年第一季度综治维稳工作情况的报告 -> 综治维稳; 听取和审议镇人民政府工作报告 -> 镇人民政府工作报告."""
    text = title.strip()
    m = _ABOUT.search(text)
    if m and m.group(1).strip():
        return m.group(1).strip()
    return _PREFIX.sub("", text).strip() or text


def listing(store: Store, date_from: str, date_to: str, all_kinds: bool = False,
            all_reports: bool = False) -> list[dict]:
    """Reports heard and activities with a subject in the range, grouped by topic (topics in order of first date).

    The presidium's own work report and the credentials committee's report are not supervision of the
    government and are left out unless `all_reports`.
    """
    rows = []
    for r in sql.report_items(store, date_from, date_to):
        if not all_reports and _OWN_BUSINESS.search(r["title"]):
            continue
        rows.append({"topic": topic_of_report(r["title"]), "source": "report", "date": r["date"],
                     "ref": r["meeting"], "title": r["title"], "kind": r["meeting_kind"], "enum": "meeting_kind"})
    kinds = None if all_kinds else ",".join(SUPERVISION_KINDS)
    for a in activities_sql.select(store, kind=kinds, date_from=date_from, date_to=date_to, with_subject=True):
        rows.append({"topic": a["subject"], "source": "activity", "date": a["date"], "ref": a["code"],
                     "title": a["title"], "kind": a["kind"], "enum": "activity_kind",
                     "participants": a["participant_count"]})
    first_seen: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r["date"]):
        first_seen.setdefault(r["topic"], r["date"])
    rows.sort(key=lambda r: (first_seen[r["topic"]], r["topic"], r["date"], r["ref"]))
    return rows


def topics(rows: list[dict]) -> list[dict]:
    """One row per topic: how many reports heard and activities held, and when."""
    out: dict[str, dict] = {}
    for r in rows:
        t = out.setdefault(r["topic"], {"topic": r["topic"], "reports": 0, "activities": 0, "dates": []})
        t["reports" if r["source"] == "report" else "activities"] += 1
        t["dates"].append(r["date"])
    for t in out.values():
        t["first"], t["last"] = min(t["dates"]), max(t["dates"])
        del t["dates"]
    return list(out.values())
