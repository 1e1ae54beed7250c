"""rdtool meeting …: meetings, roll calls and quorum (组织法第十四条第四款; 两个过半)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.options import (DbOpt, EditNotesOpt, EditTitleOpt, FormatOpt, LocationOpt, NotesOpt, ReasonOpt, TermOpt,
                                YearOpt)
from rdtool.cli.common import show_record
from rdtool.cli.common import (check_format, echo_recomputed, echo_report, given, make_app, open_db, parse_option,
                               say, warn)
from rdtool.labels import parse_enum
from rdtool.render import Column, render_list
from rdtool.cells import leave_out_first

app = make_app("会议：主席团会议、人民代表大会会议（含临时会议）、其他会议；点名与法定人数。"
               "人代会须三分之二以上代表出席（组织法第十四条第四款）；主席团会议须全体成员过半数出席。")



LIST_COLUMNS = [Column("code"), Column("kind", enum="meeting_kind"), Column("date"), Column("title"),
                Column("extraordinary", kind="bool"), Column("present"), Column("entitled"),
                Column("quorum_met", "达到法定人数", kind="bool"), Column("items", "事项数")]
LIST_COLUMNS = leave_out_first(LIST_COLUMNS, "extraordinary", "items", "entitled", "present", "kind")
MACHINE_COLUMNS = [Column("id"), Column("code"), Column("kind"), Column("term"), Column("seq"), Column("date"),
                   Column("end_date"), Column("title"), Column("location"), Column("extraordinary", kind="bool"),
                   Column("present"), Column("entitled"), Column("quorum_met", kind="bool"), Column("items")]
ITEM_COLUMNS = [Column("seq"), Column("title"), Column("kind", enum="item_kind"),
                Column("method", enum="vote_method"), Column("yes"), Column("no"), Column("abstain"),
                Column("not_voting"), Column("result", "表决结果", enum="vote_result")]


@app.command("add")
def add(
    kind: str = typer.Option(..., "--kind", help="类别：主席团/presidium、人代会/congress、其他/other"),
    date: str = typer.Option(..., "--date", help="日期，如 2017-02-16"),
    code: Optional[str] = typer.Option(None, "--code", help="编号（默认自动：P3-01、C3-1、O3-01）"),
    title: Optional[str] = typer.Option(None, "--title", help="标题（默认按届次、次序生成，如 三川镇第三届人民代表大会第一次会议）"),
    end_date: Optional[str] = typer.Option(None, "--end-date", help="结束日期"),
    location: Optional[str] = LocationOpt,
    term: Optional[str] = typer.Option(None, "--term", help="届次（默认按日期确定）"),
    extraordinary: bool = typer.Option(False, "--extraordinary", help="临时会议（增开，组织法第十四条第三款），仅人代会"),
    present: Optional[str] = typer.Option(None, "--present", help="出席人数（没有点名的旧记录）"),
    entitled: Optional[str] = typer.Option(None, "--entitled", help="应到人数（旧记录；默认点名时按当日在任名单快照）"),
    notes: Optional[str] = NotesOpt,
    notified: Optional[str] = typer.Option(None, "--notified", metavar="<日期>",
                                           help="人代会通知代表的日期（浙江第二十条：会议举行七日前；重庆第十一条：十日前）"),
    requested_by: Optional[str] = typer.Option(None, "--requested-by", metavar="<人数>",
                                               help="临时会议由代表提议召集时，提议的代表人数（组织法第十四条第三款：五分之一以上）；"
                                                    "河南临时主席团会议由主席团成员提议时，提议的成员人数（第五条第一款：三人以上）"),
    number: Optional[str] = typer.Option(None, "--number", metavar="<次序>",
                                         help="本届第几次（会议文件上的次序，如 5；写明的次序不再变动，其间空缺也可以；不写则接在前一次之后）"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一次会议；编号与标题按届次和次序（中文序数）自动生成。从届中开始使用 rdtool 时用 --number 写明次序。
    人代会会前通知不足省份规定的天数时给出提示。"""
    from rdtool.labels import parse_int
    from rdtool.services.meetings import records as svc

    n = parse_option("--number", lambda r: parse_int(r, 1), number)
    store = open_db(db)
    result = svc.add(store, given(kind=kind, date=date, code=code, title=title, end_date=end_date, location=location,
                                 term=term, extraordinary="是" if extraordinary else None, present=present,
                                 entitled=entitled, notes=notes, notified_on=notified, requesters=requested_by), n)
    m = result["meeting"]
    typer.echo(f"已增加会议 {m['code']}：{m['title']}（{m['date']}）")
    for line in result["report"].also:
        typer.echo(f"  {line}")
    echo_recomputed(result["report"].derived)
    warn(result["report"].warnings)
    from rdtool.services.terms.calendar import notice_of

    warn(filter(None, [notice_of(store, m)]))


