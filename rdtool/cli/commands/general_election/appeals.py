"""general-election appeal, appeals: appeals against the voter list (选举法第二十九条)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.commands.general_election.options import TermArg, TermFilterArg, parse_level
from rdtool.cli.common import check_format, given, open_db, warn
from rdtool.cli.options import DbOpt, FormatOpt, LevelOpt, NotesOpt
from rdtool.render import Column, render_rows


def appeal(
    term: int = TermArg,
    person: str = typer.Argument(..., metavar="<申诉人>", help="提出申诉的人"),
    filed: str = typer.Option(..., "--filed", metavar="<日期>", help="向选举委员会提出申诉的日期（选民名单公布之日起五日内）"),
    decided: Optional[str] = typer.Option(None, "--decided", metavar="<日期>", help="选举委员会作出处理决定的日期（三日内）"),
    decision: Optional[str] = typer.Option(None, "--decision", metavar="<内容>", help="处理决定"),
    court_filed: Optional[str] = typer.Option(None, "--court-filed", metavar="<日期>",
                                              help="不服处理决定，向人民法院起诉的日期（选举日的五日以前）"),
    court_decided: Optional[str] = typer.Option(None, "--court-decided", metavar="<日期>",
                                                help="人民法院判决的日期（选举日以前）"),
    level: str = LevelOpt,
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录一件对选民名单的申诉（选举法第二十九条）：公布之日起五日内申诉，选举委员会三日内处理，不服的在选举日的
    五日以前起诉，法院在选举日以前判决；日期超出期限时给出提示。"""
    from rdtool.services.general_election import appeals as svc

    raw = {"person": person, "filed_on": filed, "decided_on": decided, "decision": decision,
           "court_filed_on": court_filed, "court_decided_on": court_decided, "notes": notes}
    store = open_db(db)
    r = svc.add(store, term, parse_level(level), given(**raw))
    typer.echo(f"已记录：{r['person']}于{r['filed_on']}对第{term}届选民名单提出申诉（申诉 ID {r['id']}）")
    warn(r["warnings"])


def appeals(
    term: Optional[int] = TermFilterArg,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出对选民名单的申诉及其处理，超出选举法第二十九条期限的注明。"""
    from rdtool.services.general_election import appeals as svc

    fmt = check_format(fmt)
    store = open_db(db)
    cols = [Column("id"), Column("term", "届次"), Column("level_zh", "层级"), Column("person", "申诉人"),
            Column("filed_on", "申诉日期"), Column("decided_on", "处理决定日期"), Column("decision", "处理决定"),
            Column("court_filed_on", "起诉日期"), Column("court_decided_on", "判决日期"),
            Column("problems", "超出期限"), Column("notes")]
    render_rows(svc.listing(store, term), cols, fmt, title="选民名单申诉")
