"""general-election result, results, credentials, deputies, summary: voting, credentials and the new roster."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.commands.general_election.options import (TURNOUT_COLUMNS, ConstituencyOpt, TermArg, parse_level,
                                                         parse_votes)
from rdtool.cli.common import check_format, open_db, parse_option, warn
from rdtool.cli.options import DbOpt, FormatOpt, LevelOpt
from rdtool.labels import parse_date
from rdtool.render import Column, render_json, render_record, render_rows


def result(
    term: int = TermArg,
    level: str = LevelOpt,
    constituency_name: str = ConstituencyOpt,
    issued: str = typer.Option(..., "--issued", help="发出选票数（参加投票的选民数）"),
    returned: str = typer.Option(..., "--returned", help="收回选票数"),
    invalid: str = typer.Option("0", "--invalid", help="无效票数"),
    vote: List[str] = typer.Option(..., "--vote", help="候选人得票：姓名=票数，可重复，或写在一起：张三=812、李四=640"),
    round_no: Optional[str] = typer.Option(None, "--round", help="轮次（默认下一轮）"),
    held_on: Optional[str] = typer.Option(None, "--date", help="投票日期（默认选举日）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """录入一个选区一轮投票的结果，按选举法第四十四条、第四十五条计算：收回多于发出则无效；过半数选民参加投票
    选举才有效；得票超过参加投票选民的半数才当选；超过名额以得票多的当选；票数相等须再次投票；不足名额另行
    选举，得票多且不少于选票三分之一者当选；仍不足则暂缺（以后补选）。票数相等后的再次投票只列票数相等的候选人，
    以得票多的当选（第四十五条第三款）。"""
    from rdtool.labels import parse_int
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    votes = parse_votes(list(vote))
    n = {k: parse_option(f"--{k}", lambda r: parse_int(r, 0), v)
         for k, v in (("issued", issued), ("returned", returned), ("invalid", invalid))}
    store = open_db(db)
    r = results.add_result(store, term, parse_level(level), constituency_name, votes, n["issued"], n["returned"],
                       n["invalid"], parse_option("--date", parse_date, held_on),
                       parse_option("--round", lambda x: parse_int(x, 1), round_no))
    warn(r["warnings"])
    if fmt == "json":
        render_json(r)
        return
    if fmt in ("table", "md"):
        kind = "（再次投票）" if r["tie_revote"] else ("（另行选举）" if r["revote"] else "")
        typer.echo(f"{r['constituency']}第{r['round']}轮{kind}：{r['explanation']}")
        return
    render_record({**r, "elected": "、".join(r["elected"]), "tie": "、".join(r["tie"])},
                  [Column(k) for k in ("constituency", "round", "seats", "revote", "tie_revote", "valid", "void",
                                       "elected", "tie",
                                       "shortfall", "vacant", "explanation")], fmt)


def results(
    term: int = TermArg,
    level: str = LevelOpt,
    explain: bool = typer.Option(False, "--explain", help="列出每一轮的计票说明"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出各选区各轮投票结果（每名候选人一行）。"""
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    store = open_db(db)
    lv = parse_level(level)
    if explain:
        render_rows(results.round_explanations(store, term, lv),
                    [Column("constituency"), Column("round"), Column("explanation", "计票说明")], fmt)
        return
    rows = results.result_rows(store, term, lv)
    cols = [Column("constituency"), Column("round"), Column("revote", "另行选举", kind="bool"),
            Column("tie_revote", "再次投票", kind="bool"), Column("held_on"),
            Column("seats", "本轮名额"), Column("ballots_issued"), Column("ballots_returned"),
            Column("ballots_invalid"), Column("candidate"), Column("votes"),
            Column("status", "结果", enum="ge_outcome")]
    render_rows(rows, cols, fmt, title=f"第{term}届换届选举投票结果")


def credentials(
    term: int = TermArg,
    names: Optional[List[str]] = typer.Argument(None, help="当选人姓名；与 --all 二选一"),
    level: str = LevelOpt,
    all_: bool = typer.Option(False, "--all", help="全部当选人"),
    on: str = typer.Option(..., "--date", help="主席团（县级为县人大常委会）根据资格审查委员会报告确认的日期"),
    reject: bool = typer.Option(False, "--reject", help="确定当选无效（而不是确认资格）"),
    reason: Optional[str] = typer.Option(None, "--reason", help="说明（当选无效时写明原因）"),
    db: Optional[str] = DbOpt,
) -> None:
    """代表资格审查（选举法第四十七条）：确认当选代表的资格，或确定当选无效。"""
    from rdtool.errors import UsageError
    from rdtool.services.general_election import results

    if bool(names) == all_:
        raise UsageError("请写出当选人姓名，或用 --all 表示全部当选人（二者选一）")
    if reject and not reason:
        raise UsageError("确定当选无效时请用 --reason 写明原因")
    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    r = results.credentials(store, term, parse_level(level), list(names or []), day, confirm=not reject, note=reason)
    typer.echo(f"已{'确认' if r['confirmed'] else '确定当选无效：'}{r['count']}名当选代表"
               + ("的资格" if r["confirmed"] else "") + f"（{day}，选举法第四十七条）")
    warn(r["warnings"])


def deputies(
    term: int = TermArg,
    level: Optional[str] = typer.Option(None, "--level", help="代表层级：镇/县；不填则两级都办"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """把资格已确认的当选人列入新一届代表名单（层级、选区、当选日期、是否连任）。一次事务完成；重复运行不会重复
    登记，已在名单上的代表只做关联。"""
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    store = open_db(db)
    r = results.seat(store, term, parse_level(level) if level else None)
    if fmt in ("table", "md"):
        typer.echo(f"第{term}届：新列入代表{r['created']}名，关联已有代表{r['linked']}名，此前已列入{r['already']}名"
                   + (f"；{r['pending']}名当选人尚待资格审查" if r["pending"] else "")
                   + (f"；{r['rejected']}名当选无效" if r["rejected"] else ""))
        return
    render_record(r, [Column("created", "新列入代表"), Column("linked", "关联已有代表"), Column("already", "此前已列入"),
                      Column("pending", "待资格审查"), Column("rejected", "当选无效")], fmt)


def summary(
    term: int = TermArg,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """换届选举总结：各级概况、各选区参选率、新一届代表结构与目标、总结文字。"""
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    store = open_db(db)
    data = results.summary(store, term)
    if fmt == "json":
        render_json(data)
        return
    if fmt in ("csv", "tsv", "jsonl"):
        render_rows(data["turnout"], TURNOUT_COLUMNS, fmt)
        return
    level_cols = [Column("level", "层级", enum="level"), Column("election_day", "选举日"),
                  Column("constituencies", "选区数"), Column("seats"), Column("voters"), Column("voted", "参加投票"),
                  Column("turnout", "参选率", kind="rate"), Column("candidates", "正式候选人"),
                  Column("elected", "当选"), Column("confirmed", "资格确认"), Column("seated", "列入名单"),
                  Column("vacant", "暂缺")]
    if fmt == "md":
        typer.echo(f"## 第{term}届换届选举总结\n\n{data['text']}\n")
    else:
        typer.echo(data["text"] + "\n")
    render_rows(data["levels"], level_cols, fmt, title="概况")
    typer.echo("")
    render_rows(data["turnout"], TURNOUT_COLUMNS, fmt, title="各选区参选率")
    from rdtool.cli.views import render_composition

    for comp in data["composition"].values():
        typer.echo("")
        render_composition(comp, fmt)
