"""rdtool proposal due, overdue, search, stats: following proposals up — what to chase (代表法第五十一条 deadlines),
finding one, the figures."""

from __future__ import annotations

import re
from typing import List, Optional

import typer

from rdtool.cli.commands.proposal.options import AsOfOpt, StrictOpt
from rdtool.cli.common import check_format, open_db, parse_option
from rdtool.cli.options import DbOpt, FormatOpt
from rdtool.labels import parse_date
from rdtool.render import Column, render_rows
from rdtool.cells import leave_out_first

CHASE_COLUMNS = [Column("unit"), Column("code"), Column("title"), Column("lead"), Column("round"), Column("due_on"),
                 Column("days_late"), Column("days_left"), Column("overdue", "已逾期", kind="bool")]
CHASE_COLUMNS = leave_out_first(CHASE_COLUMNS, "overdue", "days_left", "round", "lead")
FIGURE_COLUMNS = [Column("received", "收到"), Column("motions", "议案"), Column("suggestions", "建议"),
                  Column("assigned", "已交办"), Column("replied", "已答复"), Column("closed", "已办结"),
                  Column("overdue", "逾期未答复"), Column("reply_rate", "答复率", kind="rate"),
                  Column("on_time_rate", "按期答复率", kind="rate"),
                  Column("satisfaction_rate", "满意率", kind="rate"),
                  Column("implementation_rate", "解决落实率(A+B)", kind="rate")]


def _within(raw: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*(d|天|w|周|m|月)?\s*", raw.lower())
    if not m:
        from rdtool.errors import UsageError

        raise UsageError(f"--within 写法不对：“{raw}”，如 14d、2w、1m")
    n, unit = int(m.group(1)), m.group(2) or "d"
    return n * {"d": 1, "天": 1, "w": 7, "周": 7, "m": 30, "月": 30}[unit]


def _chase(rows: list[dict], fmt: str, title: str, strict: bool) -> None:

    render_rows(rows, CHASE_COLUMNS, fmt, title=title if fmt in ("table", "md") and rows else None,
                empty="没有需要催办的建议。")
    if fmt in ("table", "md"):
        late = [r for r in rows if r["overdue"]]
        by_unit: dict[str, list[dict]] = {}
        for r in late:
            by_unit.setdefault(r["unit"] or "（未填）", []).append(r)
        if by_unit:
            typer.echo("")
            render_rows([{"unit": u, "n": len(rs), "max": max(r["days_late"] for r in rs)} for u, rs in by_unit.items()],
                        [Column("unit"), Column("n", "逾期件数"), Column("max", "最长逾期天数")], fmt,
                        title="逾期情况（按承办单位）")
        elif not rows and fmt == "md":
            typer.echo("没有需要催办的建议。")
    if strict and any(r["overdue"] for r in rows):
        raise typer.Exit(1)


def due(
    within: str = typer.Option("14d", "--within", help="多少天内到期，如 14d、2w、1m（默认14天）"),
    as_of: Optional[str] = AsOfOpt,
    strict: bool = StrictOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """需要催办的：已逾期和即将到期（未答复）的建议，按承办单位列出逾期天数、剩余天数。"""
    from rdtool.services.proposals import views as proposal_views

    fmt = check_format(fmt)
    days = _within(within)
    store = open_db(db)
    rows = proposal_views.chase(store, parse_option("--as-of", parse_date, as_of), days)
    _chase(rows, fmt, f"{days}天内到期及已逾期", strict)


def overdue(
    as_of: Optional[str] = AsOfOpt,
    strict: bool = StrictOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """逾期未答复的建议，按承办单位列出逾期天数（代表法第五十一条：交办之日起3个月，复杂6个月）。"""
    from rdtool.services.proposals import views as proposal_views

    fmt = check_format(fmt)
    store = open_db(db)
    rows = proposal_views.chase(store, parse_option("--as-of", parse_date, as_of))
    _chase(rows, fmt, "逾期未答复", strict)


def search(
    words: List[str] = typer.Argument(..., help="要查找的词或代表姓名（多个须同时符合），如 便民桥、养老、徐晓峰"),
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="最多列出几件"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """检索标题和内容（中文：三字以上用 FTS5 三元组索引，一两个字逐条匹配），以及代表姓名（领衔或附议的议案和建议），
    按相关度排序并显示匹配片段。"""
    from rdtool.services.proposals import views as proposal_views

    fmt = check_format(fmt)
    store = open_db(db)
    rows = proposal_views.search(store, " ".join(words), limit)
    render_rows(rows, [Column("code"), Column("title"), Column("lead"), Column("snippet"), Column("submitted_on"),
                       Column("status", "状态", enum="proposal_status"), Column("score", "相关度")], fmt,
                empty="没有找到相符的议案或建议")


def stats(
    date_from: Optional[str] = typer.Option(None, "--from", help="提出日期自"),
    date_to: Optional[str] = typer.Option(None, "--to", help="提出日期至"),
    term: Optional[int] = typer.Option(None, "--term", help="届次（代替 --from/--to）"),
    year: Optional[int] = typer.Option(None, "--year", help="年度（代替 --from/--to）"),
    by: Optional[str] = typer.Option(None, "--by", help="分组：承办单位 或 分类（也可写 unit、category）"),
    as_of: Optional[str] = AsOfOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """统计：收到、议案、建议、交办、答复、办结、逾期，答复率、按期答复率、满意率、解决落实率（A+B）。

    统计对象为期间内提出的议案和建议；各状态按 --as-of 当天判断；分母为0时比率为空（null）。
    """
    from rdtool.dates import today
    from rdtool.errors import UsageError
    from rdtool.render import render_json, render_record
    from rdtool.services.proposals import views as proposal_views
    from rdtool.services.terms.periods import period_from_options

    fmt = check_format(fmt)
    by = {"承办单位": "unit", "单位": "unit", "分类": "category", "类别": "category"}.get(by.strip(), by) if by else by
    if by not in (None, "unit", "category"):
        raise UsageError(f"--by 只能是 承办单位（unit）或 分类（category），而不是“{by}”")
    store = open_db(db)
    day = parse_option("--as-of", parse_date, as_of) or today()
    period = period_from_options(store, year, term, parse_option("--from", parse_date, date_from),
                                 parse_option("--to", parse_date, date_to), as_of=day)
    start, end = period.date_from, period.date_to
    data = proposal_views.figures(store, start, end, day, by)
    title = f"{start} 至 {end} 提出的议案和建议（截至 {day}）"
    if fmt == "json":
        render_json(data)
    elif by is None:
        render_record(data, FIGURE_COLUMNS, fmt, title=title)
    else:
        label_zh = "承办单位" if by == "unit" else "分类"
        render_rows(data, [Column(by, label_zh)] + FIGURE_COLUMNS, fmt, title=title)
