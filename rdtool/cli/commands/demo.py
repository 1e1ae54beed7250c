"""rdtool demo: a fresh database from the sample data, and the main summary of it."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import make_app, say

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
    say("已导入示例数据：" + "，".join(f"{name} {n} 条" for name, n in loaded))
    typer.echo("")
    day = today()
    write_text(build(store, term_period(store, svc.DEMO_TERM, day), day))
    typer.echo("")
    for line in next_steps(str(store.path)):
        say(line)


def next_steps(path: str) -> list[str]:
    """How to go on with the demo: point this window at it once (the shell's own way), then short commands."""
    import os

    from rdtool.services.admin.demo import NEXT_STEPS

    if os.name == "nt":
        quoted = path.replace("'", "''")
        point = [f"  PowerShell：$env:RDTOOL_DB = '{quoted}'", f'  命令提示符：set "RDTOOL_DB={path}"']
    else:
        point = [f"  export RDTOOL_DB='{path}'"]
    return ["继续探索：先让这个窗口里的命令都使用演示库（关掉窗口即恢复）：", *point, "然后试试：",
            *(f"  rdtool {step}" for step in NEXT_STEPS), f"（也可以在命令后加 --db {path}）"]
