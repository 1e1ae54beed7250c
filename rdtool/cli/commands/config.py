"""rdtool config: show or change a setting."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, echo_recomputed, make_app, open_db
from rdtool.cli.options import DbOpt, FormatOpt
from rdtool.render import Column, render_rows
from rdtool.cells import leave_out_first

config_app = make_app("查看或修改设置")


@config_app.command("config")
def config(
    key: Optional[str] = typer.Argument(None, help="设置项（不写则列出全部）"),
    value: Optional[str] = typer.Argument(None, help="新值"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """查看设置；`rdtool config 设置项 新值` 修改一项（设置项可写英文或中文名称，如 `config 建议答复期限 2`、
    `config presidium_quorum 三分之二`）。省份规定不同的期限、法定人数规则和目标比例在这里调整。"""
    from rdtool.services.admin import admin
    from rdtool.settings import resolve_key

    fmt = check_format(fmt)
    key = None if key is None else resolve_key(key)
    store = open_db(db)
    if key is not None and value is not None:
        report = admin.set_setting(store, key, value)
        echo_recomputed(report.derived, err=True)
    rows = admin.settings_rows(store)
    if key is not None:
        rows = [r for r in rows if r["key"] == key]
        if not rows:
            from rdtool.errors import UsageError
            from rdtool.settings import unknown_setting

            raise UsageError(unknown_setting(key))
    render_rows(rows, CONFIG_COLUMNS if fmt in ("table", "md") else CONFIG_MACHINE_COLUMNS, fmt)


CONFIG_COLUMNS = leave_out_first([Column("key", "设置项"), Column("zh", "名称"), Column("value_zh", "当前值"),
                                  Column("help", "说明")], "help", "key")
CONFIG_MACHINE_COLUMNS = [Column("key", "设置项"), Column("zh", "名称"), Column("value", "当前值"), Column("help", "说明")]
