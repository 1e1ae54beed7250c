"""general-election edit-result, edit-candidate, edit-constituency: corrections, with a reason, recounted."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.commands.general_election.options import TermArg, parse_level, parse_votes
from rdtool.cli.common import given, open_db, parse_option
from rdtool.cli.options import CandidateArg, DbOpt, EditNotesOpt, EditReasonOpt, EditSeatsOpt, LevelOpt
from rdtool.labels import parse_date


def edit_result(
    term: int = TermArg,
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", metavar="<选区>", help="选区"),
    round_no: str = typer.Option("1", "--round", metavar="<轮次>", help="更正第几轮（默认第1轮）"),
    issued: Optional[str] = typer.Option(None, "--issued", metavar="<张数>", help="发出选票数"),
    returned: Optional[str] = typer.Option(None, "--returned", metavar="<张数>", help="收回选票数"),
    invalid: Optional[str] = typer.Option(None, "--invalid", metavar="<张数>", help="无效票数"),
    vote: Optional[List[str]] = typer.Option(None, "--vote", metavar="<姓名=票数>", help="更正得票，可重复"),
    held_on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="投票日期"),
    reason: Optional[str] = EditReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正一轮投票的选票数或得票：这一轮和其后各轮按选举法第四十四条、第四十五条重新计票，当选结果的变化逐项列出。
    已列入代表名单的当选人因此不再当选的，拒绝并说明。"""
    from rdtool.cli.common import echo_report
    from rdtool.labels import parse_int
    from rdtool.services.general_election import edits

    n = {k: parse_option(f"--{k}", lambda r: parse_int(r, 0), v)
         for k, v in (("issued", issued), ("returned", returned), ("invalid", invalid))}
    store = open_db(db)
    out = edits.edit_round(store, term, parse_level(level), constituency_name,
                           parse_option("--round", lambda r: parse_int(r, 1), round_no), votes=parse_votes(vote) if vote
                           else None, held_on=parse_option("--date", parse_date, held_on), reason=reason, **n)
    echo_report(out["report"], "没有变化")
    typer.echo(out["round"]["explanation"])


def edit_candidate(
    term: int = TermArg,
    name: str = CandidateArg,
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", metavar="<选区>", help="候选人现在所在的选区"),
    new_name: Optional[str] = typer.Option(None, "--name", metavar="<姓名>", help="更正姓名"),
    gender: Optional[str] = typer.Option(None, "--gender", metavar="<性别>"),
    birth_date: Optional[str] = typer.Option(None, "--birth-date", metavar="<日期>"),
    ethnicity: Optional[str] = typer.Option(None, "--ethnicity", metavar="<民族>"),
    party: Optional[str] = typer.Option(None, "--party", metavar="<政治面貌>"),
    education: Optional[str] = typer.Option(None, "--education", metavar="<文化程度>"),
    occupation: Optional[str] = typer.Option(None, "--occupation", metavar="<代表构成>"),
    workplace: Optional[str] = typer.Option(None, "--workplace", metavar="<单位及职务>"),
    nominated_by: Optional[str] = typer.Option(None, "--nominated-by", metavar="<推荐单位>"),
    nominators: Optional[str] = typer.Option(None, "--nominators", metavar="<人数>"),
    final: Optional[str] = typer.Option(None, "--final", metavar="<是/否>", help="是否正式代表候选人"),
    move_to: Optional[str] = typer.Option(None, "--move-to", metavar="<选区>", help="改到另一选区（尚无得票时）"),
    reason: Optional[str] = EditReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正一名代表候选人的信息、推荐方式、是否正式候选人或所在选区，改前改后逐项列出。"""
    from rdtool.cli.common import echo_report
    from rdtool.services.general_election import edits

    raw = {"name": new_name, "gender": gender, "birth_date": birth_date, "ethnicity": ethnicity, "party": party,
           "education": education, "occupation": occupation, "workplace": workplace, "nominated_by": nominated_by,
           "nominators": nominators, "final": final, "constituency": move_to}
    store = open_db(db)
    out = edits.edit_candidate(store, term, parse_level(level), constituency_name, name,
                               given(**raw), reason)
    echo_report(out["report"], f"{out['name']} 没有变化")
    if out["note"]:
        typer.echo(f"注意：{out['note']}")


def edit_constituency(
    term: int = TermArg,
    name: str = typer.Argument(..., help="选区名称"),
    level: str = LevelOpt,
    new_name: Optional[str] = typer.Option(None, "--name", metavar="<选区名称>", help="更正名称"),
    seats: Optional[str] = EditSeatsOpt,
    voters: Optional[str] = typer.Option(None, "--voters", metavar="<人数>", help="登记选民数（参选率随之重算）"),
    notes: Optional[str] = EditNotesOpt,
    reason: Optional[str] = EditReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正选区的名称、应选名额或登记选民数；已录入的投票结果随之重新计票，变化逐项列出。"""
    from rdtool.cli.common import echo_report
    from rdtool.services.general_election import edits

    raw = {"name": new_name, "seats": seats, "voters": voters, "notes": notes}
    store = open_db(db)
    out = edits.edit_constituency(store, term, parse_level(level), name, given(**raw),
                                  reason)
    echo_report(out["report"], f"选区 {out['name']} 没有变化")
