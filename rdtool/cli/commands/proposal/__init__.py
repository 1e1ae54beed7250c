"""rdtool proposal …: deputies' motions (议案) and suggestions (建议、批评和意见) from submission to closing.

Submission and handling here; chasing, searching and counting (due, overdue, search, stats) in proposal/tracking.py,
registered last as `rdtool proposal --help` lists them."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, echo_report, given, make_app, open_db, parse_option, warn
from rdtool.cli.commands.proposal import tracking
from rdtool.cli.commands.proposal.options import AsOfOpt, CodeArg, DateOpt, MotionArg
from rdtool.cli.options import DbOpt, EditTitleOpt, FormatOpt, ReasonOpt, SESSION_HELP, optional
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_list
from rdtool.cells import leave_out_first

app = make_app("代表议案和建议：提出、交办、答复、反馈、办结、催办、检索、统计。"
               "议案须5名以上代表联名，由主席团决定是否列入大会议程（组织法第二十二条第二款，proposal decide）；"
               "建议自交办之日起3个月内答复，"
               "涉及面广、处理难度大的6个月（代表法第五十一条；省级期限可在 config 中设置）。")


LIST_COLUMNS = [Column("code"), Column("kind", enum="proposal_kind"), Column("title"), Column("lead"),
                Column("submitted_on"), Column("unit"), Column("due_on"), Column("status", "状态", enum="proposal_status")]
LIST_COLUMNS = leave_out_first(LIST_COLUMNS, "submitted_on", "kind", "due_on", "unit")
FULL_COLUMNS = [Column("id"), Column("code"), Column("kind", enum="proposal_kind"), Column("title"),
                Column("category"), Column("submitted_on"), Column("meeting"), Column("lead"), Column("cosigners"),
                Column("unit"), Column("assigned_on"), Column("due_on"), Column("due_reason"),
                Column("complex", kind="bool"), Column("round"), Column("replied_on"),
                Column("result", enum="proposal_result"), Column("feedback", enum="feedback"),
                Column("feedback_on"), Column("closed_on"), Column("close_reason"),
                Column("status", "状态", enum="proposal_status"),
                Column("disposition", enum="motion_disposition"), Column("decided_on"), Column("decision_meeting"),
                Column("outcome", "大会审议结果", enum="motion_outcome"), Column("outcome_on"),
                Column("outcome_meeting")]
SHOW_COLUMNS = FULL_COLUMNS[:4] + [Column("body")] + FULL_COLUMNS[4:16] + [Column("reply")] + FULL_COLUMNS[16:] + [
    Column("days_late")]


def _date(option: str, raw: Optional[str]) -> str:
    from rdtool.dates import today

    return parse_option(option, parse_date, raw) or today()


@app.command("submit")
def submit(
    title: str = typer.Argument(..., help="标题，如 关于修缮新华村便民桥的建议"),
    lead: str = typer.Option(..., "--lead", help="领衔代表姓名或 ID"),
    kind: str = typer.Option("suggestion", "--kind", help="议案/motion 或 建议/suggestion（默认建议）"),
    cosigners: Optional[str] = typer.Option(None, "--cosigners", help="附议代表，用 、 ; ； 分隔；同名代表写 姓名#ID"),
    meeting: Optional[str] = typer.Option(None, "--meeting", help=f"{SESSION_HELP}；闭会期间的建议不填"),
    body: Optional[str] = typer.Option(None, "--body", metavar="<内容>", help="内容"),
    category: Optional[str] = typer.Option(None, "--category", help="分类，如 交通运输、教育卫生"),
    on: Optional[str] = typer.Option(None, "--date", help="提出日期（默认今天）"),
    code: Optional[str] = typer.Option(None, "--code", help="编号（默认自动：三届一次-001，闭会期间 2026-001）"),
    db: Optional[str] = DbOpt,
) -> None:
    """登记代表提出的议案或建议。议案须在人代会期间、5名以上代表联名（组织法第二十二条第二款）。"""
    from rdtool.dates import today
    from rdtool.services.proposals import proposals as svc

    raw = {"kind": kind, "title": title, "lead": lead, "cosigners": cosigners, "meeting": meeting, "body": body,
           "category": category, "submitted_on": on or today(), "code": code}
    store = open_db(db)
    result = svc.submit(store, given(**raw))
    typer.echo(f"已登记 {result['code']}（{result['signers']} 名代表联名）")
    from rdtool.cli.common import warn

    warn(result["warnings"])


@app.command("decide")
def decide(
    code: str = MotionArg,
    disposition: str = typer.Argument(..., metavar="处理方式",
                                      help="列入议程、不列入议程 或 作为建议办理（on_agenda/not_on_agenda/as_suggestion）"),
    meeting: Optional[str] = typer.Option(None, "--meeting", metavar="<会议编号>",
                                          help="作出决定的主席团会议（或大会期间的会议），如 P5-03"),
    on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="决定日期（默认为会议日期，或今天）"),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="<承办单位>",
                                       help="作为建议办理的，同时交办给该单位（交办日期即决定日期）"),
    complex_: bool = typer.Option(False, "--complex", help="与 --unit 同用：涉及面广、处理难度大，期限6个月"),
    db: Optional[str] = DbOpt,
) -> None:
    """主席团对议案的决定：列入大会议程、不列入，或作为建议、批评和意见交有关单位办理（组织法第二十二条第二款）。"""
    from rdtool.labels import label
    from rdtool.services.proposals import motions as proposal_motions

    choice = parse_option("处理方式", lambda r: parse_enum("motion_disposition", r), disposition)
    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    row = proposal_motions.decide(store, code, choice, day, meeting, unit, complex_)
    where = f"（{row['decision_meeting']}）" if row["decision_meeting"] else ""
    typer.echo(f"{row['code']}：主席团于 {row['decided_on']}{where}决定{label('motion_disposition', choice)}")
    if row["assigned"]:
        typer.echo(f"已交办 {row['assigned']['unit']}，办理期限 {row['assigned']['due_on']}")


@app.command("outcome")
def outcome(
    code: str = MotionArg,
    result: str = typer.Argument(..., metavar="结果", help="通过、未通过 或 撤回（passed/failed/withdrawn）"),
    meeting: Optional[str] = typer.Option(None, "--meeting", metavar="<会议编号>",
                                          help="审议该议案的人代会（默认为提出议案的会议），如 C5-2"),
    on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="日期（默认为会议日期）"),
    db: Optional[str] = DbOpt,
) -> None:
    """列入大会议程的议案的结果：大会表决通过、未通过，或交付表决前提案人撤回、经主席团同意终止审议（组织法第二十二条第三款）。"""
    from rdtool.labels import label
    from rdtool.services.proposals import motions as proposal_motions

    choice = parse_option("结果", lambda r: parse_enum("motion_outcome", r), result)
    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    row = proposal_motions.outcome(store, code, choice, day, meeting)
    where = f"（{row['outcome_meeting']}）" if row["outcome_meeting"] else ""
    typer.echo(f"{row['code']}：{row['outcome_on']}{where}{label('motion_outcome', choice)}")


@app.command("assign")
def assign(
    code: str = CodeArg,
    unit: str = typer.Option(..., "--unit", help="承办单位，如 镇村镇建设办"),
    on: Optional[str] = DateOpt,
    complex_: bool = typer.Option(False, "--complex", help="涉及面广、处理难度大：期限6个月（代表法第五十一条）"),
    due: Optional[str] = typer.Option(None, "--due", help="另定办理期限（须同时用 --reason 说明理由）"),
    reason: Optional[str] = typer.Option(None, "--reason", help="另定期限的理由"),
    db: Optional[str] = DbOpt,
) -> None:
    """交办：承办单位与交办日期；办理期限按设置自动计算（默认3个月，复杂6个月），月末按民法典第二百零二条。"""
    from rdtool.services.proposals import handling as proposal_handling

    day = _date("--date", on)
    due_day = parse_option("--due", parse_date, due)
    store = open_db(db)
    row = proposal_handling.assign(store, code, unit, day, complex_, due_day, reason)
    typer.echo(f"{row['code']} 已于 {day} 交办 {row['unit']}，办理期限 {row['due_on']}")
    warn(row["warnings"])


@app.command("reply")
def reply(
    code: str = CodeArg,
    result: str = typer.Option(..., "--result", help="办理结果：A 已解决或基本解决、B 正在解决、C 列入计划逐步解决、D 因条件限制留作参考"),
    text: Optional[str] = typer.Option(None, "--text", help="答复内容"),
    on: Optional[str] = DateOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """登记承办单位的答复（本轮）。"""
    from rdtool.services.proposals import handling as proposal_handling

    day = _date("--date", on)
    klass = parse_option("--result", lambda r: parse_enum("proposal_result", r.upper() if len(r) == 1 else r), result)
    store = open_db(db)
    row = proposal_handling.reply(store, code, day, klass, text)
    late = f"，逾期 {row['days_late']} 天" if row["days_late"] else "，按期"
    typer.echo(f"{row['code']} 已于 {day} 答复（{klass}，期限 {row['due_on']}{late}）")


@app.command("feedback")
def feedback(
    code: str = CodeArg,
    opinion: str = typer.Argument(..., metavar="OPINION", help="满意、基本满意、不满意（satisfied/basic/unsatisfied）"),
    on: Optional[str] = DateOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """登记代表对答复的意见；不满意的重新办理，新期限为反馈之日起1个月（可在 config 中设置）。"""
    from rdtool.labels import label
    from rdtool.services.proposals import handling as proposal_handling

    day = _date("--date", on)
    code_ = parse_option("OPINION", lambda r: parse_enum("feedback", r), opinion)
    store = open_db(db)
    row = proposal_handling.feedback(store, code, code_, day)
    typer.echo(f"{row['code']}：代表{label('feedback', code_)}（{day}）")
    if row["new_round"]:
        typer.echo(f"已转入第{row['round']}轮再次办理，承办单位 {row['unit']}，期限 {row['new_round']['due_on']}")


@app.command("close")
def close(
    code: str = CodeArg,
    on: Optional[str] = DateOpt,
    reason: Optional[str] = typer.Option(None, "--reason", help="未经答复和反馈而办结时必须说明理由"),
    db: Optional[str] = DbOpt,
) -> None:
    """办结：答复并经代表反馈（满意、基本满意）后办结；其他情况须用 --reason 说明。"""
    from rdtool.services.proposals import handling as proposal_handling

    day = _date("--date", on)
    store = open_db(db)
    row = proposal_handling.close(store, code, day, reason)
    typer.echo(f"{row['code']} 已于 {day} 办结")


@app.command("edit")
def edit(
    code: str = typer.Argument(..., help="编号，如 三届一次-001"),
    title: Optional[str] = EditTitleOpt,
    body: Optional[str] = optional("--body", "<内容>"),
    kind: Optional[str] = optional("--kind", "<议案/建议>"),
    category: Optional[str] = optional("--category", "<分类>"),
    submitted_on: Optional[str] = optional("--date", "<日期>", "提出日期"),
    meeting: Optional[str] = optional("--meeting", "<会议编号>", "人代会会议编号；写 \"\" 去掉"),
    lead: Optional[str] = optional("--lead", "<姓名>", "领衔代表"),
    cosigners: Optional[str] = optional("--cosigners", "<姓名、姓名>", "附议代表（整体替换）"),
    add: Optional[str] = optional("--add-cosigner", "<姓名>", "增加附议代表"),
    remove: Optional[str] = optional("--remove-cosigner", "<姓名>", "去掉附议代表"),
    complex_: Optional[str] = optional("--complex", "<是/否>", "是否涉及面广、处理难度大（期限随之重算）"),
    new_code: Optional[str] = optional("--code", "<编号>", "更正编号"),
    round_no: Optional[str] = optional("--round", "<轮次>", "以下办理情况属于第几轮（默认最新一轮）"),
    unit: Optional[str] = optional("--unit", "<承办单位>", "更正或改由另一单位承办"),
    assigned_on: Optional[str] = optional("--assigned-on", "<日期>", "交办日期（期限随之重算）"),
    due: Optional[str] = optional("--due", "<日期>", "办理期限（须用 --due-reason 说明）"),
    due_reason: Optional[str] = optional("--due-reason", "<理由>"),
    replied_on: Optional[str] = optional("--replied-on", "<日期>", "答复日期；写 \"\" 撤销误录的答复"),
    result: Optional[str] = optional("--result", "<A/B/C/D>"),
    reply: Optional[str] = optional("--reply", "<答复内容>"),
    feedback: Optional[str] = optional("--feedback", "<满意/基本满意/不满意>", "改为不满意则转入再次办理，改回则取消"),
    feedback_on: Optional[str] = optional("--feedback-on", "<日期>"),
    closed_on: Optional[str] = optional("--closed-on", "<日期>", "办结日期；写 \"\" 撤销误录的办结或撤回"),
    close_reason: Optional[str] = optional("--close-reason", "<理由>"),
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正议案或建议的任一项：标题、内容、类别、领衔和附议代表、承办单位（改办）、期限、各轮答复和代表意见、
    办结或撤回。议案仍须5名以上代表联名（组织法第二十二条第二款）。改前改后逐项列出。"""
    from rdtool.labels import parse_int, parse_list
    from rdtool.services.proposals import edits as svc

    raw = {"title": title, "body": body, "kind": kind, "category": category, "submitted_on": submitted_on,
           "meeting": meeting, "lead": lead, "cosigners": cosigners, "complex": complex_, "code": new_code,
           "unit": unit, "assigned_on": assigned_on, "due_on": due, "due_reason": due_reason,
           "replied_on": replied_on, "result": result.upper() if result and len(result) == 1 else result,
           "reply": reply, "feedback": feedback, "feedback_on": feedback_on, "closed_on": closed_on,
           "close_reason": close_reason}
    store = open_db(db)
    out = svc.edit(store, code, given(**raw),
                   round_no=parse_option("--round", lambda r: parse_int(r, 1), round_no),
                   add=parse_list(add) if add else [], remove=parse_list(remove) if remove else [], reason=reason)
    echo_report(out["report"], f"{out['code']} 没有变化")


