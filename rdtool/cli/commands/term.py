"""rdtool term: add, edit and list terms (届)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, echo_report, make_app, open_db, parse_option, say, warn
from rdtool.cli.options import DbOpt, EditReasonOpt, FormatOpt, ReasonOpt
from rdtool.labels import parse_date
from rdtool.render import Column, render_rows

term_app = make_app("届次")


@term_app.command("add")
def term_add(
    number: int = typer.Argument(..., help="届次，如 4"),
    start: str = typer.Option(..., "--start", help="开始日期"),
    end: Optional[str] = typer.Option(None, "--end", help="结束日期"),
    current: bool = typer.Option(False, "--current", help="同时设为本届"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一届。"""
    from rdtool.services.terms import terms

    store = open_db(db)
    note = terms.add(store, number, parse_option("--start", parse_date, start), parse_option("--end", parse_date, end),
                     make_current=current)
    typer.echo(f"已增加第{number}届" + (f"（{note}）" if note else "") + ("，并设为本届" if current else ""))
    from rdtool.services.admin.law_checks import term_lengths

    warn(f["message"] for f in term_lengths(store, number))


@term_app.command("edit")
def term_edit(
    number: int = typer.Argument(..., metavar="<届次>", help="届次，如 5"),
    start: Optional[str] = typer.Option(None, "--start", metavar="<日期>", help="更正开始日期"),
    end: Optional[str] = typer.Option(None, "--end", metavar="<日期>", help="更正结束日期；写 \"\" 清除"),
    reason: Optional[str] = EditReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正一届的起止日期；本届会议的应到名单随之重新确定，变化逐项列出。"""
    from rdtool.cli.common import echo_report
    from rdtool.services.terms import terms

    store = open_db(db)
    report = terms.edit(store, number, parse_option("--start", parse_date, start or None),
                        parse_option("--end", parse_date, end or None), clear_end=end == "", reason=reason)
    echo_report(report, f"第{number}届没有变化")


@term_app.command("list")
def term_list(fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """列出各届。"""
    from rdtool.store import settings as sql

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(sql.terms(store), [Column("number", "届次"), Column("start_date", "开始日期"),
                                   Column("end_date", "结束日期")], fmt)


# ---- 录入前结转 (issue 23)

OPTIONS = (("presidium_meetings", "--presidium-meetings"), ("congress_sessions", "--congress-sessions"),
           ("decisions", "--decisions"), ("appointments", "--appointments"), ("suggestions", "--suggestions"),
           ("replied", "--replied"), ("with_feedback", "--with-feedback"), ("satisfied", "--satisfied"),
           ("activities", "--activities"), ("training", "--training"))


@term_app.command("opening")
def term_opening(
    term: int = typer.Argument(..., metavar="<届次>", help="届次，如 18"),
    until: Optional[str] = typer.Option(None, "--until", metavar="<日期>",
                                        help="结转截止日期：纸面记录的最后一天（从本届开始到这一天；此后的记录逐条录入）"),
    presidium_meetings: Optional[str] = typer.Option(None, "--presidium-meetings", metavar="<次数>",
                                                     help="主席团会议次数"),
    congress_sessions: Optional[str] = typer.Option(None, "--congress-sessions", metavar="<次数>",
                                                    help="人代会会议次数"),
    decisions: Optional[str] = typer.Option(None, "--decisions", metavar="<件数>", help="主席团决定（通过）的事项"),
    appointments: Optional[str] = typer.Option(None, "--appointments", metavar="<人次>", help="任免人次（不含选举）"),
    suggestions: Optional[str] = typer.Option(None, "--suggestions", metavar="<件数>", help="代表建议件数"),
    replied: Optional[str] = typer.Option(None, "--replied", metavar="<件数>", help="其中已答复"),
    with_feedback: Optional[str] = typer.Option(None, "--with-feedback", metavar="<件数>",
                                                help="其中有代表意见（满意、基本满意或不满意）"),
    satisfied: Optional[str] = typer.Option(None, "--satisfied", metavar="<件数>", help="其中满意或基本满意"),
    activities: Optional[str] = typer.Option(None, "--activities", metavar="<次数>", help="代表活动次数（不含学习培训）"),
    training: Optional[str] = typer.Option(None, "--training", metavar="<次数>", help="学习培训次数"),
    notes: Optional[str] = typer.Option(None, "--notes", metavar="<备注>", help="备注，如 据2022—2023年工作台账"),
    reason: Optional[str] = ReasonOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """录入前结转：届中开始使用 rdtool 时，把本届此前纸面记录的合计（会议、决定事项、任免、建议及办理和满意情况、
    代表活动）录入一次；只写 届次 时显示已录入的数。结转数计入本届的统计（报告注明“其中录入前结转”；
    自然年报告不能拆分，不计入；见 docs/figures.md）。再次运行只更正写出的项，可用 rdtool undo 撤销。"""
    from rdtool.labels import parse_date, parse_int
    from rdtool.services.terms import opening_totals as svc

    fmt = check_format(fmt)
    given = {"presidium_meetings": presidium_meetings, "congress_sessions": congress_sessions,
             "decisions": decisions, "appointments": appointments, "suggestions": suggestions, "replied": replied,
             "with_feedback": with_feedback, "satisfied": satisfied, "activities": activities, "training": training}
    values = {k: parse_option(opt, parse_int, given[k]) for k, opt in OPTIONS if given[k] is not None}
    if until is not None:
        values["until"] = parse_option("--until", parse_date, until)
    if notes is not None:
        values["notes"] = notes
    store = open_db(db)
    if values:
        result = svc.put(store, term, values, reason)
        row = result["totals"]
        if result["inserted"] and fmt == "table":
            for line in svc.entered_lines(row, result["term"]):
                say(line)
        else:
            echo_report(result["report"], f"第{term}届录入前结转没有变化")
        if result["overlap"]:
            fix = " ".join(f"{dict(OPTIONS)[k]} {svc.WORDS[k][1]}数" for k, _ in result["overlap"])
            warn([f"{svc.overlap_line(result['overlap'], row)}（核对后用 rdtool term opening {term} {fix} 更正）"])
    else:
        row = svc.get(store, term)
        if row is None:
            if fmt == "json":
                from rdtool.render import render_json

                render_json(None)
            elif fmt == "table":
                typer.echo(f"第{term}届没有录入前结转（用 rdtool term opening {term} --until 日期 --presidium-meetings 次数 …录入）")
            else:
                render_rows([], [Column("item", "项目"), Column("value", "数")], fmt)
            return
    rows = [{"item": "截止日期", "value": row["until"]}] + \
        [{"item": svc.ZH[k], "value": row[k]} for k in svc.COUNTS if row[k] is not None]
    if row.get("notes"):
        rows.append({"item": "备注", "value": row["notes"]})
    if fmt == "json":
        from rdtool.render import render_json

        render_json(row)
        return
    if fmt == "table" and values:
        return
    render_rows(rows, [Column("item", "项目"), Column("value", "数")], fmt, title=f"第{term}届录入前结转")
