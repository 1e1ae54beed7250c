"""rdtool supervision: the reports heard and the projects inspected in a year, by topic (监督工作)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, make_app, open_db, parse_option
from rdtool.cli.options import AnnualYearOpt, DbOpt, FormatOpt, ToOpt
from rdtool.labels import label, parse_date
from rdtool.render import Column, render_json, render_rows

app = make_app("监督工作")


@app.command("supervision")
def supervision(
    year: Optional[int] = AnnualYearOpt,
    term: Optional[int] = typer.Option(None, "--term", help="届次（代替 --year）"),
    date_from: Optional[str] = typer.Option(None, "--from", help="起始日期（与 --to 同用，代替 --year）"),
    date_to: Optional[str] = ToOpt,
    by_topic: bool = typer.Option(False, "--topics", help="每个议题一行（报告几次、活动几次）"),
    all_kinds: bool = typer.Option(False, "--all-kinds", help="包括所有填了“对象”的活动（默认只含视察、调研、执法检查）"),
    all_reports: bool = typer.Option(False, "--all-reports", help="包括主席团工作报告、代表资格审查报告（默认不列，它们不是对政府的监督）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """监督工作：期间内主席团会议和人代会听取审议的报告（议程事项类别为“工作报告审议”），
    以及代表视察、调研、执法检查的项目（活动的“对象”），按议题归并，便于撰写工作报告的监督部分。"""
    from rdtool.dates import today
    from rdtool.services.activities import supervision as svc
    from rdtool.services.terms.periods import period_from_options

    fmt = check_format(fmt)
    store = open_db(db)
    period = period_from_options(store, year, term, parse_option("--from", parse_date, date_from),
                                 parse_option("--to", parse_date, date_to), as_of=today())
    rows = svc.listing(store, period.date_from, period.date_to, all_kinds, all_reports)
    if by_topic:
        render_rows(svc.topics(rows), [Column("topic", "议题"), Column("reports", "听取报告"),
                                       Column("activities", "视察调研"), Column("first", "首次"),
                                       Column("last", "最近")], fmt, empty="这一期间没有监督工作的记录")
        return
    if fmt == "json":
        render_json({"period": {"from": period.date_from, "to": period.date_to},
                     "items": [{k: r.get(k) for k in ("topic", "source", "date", "ref", "title", "kind",
                                                      "participants")} for r in rows]})
        return
    for r in rows:
        r["source_zh"] = "听取审议报告" if r["source"] == "report" else "代表活动"
        r["kind_zh"] = label(r["enum"], r["kind"])
    human = fmt in ("table", "md")
    render_rows(rows, [Column("topic", "议题"), Column("source_zh" if human else "source", "方式"),
                       Column("date", "日期"), Column("ref", "会议/活动编号"), Column("title", "标题"),
                       Column("kind_zh" if human else "kind", "类别")], fmt,
                title=f"{period.span_label()}监督工作" if fmt == "table" else None, empty="这一期间没有监督工作的记录")
