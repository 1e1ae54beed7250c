"""rdtool deputy suspend, suspend-report, resume, suspensions: 暂时停止执行代表职务 (代表法 2025 第六十一条;
rdtool.services.deputies.suspensions)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, open_db, parse_option, warn
from rdtool.cli.options import DbOpt, DeputyRefArg, FormatOpt, NameTermOpt, NotesOpt
from rdtool.labels import label as label_of
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_rows

SUSPENSION_COLUMNS = [Column("id"), Column("name", "代表"), Column("ground_zh", "暂停事由"), Column("started_on", "暂停日期"),
                      Column("reported_meeting", "报告的人代会"), Column("ended_on", "恢复日期"),
                      Column("end_reason", "恢复原因"), Column("notes")]
GroundOpt = typer.Option(..., "--ground", metavar="<事由>",
                         help="羁押（因刑事案件被羁押正在受侦查、起诉、审判）或 服刑（被依法判处管制、拘役或者有期徒刑而"
                              "没有附加剥夺政治权利，正在服刑），代表法第六十一条第一款")


def suspend(
    ref: str = DeputyRefArg,
    ground: str = GroundOpt,
    on: str = typer.Option(..., "--date", metavar="<日期>", help="暂停执行代表职务的起始日期（情形发生之日）"),
    reported_at: Optional[str] = typer.Option(None, "--reported-at", metavar="<会议>",
                                              help="代表资格审查委员会向其报告的人代会编号，如 C5-2（可以以后用 "
                                                   "deputy suspend-report 记录）"),
    notes: Optional[str] = NotesOpt,
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """暂时停止执行代表职务（代表法第六十一条）：因刑事案件被羁押正在受侦查、起诉、审判，或被判处管制、拘役、有期徒刑
    而没有附加剥夺政治权利正在服刑的代表，由代表资格审查委员会向本级人民代表大会报告。暂停期间仍是代表、计入应到人数，
    但不能出席（点名时记为缺席，不计入第六十二条第三项的未经批准不出席）、不能提出或附议议案、建议、质询案、提名；
    情形消失后用 deputy resume 恢复。"""
    from rdtool.services.deputies import suspensions as suspensions_svc

    day = parse_option("--date", parse_date, on)
    code = parse_option("--ground", lambda r: parse_enum("suspension_ground", r), ground)
    store = open_db(db)
    r = suspensions_svc.suspend(store, ref, code, day, reported_at, notes, term)
    typer.echo(f"已记录：{r['name']}（ID {r['deputy_id']}）自 {day} 起暂停执行代表职务（"
               f"{label_of('suspension_ground', code)}，代表法第六十一条；记录 ID {r['id']}）")
    warn(r["notes"])


def suspend_report(
    ref: str = DeputyRefArg,
    meeting: str = typer.Argument(..., metavar="<会议>", help="向其报告的人代会编号，如 C5-2"),
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录代表资格审查委员会在哪次人代会上报告了该代表暂停执行代表职务（代表法第六十一条第一款）。"""
    from rdtool.services.deputies import suspensions as suspensions_svc

    store = open_db(db)
    r = suspensions_svc.report(store, ref, meeting, term)
    typer.echo(f"已记录：{r['name']}暂停执行代表职务（自 {r['started_on']}）已向人代会 {r['reported_meeting']} 报告")


def resume(
    ref: str = DeputyRefArg,
    on: str = typer.Option(..., "--date", metavar="<日期>", help="情形消失、恢复执行代表职务的日期"),
    reason: Optional[str] = typer.Option(None, "--reason", help="情形消失的原因，如 解除羁押、刑满"),
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """恢复执行代表职务：暂停的情形在代表任期内消失后恢复，代表资格已终止的除外（代表法第六十一条第二款）。"""
    from rdtool.services.deputies import suspensions as suspensions_svc

    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    r = suspensions_svc.resume(store, ref, day, reason, term)
    typer.echo(f"已记录：{r['name']}自 {day} 起恢复执行代表职务（代表法第六十一条第二款）")


def suspensions(
    term: Optional[int] = typer.Option(None, "--term", help="届次（默认全部）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出暂停执行代表职务的记录（代表法第六十一条）：事由、起止、向哪次人代会报告；尚缺的注明。"""
    from rdtool.services.deputies import suspensions as suspensions_svc

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(suspensions_svc.listing(store, term), SUSPENSION_COLUMNS + [Column("problems", "需要注意")], fmt,
                title="暂停执行代表职务")
