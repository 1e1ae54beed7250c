"""rdtool election …: elections by the township congress (组织法第十四条、第十八条、第十九条、第二十五条、第二十七条、
第二十九条)."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.common import show_record
from rdtool.cli.common import check_format, echo_recomputed, echo_report, make_app, open_db, parse_option, warn
from rdtool.cli.options import DbOpt, EditSeatsOpt, FormatOpt, MeetingOpt, NotesOpt, ReasonOpt, SESSION_HELP, TermOpt
from rdtool.render import Column, render_list
from rdtool.cells import leave_out_first

app = make_app("人代会选举：会议须有三分之二以上代表出席（组织法第十四条第四款），发出选票不能多于出席代表；"
               "当选须获全体代表过半数选票（组织法第二十五条、第二十九条）；多于应选名额时以得票多的当选，"
               "票数相等时下一轮就票数相等的人再次投票、以得票多的当选（第二十九条第一款）；不足名额另行选举"
               "（第二十九条第二款、第三款）；副主席一人至二人（第十八条第一款）；收回选票多于发出选票的选举无效"
               "（选举法第四十四条）。主席、副主席、主席团成员的当选人记入主席团职务（第十八条、第十九条，须是代表），"
               "主席、副主席、镇长、副镇长的当选人记为任职并跟踪宪法宣誓、公告（appointment list --incomplete）。")

LIST_COLUMNS = [Column("contest_id", "选举ID"), Column("meeting_code", "会议"), Column("post"),
                Column("round"), Column("seats"), Column("candidate"), Column("votes"),
                Column("elected", kind="bool"), Column("elected_on", "当选日期"),
                Column("outcome", enum="election_outcome")]
MACHINE_COLUMNS = LIST_COLUMNS[:6] + [Column("deputy_id"), Column("votes"), Column("elected", kind="bool"),
                                      Column("elected_on"), Column("outcome"), Column("ballots_issued"),
                                      Column("ballots_returned"), Column("ballots_invalid")]
LIST_COLUMNS = leave_out_first(LIST_COLUMNS, "elected_on", "seats", "round", "contest_id")


def _cands(values: Optional[List[str]]) -> list:
    from rdtool.services.elections.elections import parse_candidate

    return [parse_option("--candidate", parse_candidate, v) for v in values or []]


def _int(option: str, raw: Optional[str], minimum: int = 0):
    from rdtool.labels import parse_int

    return parse_option(option, lambda r: parse_int(r, minimum), raw)


def _print(record: dict) -> None:
    from rdtool.labels import label
    from rdtool.services.elections.elections import STAGE_ZH

    stage = f"·{STAGE_ZH[record['stage']]}" if record["stage"] != "first" else ""
    typer.echo(f"{record['meeting_code']} {record['post']}（第{record['round']}轮{stage}，选举ID {record['id']}）："
               f"{label('election_outcome', record['outcome'])}")
    typer.echo(record["explanation"])
    for w in record["warnings"]:
        typer.echo(f"注意：{w}")
    for line in record.get("roster_changes") or []:
        typer.echo(f"已记入：{line}")


ADD_HELP = ("记录一场选举（一个职务的一轮投票），按法定规则计算当选人。\n\n"
            "不足法定人数的会议不能选举，发出选票不能多于出席代表（组织法第十四条第四款）。"
            "候选人数不符合差额规定时给出提示（组织法第二十七条第一款；另行选举副职同样须差额，第二十九条第三款）；"
            "另行选举未按第一次投票得票顺序确定候选人时，提示核对是否依法另行提名（第二十九条第二款）。"
            "主席、副主席、主席团成员须从代表中选出（第十八条第一款、第十九条第一款）。")


SessionArg = typer.Argument(..., help=SESSION_HELP)
SeatsOpt = typer.Option(..., "--seats", metavar="<名额>", help="应选名额")


@app.command("add", help=ADD_HELP)
def add(
    meeting: str = SessionArg,
    post: str = typer.Option(..., "--post", metavar="<职务>", help="职务：主席、副主席、镇长、副镇长、主席团成员……"),
    seats: str = typer.Option(..., "--seats", metavar="<名额>",
                              help="应选名额；再次投票为票数相等者争的名额，另行选举为尚缺的名额；副主席至多2名"),
    candidate: Optional[List[str]] = typer.Option(None, "--candidate", "-c", metavar="<姓名=得票>",
                                                  help="候选人及得票，可重复：--candidate 于玉林=75；同名代表写 王建国#20=61"),
    issued: Optional[str] = typer.Option(None, "--issued", metavar="<张数>",
                                         help="发出选票（默认为出席人数；不能多于出席代表）"),
    returned: Optional[str] = typer.Option(None, "--returned", metavar="<张数>", help="收回选票（默认等于发出）"),
    invalid: Optional[str] = typer.Option(None, "--invalid", metavar="<张数>", help="无效票（默认0）"),
    round_: Optional[str] = typer.Option(None, "--round", metavar="<轮次>",
                                         help="轮次（默认下一轮）。前一轮票数相等，本轮即再次投票，只列票数相等的人、"
                                              "以得票多的当选（组织法第二十九条第一款）；前一轮未选满，本轮即另行选举"
                                              "（第二十九条第二款）"),
    by_election: bool = typer.Option(False, "--by-election", help="补选（组织法第三十条：候选人可多于或等于应选名额）"),
    date: Optional[str] = typer.Option(None, "--date", metavar="<日期>",
                                       help="选举日期（默认为会议第一天；会议第二天选举时写明，须在会期之内）"),
    db: Optional[str] = DbOpt,
) -> None:
    from rdtool.labels import parse_date
    from rdtool.services.meetings import records as svc

    held_on = parse_option("--date", parse_date, date)
    store = open_db(db)
    result = svc.add_election(store, meeting, post, _int("--seats", seats, 1), _cands(candidate),
                              issued=_int("--issued", issued), returned=_int("--returned", returned),
                              invalid=_int("--invalid", invalid), round_=_int("--round", round_, 1),
                              by_election=by_election, held_on=held_on)
    _print(result["record"])
    echo_recomputed(result["report"].derived)


@app.command("edit")
def edit(
    ref: str = typer.Argument(..., help="选举 ID（见 election list）"),
    seats: Optional[str] = EditSeatsOpt,
    candidate: Optional[List[str]] = typer.Option(None, "--candidate", "-c", help="更正得票或补充候选人：姓名=得票"),
    issued: Optional[str] = typer.Option(None, "--issued", metavar="<张数>"),
    returned: Optional[str] = typer.Option(None, "--returned", metavar="<张数>"),
    invalid: Optional[str] = typer.Option(None, "--invalid", metavar="<张数>"),
    by_election: Optional[bool] = typer.Option(None, "--by-election/--not-by-election",
                                               help="更正是否为补选（组织法第三十条）"),
    date: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="更正选举日期（须在会期之内）"),
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正选票、得票数、是否补选或选举日期；当选结果（及其后各轮）随之重新计算，主席团职务和任职记录随之更正；
    此后主席团会议的应到人数随之重新计算。改前改后逐项列出。"""
    from rdtool.labels import parse_date
    from rdtool.services.meetings import records as svc

    held_on = parse_option("--date", parse_date, date)
    store = open_db(db)
    result = svc.edit_election(store, ref, reason, seats=_int("--seats", seats, 1), issued=_int("--issued", issued),
                               returned=_int("--returned", returned), invalid=_int("--invalid", invalid),
                               cands=_cands(candidate), by_election=by_election, held_on=held_on)
    echo_report(result["report"])
    _print(result["record"])


