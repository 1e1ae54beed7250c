"""The fields a report template is filled with (docx, md and text alike): every name a template may use.

A template is Jinja (docxtpl for .docx): `{{ presidium.meetings }}` is a figure, `{{ text.meetings }}` a sentence
the records write, `{{ tables.meetings.rows }}` a table's rows. Every field is listed in FIELDS (docs/report.md is
generated from it); a name not there stops the report with an error naming it, never prints empty.
"""

from __future__ import annotations

from rdtool.labels import chinese_date, chinese_numeral
from rdtool.cells import percent
from rdtool.reports.build import Report

NO_RECORDS = "（本期间没有这方面的记录。）"
SEVERITY_ZH = {"error": "错误", "warning": "提醒", "note": "说明"}
TABLES = {"composition": "镇人大代表结构", "meetings": "会议情况", "proposals_by_unit": "建议办理情况（按承办单位）"}
RENAMED = {"items": "topics"}  # a field named like a dict's method (r.items) would print the method
SOURCE = {v: k for k, v in RENAMED.items()}
SECTIONS = ("presidium", "congress", "deputies", "proposals", "activities")

# (field, what it holds); `presidium.*` … `activities.*` are the JSON report's figures (the keys table above).
FIELDS: list[tuple[str, str]] = [
    ("title", "标题：三川镇第三届人民代表大会主席团工作报告 / 三川镇人大主席团2019年工作报告"),
    ("town", "乡镇名称（设置 town），如 三川镇"),
    ("town_short", "乡镇的简称“镇”或“乡”（“镇人大主席团”）"),
    ("county", "县名（设置 county）"),
    ("presidium_name", "落款：三川镇人民代表大会主席团"),
    ("date", "落款日期（--date；默认：已结束的期间为其最后一天，未结束的为统计日），如 2021年12月31日"),
    ("period.name", "期间：第三届 / 2019年 / 2019年1月1日至2019年6月30日"),
    ("period.intro", "正文中的时间（二、的第一句）：本届以来 / 第三届任期内 / 2019年 / 2019年1月1日至2019年6月30日"),
    ("period.since", "开头语的时间：第三届人民代表大会第一次会议以来 / 2019年 / 2019年1月1日至2019年6月30日"),
    ("period.kind", "term（一届）、annual（一年）、range（日期范围）"),
    ("period.term", "届次（数字），没有时为空"),
    ("period.from", "开始日期，如 2017年1月5日"),
    ("period.to", "结束日期，如 2021年12月31日"),
    ("as_of", "统计日，如 2022年1月1日"),
    ("presidium.meetings … activities.training", "报告的各项数字（整数；比率为 0–1 的小数），键同 JSON，见上表"),
    ("pct", "过滤器：比率写成百分数，与正文一致（1.0 → 100%，0.2875 → 28.8%）：{{ deputies.party_share|pct }}"),
    ("text.meetings", "重大事项决定权：主席团会议、决定事项、任免，人代会、决定、选举（一段）"),
    ("text.supervision", "监督：听取和审议的报告、视察和调研（一段）"),
    ("text.deputies", "代表：人数、结构比例、主席团成员、是否达到要求（一段）"),
    ("text.proposals", "议案和建议的收到与办理（一段）"),
    ("text.activities", "代表活动与学习培训（一段）"),
    ("tables.composition", "附表：镇人大代表结构。caption（表题），groups：每个维度一组，"
                           "每组 dimension 与 rows（label 类别、count 人数、share 比例），text、md（整表文字）"),
    ("tables.meetings", "附表：会议情况。caption，rows（date 日期、title 会议、topics 议题、passed 通过），text、md"),
    ("tables.proposals_by_unit", "附表：建议办理情况（按承办单位）。caption，rows（unit 承办单位、handled 件数、"
                                 "replied 已答复、on_time_rate 按期答复率、satisfaction_rate 满意率），text、md"),
    ("checks", "需要关注的事项（仅 --checks 时有内容）：每项 severity（错误/提醒/说明）与 message"),
]


def short_town(town: str) -> str:
    return town[-1] if town and town[-1] in "镇乡" else town


def title(report: Report) -> str:
    p, town = report.period, report.town
    if p.kind == "term":
        return f"{town}第{chinese_numeral(p.term)}届人民代表大会主席团工作报告"
    if p.kind == "annual":
        return f"{town}人大主席团{p.year}年工作报告"
    return f"{town}人大主席团工作报告"


