"""rdtool init: a new database (township, term, province)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import make_app, open_db, parse_option
from rdtool.cli.options import DbOpt
from rdtool.labels import parse_date

init_app = make_app("建立新数据库")


@init_app.command("init")
def init(
    town: str = typer.Option(..., "--town", help="乡镇名称，如 三川镇"),
    county: str = typer.Option("", "--county", help="所属县（区）"),
    term: int = typer.Option(..., "--term", help="本届届次，如 3"),
    term_start: str = typer.Option(..., "--term-start", help="本届开始日期，如 2017-01-05"),
    term_end: Optional[str] = typer.Option(None, "--term-end", help="本届结束日期（默认不填）"),
    province: Optional[str] = typer.Option(None, "--province", metavar="<省份>",
                                           help="省份规则：浙江、河南、山东、北京、重庆、上海（默认全国规则）；决定主席团法定人数"
                                                "及其依据、建议办理期限、会前通知、主席团会议次数等（rdtool province 查看）"),
    db: Optional[str] = DbOpt,
) -> None:
    """建立新数据库，记录乡镇名称、本届与省份规则。已有数据的数据库不会被覆盖。"""
    from rdtool.services.admin import admin
    from rdtool.settings import parse_province

    start = parse_option("--term-start", parse_date, term_start)
    end = parse_option("--term-end", parse_date, term_end)
    code = parse_option("--province", parse_province, province)
    admin.validate_init(town, term, start, end)  # before the file is created: bad input leaves nothing behind
    store = open_db(db, create=True)
    admin.initialise(store, town, county, term, start, end, code)
    typer.echo(f"已建立 {town} 第{term}届 数据库：{store.path}")
    if code:
        from rdtool.rules.provinces import PROFILES

        typer.echo(f"省份规则：{PROFILES[code].name}（rdtool province 查看各项规则及依据）")
