"""rdtool term: add, edit and list terms (届)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import (DbOpt, FormatOpt, check_format, make_app, open_db, parse_option, warn)
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
    reason: Optional[str] = typer.Option(None, "--reason", metavar="<原因>", help="更正的原因（记入修改记录）"),
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
