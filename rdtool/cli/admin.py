"""rdtool init, config, term and db: setting up and looking after the database."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import DbOpt, FormatOpt, check_format, make_app, open_db, parse_option
from rdtool.labels import parse_date
from rdtool.render import Column, render_rows

init_app = make_app("建立新数据库")
config_app = make_app("查看或修改设置")
term_app = make_app("届次")
db_app = make_app("数据库：信息、备份")


@init_app.command("init")
def init(
    town: str = typer.Option(..., "--town", help="乡镇名称，如 三川镇"),
    county: str = typer.Option("", "--county", help="所属县（区）"),
    term: int = typer.Option(..., "--term", help="本届届次，如 3"),
    term_start: str = typer.Option(..., "--term-start", help="本届开始日期，如 2017-01-05"),
    term_end: Optional[str] = typer.Option(None, "--term-end", help="本届结束日期（默认不填）"),
    db: Optional[str] = DbOpt,
) -> None:
    """建立新数据库，记录乡镇名称与本届。已有数据的数据库不会被覆盖。"""
    from rdtool.services import admin

    start = parse_option("--term-start", parse_date, term_start)
    end = parse_option("--term-end", parse_date, term_end)
    store = open_db(db, create=True)
    admin.initialise(store, town, county, term, start, end)
    typer.echo(f"已建立 {town} 第{term}届 数据库：{store.path}")


@config_app.command("config")
def config(
    key: Optional[str] = typer.Argument(None, help="设置项（不写则列出全部）"),
    value: Optional[str] = typer.Argument(None, help="新值"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """查看设置；`rdtool config KEY VALUE` 修改一项。省份规定不同的期限、法定人数规则和目标比例在这里调整。"""
    from rdtool.services import admin

    fmt = check_format(fmt)
    store = open_db(db)
    if key is not None and value is not None:
        admin.set_setting(store, key, value)
    rows = admin.settings_rows(store)
    if key is not None:
        rows = [r for r in rows if r["key"] == key]
    render_rows(rows, [Column("key", "设置项"), Column("zh", "名称"), Column("value", "当前值"),
                       Column("help", "说明")], fmt)


@term_app.command("add")
def term_add(
    number: int = typer.Argument(..., help="届次，如 4"),
    start: str = typer.Option(..., "--start", help="开始日期"),
    end: Optional[str] = typer.Option(None, "--end", help="结束日期"),
    current: bool = typer.Option(False, "--current", help="同时设为本届"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一届。"""
    from rdtool.services import admin, terms

    store = open_db(db)
    terms.add(store, number, parse_option("--start", parse_date, start), parse_option("--end", parse_date, end))
    if current:
        admin.set_setting(store, "current_term", str(number))
    typer.echo(f"已增加第{number}届")


@term_app.command("list")
def term_list(fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """列出各届。"""
    from rdtool.store import settings as sql

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(sql.terms(store), [Column("number", "届次"), Column("start_date", "开始日期"),
                                   Column("end_date", "结束日期")], fmt)


@db_app.command("info")
def db_info(fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """数据库路径、已应用的结构版本、各表行数。"""
    from rdtool.render import render_json
    from rdtool.services import admin

    fmt = check_format(fmt)
    store = open_db(db)
    info = admin.info(store)
    if fmt == "json":
        render_json(info)
        return
    typer.echo(f"数据库：{info['path']}")
    typer.echo(f"结构版本：{'、'.join(info['migrations'])}")
    render_rows([{"table": t, "rows": n} for t, n in info["tables"].items()],
                [Column("table", "表"), Column("rows", "行数")], fmt)


@db_app.command("backup")
def db_backup(
    dest: Optional[str] = typer.Argument(None, help="备份文件路径（默认：数据库旁的 .backups 目录）"),
    db: Optional[str] = DbOpt,
) -> None:
    """用 SQLite 在线备份做一致的副本（其他程序写入时也可以），文件权限 0600。"""
    from pathlib import Path

    from rdtool.store import backup

    store = open_db(db)
    path = backup.take(store, Path(dest) if dest else None)
    typer.echo(f"已备份到 {path}")
