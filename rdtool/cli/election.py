"""rdtool election …: elections by the township congress (组织法第二十五条、第二十七条、第二十九条)."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.common import DbOpt, FormatOpt, check_format, make_app, open_db, parse_option
from rdtool.render import Column, leave_out_first, render_json, render_record, render_rows, render_list

app = make_app("人代会选举：当选须获全体代表过半数选票（组织法第二十五条、第二十九条）；多于应选名额时以得票多的当选，"
               "票数相等须再次投票；不足名额另行选举；收回选票多于发出选票的选举无效（选举法第四十四条）。")

LIST_COLUMNS = [Column("contest_id", "选举ID"), Column("meeting_code", "会议"), Column("post"),
                Column("round"), Column("seats"), Column("candidate"), Column("votes"),
                Column("elected", kind="bool"), Column("elected_on", "当选日期"),
                Column("outcome", enum="election_outcome")]
MACHINE_COLUMNS = LIST_COLUMNS[:6] + [Column("deputy_id"), Column("votes"), Column("elected", kind="bool"),
                                      Column("elected_on"), Column("outcome"), Column("ballots_issued"),
                                      Column("ballots_returned"), Column("ballots_invalid")]
LIST_COLUMNS = leave_out_first(LIST_COLUMNS, "elected_on", "seats", "round", "contest_id")


def _cands(values: Optional[List[str]]) -> list:
    from rdtool.services.elections import parse_candidate

    return [parse_option("--candidate", parse_candidate, v) for v in values or []]


def _int(option: str, raw: Optional[str], minimum: int = 0):
    from rdtool.labels import parse_int

    return parse_option(option, lambda r: parse_int(r, minimum), raw)


def _print(record: dict) -> None:
    from rdtool.labels import label

    typer.echo(f"{record['meeting_code']} {record['post']}（第{record['round']}轮，选举ID {record['id']}）："
               f"{label('election_outcome', record['outcome'])}")
    typer.echo(record["explanation"])
    for w in record["warnings"]:
        typer.echo(f"注意：{w}")


@app.command("add")
def add(
    meeting: str = typer.Argument(..., help="人代会编号，如 C3-1"),
    post: str = typer.Option(..., "--post", help="职务：主席、副主席、镇长、副镇长、主席团成员……"),
    seats: str = typer.Option(..., "--seats", help="应选名额"),
    candidate: Optional[List[str]] = typer.Option(None, "--candidate", "-c",
                                                  help="候选人及得票，可重复：--candidate 于玉林=75；同名代表写 王建国(20)=61"),
    issued: Optional[str] = typer.Option(None, "--issued", help="发出选票（默认为出席人数）"),
    returned: Optional[str] = typer.Option(None, "--returned", help="收回选票（默认等于发出）"),
    invalid: Optional[str] = typer.Option(None, "--invalid", help="无效票（默认0）"),
    round_: Optional[str] = typer.Option(None, "--round", help="轮次（默认下一轮；再次投票、另行选举为新的一轮）"),
    by_election: bool = typer.Option(False, "--by-election", help="补选（组织法第三十条：候选人可多于或等于应选名额）"),
    db: Optional[str] = DbOpt,
) -> None:
    """记录一场选举（一个职务的一轮投票），按法定规则计算当选人；候选人数不符合差额规定时给出提示（组织法第二十七条）。"""
    from rdtool.services import elections as svc

    store = open_db(db)
    record = svc.add(store, meeting, post, _int("--seats", seats, 1), _cands(candidate),
                     issued=_int("--issued", issued), returned=_int("--returned", returned),
                     invalid=_int("--invalid", invalid), round_=_int("--round", round_, 1), by_election=by_election)
    _print(record)


@app.command("edit")
def edit(
    ref: str = typer.Argument(..., help="选举 ID（见 election list）"),
    seats: Optional[str] = typer.Option(None, "--seats"),
    candidate: Optional[List[str]] = typer.Option(None, "--candidate", "-c", help="更正得票或补充候选人：姓名=得票"),
    issued: Optional[str] = typer.Option(None, "--issued"),
    returned: Optional[str] = typer.Option(None, "--returned"),
    invalid: Optional[str] = typer.Option(None, "--invalid"),
    db: Optional[str] = DbOpt,
) -> None:
    """更正选票或得票数；当选结果随之重新计算。"""
    from rdtool.services import elections as svc

    store = open_db(db)
    record = svc.edit(store, ref, seats=_int("--seats", seats, 1), issued=_int("--issued", issued),
                      returned=_int("--returned", returned), invalid=_int("--invalid", invalid),
                      cands=_cands(candidate))
    _print(record)


@app.command("list")
def list_(
    meeting: Optional[str] = typer.Option(None, "--meeting", help="会议编号"),
    term: Optional[int] = typer.Option(None, "--term", help="届次"),
    elected: bool = typer.Option(False, "--elected", help="只列当选人"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出选举：每位候选人一行（得票、是否当选、当选日期、该场选举结果）。"""
    from rdtool.services import elections as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.listing(store, meeting=meeting, term=term, elected_only=elected)
    render_list(rows, LIST_COLUMNS, MACHINE_COLUMNS, fmt)


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="选举 ID"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一场选举：选票、每位候选人的得票与结果、计票说明和差额提示。"""
    from rdtool.services import elections as svc

    fmt = check_format(fmt)
    store = open_db(db)
    record = svc.show(store, ref)
    if fmt == "json":
        render_json(record)
        return
    view = {**record, "warnings": "；".join(record["warnings"]), "elected": "、".join(record["elected"]),
            "tie": "、".join(record["tie"])}
    cols = [Column("meeting_code", "会议"), Column("post"), Column("round"), Column("seats"),
            Column("ballots_issued"), Column("ballots_returned"), Column("ballots_invalid"),
            Column("valid_ballots", "有效票"), Column("all_deputies", "全体代表"),
            Column("required_votes", "当选至少得票"), Column("elected", "当选"), Column("tie", "票数相等须再次投票"),
            Column("shortfall", "尚缺名额"), Column("outcome", enum="election_outcome"),
            Column("explanation", "计票说明"), Column("article", "依据"), Column("warnings", "提示")]
    render_record(view, cols, fmt, title=f"选举 {record['id']}：{record['meeting_code']} {record['post']}")
    if fmt in ("table", "md"):
        typer.echo("")
        render_rows(record["candidates"], [Column("name", "候选人"), Column("votes"),
                                           Column("status", "结果", enum="candidate_status"),
                                           Column("elected_on", "当选日期")], fmt, title="候选人")
