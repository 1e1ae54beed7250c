"""rdtool import KIND FILE."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rdtool.cli.common import confirm_done, make_app, open_db, say, warn
from rdtool.cli.options import DbOpt, VerboseOpt
from rdtool.services.transfer.registry import KINDS

import_app = make_app("从 CSV/XLSX/XLS/DOCX 导入")


@import_app.command("import")
def import_(
    kind: str = typer.Argument(..., help=f"类型：{'、'.join(KINDS)}（各类型的列见 docs/csv.md，名册常用的列名见 docs/import.md）"),
    file: Path = typer.Argument(..., help="CSV（UTF-8/GBK/GB18030）、TSV、.xlsx、.xls 或 .docx（其中的表格）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入"),
    ignore_extra: bool = typer.Option(False, "--ignore-extra", help="跳过无法识别的列（序号列总是跳过）"),
    term: Optional[str] = typer.Option(None, "--term", metavar="<届次>",
                                       help="名册没有届次列时用的届次（默认本届）"),
    level: Optional[str] = typer.Option(None, "--level", metavar="<层级>",
                                        help="名册没有层级列时用的层级：镇/县（默认镇）"),
    table: Optional[int] = typer.Option(None, "--table", metavar="<第几个>",
                                        help="读取 .docx 的第几个表格、.xlsx/.xls 的第几个工作表（默认第1个）"),
    errors: Optional[Path] = typer.Option(None, "--errors", metavar="<文件>",
                                          help="有错误时把各行连同“错误”列写到这个 .xlsx 或 .csv，改正后直接导入"),
    force: bool = typer.Option(False, "--force", help="--errors 的文件已存在时覆盖它（不加时：在终端中会先询问，在脚本中不覆盖）"),
    verbose: bool = VerboseOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """导入一个文件：列名可用英文字段名、中文列名或名册常用的别名；表头上方的标题行、表尾的制表人行自动跳过。
    任何一行有错都不写入，并一次列出所有错误的行、列和值。"""
    from rdtool.cli.common import TerminalProgress, overwrite
    from rdtool.errors import UsageError
    from rdtool.services.transfer import registry
    from rdtool.services.transfer.importer import run_import

    if table is not None and table < 1:
        raise UsageError("--table 从 1 数起（第1个表格或工作表）")
    spec = registry.get(kind)
    store = open_db(db)
    with TerminalProgress() as progress:
        result = run_import(store, spec, file, dry_run=dry_run, ignore_extra=ignore_extra, progress=progress,
                            defaults={"term": term, "level": level}, table=table, errors_to=errors,
                            overwrite=overwrite(force))
    for note in result.notes:
        confirm_done(f"说明：{note}", verbose)
    if result.dry_run:
        confirm_done(f"检查通过：{file.name} 共 {result.rows} 行{spec.zh}记录，可以导入（未写入）", verbose)
    else:
        confirm_done(f"已导入 {result.written} 条{spec.zh}记录（{file.name}）", verbose)
        for line in result.said:  # always: what rdtool decided about her rows (one person on two rows)
            say(f"说明：{line}", err=True)
        for i, line in enumerate(result.derived):  # on a terminal or with -v, as the import's confirmation
            confirm_done(("随之重新计算：" if i == 0 else "  ") + line, verbose)
        warn(result.warnings)
