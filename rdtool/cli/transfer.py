"""rdtool import KIND FILE and rdtool export KIND."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rdtool.cli.common import DbOpt, ForceOpt, make_app, open_db

import_app = make_app("从 CSV/XLSX 导入")
export_app = make_app("导出")

EXPORT_FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx")


@import_app.command("import")
def import_(
    kind: str = typer.Argument(..., help="类型：terms、deputies（以及已支持的其他类型）"),
    file: Path = typer.Argument(..., help="CSV（UTF-8/GBK/GB18030）、TSV 或 .xlsx 文件"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入"),
    ignore_extra: bool = typer.Option(False, "--ignore-extra", help="跳过无法识别的列（默认报错）"),
    db: Optional[str] = DbOpt,
) -> None:
    """导入一个文件：列名可用英文字段名或中文列名；任何一行有错都不写入，并列出所有错误的行、列和值。"""
    from rdtool.cli.common import TerminalProgress
    from rdtool.io import kinds
    from rdtool.io.importer import run_import

    spec = kinds.get(kind)
    store = open_db(db)
    with TerminalProgress() as progress:
        result = run_import(store, spec, file, dry_run=dry_run, ignore_extra=ignore_extra, progress=progress)
    if result.dry_run:
        typer.echo(f"检查通过：{file.name} 共 {result.rows} 行{spec.zh}记录，可以导入（未写入）")
    else:
        typer.echo(f"已导入 {result.written} 条{spec.zh}记录（{file.name}）")


@export_app.command("export")
def export(
    kind: str = typer.Argument(..., help="类型：terms、deputies（以及已支持的其他类型）"),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv、tsv、json、jsonl、xlsx"),
    headers: str = typer.Option("en", "--headers", help="列名：en（英文字段名，默认）或 zh（中文）"),
    bom: bool = typer.Option(False, "--bom", help="CSV 前加 BOM，便于 Excel/WPS 直接打开"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（权限 0600；不会写到数据库或备份上，已有的文件需 --force 才覆盖）；xlsx 必须指定"),
    show_id: bool = typer.Option(False, "--show-id", help="导出完整身份证号和电话（默认脱敏；完整备份需要）"),
    force: bool = ForceOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """导出记录，可再导入。"""
    from rdtool.cli.common import check_format, overwrite
    from rdtool.errors import UsageError
    from rdtool.io import kinds
    from rdtool.io.exporter import export_kind

    fmt = check_format(fmt, EXPORT_FORMATS)
    if headers not in ("en", "zh"):
        raise UsageError("--headers 只能是 en 或 zh")
    if fmt == "xlsx" and output is None:
        raise UsageError("xlsx 格式需要用 --output 指定文件")
    spec = kinds.get(kind)
    store = open_db(db)
    from rdtool.cli.common import TerminalProgress

    with TerminalProgress() as progress:
        n = export_kind(store, spec, fmt, output, headers=headers, bom=bom, show_private=show_id, progress=progress,
                        overwrite=overwrite(force))
    if output is not None:
        typer.echo(f"已导出 {n} 条{spec.zh}记录到 {output}", err=True)
