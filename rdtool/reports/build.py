"""Assemble a report: figures, prose paragraphs, tables and checks — everything the writers print."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdtool.reports import prose
from rdtool.reports.figures import contract, sections
from rdtool.services.terms.periods import Period
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store


@dataclass
class Report:
    town: str
    county: str
    period: Period
    figures: dict                                  # the report contract (JSON)
    detail: dict = field(default_factory=dict)     # each section's whole row: the bases behind the rates
    text: dict[str, str] = field(default_factory=dict)   # meetings, supervision, deputies, proposals, activities
    tables: list[tuple[str, str, list[dict], list[tuple[str, str, str]]]] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    current_term: int | None = None

    def as_json(self) -> dict:
        return {**self.figures, "town": self.town, "checks": self.checks}


def build(store: Store, period: Period, as_of: str, prose_and_tables: bool = True) -> Report:
    """The figures and checks; with prose_and_tables, also the paragraphs and tables (not needed for JSON)."""
    from rdtool.services.deputies import deputies as deputies_svc
    from rdtool.services.admin.checks import REPORT_CHECKS, run_all

    settings = settings_sql.all_settings(store)
    town, county = settings.get("town") or "", settings.get("county") or ""
    rows = sections(store, period, as_of)
    fig = contract(rows, period, as_of)
    report = Report(town, county, period, fig, rows, current_term=settings.get("current_term"))
    report.checks = run_all(store, as_of, REPORT_CHECKS, period.date_from, period.date_to)
    if not prose_and_tables:
        return report
    state_day = min(period.date_to, as_of)
    composition = deputies_svc.composition(store, period.term, "township", state_day) if period.term else None
    targets = {}
    if composition:
        names = {"party_share": "党员比例达到{t}以上", "presidium_party_share": "主席团成员中党员比例达到{t}以上",
                 "re_elected_share": "连任代表达到{t}以上", "women_share": "妇女代表比例达到{t}以上"}
        for t in composition["targets"]:
            if t["met"] is not None:
                shown = "三分之一" if t["target_text"] == "1/3" else t["target_text"]
                targets[t["key"]] = (names[t["key"]].format(t=shown), t["met"])
    opening = prose.intro(period, report.current_term)
    from rdtool.services.activities import supervision

    watched = supervision.listing(store, period.date_from, period.date_to)
    report_topics = list(dict.fromkeys(r["topic"] for r in watched if r["source"] == "report"))
    reports_heard = sum(1 for r in watched if r["source"] == "report")
    subjects = list(dict.fromkeys(r["topic"] for r in watched if r["source"] == "activity"))
    report.text = {
        # the paper years' totals the figures include (录入前结转, issue 23): said after the first paragraph
        "meetings": "".join(filter(None, (prose.meetings_paragraph(fig, opening, town),
                                          prose.carried_paragraph(fig)))),
        "supervision": prose.supervision_paragraph(report_topics, reports_heard, subjects, town),
        "deputies": prose.deputies_paragraph(fig, period, targets, rows["deputies"]),
        "proposals": prose.proposals_paragraph(fig, rows["proposals"]),
        "activities": prose.activities_paragraph(fig),
    }
    report.tables = _tables(store, period, as_of, composition)
    return report


def _tables(store: Store, period: Period, as_of: str, composition: dict | None) -> list:
    from rdtool.store import report_views

    tables = []
    if composition and composition["total"]:
        dims = {"gender": "性别", "party": "政治面貌", "occupation": "代表构成", "education": "文化程度",
                "ethnicity": "民族", "age_band": "年龄", "re_elected": "连任"}
        rows = [{"dimension": dims[dim], "label": e["label"], "count": e["count"], "share": e["share"]}
                for dim in ("gender", "party", "occupation", "education", "ethnicity", "age_band", "re_elected")
                for e in composition["dimensions"][dim] if e["count"]]
        tables.append(("composition", "镇人大代表结构", rows, [("dimension", "维度", "text"), ("label", "类别", "text"),
                                          ("count", "人数", "int"), ("share", "比例", "rate")]))
    meetings = [{**m, "title": (m["title"] or m["code"]) + ("（不足法定人数，未计入）" if m["quorum_met"] == 0 else "")}
                for m in report_views.meetings_in(store, period.date_from, period.date_to)]
    if meetings:
        tables.append(("meetings", "会议情况", meetings, [("date", "日期", "date"), ("title", "会议", "text"),
                                          ("items", "议题", "int"), ("voted", "其中表决", "int"),
                                          ("passed", "通过", "int")]))
    by_unit = [{**r, "unit": r["unit"] or "未交办"}
               for r in report_views.query(store, "report_proposals_by_unit", period, as_of) if r["handled"]]
    if by_unit:
        by_unit.sort(key=lambda r: (r["unit"] == "未交办", -r["handled"], r["unit"]))
        tables.append(("proposals_by_unit", "建议办理情况（按承办单位）", by_unit,
                       [("unit", "承办单位", "text"), ("handled", "件数", "int"), ("replied", "已答复", "int"),
                        ("on_time_rate", "按期答复率", "rate"), ("satisfaction_rate", "满意率", "rate")]))
    return tables
