"""rdtool vote …: agenda items and their votes; the result is always computed, never typed in."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.options import (DbOpt, EditNotesOpt, EditTitleOpt, FormatOpt, MeetingOpt, NotesOpt, ReasonOpt, TermOpt,
                                YearOpt)
from rdtool.cli.common import show_record
from rdtool.cli.common import check_format, echo_report, given, make_app, open_db, parse_option
from rdtool.labels import parse_enum
from rdtool.render import Column, render_list
from rdtool.cells import leave_out_first

app = make_app("议程事项与表决：结果由规则计算（人代会：三分之二以上出席、全体代表过半数通过，组织法第十四条、"
               "第二十五条；主席团：两个过半），不能手工填写；恰好半数不通过。")

TABLE_COLUMNS = [Column("ref", "事项"), Column("title"),
                 Column("kind", enum="item_kind"), Column("method", enum="vote_method"), Column("yes"), Column("no"),
                 Column("abstain"), Column("not_voting"), Column("entitled"), Column("present"),
                 Column("result", "表决结果", enum="vote_result")]
TABLE_COLUMNS = leave_out_first(TABLE_COLUMNS, "not_voting", "entitled", "present", "method", "abstain", "kind",
                                "no")
MACHINE_COLUMNS = [Column("id"), Column("meeting_code"), Column("meeting_kind", "会议类别", enum="meeting_kind"),
                   Column("meeting_date", "会议日期"),
                   Column("seq"), Column("title"), Column("kind"), Column("method"), Column("yes"), Column("no"),
                   Column("abstain"), Column("not_voting"), Column("entitled"), Column("present"), Column("result"),
                   Column("rule"), Column("required_yes", "通过所需票数"), Column("explanation", "说明"), Column("notes"),
                   Column("subject", "议题"), Column("ref", "事项")]



@app.command("add")
def add(
    meeting: str = typer.Argument(..., help="会议编号，如 P3-08"),
    title: str = typer.Argument(..., help="事项标题"),
    kind: str = typer.Option(..., "--kind", help="类别：重大事项/decision、人事任免/personnel、报告/report、预决算/budget、选举/election、其他/other"),
    method: Optional[str] = typer.Option(None, "--method", help="表决方式：举手/hands、票决/ballot、电子表决/electronic"),
    yes: Optional[str] = typer.Option(None, "--yes", help="赞成票"),
    no: Optional[str] = typer.Option(None, "--no", help="反对票"),
    abstain: Optional[str] = typer.Option(None, "--abstain", help="弃权票"),
    not_voting: Optional[str] = typer.Option(None, "--not-voting", help="未按表决器（未投票）"),
    seq: Optional[str] = typer.Option(None, "--seq", help="议程序号（默认排在最后）"),
    notes: Optional[str] = NotesOpt,
    subject: Optional[str] = typer.Option(None, "--subject", metavar="<议题>",
                                          help="报告的议题，如 上半年工作、安全生产（监督工作的表述由此生成；不填则取自标题）"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一项议程；给出票数即计算表决结果（不给票数表示未表决，如听取报告）。"""
    from rdtool.services.meetings import votes as svc

    store = open_db(db)
    item = svc.add(store, meeting, given(title=title, kind=kind, method=method, yes=yes, no=no, abstain=abstain,
                                        not_voting=not_voting, seq=seq, notes=notes, subject=subject))
    row = svc.show(store, str(item["id"]))
    typer.echo(f"已增加 {row['meeting_code']} 第{row['seq']}项（ID {row['id']}）：{row['title']}")
    if row["result"]:
        typer.echo(row["explanation"])


@app.command("edit")
def edit(
    ref: str = typer.Argument(..., help="事项：会议编号#序号（如 P5-22#3），或事项 ID"),
    meeting: Optional[str] = typer.Option(None, "--meeting", metavar="<会议编号>",
                                          help="移到另一次会议（记错会议时），如 --meeting P5-23；结果按那次会议重新计算"),
    title: Optional[str] = EditTitleOpt,
    kind: Optional[str] = typer.Option(None, "--kind", metavar="<类别>"),
    method: Optional[str] = typer.Option(None, "--method", metavar="<表决方式>"),
    yes: Optional[str] = typer.Option(None, "--yes", metavar="<票数>"),
    no: Optional[str] = typer.Option(None, "--no", metavar="<票数>"),
    abstain: Optional[str] = typer.Option(None, "--abstain", metavar="<票数>"),
    not_voting: Optional[str] = typer.Option(None, "--not-voting", metavar="<人数>"),
    seq: Optional[str] = typer.Option(None, "--seq", metavar="<序号>"),
    notes: Optional[str] = EditNotesOpt,
    subject: Optional[str] = typer.Option(None, "--subject", metavar="<议题>", help="报告的议题"),
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正事项或票数，或把记错会议的事项移到正确的会议；结果随之重新计算（没有填写结果的选项）。"""
    from rdtool.services.meetings import records as svc

    store = open_db(db)
    result = svc.edit_item(store, ref, given(meeting=meeting, title=title, kind=kind, method=method, yes=yes, no=no,
                                            abstain=abstain, not_voting=not_voting, seq=seq, notes=notes,
                                            subject=subject),
                           reason=reason)
    row = result["item"]
    echo_report(result["report"], f"{row['meeting_code']}#{row['seq']} 没有变化")
    if row["result"]:
        typer.echo(row["explanation"])


@app.command("list")
def list_(
    meeting: Optional[str] = MeetingOpt,
    term: Optional[int] = TermOpt,
    year: Optional[int] = YearOpt,
    kind: Optional[str] = typer.Option(None, "--kind", help="事项类别"),
    body: Optional[str] = typer.Option(None, "--body", help="会议类别：主席团、人代会、其他"),
    result: Optional[str] = typer.Option(None, "--result", help="表决结果：通过、未通过、不足法定人数"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出议程事项与表决结果；--format json 含会议编号、票数、应到、出席、结果和适用规则。"""
    from rdtool.services.meetings import votes as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.listing(store, meeting=meeting, term=term, year=year,
                       kind=parse_option("--kind", lambda r: parse_enum("item_kind", r), kind),
                       body=parse_option("--body", lambda r: parse_enum("meeting_kind", r), body),
                       result=parse_option("--result", lambda r: parse_enum("vote_result", r), result))
    render_list(rows, TABLE_COLUMNS, MACHINE_COLUMNS, fmt, empty="没有符合条件的表决事项")


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="事项 ID，或 会议编号#序号（如 P3-08#3）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一项表决：票数、应到与出席人数、结果，以及一句话说明（依据的条文）。"""
    from rdtool.services.meetings import votes as svc

    fmt = check_format(fmt)
    store = open_db(db)
    row = svc.show(store, ref)
    cols = [Column("meeting_code", "会议"), Column("seq"), Column("title"), Column("kind", enum="item_kind"),
            Column("method", enum="vote_method"), Column("yes"), Column("no"), Column("abstain"),
            Column("not_voting"), Column("entitled"), Column("present"),
            Column("result", "表决结果", enum="vote_result"), Column("explanation", "说明"),
            Column("article", "依据"), Column("notes")]
    show_record(row, cols, fmt, f"{row['meeting_code']} 第{row['seq']}项")
