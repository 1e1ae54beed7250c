"""rdtool deputy composition, scores, flags: the roster in figures — its composition against the targets, the
points ranking, the deputies to follow up."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, open_db, parse_option
from rdtool.cli.options import AnnualYearOpt, CurrentTermOpt, DbOpt, FormatOpt, LevelOpt
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_rows
from rdtool.cells import leave_out_first

SCORE_COLUMNS = [Column("rank", "名次"), Column("deputy_id", "ID"), Column("name", "姓名"),
                 Column("level", "代表层级", enum="level"), Column("congress_present", "出席人代会"),
                 Column("presidium_present", "出席主席团会议"), Column("leave", "请假"), Column("absent", "缺席"),
                 Column("proposal_lead", "领衔"), Column("proposal_cosign", "附议"), Column("activities", "活动"),
                 Column("training", "培训"), Column("points", "积分")]
SCORE_COLUMNS = leave_out_first(SCORE_COLUMNS, "deputy_id", "level", "leave", "proposal_cosign", "training")


def composition(
    term: Optional[int] = CurrentTermOpt,
    level: str = LevelOpt,
    as_of: Optional[str] = typer.Option(None, "--as-of", help="统计日期（默认今天，届满后为届末）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """代表结构：性别、政治面貌、构成、文化程度、民族、年龄、连任，对照设置中的目标比例 ✓/✗。"""
    from rdtool.cli.views import render_composition
    from rdtool.services.deputies import deputies as svc

    fmt = check_format(fmt)
    store = open_db(db)
    term = term if term is not None else svc.current_term(store)
    day = parse_option("--as-of", parse_date, as_of) or svc.default_day(store, term)
    data = svc.composition(store, term, parse_option("--level", lambda r: parse_enum("level", r), level), day)
    render_composition(data, fmt)


def scores(
    year: Optional[int] = AnnualYearOpt,
    term: Optional[int] = typer.Option(None, "--term", help="届次（代替 --year，统计整届）"),
    level: Optional[str] = typer.Option(None, "--level", help="只列镇或县代表"),
    top: Optional[int] = typer.Option(None, "--top", help="只列前 N 名"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """履职积分排名：按设置中的积分规则（rdtool config points_scheme）计算期间内每位代表的积分，并列名次相同。
    同一人既是镇代表又是县代表的，积分按这个人的全部履职计算，不分层级时只列一次。"""
    from rdtool.services.deputies import archive as svc

    fmt = check_format(fmt)
    store = open_db(db)
    data = svc.scores(store, year, term, parse_option("--level", lambda r: parse_enum("level", r), level))
    rows = data["rows"] if top is None else [r for r in data["rows"] if r["rank"] <= top]
    if fmt == "json":
        from rdtool.render import render_json

        render_json({"period": data["period"], "scheme": data["scheme"], "rows": rows})
        return
    render_rows(rows, SCORE_COLUMNS, fmt, title=f"{data['period']['label']}代表履职积分" if fmt == "table" else None,
                empty="这一期间没有在任的代表")


def flags(
    year: int = typer.Option(..., "--year", help="年度，如 2019"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="判断日期（默认今天；不晚于年底）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """需要跟进的代表：全年未参加代表活动的；未经请假缺席会议的（两次缺席人代会依代表法第六十二条终止代表资格）；
    未参加县代表活动的县人大代表。"""
    from rdtool.services.deputies import archive as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.flags(store, year, parse_option("--as-of", parse_date, as_of))
    render_rows(rows, [Column("flag", "提醒") if fmt not in ("table", "md") else Column("flag_zh", "提醒"),
                       Column("deputy_id", "ID"), Column("name", "姓名"), Column("level", "代表层级", enum="level"),
                       Column("count", "次数"), Column("detail", "说明")], fmt, empty="没有需要跟进的代表")