def default_date(report: Report) -> str:
    """The 落款 date: the last day of a finished period, else the day the figures are taken (as_of)."""
    as_of = report.figures["as_of"]
    return report.period.date_to if report.period.date_to <= as_of and not report.period.open_ended else as_of


def since(report: Report) -> str:
    p = report.period
    if p.kind == "term":
        return f"第{chinese_numeral(p.term)}届人民代表大会第一次会议以来"
    return period_name(report)


def period_name(report: Report) -> str:
    p = report.period
    if p.kind in ("term", "annual"):
        return p.label
    return f"{chinese_date(p.date_from)}至{chinese_date(p.date_to)}"


def context(report: Report, date: str | None = None, with_checks: bool = False) -> dict:
    """Everything a template can name (FIELDS), from the report; `date` is the 落款 day (ISO)."""
    from rdtool.reports import prose

    p = report.period
    fig = report.figures
    ctx = {
        "title": title(report), "town": report.town, "town_short": short_town(report.town) or "镇",
        "county": report.county, "presidium_name": f"{report.town}人民代表大会主席团",
        "date": chinese_date(date or default_date(report)),
        "period": {"name": period_name(report), "intro": prose.intro(p, report.current_term),
                   "since": since(report), "kind": p.kind,
                   "term": p.term, "from": chinese_date(p.date_from), "to": chinese_date(p.date_to)},
        "as_of": chinese_date(fig["as_of"]),
        **{name: fig[name] for name in SECTIONS},
        "text": {key: report.text.get(key) or NO_RECORDS
                 for key in ("meetings", "supervision", "deputies", "proposals", "activities")},
        "tables": tables(report),
        "checks": [{"severity": SEVERITY_ZH.get(c["severity"], c["severity"]), "message": c["message"]}
                   for c in report.checks] if with_checks else [],
    }
    return ctx


def _cell(kind: str, value) -> str:
    if value is None or value == "":
        return "—" if kind == "rate" else ""
    if kind == "rate":
        return percent(value, trim=True)  # as the text writes it: 100%, 28.8%
    if kind == "date":
        return chinese_date(value)
    return str(value)


def tables(report: Report) -> dict:
    """Each appended table: caption (附表N　…, numbered among the tables that have rows), columns, rows as
    strings, and the whole table as text and md; every table is there, a template tests `{% if
    tables.meetings.rows %}`."""
    out: dict = {key: {"caption": "", "name": name, "columns": [], "rows": [], "groups": [], "text": "", "md": ""}
                 for key, name in TABLES.items()}
    n = 0
    for key, name, rows, spec in report.tables:
        n += 1
        spec = [(RENAMED.get(k, k), zh, kind) for k, zh, kind in spec]
        cells = [{k: _cell(kind, r.get(SOURCE.get(k, k))) for k, _, kind in spec} for r in rows]
        out[key] = {"caption": f"附表{n}　{name}", "name": name, "columns": [zh for _, zh, _ in spec],
                    "rows": cells, "groups": [], "text": _text_table(spec, cells), "md": _md_table(spec, cells)}
        if key == "composition":
            groups: list[dict] = []
            for r in cells:
                if not groups or groups[-1]["dimension"] != r["dimension"]:
                    groups.append({"dimension": r["dimension"], "rows": []})
                groups[-1]["rows"].append(r)
            out[key]["groups"] = groups
    return out


def _md_table(spec, cells: list[dict]) -> str:
    """Markdown with numbers right-aligned (`---:`); a dimension written once per group."""
    def esc(v: str) -> str:
        return v.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(zh for _, zh, _ in spec) + " |",
             "|" + "|".join("---:" if kind in ("int", "rate") else "---" for _, _, kind in spec) + "|"]
    last = None
    for r in cells:
        row = [r[k] for k, _, _ in spec]
        if "dimension" in r:
            row[0], last = ("" if r["dimension"] == last else r["dimension"]), r["dimension"]
        lines.append("| " + " | ".join(esc(v) for v in row) + " |")
    return "\n".join(lines)


def _text_table(spec, cells: list[dict]) -> str:
    import tabulate

    tabulate.WIDE_CHARS_MODE = True
    rows, last = [], None
    for r in cells:
        row = [r[k] for k, _, _ in spec]
        if "dimension" in r:
            row[0], last = ("" if r["dimension"] == last else r["dimension"]), r["dimension"]
        rows.append(row)
    align = ["right" if kind in ("int", "rate") else "left" for _, _, kind in spec]
    return tabulate.tabulate(rows, headers=[zh for _, zh, _ in spec], tablefmt="simple", disable_numparse=True,
                             colalign=align)
