"""rdtool undo: revert the last writing command."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, confirm, make_app, open_db, say
from rdtool.cli.options import DbOpt, FormatOpt
from rdtool.cli.common import shown as shown_fields
from rdtool.render import Column, render_rows

undo_app = make_app("撤销上一步")


@undo_app.command("undo")
def undo(
    command_id: Optional[int] = typer.Argument(None, metavar="[命令号]",
                                              help="撤销哪一条命令（默认：最近一条尚未撤销的写入命令）"),
    yes: bool = typer.Option(False, "--yes", "-y", help="不询问，直接撤销（脚本中必须加）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将撤销什么，不写入"),
    list_: bool = typer.Option(False, "--list", help="列出最近的写入命令及是否已撤销"),
    show_id: bool = typer.Option(False, "--show-id", help="显示完整身份证号（默认脱敏）"),
    show_phone: bool = typer.Option(False, "--show-phone", help="显示完整电话号码（默认脱敏）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """撤销上一步：把最近一条写入命令改动的全部记录恢复原样（依据修改记录），一次完成；撤销本身也记入修改记录。
    再次运行则继续往前撤销（已撤销的和撤销操作本身跳过；撤销不能再撤销，要重做请重新运行原命令）。
    之后若有其他命令改过同一条记录，会拒绝并指出是哪条记录、哪条命令。撤销的新增记录就像没有录入过：它的编号
    （如 A3-001、三届一次-001、P3-05）由重新录入的下一条同类记录使用；作废的活动、建议则保留编号（会议的编号是它的次序）。"""
    from rdtool.services.admin import undo as svc

    fmt = check_format(fmt)
    store = open_db(db)
    if list_:
        render_rows(svc.history(store), [Column("id", "命令号"), Column("time", "时间"), Column("command", "命令"),
                                         Column("reason", "原因"), Column("entries", "改动条数"),
                                         Column("state", "状态")], fmt)
        return
    p = svc.plan(store, command_id, lines=None if fmt == "json" else svc.PREVIEW_LINES,
                 show=shown_fields(show_id, show_phone), check=fmt == "json" or dry_run or not yes)
    if fmt == "json" and (dry_run or p["conflict"]):
        from rdtool.render import render_json

        render_json(p)
        return
    say(f"撤销第 {p['command']} 号命令（{p['time']}）：{p['command_line']}"
               + (f"\n原因：{p['reason']}" if p["reason"] else ""))
    shown = p["changes"][:svc.PREVIEW_LINES]
    typer.echo(f"将恢复{p['records']}条记录：")
    for line in shown:
        say(f"  {line}")
    if p["change_count"] > len(shown):
        typer.echo(f"  ……还有 {p['change_count'] - len(shown)} 条")
    if p["conflict"]:
        from rdtool.errors import RdtoolError

        raise RdtoolError(f"不能撤销：{p['conflict']}",
                          f"先撤销第 {p['conflict_command']} 号命令，再撤销这一条" if p["conflict_command"]
                          else "请用相应的命令直接更正该记录")
    if dry_run:
        typer.echo("（--dry-run：没有写入）")
        return
    confirm("确定撤销？", yes)
    svc.apply(store, p["command"])
    typer.echo(f"已撤销第 {p['command']} 号命令")