@app.command("list")
def list_(
    meeting: Optional[str] = MeetingOpt,
    term: Optional[int] = TermOpt,
    elected: bool = typer.Option(False, "--elected", help="只列当选人"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出选举：每位候选人一行（得票、是否当选、当选日期、该场选举结果）。"""
    from rdtool.services.elections import elections as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.listing(store, meeting=meeting, term=term, elected_only=elected)
    render_list(rows, LIST_COLUMNS, MACHINE_COLUMNS, fmt, empty="没有符合条件的选举")


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="选举 ID"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一场选举：选票、每位候选人的得票与结果、计票说明和差额提示。"""
    from rdtool.services.elections import elections as svc

    fmt = check_format(fmt)
    store = open_db(db)
    record = svc.show(store, ref)
    from rdtool.services.elections.elections import STAGE_ZH

    view = {"warnings": "；".join(record["warnings"]), "elected": "、".join(record["elected"]),
            "tie": "、".join(record["tie"]), "stage": STAGE_ZH[record["stage"]]}
    cols = [Column("meeting_code", "会议"), Column("post"), Column("round"), Column("stage", "本轮"), Column("seats"),
            Column("ballots_issued"), Column("ballots_returned"), Column("ballots_invalid"),
            Column("valid_ballots", "有效票"), Column("all_deputies", "全体代表"),
            Column("required_votes", "当选至少得票"), Column("elected", "当选"), Column("tie", "票数相等须再次投票"),
            Column("shortfall", "尚缺名额"), Column("outcome", enum="election_outcome"),
            Column("explanation", "计票说明"), Column("article", "依据"), Column("warnings", "提示")]
    show_record(record, cols, fmt, f"选举 {record['id']}：{record['meeting_code']} {record['post']}", view=view,
                sections=[("候选人", record["candidates"], [Column("name", "候选人"), Column("votes"),
                                                          Column("status", "结果", enum="candidate_status"),
                                                          Column("elected_on", "当选日期")], True)])


@app.command("sync")
def sync(db: Optional[str] = DbOpt) -> None:
    """把已记录的选举结果记入主席团职务和任职记录（旧版本录入的选举用；新录入的选举会自动记入）。"""
    from rdtool.services.elections import outcomes as svc

    store = open_db(db)
    lines = svc.sync_all(store)
    for line in lines:
        typer.echo(f"已记入：{line}")
    typer.echo(f"完成：{len(lines)}处变化" if lines else "选举结果已全部记入，没有需要补记的")


@app.command("nominate")
def nominate(
    meeting: str = SessionArg,
    post: str = typer.Option(..., "--post", metavar="<职务>", help="职务：主席、副主席、镇长、副镇长……"),
    seats: str = SeatsOpt,
    by: str = typer.Option(..., "--by", metavar="<提名方>", help="主席团 或 代表（代表十人以上书面联名）"),
    candidate: Optional[List[str]] = typer.Option(None, "--candidate", "-c", metavar="<姓名>",
                                                  help="提名的候选人，可重复；人数不得超过应选名额（组织法第二十六条第三款）"),
    signers: Optional[str] = typer.Option(None, "--signers", metavar="<代表…>",
                                          help="代表联合提名：全部联名代表，用 、或 ; 分隔（十人以上，只计本级在任、"
                                               "未暂停执行职务的乡镇代表）"),
    date: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="提名日期（默认会议第一天）"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录一件候选人提名（组织法第二十六条）：主席团提名，或乡镇人大代表十人以上书面联名提名主席、副主席、乡镇长、
    副乡镇长的候选人；主席团提名的、每一代表与其他代表联合提名的候选人人数，均不得超过应选名额。提名的候选人多于
    差额规定时提示须先预选（第二十七条第一款，election primary）。"""
    from rdtool.labels import parse_date, parse_enum, parse_list
    from rdtool.services.elections import nominations

    code = parse_option("--by", lambda r: parse_enum("nominated_by", r), by)
    day = parse_option("--date", parse_date, date)
    store = open_db(db)
    s = nominations.nominate(store, meeting, post, _int("--seats", seats, 1), code, list(candidate or []),
                             parse_list(signers) if signers else [], day, notes)
    typer.echo(f"已记录{s['post']}候选人提名：{'、'.join(candidate or [])}；{s['post']}共提名{len(s['candidates'])}人"
               f"（{'、'.join(s['candidates'])}），应选{s['seats']}名")
    warn(s["notes"])
    if s["primary_needed"]:
        typer.echo("注意：提名的候选人数超过差额规定，由主席团提交代表酝酿、讨论后进行预选，按得票多少确定正式候选人"
                   "（组织法第二十七条第一款；election primary）")


@app.command("primary")
def primary(
    meeting: str = SessionArg,
    post: str = typer.Option(..., "--post", metavar="<职务>", help="职务"),
    seats: str = SeatsOpt,
    margin: str = typer.Option(..., "--margin", metavar="<差额数>",
                               help="选举办法规定的差额数：正职1（只提名一人时0），副职1至3（组织法第二十七条第一款）"),
    candidate: Optional[List[str]] = typer.Option(None, "--candidate", "-c", metavar="<姓名=得票>",
                                                  help="预选得票，每名提名的候选人一个：--candidate 于玉林=75"),
    date: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="预选日期（默认会议第一天）"),
    db: Optional[str] = DbOpt,
) -> None:
    """记录预选结果（组织法第二十七条第一款）：提名的候选人数超过选举办法规定的差额数时，根据在预选中得票多少的顺序，
    按差额数确定正式候选人名单。最后名额上票数相等时注明，由主席团决定。重新录入即更正（原记录作废保留）。"""
    from rdtool.labels import parse_date
    from rdtool.services.elections import nominations

    day = parse_option("--date", parse_date, date)
    votes = [(name, v) for name, _, v in _cands(candidate)]
    if not votes:
        from rdtool.errors import UsageError

        raise UsageError("没有写预选得票", "用 --candidate 姓名=得票 写每名候选人的预选得票")
    store = open_db(db)
    s = nominations.primary(store, meeting, post, _int("--seats", seats, 1), _int("--margin", margin), votes, day)
    typer.echo(f"{s['meeting']} {s['post']}预选：正式候选人 {'、'.join(s['formal']) or '（未能确定）'}"
               f"（应选{s['seats']}名，组织法第二十七条第一款）")
    for n in s["notes"]:
        typer.echo(f"注意：{n}")


@app.command("nominations")
def nominations_(
    meeting: Optional[str] = MeetingOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出人代会选举的候选人提名（主席团提名、代表联合提名）、是否须预选、预选确定的正式候选人。"""
    from rdtool.render import render_rows
    from rdtool.services.elections import nominations

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(nominations.listing(store, meeting),
                [Column("meeting", "会议"), Column("post", "职务"), Column("seats", "应选名额"),
                 Column("presidium", "主席团提名"), Column("deputies", "代表联合提名"), Column("candidates", "提名人数"),
                 Column("primary_needed", "须预选", kind="bool"), Column("formal", "预选确定的正式候选人")],
                fmt, title="候选人提名")
