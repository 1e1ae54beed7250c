"""general-election plan, show, constituency, constituencies: the plan, its phases and the constituencies."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.commands.general_election.options import TermArg, TURNOUT_COLUMNS, parse_level
from rdtool.cli.common import check_format, given, open_db, warn
from rdtool.cli.options import DbOpt, FormatOpt, LevelOpt, NotesOpt
from rdtool.render import Column, render_json, render_rows


def plan(
    term: int = TermArg,
    level: str = LevelOpt,
    election_day: Optional[str] = typer.Option(None, "--election-day", help="选举日（投票选举）；新建计划时必填"),
    mobilisation: Optional[str] = typer.Option(None, "--mobilisation", help="宣传动员开始日期"),
    registration: Optional[str] = typer.Option(None, "--registration",
                                               help="选民登记：选民名单公布日期（选举日的二十日以前，选举法第二十八条）"),
    candidates: Optional[str] = typer.Option(None, "--candidates",
                                             help="初步候选人推荐：候选人名单公布日期（选举日的十五日以前，第三十二条）"),
    final_list: Optional[str] = typer.Option(None, "--final-list",
                                             help="正式候选人确定：正式候选人名单公布日期（选举日的七日以前，第三十二条）"),
    credentials: Optional[str] = typer.Option(None, "--credentials", help="代表资格审查日期（第四十七条）"),
    population: Optional[str] = typer.Option(None, "--population",
                                             help="人口数，用于核对代表名额（第十二条）；不填则用设置 population"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """建立（或修改）一次换届选举的计划和各阶段日期；日期不符合法定期限时给出提示。"""
    from rdtool.services.general_election import general_election as svc

    raw = {"term": str(term), "level": level, "election_day": election_day, "mobilisation_on": mobilisation,
           "registration_on": registration, "candidates_on": candidates, "final_list_on": final_list,
           "credentials_on": credentials, "population": population, "notes": notes}
    raw = given(**raw)
    store = open_db(db)
    if "election_day" not in raw:
        raw["election_day"] = svc.election(store, term, parse_level(level))["election_day"]
    result = svc.plan(store, raw)
    plan_record = result["record"]
    from rdtool.labels import label

    typer.echo(f"已{'建立' if result['created'] else '修改'}第{term}届{label('level', plan_record['level'])}换届选举计划"
               f"（选举日 {plan_record['election_day']}）")
    warn(result["warnings"])


def show(
    term: int = TermArg,
    level: Optional[str] = typer.Option(None, "--level", help="代表层级：镇/县；不填则两级都列"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """换届选举计划：各阶段及日期、法定期限提示、代表名额核对。"""
    from rdtool.services.general_election import general_election as svc

    fmt = check_format(fmt)
    store = open_db(db)
    data = svc.show(store, term, parse_level(level) if level else None)
    if fmt == "json":
        render_json(data)
        return
    rows = [{"level": election["level"], **phase} for election in data for phase in election["phases"]]
    cols = [Column("level", "层级", enum="level"), Column("phase", "阶段代码"), Column("phase_zh", "阶段"),
            Column("date", "日期"), Column("rule", "法律依据")]
    if fmt in ("table", "md"):
        cols = [c for c in cols if c.key != "phase"]
    render_rows(rows, cols, fmt, title=f"第{term}届换届选举计划")
    if fmt in ("table", "md"):
        notes = [{"level": election["level"], "warning": w} for election in data for w in election["warnings"]]
        if notes:
            typer.echo("")
            render_rows(notes, [Column("level", "层级", enum="level"), Column("warning", "提示")], fmt, title="提示")


def constituency(
    term: int = TermArg,
    name: str = typer.Argument(..., help="选区名称，如 第一选区"),
    level: str = LevelOpt,
    seats: str = typer.Option(..., "--seats", help="应选代表名额（一至三名，选举法第二十五条第二款）"),
    voters: str = typer.Option(..., "--voters", help="登记选民数"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """增加一个选区：应选名额、登记选民数。"""
    from rdtool.services.general_election import general_election as svc

    store = open_db(db)
    raw = {"term": str(term), "level": level, "constituency": name, "seats": seats, "voters": voters}
    if notes is not None:
        raw["notes"] = notes
    svc.add_constituency(store, raw)
    typer.echo(f"已增加选区 {name}（应选{seats}名，选民{voters}人）")
    quota = svc.quota_check(store, svc.election(store, term, parse_level(level)))
    if quota and quota["seats"] > quota["quota"]:
        warn([quota["warning"]])


def constituencies(
    term: int = TermArg,
    level: str = LevelOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出选区：名额、选民、候选人与差额比例（第三十一条）、参选率、当选与暂缺；镇级核对代表总名额（第十二条）。"""
    from rdtool.services.general_election import general_election as svc

    fmt = check_format(fmt)
    store = open_db(db)
    lv = parse_level(level)
    rows = svc.constituency_rows(store, term, lv)
    render_rows(rows, TURNOUT_COLUMNS, fmt, title=f"第{term}届换届选举选区")
    quota = svc.quota_check(store, svc.election(store, term, lv))
    if quota and fmt in ("table", "md"):
        typer.echo(f"\n代表名额：各选区合计{quota['seats']}名；按人口{quota['population']}人计算为{quota['quota']}名"
                   f"（选举法第十二条）" + ("" if quota["ok"] else f"。{quota['warning']}"))
