"""rdtool province: the province rules in force and their articles."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, make_app, open_db, parse_option
from rdtool.cli.options import DbOpt, FormatOpt
from rdtool.render import Column, render_rows

province_app = make_app("省份规则及其依据")


@province_app.command("province")
def province(
    name: Optional[str] = typer.Argument(None, metavar="[省份]", help="查看某省份的规则（不写则为本库所用的）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """省份规则及其依据：主席团会议法定人数与表决、建议办理期限、不满意再次答复期限、人代会会前通知、主席团成员名额、
    主席团会议次数（浙江第二十四条、河南第五条、重庆第三十四条）、人代会会议次数（组织法第十四条第一款）、每届第一次会议
    （组织法第二十条：选举完成后两个月内）、临时召集（组织法第十四条第三款：五分之一以上代表提议）。本省未规定的，
    适用全国性法律或本工具默认，并注明。用 rdtool config province 省份 更换；单项可用 rdtool config 另行设置。"""
    from rdtool.render import render_json
    from rdtool.services.terms.province import describe
    from rdtool.settings import parse_province

    fmt = check_format(fmt)
    code = parse_option("省份", parse_province, name)
    if code is None:
        store = open_db(db)
        data = describe(store)
    else:
        data = describe(None, code)
    if fmt == "json":
        render_json(data)
        return
    cols = [Column("key", "项目代码"), Column("zh", "项目"), Column("shown", "规则"), Column("article", "依据"),
            Column("source_zh", "来源")]
    if fmt in ("table", "md"):
        cols = [c for c in cols if c.key != "key"]
    render_rows(data["rows"], cols, fmt, title=f"省份规则：{data['name']}")
