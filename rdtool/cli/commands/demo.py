"""rdtool demo: a fresh database from the sample data, and the main summary of it."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import make_app

app = make_app("演示")


@app.command("demo")
def demo(
    db: Optional[str] = typer.Option(None, "--db", help="演示库路径（只会覆盖以前的演示库；默认新建临时文件）"),
) -> None:
    """用示例数据（虚构的三川镇第三届）建一个新的演示库，展示第三届工作报告统计，并说明如何继续探索。不会动你的真实数据库。"""
    from rdtool.reports.build import build
    from rdtool.dates import today
    from rdtool.services.terms.periods import term_period
    from rdtool.reports.writers import write_text
    from rdtool.services.admin import demo as svc

    store, loaded = svc.build(db)
    typer.echo(f"演示库：{store.path}")
    typer.echo("已导入：" + "，".join(f"{name} {n} 条" for name, n in loaded))
    typer.echo("")
    day = today()
    write_text(build(store, term_period(store, svc.DEMO_TERM, day), day))
    typer.echo("继续探索（示例）：")
    for line in (f"rdtool --db {store.path} deputy list --term 3",
                 f"rdtool --db {store.path} deputy composition --term 3 --level county",
                 f"rdtool --db {store.path} meeting show P3-08",
                 f"rdtool --db {store.path} proposal overdue",
                 f"rdtool --db {store.path} deputy archive 梁晓峰 --term 3",
                 f"rdtool --db {store.path} report annual --year 2019 --format md",
                 f"rdtool --db {store.path} export deputies --format csv --bom -o deputies.csv"):
        typer.echo(f"  {line}")
