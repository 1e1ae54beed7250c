"""rdtool appointment …: 任命 / 免职 / 接受辞职 with the date of each procedural step."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.options import DbOpt, FormatOpt, NotesOpt, ReasonOpt, TermOpt
from rdtool.cli.common import show_record
from rdtool.cli.common import check_format, echo_report, given, make_app, open_db
from rdtool.render import Column, render_list
from rdtool.cells import leave_out_first

app = make_app("任免：任命、免职、接受辞职，及党委决定、提请、（本人申请）、讨论、表决、宪法宣誓、表态发言、公告各步骤日期。"
               "关联会议的人事任免表决记下讨论、表决两步；表决未通过的任免不生效。人代会选举产生的主席、副主席、"
               "镇长、副镇长由选举结果自动记入（任免类别“选举”），在这里补记宪法宣誓、公告日期（各省宪法宣誓办法）。")

LIST_COLUMNS = [Column("id"), Column("person"), Column("position"), Column("action", enum="appointment_action"),
                Column("meeting"), Column("decided_on"), Column("oath_on"), Column("missing_text", "缺少的程序")]
MACHINE_COLUMNS = [Column("id"), Column("person"), Column("position"), Column("action"), Column("meeting"),
                   Column("item_id"), Column("decided_on"), Column("party_decision_on"), Column("nomination_on"),
                   Column("application_on"), Column("discussion_on"), Column("vote_on"), Column("oath_on"),
                   Column("statement_on"), Column("announced_on"), Column("notes"), Column("missing_text"),
                   Column("vote_item", "表决事项"), Column("in_effect", "是否生效", kind="bool"),
                   Column("candidate_id", "选举结果ID")]
LIST_COLUMNS = leave_out_first(LIST_COLUMNS, "oath_on", "meeting", "id")



_STEP_OPTS = dict(
    party_decision_on=typer.Option(None, "--party-decision-on", help="党委决定日期"),
    nomination_on=typer.Option(None, "--nomination-on", help="提请日期"),
    application_on=typer.Option(None, "--application-on", help="本人申请日期（接受辞职）"),
    discussion_on=typer.Option(None, "--discussion-on", help="讨论日期"),
    vote_on=typer.Option(None, "--vote-on", help="表决日期"),
    oath_on=typer.Option(None, "--oath-on", help="宪法宣誓日期"),
    statement_on=typer.Option(None, "--statement-on", help="表态发言日期"),
    announced_on=typer.Option(None, "--announced-on", help="公告日期"),
)


RefArg = typer.Argument(..., help="任免记录 ID")


@app.command("add")
def add(
    person: str = typer.Argument(..., help="姓名（不必是代表）"),
    position: str = typer.Option(..., "--position", help="职务，如 镇财政所所长"),
    action: str = typer.Option(..., "--action", help="任命/appoint、免职/remove、接受辞职/accept_resignation"
                                                   "（人代会选举产生的由 election add 自动记入）"),
    meeting: Optional[str] = typer.Option(None, "--meeting", help="作出决定的会议编号，如 P3-06"),
    decided_on: Optional[str] = typer.Option(None, "--decided-on", help="决定日期（默认为会议日期）"),
    party_decision_on: Optional[str] = _STEP_OPTS["party_decision_on"],
    nomination_on: Optional[str] = _STEP_OPTS["nomination_on"],
    application_on: Optional[str] = _STEP_OPTS["application_on"],
    discussion_on: Optional[str] = _STEP_OPTS["discussion_on"],
    vote_on: Optional[str] = _STEP_OPTS["vote_on"],
    oath_on: Optional[str] = _STEP_OPTS["oath_on"],
    statement_on: Optional[str] = _STEP_OPTS["statement_on"],
    announced_on: Optional[str] = _STEP_OPTS["announced_on"],
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录一次任免及其程序步骤日期；缺少的步骤会列出（任命须宪法宣誓）。"""
    from rdtool.services.elections import appointments as svc

    store = open_db(db)
    record = svc.add(store, given(person=person, position=position, action=action, meeting=meeting,
                                 decided_on=decided_on, party_decision_on=party_decision_on,
                                 nomination_on=nomination_on, application_on=application_on,
                                 discussion_on=discussion_on, vote_on=vote_on, oath_on=oath_on,
                                 statement_on=statement_on, announced_on=announced_on, notes=notes))
    typer.echo(f"已记录（ID {record['id']}）：{svc.phrase(record['action'], record['person'], record['position'])}，"
               f"{record['decided_on']}")
    _tell(record)


