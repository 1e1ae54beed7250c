"""rdtool by-election …: by-elections of deputies (补选, 选举法第五十七条)."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.common import check_format, given, make_app, open_db, parse_option, warn
from rdtool.cli.options import (CandidateArg, DbOpt, EducationOpt, EthnicityOpt, FormatOpt, GenderOpt, LevelOpt,
    OccupationOpt, PartyOpt, WorkplaceOpt)
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_json, render_record, render_rows

app = make_app(
    "补选代表：缺额（代表出缺、换届选举暂缺的名额）、补选计划、候选人（可以多于也可以等于应选名额，选举法第五十七条"
    "第四款）、投票结果（过半数选民参加投票、得票超过参加投票选民半数当选，第四十五条；北京细则第六十四条）、"
    "资格审查并列入代表名单（第五十七条第五款、第四十七条）。")

CodeArg = typer.Argument(..., metavar="编号", help="补选编号，如 B3-01（rdtool by-election list 查看）")


def _level(raw: str) -> str:
    return parse_option("--level", lambda r: parse_enum("level", r), raw)




@app.command("vacancies")
def vacancies(
    term: Optional[int] = typer.Option(None, "--term", metavar="<届次>", help="届次（默认本届）"),
    level: str = LevelOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """各选区的缺额：离任的代表（代表法第六十二条）、换届选举暂缺的名额（山东细则第四十九条第四款），减去已补选的名额。"""
    from rdtool.services.elections import by_elections as svc
    from rdtool.services.deputies.deputies import current_term

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.vacancies(store, term if term is not None else current_term(store), _level(level))
    render_rows(rows, [Column("constituency"), Column("ended", "离任代表"), Column("ended_names", "离任"),
                       Column("unfilled", "换届暂缺"), Column("by_elections", "补选"), Column("filled", "已补选名额"),
                       Column("open", "缺额")], fmt, title="缺额", empty="没有缺额")


@app.command("plan")
def plan(
    term: int = typer.Argument(..., metavar="届次", help="补选代表的届次，如 3"),
    constituency: str = typer.Option(..., "--constituency", metavar="<选区>", help="原选区（选举法第五十七条第一款）"),
    seats: str = typer.Option(..., "--seats", metavar="<名额>", help="补选名额（不超过该选区的缺额）"),
    voters: str = typer.Option(..., "--voters", metavar="<人数>", help="重新核对后的选区选民数"),
    election_day: str = typer.Option(..., "--date", metavar="<日期>", help="补选投票日"),
    level: str = LevelOpt,
    registration: Optional[str] = typer.Option(None, "--registration", metavar="<日期>", help="选民名单公布日期"),
    candidates: Optional[str] = typer.Option(None, "--candidates", metavar="<日期>", help="候选人名单公布日期"),
    final_list: Optional[str] = typer.Option(None, "--final-list", metavar="<日期>", help="正式候选人名单公布日期"),
    notes: Optional[str] = typer.Option(None, "--notes", help="备注（如出缺原因）"),
    db: Optional[str] = DbOpt,
) -> None:
    """建立一次补选：代表在任期内因故出缺，由原选区补选（选举法第五十七条；组织法第四十五条）；换届选举暂缺的名额
    也可补选。名额不能超过该选区的缺额。"""
    from rdtool.services.elections import by_elections as svc

    raw = {"term": str(term), "level": level, "constituency": constituency, "seats": seats, "voters": voters,
           "election_day": election_day, "registration_on": registration, "candidates_on": candidates,
           "final_list_on": final_list, "notes": notes}
    store = open_db(db)
    b = svc.plan(store, given(**raw))
    typer.echo(f"已建立补选 {b['code']}：第{b['term']}届{b['constituency']}补选{b['seats']}名（{b['election_day']}）")
    warn(b["warnings"])


@app.command("candidate")
def candidate(
    code: str = CodeArg,
    name: str = CandidateArg,
    gender: str = GenderOpt,
    birth_date: Optional[str] = typer.Option(None, "--birth-date", metavar="<日期>", help="出生日期"),
    ethnicity: Optional[str] = EthnicityOpt,
    party: Optional[str] = PartyOpt,
    education: Optional[str] = EducationOpt,
    occupation: Optional[str] = OccupationOpt,
    workplace: Optional[str] = WorkplaceOpt,
    nominated_by: Optional[str] = typer.Option(None, "--nominated-by", help="推荐的政党、人民团体（选举法第三十条）"),
    nominators: Optional[str] = typer.Option(None, "--nominators", metavar="<人数>", help="选民联名推荐的人数（十人以上）"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一名补选的正式代表候选人；候选人数可以多于也可以等于应选名额（选举法第五十七条第四款）。"""
    from rdtool.services.elections import by_elections as svc

    raw = {"name": name, "gender": gender, "birth_date": birth_date, "ethnicity": ethnicity, "party": party,
           "education": education, "occupation": occupation, "workplace": workplace, "nominated_by": nominated_by,
           "nominators": nominators}
    store = open_db(db)
    new_id, warnings = svc.add_candidate(store, code, given(**raw))
    typer.echo(f"已增加补选 {code.upper()} 的候选人 {name}（ID {new_id}）")
    warn(warnings)