@app.command("list")
def list_(
    kind: Optional[str] = typer.Option(None, "--kind", help="类别：主席团、人代会、其他"),
    term: Optional[int] = TermOpt,
    year: Optional[int] = YearOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出会议（按日期），含出席、应到人数和是否达到法定人数。"""
    from rdtool.services.meetings import meetings as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.listing(store, kind=parse_option("--kind", lambda r: parse_enum("meeting_kind", r), kind),
                       term=term, year=year)
    render_list(rows, LIST_COLUMNS, MACHINE_COLUMNS, fmt, empty="没有符合条件的会议")
    if fmt == "table":  # gaps in the numbering: sessions held on paper before adoption (issue 23)
        for line in svc.gap_notes(store, rows.groups):
            say(f"说明：{line}")


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="会议编号或名称，如 P3-08、C18-4、十八届四次"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一次会议：出席情况、是否达到法定人数（依据哪条规定、差额多少）、议程与表决结果。"""
    from rdtool.services.meetings import records as svc

    fmt = check_format(fmt)
    store = open_db(db)
    record = svc.show(store, ref)
    view = {"absent_names": "、".join(record["absent_names"]), "leave_names": "、".join(record["leave_names"])}
    cols = [Column("code"), Column("title"), Column("kind", enum="meeting_kind"),
            Column("extraordinary", kind="bool"), Column("term"), Column("date"), Column("end_date"),
            Column("location"), Column("entitled"), Column("present"), Column("absent", "缺席人数"),
            Column("absent_names", "缺席"), Column("leave", "请假人数"), Column("leave_names", "请假"),
            Column("quorum_text", "法定人数"), Column("notes")]
    elections = [{**e, "elected": "、".join(e["elected"])} for e in record["elections"]]
    show_record(record, cols, fmt, f"{record['code']} {record['title']}", view=view, sections=[
        ("议程与表决", record["items"], ITEM_COLUMNS),
        ("选举", elections, [Column("id", "选举ID"), Column("post"), Column("round"), Column("seats"),
                           Column("elected", "当选"), Column("outcome", enum="election_outcome")])])


@app.command("edit")
def edit(
    ref: str = typer.Argument(..., help="会议编号，如 P5-22"),
    number: Optional[str] = typer.Option(None, "--number", metavar="<次序>",
                                         help="更正次序：这次会议是本届第几次（写明后不再变动；其后未写明次序的随之顺延；编号、自动标题和议案建议编号跟着变）"),
    code: Optional[str] = typer.Option(None, "--code", metavar="<编号>", help="更正编号"),
    kind: Optional[str] = typer.Option(None, "--kind", metavar="<类别>", help="类别：主席团、人代会、其他"),
    date: Optional[str] = typer.Option(None, "--date", metavar="<日期>"),
    term: Optional[str] = typer.Option(None, "--term", metavar="<届次>"),
    title: Optional[str] = EditTitleOpt,
    end_date: Optional[str] = typer.Option(None, "--end-date", metavar="<日期>"),
    location: Optional[str] = typer.Option(None, "--location", metavar="<地点>"),
    extraordinary: Optional[str] = typer.Option(None, "--extraordinary", metavar="<是/否>", help="是否临时会议"),
    present: Optional[str] = typer.Option(None, "--present", metavar="<人数>", help="出席人数（仅没有点名的旧记录）"),
    entitled: Optional[str] = typer.Option(None, "--entitled", metavar="<人数>",
                                           help="应到人数（旧记录；写 \"\" 清除，改按当日名单）"),
    notes: Optional[str] = EditNotesOpt,
    reason: Optional[str] = ReasonOpt,
    notified: Optional[str] = typer.Option(None, "--notified", metavar="<日期>", help="人代会通知代表的日期"),
    requested_by: Optional[str] = typer.Option(None, "--requested-by", metavar="<人数>",
                                               help="临时会议由代表提议召集时，提议的代表人数（组织法第十四条第三款）；河南临时主席团会议："
                                                    "提议的主席团成员人数（第五条第一款）"),
    db: Optional[str] = DbOpt,
) -> None:
    """更正会议的任一项：日期、类别、届次、次序（--number）、编号、标题等。应到名单随日期或类别重新确定，
    本次会议的出席、法定人数、各项表决和选举结果随之重新计算，并列出改前改后。"""
    from rdtool.labels import parse_int
    from rdtool.services.meetings import records as svc

    n = parse_option("--number", lambda r: parse_int(r, 1), number)
    store = open_db(db)
    result = svc.edit(store, ref, given(code=code, kind=kind, date=date, term=term, title=title, end_date=end_date,
                                       location=location, extraordinary=extraordinary, present=present,
                                       entitled=entitled, notes=notes, notified_on=notified, requesters=requested_by),
                      number=n, reason=reason)
    echo_report(result["report"], f"会议 {result['meeting']['code']} 没有变化")


@app.command("roll")
def roll(
    ref: str = typer.Argument(..., help="会议编号"),
    absent: Optional[str] = typer.Option(None, "--absent", help="缺席（未请假）的代表，姓名或 ID，用 、或 ; 分隔"),
    leave: Optional[str] = typer.Option(None, "--leave", help="请假的代表，姓名或 ID，用 、或 ; 分隔"),
    count: Optional[str] = typer.Option(None, "--count", metavar="<人数>", help="只记出席人数（没有名单的旧记录）"),
    entitled: Optional[str] = typer.Option(None, "--entitled", metavar="<人数>",
                                           help="应到人数（旧记录；默认为当日在任名单人数）"),
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """点名：除 --absent、--leave 列出的人外，当日应到名单（人代会为在任镇代表，主席团会议为主席团成员）全部出席。
    重新点名会替换原记录，并重新计算本次会议各项表决结果；改变了的结果逐项列出。"""
    from rdtool.labels import parse_int, parse_list
    from rdtool.services.meetings import records as svc

    def ids(raw: Optional[str]) -> list[str]:
        return parse_list(raw) if raw else []

    store = open_db(db)
    result = svc.roll_call(store, ref, absent=ids(absent), leave=ids(leave),
                           count=parse_option("--count", parse_int, count),
                           entitled=parse_option("--entitled", lambda r: parse_int(r, 1), entitled), reason=reason)
    record = svc.show(store, result["meeting"]["code"])
    typer.echo(f"{record['code']}：应到{record['entitled']}人，出席{record['present']}人"
               + (f"，缺席{record['absent']}人，请假{record['leave']}人" if record["absent"] is not None else ""))
    typer.echo(record["quorum_text"])
    if result["suspended"]:
        typer.echo(f"注意：{'、'.join(result['suspended'])}暂停执行代表职务（代表法第六十一条），计入应到人数，"
                   f"不能出席，已记为缺席（不计入第六十二条第三项的未经批准不出席）")
    echo_recomputed(result["report"].derived)
