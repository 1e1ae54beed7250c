"""rdtool export KIND."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rdtool.cli.common import confirm_done, make_app, open_db
from rdtool.cli.options import DbOpt, ForceOpt, VerboseOpt
from rdtool.services.transfer.registry import KINDS

export_app = make_app("导出")

EXPORT_FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx")


@export_app.command("export")
def export(
    kind: str = typer.Argument(..., help=f"类型：{'、'.join(KINDS)}（各类型的列见 docs/csv.md）"),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv、tsv、json、jsonl、xlsx"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（权限 0600；不会写到数据库或备份上，已有的文件需 --force 才覆盖）；xlsx 必须指定"),
    show_id: bool = typer.Option(False, "--show-id", help="导出完整身份证号和电话（默认脱敏；完整备份需要）"),
    force: bool = ForceOpt,
    verbose: bool = VerboseOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """导出记录，可再导入（列、代码和中文标签见 docs/csv.md）。"""
    from rdtool.cli.common import TerminalProgress, check_format, overwrite
    from rdtool.errors import UsageError
    from rdtool.services.transfer import registry
    from rdtool.io.exporter import export_kind
    from rdtool.render import output_options

    fmt = check_format(fmt, EXPORT_FORMATS)
    if fmt == "xlsx" and output is None:
        raise UsageError("xlsx 格式需要用 --output 指定文件")
    spec = registry.get(kind)
    store = open_db(db)
    opts = output_options()  # --bom and --headers: the shared output options (rdtool.cli.output)
    with TerminalProgress() as progress:
        n = export_kind(store, spec, fmt, output, headers=opts.headers, bom=opts.bom, show_private=show_id,
                        progress=progress, overwrite=overwrite(force))
    if output is not None:
        confirm_done(f"已导出 {n} 条{spec.zh}记录到 {output}", verbose)