@app.command("result")
def result(
    code: str = CodeArg,
    issued: str = typer.Option(..., "--issued", metavar="<张数>", help="发出选票数（参加投票的选民数）"),
    returned: str = typer.Option(..., "--returned", metavar="<张数>", help="收回选票数"),
    invalid: str = typer.Option("0", "--invalid", metavar="<张数>", help="无效票数"),
    vote: List[str] = typer.Option(..., "--vote", help="候选人得票：姓名=票数，可重复"),
    held_on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="投票日期（默认补选日）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """录入补选一轮投票：选区全体选民的过半数参加投票，补选有效；得票超过参加投票选民的半数当选（选举法第四十五条；
    北京细则第六十四条）；票数相等的再次投票，以得票多的当选；不足的名额另行选举。"""
    from rdtool.cli.commands.general_election.options import parse_votes
    from rdtool.labels import parse_int
    from rdtool.services.elections import by_elections as svc

    fmt = check_format(fmt)
    n = {k: parse_option(f"--{k}", lambda r: parse_int(r, 0), v)
         for k, v in (("issued", issued), ("returned", returned), ("invalid", invalid))}
    store = open_db(db)
    r = svc.add_result(store, code, parse_votes(list(vote)), n["issued"], n["returned"], n["invalid"],
                       parse_option("--date", parse_date, held_on))
    if fmt == "json":
        render_json(r)
        return
    typer.echo(f"补选 {code.upper()} 第{r['round']}轮：{r['explanation']}")


@app.command("confirm")
def confirm(
    code: str = CodeArg,
    on: str = typer.Option(..., "--date", metavar="<日期>", help="主席团根据代表资格审查委员会的报告确认的日期"),
    reject: Optional[List[str]] = typer.Option(None, "--reject", metavar="<姓名>", help="确定当选无效的当选人，可重复"),
    reason: Optional[str] = typer.Option(None, "--reason", help="当选无效的原因"),
    db: Optional[str] = DbOpt,
) -> None:
    """补选产生的代表的资格审查（选举法第五十七条第五款、第四十七条），资格确认的列入代表名单，当选日期为补选投票日。"""
    from rdtool.services.elections import by_elections as svc

    store = open_db(db)
    r = svc.confirm(store, code, parse_option("--date", parse_date, on), list(reject or []), reason)
    typer.echo(f"补选 {r['code']}：确认{len(r['confirmed_names'])}名当选代表的资格"
               + (f"，{len(r['rejected_names'])}名当选无效" if r["rejected_names"] else "")
               + f"；新列入代表名单{r['created']}名" + (f"，关联已有记录{r['linked']}名" if r["linked"] else ""))


COLUMNS = [Column("code", "编号"), Column("term"), Column("level", enum="level"), Column("constituency"),
           Column("seats"), Column("voters"), Column("election_day", "补选日"), Column("candidates", "候选人"),
           Column("rounds", "投票轮次"), Column("elected", "当选"), Column("seated", "列入名单"), Column("vacant", "暂缺")]


@app.command("list")
def list_(
    term: Optional[int] = typer.Option(None, "--term", metavar="<届次>", help="届次（默认全部）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出补选：选区、名额、日期、当选与列入名单。"""
    from rdtool.services.elections import by_elections as svc

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(svc.listing(store, term), COLUMNS, fmt, title="补选", empty="没有补选记录")


@app.command("show")
def show(code: str = CodeArg, fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """一次补选：候选人、各轮计票说明。"""
    from rdtool.services.elections import by_elections as svc

    fmt = check_format(fmt)
    store = open_db(db)
    data = svc.show(store, code)
    if fmt == "json":
        render_json(data)
        return
    render_record(data, COLUMNS + [Column("notes")], fmt, title=f"补选 {data['code']}")
    if fmt in ("table", "md"):
        typer.echo("")
        render_rows(data["candidates_list"], [Column("name"), Column("gender", enum="gender"),
                                              Column("party", enum="party"), Column("nominated_by"),
                                              Column("nominators"), Column("elected", "当选", kind="bool"),
                                              Column("confirmed", kind="bool"), Column("deputy_id")], fmt,
                    title="候选人")
        for r in data["rounds_list"]:
            typer.echo(f"第{r['round']}轮（{r['held_on']}）：{r['explanation']}")
