"""rdtool inquiry …: 质询案 at a township congress session (组织法 第二十四条)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, given, make_app, open_db, parse_option, warn
from rdtool.cli.options import DbOpt, FormatOpt, MeetingOpt, NotesOpt, TermOpt
from rdtool.labels import parse_date, parse_enum, parse_list
from rdtool.render import Column, render_json, render_record, render_rows

app = make_app("质询案：人代会举行会议的时候，代表十人以上联名书面提出对本级人民政府及其所属工作部门的质询案"
               "（组织法第二十四条；北京：代表总数四十人以下的，五分之一以上代表联名也可以，组织条例第十二条）；"
               "由主席团决定在主席团会议、大会全体会议上口头答复或书面答复，在会议期间答复；提出质询案的代表半数以上"
               "对答复不满意的，可以要求再作答复（代表法第二十条第五款）。")

InquiryArg = typer.Argument(..., metavar="<编号>", help="质询案编号，如 C5-1-Q1")

COLUMNS = [Column("code", "编号"), Column("meeting", "会议"), Column("submitted_on", "提出日期"),
           Column("target", "质询对象"), Column("title", "质询的问题"), Column("lead", "领衔代表"),
           Column("signers", "联名人数"), Column("answer_method_zh", "答复方式"), Column("answered_on", "答复日期"),
           Column("answered_by", "答复负责人"), Column("problems", "需要注意")]


@app.command("submit")
def submit(
    meeting: str = typer.Argument(..., metavar="<会议>", help="人代会编号，如 C5-1"),
    target: str = typer.Option(..., "--target", metavar="<质询对象>", help="受质询机关，如 镇人民政府、镇财政所"),
    title: str = typer.Option(..., "--title", metavar="<质询的问题>", help="质询的问题"),
    lead: str = typer.Option(..., "--lead", metavar="<代表>", help="领衔代表"),
    signers: Optional[str] = typer.Option(None, "--signers", metavar="<代表…>",
                                          help="其他联名代表，用 、或 ; 分隔；连同领衔代表须十人以上（只计本级在任、"
                                               "未暂停执行职务的乡镇代表）"),
    body: Optional[str] = typer.Option(None, "--body", metavar="<内容>", help="质询的内容"),
    on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="提出日期（默认会议第一天；须在会期之内）"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """登记一件质询案：须在人代会会期内提出，写明质询对象、质询的问题和内容，代表十人以上联名（组织法第二十四条第一款；
    北京代表总数四十人以下的，五分之一以上联名也可以）。县代表、已离任或暂停执行代表职务的代表不计入联名人数。"""
    from rdtool.services.proposals import inquiries

    day = parse_option("--date", parse_date, on)
    raw = given(target=target, title=title, body=body, notes=notes)
    store = open_db(db)
    r = inquiries.submit(store, meeting, lead, parse_list(signers) if signers else [], day, raw)
    typer.echo(f"已登记质询案 {r['code']}：{r['title']}（对{r['target']}，{r['counted']} 名代表联名，"
               f"须{r['required']}人以上）")
    warn([f"{w}，不计入联名人数" for w in r["not_counted"]])


@app.command("answer")
def answer(
    code: str = InquiryArg,
    method: str = typer.Option(..., "--method", metavar="<方式>",
                               help="主席团会议、大会全体会议（口头答复）或 书面（组织法第二十四条第二款）"),
    on: str = typer.Option(..., "--date", metavar="<日期>", help="答复日期"),
    by: Optional[str] = typer.Option(None, "--by", metavar="<负责人>", help="到会答复或签署书面答复的受质询机关负责人"),
    text: Optional[str] = typer.Option(None, "--answer", metavar="<内容>", help="答复内容"),
    db: Optional[str] = DbOpt,
) -> None:
    """记录质询案的答复：由受质询机关的负责人在会议期间口头答复或签署书面答复（组织法第二十四条第二款、第三款）；
    答复在会期之后的给出提示（北京、重庆：情况复杂的经主席团决定可在大会后三个月、闭会后两个月内书面答复）。"""
    from rdtool.services.proposals import inquiries

    code_m = parse_option("--method", lambda r: parse_enum("inquiry_answer", r), method)
    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    r = inquiries.answer(store, code, code_m, day, by, text)
    typer.echo(f"已记录质询案 {r['code']} 的答复：{r['answer_method_zh']}（{day}）")
    warn(r["warnings"])


@app.command("reanswer")
def reanswer(
    code: str = InquiryArg,
    unsatisfied: Optional[str] = typer.Option(None, "--unsatisfied", metavar="<代表…>",
                                              help="对答复不满意的联名代表，用 、或 ; 分隔（须占提出质询案的代表半数以上；"
                                                   "同名的写 姓名#ID）"),
    requested_on: Optional[str] = typer.Option(None, "--requested-on", metavar="<日期>",
                                               help="代表要求再作答复的日期（默认再作答复的日期）"),
    method: Optional[str] = typer.Option(None, "--method", metavar="<方式>",
                                         help="再作答复的方式：主席团会议、大会全体会议 或 书面"),
    on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="再作答复的日期"),
    by: Optional[str] = typer.Option(None, "--by", metavar="<负责人>", help="再作答复的受质询机关负责人"),
    text: Optional[str] = typer.Option(None, "--answer", metavar="<内容>", help="再作答复的内容"),
    db: Optional[str] = DbOpt,
) -> None:
    """记录再作答复：提出质询案的代表半数以上对答复不满意的，可以要求受质询机关再作答复（代表法第二十条第五款；
    “半数以上”含半数）。北京、重庆、山东：经主席团决定。可以先只记录不满意的代表和要求（--unsatisfied、
    --requested-on），答复后再记录 --method、--date。"""
    from rdtool.services.proposals import inquiries

    code_m = parse_option("--method", lambda r: parse_enum("inquiry_answer", r), method) if method else None
    day = parse_option("--date", parse_date, on)
    asked = parse_option("--requested-on", parse_date, requested_on)
    store = open_db(db)
    r = inquiries.reanswer(store, code, parse_list(unsatisfied) if unsatisfied else None, asked, code_m, day, by, text)
    typer.echo(f"已记录质询案 {r['code']}：提出质询案的代表{r['lodged']}人中{r['unsatisfied']}人对答复不满意，"
               f"{r['reanswer_requested_on']}要求再作答复"
               + (f"；{r['reanswer_method_zh']}（{r['reanswered_on']}）" if r["reanswered_on"] else "；尚未再作答复"))
    warn(r["notes"])


@app.command("list")
def list_(
    meeting: Optional[str] = MeetingOpt,
    term: Optional[int] = TermOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出质询案及其答复；会后仍未答复或答复超出会期的注明。"""
    from rdtool.services.proposals import inquiries

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(inquiries.listing(store, meeting, term), COLUMNS, fmt, title="质询案")


@app.command("show")
def show(
    code: str = typer.Argument(..., metavar="<编号>", help="质询案编号"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一件质询案：质询对象、问题、内容、联名代表、答复。"""
    from rdtool.services.proposals import inquiries

    fmt = check_format(fmt)
    store = open_db(db)
    record = inquiries.show(store, code)
    if fmt == "json":
        render_json(record)
        return
    again = [Column("reanswer_requested_on", "要求再作答复日期"), Column("reanswer_method_zh", "再作答复方式"),
             Column("reanswered_on", "再作答复日期"), Column("reanswered_by", "再作答复负责人"),
             Column("reanswer", "再作答复")] if record["reanswer_requested_on"] else []
    render_record(record, COLUMNS[:-1] + [Column("body", "内容"), Column("answer", "答复")] + again, fmt,
                  title=f"质询案 {record['code']}")
    render_rows(record["signer_list"], [Column("name", "联名代表"), Column("level", "层级", enum="level"),
                                        Column("lead", "领衔", kind="bool")]
                + ([Column("unsatisfied", "对答复不满意", kind="bool")] if again else []), fmt, title="联名代表")
