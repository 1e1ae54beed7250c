"""general-election candidate, finalize, candidates: nominations and the final list (选举法第三十条、第三十一条)."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.commands.general_election.options import ConstituencyOpt, TermArg, parse_level
from rdtool.cli.common import check_format, given, open_db, warn
from rdtool.cli.options import (CandidateArg, DbOpt, EducationOpt, EthnicityOpt, FormatOpt, GenderOpt, LevelOpt,
                                OccupationOpt, PartyOpt, WorkplaceOpt)
from rdtool.render import Column, render_rows


def candidate(
    term: int = TermArg,
    name: str = CandidateArg,
    level: str = LevelOpt,
    constituency_name: str = ConstituencyOpt,
    gender: str = GenderOpt,
    birth_date: Optional[str] = typer.Option(None, "--birth-date", help="出生日期（用于区分同名者、判断是否连任）"),
    ethnicity: Optional[str] = EthnicityOpt,
    party: Optional[str] = PartyOpt,
    education: Optional[str] = EducationOpt,
    occupation: Optional[str] = OccupationOpt,
    workplace: Optional[str] = WorkplaceOpt,
    nominated_by: Optional[str] = typer.Option(None, "--nominated-by", help="推荐的政党、人民团体（选举法第三十条第二款）"),
    nominators: Optional[str] = typer.Option(None, "--nominators", help="选民联名推荐的人数（十人以上，第三十条第二款）"),
    final: bool = typer.Option(False, "--final", help="直接列入正式代表候选人名单"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一名代表候选人（政党、人民团体推荐，或选民十人以上联名推荐）。一个政党、人民团体单独或联合推荐的候选人
    多于本选区应选名额时给出提示（选举法第三十条第三款）。"""
    from rdtool.services.general_election import general_election as svc

    raw = {"term": str(term), "level": level, "constituency": constituency_name, "name": name, "gender": gender,
           "birth_date": birth_date, "ethnicity": ethnicity, "party": party, "education": education,
           "occupation": occupation, "workplace": workplace, "nominated_by": nominated_by,
           "nominators": nominators, "final": "是" if final else "否"}
    store = open_db(db)
    new_id, warnings = svc.add_candidate(store, given(**raw))
    typer.echo(f"已增加候选人 {name}（{constituency_name}，ID {new_id}）")
    warn(warnings)


def finalize(
    term: int = TermArg,
    names: List[str] = typer.Argument(..., help="列入正式代表候选人名单的姓名"),
    level: str = LevelOpt,
    constituency_name: str = ConstituencyOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """确定正式代表候选人名单；检查差额比例（直接选举多于应选名额三分之一至一倍，选举法第三十一条）。"""
    from rdtool.services.general_election import general_election as svc

    store = open_db(db)
    result = svc.finalize(store, term, parse_level(level), constituency_name, list(names))
    typer.echo(f"{result['constituency']}：正式代表候选人{result['final']}人，应选{result['seats']}名")
    if result["warning"]:
        warn([result["warning"]])


def candidates(
    term: int = TermArg,
    level: str = LevelOpt,
    constituency_name: Optional[str] = typer.Option(None, "--constituency", help="只列一个选区"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出候选人：推荐方式、是否正式候选人、得票、结果、资格确认。"""
    from rdtool.services.general_election import general_election as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.candidate_rows(store, term, parse_level(level), constituency_name)
    cols = [Column("id"), Column("constituency"), Column("name"), Column("gender", enum="gender"),
            Column("birth_date"), Column("party", enum="party"), Column("occupation", enum="occupation"),
            Column("nominated_by"), Column("nominators"), Column("final", kind="bool"), Column("round"),
            Column("votes"), Column("outcome", "结果", enum="ge_outcome"), Column("confirmed", kind="bool"),
            Column("confirmed_on"), Column("deputy_id")]
    if fmt in ("table", "md"):
        cols = [c for c in cols if c.key not in ("id", "birth_date", "confirmed_on")]
    render_rows(rows, cols, fmt, title=f"第{term}届换届选举候选人")