def _tell(record: dict) -> None:
    if record["effect_text"]:
        typer.echo(f"注意：{record['effect_text']}")
    elif record["missing"]:
        typer.echo(f"尚缺程序：{record['missing_text']}")


@app.command("edit")
def edit(
    ref: str = RefArg,
    person: Optional[str] = typer.Option(None, "--person"),
    position: Optional[str] = typer.Option(None, "--position"),
    action: Optional[str] = typer.Option(None, "--action"),
    meeting: Optional[str] = typer.Option(None, "--meeting"),
    decided_on: Optional[str] = typer.Option(None, "--decided-on"),
    party_decision_on: Optional[str] = _STEP_OPTS["party_decision_on"],
    nomination_on: Optional[str] = _STEP_OPTS["nomination_on"],
    application_on: Optional[str] = _STEP_OPTS["application_on"],
    discussion_on: Optional[str] = _STEP_OPTS["discussion_on"],
    vote_on: Optional[str] = _STEP_OPTS["vote_on"],
    oath_on: Optional[str] = _STEP_OPTS["oath_on"],
    statement_on: Optional[str] = _STEP_OPTS["statement_on"],
    announced_on: Optional[str] = _STEP_OPTS["announced_on"],
    notes: Optional[str] = typer.Option(None, "--notes"),
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """补记或更正任免记录的任一项：姓名、职务、类别、会议（写 \"\" 去掉）、决定日期和各程序步骤日期，改前改后逐项列出。
    选举产生的记录只能补记宣誓、表态发言、公告日期和备注。"""
    from rdtool.services.elections import appointments as svc

    store = open_db(db)
    result = svc.edit(store, ref, given(person=person, position=position, action=action, meeting=meeting,
                                       decided_on=decided_on, party_decision_on=party_decision_on,
                                       nomination_on=nomination_on, application_on=application_on,
                                       discussion_on=discussion_on, vote_on=vote_on, oath_on=oath_on,
                                       statement_on=statement_on, announced_on=announced_on, notes=notes),
                      reason)
    record = result["record"]
    echo_report(result["report"], f"任免记录 {record['id']} 没有变化")
    _tell(record)


@app.command("list")
def list_(
    term: Optional[int] = TermOpt,
    year: Optional[int] = typer.Option(None, "--year", help="决定年份"),
    incomplete: bool = typer.Option(False, "--incomplete", help="只列程序步骤不全的（如任命后未记宪法宣誓）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出任免记录（人次），含缺少的程序步骤。"""
    from rdtool.services.elections import appointments as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.listing(store, term=term, year=year, incomplete=incomplete)
    render_list(rows, LIST_COLUMNS, MACHINE_COLUMNS, fmt,
                empty="没有缺少程序的任免记录" if incomplete else "没有符合条件的任免记录")


@app.command("show")
def show(
    ref: str = RefArg,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一条任免记录及其各程序步骤日期。"""
    from rdtool.services.elections import appointments as svc

    fmt = check_format(fmt)
    store = open_db(db)
    record = svc.show(store, ref)
    cols = [Column("person"), Column("position"), Column("action", enum="appointment_action"),
            *MACHINE_COLUMNS[4:16], Column("missing_text", "缺少的程序"), Column("effect_text", "效力")]
    show_record(record, cols, fmt, f"任免记录 {record['id']}")
