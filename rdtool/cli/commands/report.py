"""rdtool report term|annual|range|rollup: the figures and prose of a period."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

import typer

from rdtool.cli.common import check_format, confirm_done, make_app, open_db, parse_option, warn
from rdtool.cli.options import CurrentTermOpt, DbOpt, ForceOpt, VerboseOpt, YearOpt
from rdtool.labels import parse_date

app = make_app("工作报告统计：按届、按年或按日期范围；县人大汇总多个乡镇。数字全部由记录计算"
               "（JSON 键与每行一个数字的 CSV 见 docs/report.md，口径见 docs/figures.md）。")

REPORT_FORMATS = ("text", "md", "json", "docx", "csv", "tsv", "jsonl")
FLAT_FORMATS = ("csv", "tsv", "jsonl")
FORMAT_HELP = ("text（终端为表格与文字，管道中为纯文本）、md、json、docx（需 --output）（这三种可用 --template）；"
               "csv、tsv、jsonl 每行一个数字：section,key,label,value")
ReportFormatOpt = typer.Option("text", "--format", "-f", help=FORMAT_HELP)
AsOfOpt = typer.Option(None, "--as-of", help="判断状态的日期（默认今天）；固定它可在以后重现同一份报告")
OutputOpt = typer.Option(None, "--output", "-o", help="写入文件（docx 必须指定；权限 0600；已有的文件需 --force 才覆盖）")
TemplateOpt = typer.Option(None, "--template", help="用自己的模板（docx、md 或 text 格式，见 rdtool report template）："
                           "模板中的字段由记录填写，其余文字照原样保留")
DateOpt = typer.Option(None, "--date", help="落款日期（默认：已结束的期间为其最后一天，未结束的为统计日）")
ChecksOpt = typer.Option(False, "--checks", help="在报告末尾列出需要关注的事项（默认不列，用 rdtool db check 查看）")
StrictOpt = typer.Option(False, "--strict", help="有需要关注的事项（逾期建议、缺宣誓、不足法定人数、结构未达标）时以退出码 1 结束，供 cron 使用")


class Document:
    """What shapes the document for people: her template, the 落款 date, whether the checks are listed."""

    def __init__(self, template: Optional[Path] = None, date: Optional[str] = None, checks: bool = False):
        self.template, self.checks = template, checks
        self.date = parse_option("--date", parse_date, date)


def _emit(period_fn, fmt: str, as_of: Optional[str], output: Optional[Path], strict: bool, db: Optional[str],
          force: bool = False, verbose: bool = False, document: Document | None = None) -> None:
    from rdtool.dates import today
    from rdtool.errors import UsageError
    from rdtool.reports.build import build

    fmt = check_format(fmt, REPORT_FORMATS)
    document = document or Document()
    day = parse_option("--as-of", parse_date, as_of) or today()
    if fmt == "docx" and output is None:
        raise UsageError("docx 格式需要用 --output 指定文件")
    if document.template is not None and fmt not in ("docx", "md", "text"):
        raise UsageError(f"--template 只用于 docx、md、text 格式，{fmt} 格式的内容是固定的")
    store = open_db(db)
    report = build(store, period_fn(store, day), day, prose_and_tables=fmt not in ("json", *FLAT_FORMATS))
    _nothing_to_report(report)
    _write(report, fmt, output, store.path, force, document)
    if output is not None:
        confirm_done(f"已写入 {output}", verbose)
    if strict and report.checks:
        typer.echo(f"需要关注的事项 {len(report.checks)} 项（--strict）", err=True)
        raise typer.Exit(1)


def _write(report, fmt: str, output: Optional[Path], db_file: Path, force: bool, document: Document) -> None:
    from rdtool.cli.common import overwrite
    from rdtool.output_file import open_binary, open_text
    from rdtool.reports import writers

    if fmt == "docx":
        from rdtool.reports import docx_template
        from rdtool.reports.template_fields import context

        ctx = context(report, document.date, document.checks)
        with open_binary(output, db=db_file, overwrite=overwrite(force)) as out:
            docx_template.render(ctx, document.template, out)
        return
    if fmt in FLAT_FORMATS:
        writer = functools.partial(writers.write_flat, fmt=fmt)
    elif fmt == "json":
        writer = writers.write_json
    else:
        writer = functools.partial(writers.write_text if fmt == "text" else writers.write_markdown,
                                   template=document.template, date=document.date, checks=document.checks)
    if output is None:
        writer(report)
        return
    with open_text(output, db=db_file, overwrite=overwrite(force)) as out:
        writer(report, out)


@app.command("term")
def term(
    number: Optional[int] = CurrentTermOpt,
    fmt: str = ReportFormatOpt,
    as_of: Optional[str] = AsOfOpt, output: Optional[Path] = OutputOpt, template: Optional[Path] = TemplateOpt,
    date: Optional[str] = DateOpt, checks: bool = ChecksOpt, strict: bool = StrictOpt,
    force: bool = ForceOpt, verbose: bool = VerboseOpt, db: Optional[str] = DbOpt,
) -> None:
    """一届的统计与文字（如“本届以来，镇人大主席团共召开主席团会议21次……”）。"""
    from rdtool.services.terms.periods import term_period

    _emit(lambda store, day: term_period(store, number, day), fmt, as_of, output, strict, db, force, verbose,
          Document(template, date, checks))


@app.command("annual")
def annual(
    year: int = typer.Option(..., "--year", help="年份，如 2019"),
    fmt: str = ReportFormatOpt,
    as_of: Optional[str] = AsOfOpt, output: Optional[Path] = OutputOpt, template: Optional[Path] = TemplateOpt,
    date: Optional[str] = DateOpt, checks: bool = ChecksOpt, strict: bool = StrictOpt,
    force: bool = ForceOpt, verbose: bool = VerboseOpt, db: Optional[str] = DbOpt,
) -> None:
    """一个自然年的统计与文字。"""
    from rdtool.services.terms.periods import annual_period

    _emit(lambda store, day: annual_period(store, year), fmt, as_of, output, strict, db, force, verbose,
          Document(template, date, checks))


@app.command("range")
def range_(
    date_from: str = typer.Option(..., "--from", help="开始日期"),
    date_to: str = typer.Option(..., "--to", help="结束日期（含）"),
    fmt: str = ReportFormatOpt,
    as_of: Optional[str] = AsOfOpt, output: Optional[Path] = OutputOpt, template: Optional[Path] = TemplateOpt,
    date: Optional[str] = DateOpt, checks: bool = ChecksOpt, strict: bool = StrictOpt,
    force: bool = ForceOpt, verbose: bool = VerboseOpt, db: Optional[str] = DbOpt,
) -> None:
    """任意日期范围的统计与文字。"""
    from rdtool.services.terms.periods import range_period

    f = parse_option("--from", parse_date, date_from)
    t = parse_option("--to", parse_date, date_to)
    _emit(lambda store, day: range_period(store, f, t), fmt, as_of, output, strict, db, force, verbose,
          Document(template, date, checks))


def _nothing_to_report(report) -> None:
    """A year no term covers and with no records in it (--year 1999) has no report: a clear error, not a title
    over nothing. (A year with records is reported even where no term is recorded.)"""
    period = report.period
    if period.kind != "annual" or period.term is not None:
        return
    counts = [v for name in ("presidium", "congress", "deputies", "proposals", "activities")
              for v in report.figures[name].values() if isinstance(v, int) and not isinstance(v, bool)]
    if not any(counts):
        from rdtool.errors import NotFound

        raise NotFound(f"{period.label}不在任何一届的任期内，也没有这一年的记录，没有可报告的内容",
                       "用 rdtool term list 查看各届的起止日期")


@app.command("template")
def template_(
    output: Path = typer.Option(..., "--output", "-o", help="写入的模板文件（已有的文件需 --force 才覆盖）"),
    fmt: str = typer.Option("docx", "--format", "-f", help="docx（Word/WPS 中编辑）、md 或 text"),
    force: bool = ForceOpt, verbose: bool = VerboseOpt,
) -> None:
    """写出默认的工作报告模板（与不加 --template 时的报告相同）：在 Word 或 WPS 中补写党的领导、自身建设、
    存在的问题和建议，改措辞和版式，再用 report term|annual|range --template 文件 填入记录中的数字。
    {{ … }} 是由记录填写的字段（全部字段见 docs/report.md），不要改动其中的文字。"""
    from rdtool.cli.common import overwrite
    from rdtool.output_file import open_binary, open_text

    fmt = check_format(fmt, ("docx", "md", "text"))
    if fmt == "docx":
        from rdtool.reports.docx_template import write_template

        with open_binary(output, overwrite=overwrite(force)) as out:
            write_template(out)
    else:
        from rdtool.reports.text_templates import default_template

        with open_text(output, overwrite=overwrite(force)) as out:
            out.write(default_template(fmt))
    confirm_done(f"已写入 {output}", verbose)


@app.command("rollup")
def rollup(
    files: list[Path] = typer.Argument(..., help="各乡镇的数据库文件（只读打开，不会升级或写入）"),
    year: Optional[int] = YearOpt,
    date_from: Optional[str] = typer.Option(None, "--from", help="开始日期（代替 --year）"),
    date_to: Optional[str] = typer.Option(None, "--to", help="结束日期（代替 --year）"),
    as_of: Optional[str] = AsOfOpt,
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv、tsv、json、jsonl、md"),
    total_row: bool = typer.Option(False, "--total", help="csv、tsv、jsonl 也加上合计行（表格和 md 总有合计行，json 在 total 键中）"),
) -> None:
    """县人大汇总：每个乡镇一行；表格另加合计行（csv、tsv、jsonl 只有各乡镇的数据行，--total 时才加合计行）。
    无法读取的文件单独报错，其余照常汇总（此时退出码为 1）。
    同一个文件或同一个乡镇的数据库给了多次时只计一次（并提示）。只读的光盘、共享目录中的文件也可以汇总。"""
    from rdtool.dates import today
    from rdtool.render import Column, render_json, render_rows
    from rdtool.reports.rollup import COLUMNS, rollup as run
    from rdtool.services.terms.periods import bounds_from_options

    fmt = check_format(fmt)
    f, t = bounds_from_options(year, parse_option("--from", parse_date, date_from),
                               parse_option("--to", parse_date, date_to))
    day = parse_option("--as-of", parse_date, as_of) or today()
    warnings: list[str] = []
    rows, total, errors = run(files, f, t, day, warnings)
    if fmt == "json":
        render_json({"period": {"from": f, "to": t}, "as_of": day, "townships": rows, "total": total,
                     "errors": errors, "warnings": warnings})
    else:
        cols = [Column("town", "乡镇")] + [Column(key, zh) for key, _, zh in COLUMNS] + \
               [Column("proposals_handled", "交办建议"), Column("reply_rate", "答复率", kind="rate")]
        with_total = total_row or fmt in ("table", "md")
        render_rows([*rows, total] if with_total else rows, cols, fmt)
    warn(warnings)
    for e in errors:
        typer.echo(f"错误：{e}", err=True)
    if errors:
        raise typer.Exit(1)