@app.command("withdraw")
def withdraw(
    code: str = CodeArg,
    on: Optional[str] = DateOpt,
    reason: Optional[str] = typer.Option(None, "--reason", metavar="<原因>", help="撤回的原因"),
    db: Optional[str] = DbOpt,
) -> None:
    """代表撤回议案或建议：以“代表撤回”办结，记录保留；误录的撤回用 proposal edit 编号 --closed-on "" 恢复。"""
    from rdtool.services.proposals import edits as svc

    day = _date("--date", on)
    store = open_db(db)
    out = svc.withdraw(store, code, day, reason)
    typer.echo(f"{out['code']} 已于 {day} 由代表撤回")


@app.command("list")
def list_(
    status: Optional[str] = typer.Option(None, "--status", help="待交办、办理中、逾期、已答复、再次办理、已反馈、已办结；"
                                                           "议案：待主席团决定、已列入议程、不列入议程、大会通过、大会未通过、已撤回"),
    unit: Optional[str] = typer.Option(None, "--unit", help="承办单位（包含即可）"),
    deputy: Optional[str] = typer.Option(None, "--deputy", help="领衔或附议的代表（姓名、姓名#ID 或 ID；同一人的镇、县代表资格都算）"),
    kind: Optional[str] = typer.Option(None, "--kind", help="议案 或 建议"),
    meeting: Optional[str] = typer.Option(None, "--meeting", help=SESSION_HELP),
    term: Optional[int] = typer.Option(None, "--term", help="届次（按提出日期）"),
    year: Optional[int] = typer.Option(None, "--year", help="年度（按提出日期）"),
    category: Optional[str] = typer.Option(None, "--category", help="分类"),
    overdue: bool = typer.Option(False, "--overdue", help="只列逾期未答复的（即 --status 逾期）"),
    as_of: Optional[str] = AsOfOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出议案和建议（按提出日期）。"""
    from rdtool.services.proposals import views as proposal_views

    fmt = check_format(fmt)
    store = open_db(db)
    rows = proposal_views.listing(
        store, status=parse_option("--status", lambda r: parse_enum("proposal_status", r), status), unit=unit,
        deputy=deputy, kind=parse_option("--kind", lambda r: parse_enum("proposal_kind", r), kind),
        meeting=meeting, term=term, year=year, category=category, overdue=overdue,
        as_of=parse_option("--as-of", parse_date, as_of))
    render_list(rows, LIST_COLUMNS, FULL_COLUMNS, fmt, empty="没有符合条件的议案或建议")


@app.command("show")
def show(
    code: str = typer.Argument(..., help="编号或 ID"),
    as_of: Optional[str] = AsOfOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一件议案或建议的全部信息、附议代表、各轮办理情况和时间线。"""
    from rdtool.render import render_json, render_record, render_rows
    from rdtool.services.proposals import views as proposal_views

    fmt = check_format(fmt)
    store = open_db(db)
    p = proposal_views.show(store, code, parse_option("--as-of", parse_date, as_of))
    if fmt == "json":
        render_json(p)
        return
    motion_only = ("disposition", "decided_on", "decision_meeting", "outcome", "outcome_on", "outcome_meeting")
    cols = SHOW_COLUMNS if p["kind"] == "motion" else [c for c in SHOW_COLUMNS if c.key not in motion_only]
    render_record(p, cols, fmt, title=f"{p['code']} {p['title']}")
    if fmt in ("table", "md"):
        typer.echo("")
        render_rows(p["timeline"], [Column("date", "日期"), Column("event", "环节"), Column("detail", "情况")], fmt,
                    title="办理过程")


app.command("due")(tracking.due)
app.command("overdue")(tracking.overdue)
app.command("search")(tracking.search)
app.command("stats")(tracking.stats)
