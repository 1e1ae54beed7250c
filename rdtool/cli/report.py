"""rdtool report term|annual|range|rollup: the figures and prose of a period."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rdtool.cli.common import DbOpt, check_format, make_app, open_db, parse_option
from rdtool.labels import parse_date

app = make_app("工作报告统计：按届、按年或按日期范围；县人大汇总多个乡镇。数字全部由记录计算（口径见 DESIGN.md 报告约定）。")

REPORT_FORMATS = ("text", "md", "json", "docx")
FORMAT_HELP = "text（终端为表格与文字，管道中为纯文本）、md、json、docx（需 --output）"
AsOfOpt = typer.Option(None, "--as-of", help="判断状态的日期（默认今天）；固定它可在以后重现同一份报告")
OutputOpt = typer.Option(None, "--output", "-o", help="写入文件（docx 必须指定；权限 0600）")
StrictOpt = typer.Option(False, "--strict", help="有需要关注的事项（逾期建议、缺宣誓、不足法定人数、结构未达标）时以退出码 1 结束，供 cron 使用")


def _emit(period_fn, fmt: str, as_of: Optional[str], output: Optional[Path], strict: bool, db: Optional[str]) -> None:
    from rdtool.dates import today
    from rdtool.reports.build import build

    fmt = check_format(fmt, REPORT_FORMATS)
    day = parse_option("--as-of", parse_date, as_of) or today()
    if fmt == "docx" and output is None:
        from rdtool.errors import UsageError

        raise UsageError("docx 格式需要用 --output 指定文件")
    store = open_db(db)
    report = build(store, period_fn(store, day), day, prose_and_tables=fmt != "json")
    _write(report, fmt, output)
    if strict and report.checks:
        typer.echo(f"需要关注的事项 {len(report.checks)} 项（--strict）", err=True)
        raise typer.Exit(1)


def _write(report, fmt: str, output: Optional[Path]) -> None:
    from rdtool.reports import writers

    if fmt == "docx":
        from rdtool.io.exporter import open_output
        from rdtool.reports.docx_writer import write_docx

        open_output(output).close()
        write_docx(report, output)
        typer.echo(f"已写入 {output}", err=True)
        return
    writer = {"text": writers.write_text, "md": writers.write_markdown, "json": writers.write_json}[fmt]
    if output is None:
        writer(report)
        return
    from rdtool.io.exporter import open_output

    with open_output(output) as out:
        writer(report, out)
    typer.echo(f"已写入 {output}", err=True)


@app.command("term")
def term(
    number: Optional[int] = typer.Option(None, "--term", help="届次（默认本届）"),
    fmt: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    as_of: Optional[str] = AsOfOpt, output: Optional[Path] = OutputOpt, strict: bool = StrictOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一届的统计与文字（如“本届以来，镇人大主席团共召开主席团会议21次……”）。"""
    from rdtool.services.periods import term_period

    _emit(lambda store, day: term_period(store, number, day), fmt, as_of, output, strict, db)


@app.command("annual")
def annual(
    year: int = typer.Option(..., "--year", help="年份，如 2019"),
    fmt: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    as_of: Optional[str] = AsOfOpt, output: Optional[Path] = OutputOpt, strict: bool = StrictOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一个自然年的统计与文字。"""
    from rdtool.services.periods import annual_period

    _emit(lambda store, day: annual_period(store, year), fmt, as_of, output, strict, db)


@app.command("range")
def range_(
    date_from: str = typer.Option(..., "--from", help="开始日期"),
    date_to: str = typer.Option(..., "--to", help="结束日期（含）"),
    fmt: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    as_of: Optional[str] = AsOfOpt, output: Optional[Path] = OutputOpt, strict: bool = StrictOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """任意日期范围的统计与文字。"""
    from rdtool.services.periods import range_period

    f = parse_option("--from", parse_date, date_from)
    t = parse_option("--to", parse_date, date_to)
    _emit(lambda store, day: range_period(store, f, t), fmt, as_of, output, strict, db)


@app.command("rollup")
def rollup(
    files: list[Path] = typer.Argument(..., help="各乡镇的数据库文件（只读打开，不会升级或写入）"),
    year: Optional[int] = typer.Option(None, "--year", help="年份"),
    date_from: Optional[str] = typer.Option(None, "--from", help="开始日期（代替 --year）"),
    date_to: Optional[str] = typer.Option(None, "--to", help="结束日期（代替 --year）"),
    as_of: Optional[str] = AsOfOpt,
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv、tsv、json、jsonl、md"),
) -> None:
    """县人大汇总：每个乡镇一行，另加合计行。无法读取的文件单独报错，其余照常汇总（此时退出码为 1）。"""
    from rdtool.dates import today
    from rdtool.render import Column, render_json, render_rows
    from rdtool.reports.rollup import COLUMNS, rollup as run
    from rdtool.services.periods import bounds_from_options

    fmt = check_format(fmt)
    f, t = bounds_from_options(year, parse_option("--from", parse_date, date_from),
                               parse_option("--to", parse_date, date_to))
    day = parse_option("--as-of", parse_date, as_of) or today()
    rows, total, errors = run(files, f, t, day)
    if fmt == "json":
        render_json({"period": {"from": f, "to": t}, "as_of": day, "townships": rows, "total": total,
                     "errors": errors})
    else:
        cols = [Column("town", "乡镇")] + [Column(key, zh) for key, _, zh in COLUMNS] + \
               [Column("proposals_handled", "交办建议"), Column("reply_rate", "答复率", kind="rate")]
        render_rows([*rows, total], cols, fmt)
    for e in errors:
        typer.echo(f"错误：{e}", err=True)
    if errors:
        raise typer.Exit(1)
