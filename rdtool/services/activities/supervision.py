"""Supervision (监督): the reports the presidium and the congress heard and reviewed, and the projects inspected.

Reports are agenda items of kind `report` (听取和审议 the government's reports on 综治维稳, 安全生产 …);
projects are activities of kinds inspection, survey and enforcement (视察、调研、执法检查) with a subject.
Both are grouped by topic so the secretary can write the supervision paragraph of the work report.
"""

from __future__ import annotations

import re

from rdtool.services.activities.activities import SUPERVISION_KINDS
from rdtool.store import activities as activities_sql
from rdtool.store import archive as sql
from rdtool.store.db import Store

# Reports that are the congress's own business, not supervision of the government: left out unless asked for.
_OWN_BUSINESS = re.compile(r"主席团工作报告|代表资格")
_QUOTES = re.compile(r"[《》“”\"'「」]")
_RESOLUTION = re.compile(r"的(?:决议|决定|审议意见|意见|批复)$")
_VERB = re.compile(r"^(?:关于|听取和审议|听取并审议|审查和批准|审议和批准|听取|审议|审查|批准)")
_REPORT = re.compile(r"(?:的)?(?:报告|汇报)$")
_WHOLE = re.compile(r"^(?:[\u4e00-\u9fff]{0,8}?([镇乡]))?(?:人民)?政府工作$")
_BODY = re.compile(r"^(?:[\u4e00-\u9fff]{0,8}?[镇乡])?(?:人民)?政府(?:关于)?")
_TIME = re.compile(r"^(?:\d{4}(?:—|-|至)?\d{0,4}年度?)?(?:第?[一二三四1-4]季度|前三季度|上半年|下半年|全年|年度)?(?:的)?")
# A matter rather than a field of work: 财政预算执行情况, 重点工作完成情况, 代表建议办理情况, …预算草案
_MATTER = re.compile(r"(?:执行|完成|落实|办理|实施|推进|进展|使用|管理)情况|草案$|计划$|规划$|方案$|预算$|决算$")
_UNDERWAY = re.compile(r"(?:工作)?开展情况$")  # 教育改革工作开展情况: the field 教育改革


def topic_of_report(title: str, subject: str | None = None) -> str:
    """The 议题 of a report item, in the form the supervision sentence is built from.

    From the subject when one was given (`vote add … --subject`), else from the title, without the verbs,
    the 关于, the reporting body, the time qualifier and the trailing 工作/情况/报告 that the sentence adds
    itself — so that none of them is doubled:

    - a whole report keeps its name: 听取和审议镇人民政府工作报告, 关于青石镇人民政府工作报告的决议 → 镇人民政府工作报告;
    - a field of work is bare: 听取镇人民政府关于2017年第一季度综治维稳工作情况的报告 → 综治维稳;
      关于听取镇政府上半年工作情况报告的意见 → 上半年; subject 上半年工作 → 上半年;
    - a matter keeps its 情况 (and its year): 审议财政预算执行情况 → 财政预算执行情况;
      关于镇人民政府2019年度重点工作完成情况的报告 → 2019年度重点工作完成情况.
    """
    for text in (subject, title):
        topic = _normal(text or "")
        if topic:
            return topic
    return (title or "").strip()


def _normal(raw: str) -> str:
    text = _QUOTES.sub("", raw).strip()
    previous = None
    while text != previous:
        previous = text
        text = _RESOLUTION.sub("", text)
        text = _VERB.sub("", text)
    text = _REPORT.sub("", text)
    whole = _WHOLE.match(text)
    if whole:
        return f"{whole.group(1) or '镇'}人民政府工作报告"
    text = _VERB.sub("", _BODY.sub("", text)).rstrip("的")
    if _MATTER.search(text):
        return text.strip()  # kept whole, its year included: 2019年度重点工作完成情况
    text = _UNDERWAY.sub("", text)
    if text.endswith("工作情况"):
        text = text[:-4]
    elif text.endswith("情况"):
        text = text[:-2]
    elif text.endswith("工作") and len(text) > 2:
        text = text[:-2]
    timeless = _TIME.sub("", text, count=1)  # the seed lists fields of work without their quarter or year
    return (timeless or text).strip()


def sentence(topics: list[str], reports_heard: int, unit: str = "镇", shown: int = 8) -> str:
    """听取和审议了…，共N项: whole reports by name, fields of work in one 关于…工作情况的报告, matters in 关于…的报告."""
    whole = [t for t in topics if t.endswith("报告")]
    matters = [t for t in topics if t not in whole and _MATTER.search(t)]
    fields = [t for t in topics if t not in whole and t not in matters]

    def listed(items: list[str]) -> str:
        return "、".join(items[:shown]) + ("等" if len(items) > shown else "")

    about = []
    if fields:
        about.append(f"关于{listed(fields)}工作情况的报告")
    if matters:
        about.append(f"关于{listed(matters)}的报告")
    parts = ["、".join(whole)] if whole else []
    if about:
        parts.append(f"{unit}人民政府" + "和".join(about))
    if not parts:
        return ""
    return "听取和审议了" + "，以及".join(parts) + f"，共{reports_heard}项"


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
        rows.append({"topic": topic_of_report(r["title"], r["subject"]), "source": "report", "date": r["date"],
                     "ref": r["meeting"], "title": r["title"], "kind": r["meeting_kind"], "enum": "meeting_kind"})
    kinds = None if all_kinds else ",".join(SUPERVISION_KINDS)
    for a in activities_sql.select(store, kind=kinds, date_from=date_from, date_to=date_to, with_subject=True):
        rows.append({"topic": a["subject"], "source": "activity", "date": a["date"], "ref": a["code"],
                     "title": a["title"], "kind": a["kind"], "enum": "activity_kind",
                     "participants": a["participant_count"]})
    first_seen: dict[str, int] = {}  # topics in the order they first come up: by date, then agenda order
    for i, r in enumerate(sorted(rows, key=lambda r: r["date"])):
        first_seen.setdefault(r["topic"], i)
    rows.sort(key=lambda r: (first_seen[r["topic"]], r["date"], r["ref"]))
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
