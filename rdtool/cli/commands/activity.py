"""rdtool activity …: deputy activities, training and study (代表活动、学习培训、视察、调研…)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.options import AnnualYearOpt, DbOpt, FormatOpt, LocationOpt, NotesOpt, ReasonOpt, ToOpt
from rdtool.cli.common import show_record
from rdtool.cli.common import check_format, echo_report, given, make_app, open_db, parse_option
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_list
from rdtool.cells import leave_out_first

app = make_app("代表活动：培训、学习、视察、调研、执法检查、代表小组活动、联系选民、向选民述职。"
               "参加人员按姓名填写，用“、”分隔；同届同名的写 姓名#ID（如 王建国#20）。")

KIND_HELP = "类别：培训、学习、视察、调研、执法检查、代表小组活动、联系选民、向选民述职、其他（或英文代码）"
LEVEL_HELP = "层级：镇(乡)人大代表活动（镇/乡）、县人大代表活动（县）、县乡两级（两级）；不填则按参加人员推断"


def _cols(keys: list[str]) -> list[Column]:
    enums = {"kind": "activity_kind", "level": "activity_level"}
    headers = {"participant_count": "人数", "organiser": "组织单位", "term": "届次"}
    return [Column(k, headers.get(k, ""), enum=enums.get(k)) for k in keys]


LIST_TABLE = ["code", "date", "kind", "level", "title", "subject", "participant_count"]
LIST_LEAVE_OUT = ("subject", "participant_count", "level")  # on a narrow terminal, first
LIST_FULL = ["id", "code", "kind", "level", "date", "title", "subject", "location", "organiser",
             "participant_count", "participants", "notes"]
SHOW = ["code", "kind", "level", "date", "title", "subject", "location", "organiser", "term", "participant_count",
        "notes"]


LevelOpt = typer.Option(None, "--level", help=LEVEL_HELP)  # (add and edit)


@app.command("add")
def add(
    title: str = typer.Argument(..., help="活动名称，如 视察美丽乡村建设"),
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    on: str = typer.Option(..., "--date", help="日期，如 2019-04-18 或 2019年4月18日"),
    level: Optional[str] = LevelOpt,
    subject: Optional[str] = typer.Option(None, "--subject", help="对象/项目，如 美丽乡村、“一事一议”财政奖补"),
    location: Optional[str] = LocationOpt,
    organiser: Optional[str] = typer.Option(None, "--organiser", help="组织单位，如 镇人大主席团、县人大常委会"),
    participants: Optional[str] = typer.Option(None, "--participants", "-p",
                                               help="参加代表姓名，用“、”或“;”分隔；同名写 姓名#ID"),
    code: Optional[str] = typer.Option(None, "--code", help="编号（默认自动编为 A届次-序号，如 A3-014）"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录一次代表活动及参加人员（参加人员须为活动当日在任的本届代表）。"""
    from rdtool.services.activities import activities as svc

    store = open_db(db)
    result = svc.add(store, given(title=title, kind=kind, date=on, level=level, subject=subject, location=location,
                                 organiser=organiser, participants=participants, code=code, notes=notes))
    typer.echo(f"已记录活动 {result['code']}：{title}（参加代表 {result['participants']} 人）")
    from rdtool.cli.common import warn

    warn(result["warnings"])


@app.command("list")
def list_(
    kind: Optional[str] = typer.Option(None, "--kind", help=KIND_HELP + "；写 学习培训 包括培训和学习"),
    level: Optional[str] = typer.Option(None, "--level", help="层级：镇（含两级）、县（含两级）、两级"),
    year: Optional[int] = AnnualYearOpt,
    term: Optional[int] = typer.Option(None, "--term", help="届次（按活动日期）；与 --deputy 同用时限定代表的届次"),
    deputy: Optional[str] = typer.Option(None, "--deputy", help="参加的代表（姓名、姓名#ID 或 ID）；同一人既是镇代表又是县代表的，两级的活动都列出"),
    date_from: Optional[str] = typer.Option(None, "--from", help="起始日期"),
    date_to: Optional[str] = ToOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出活动（按日期），可按类别、层级、年度、届次、代表筛选。"""
    from rdtool.services.activities import activities as svc

    fmt = check_format(fmt)
    kind_code = None
    if kind is not None:
        kind_code = ("training,study" if kind.strip() in ("学习培训", "培训学习")
                     else parse_option("--kind", lambda r: parse_enum("activity_kind", r), kind))
    store = open_db(db)
    rows = svc.listing(store, kind=kind_code,
                       level=parse_option("--level", lambda r: parse_enum("activity_level", r), level),
                       year=year, deputy=deputy, term=term,
                       date_from=parse_option("--from", parse_date, date_from),
                       date_to=parse_option("--to", parse_date, date_to))
    render_list(rows, leave_out_first(_cols(LIST_TABLE), *LIST_LEAVE_OUT), _cols(LIST_FULL), fmt,
                empty="没有符合条件的代表活动")


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="活动编号（如 A3-004）或 ID"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一次活动的详细信息和参加人员（按姓氏笔画）。"""
    from rdtool.services.activities import activities as svc

    fmt = check_format(fmt)
    store = open_db(db)
    record = svc.show(store, ref)
    people = record["participants"]
    one_row = fmt in ("csv", "tsv", "jsonl")  # the participants' names in a column of the one row
    show_record(record, _cols(SHOW + ["participants"] if one_row else SHOW), fmt, f"{record['code']} {record['title']}",
                view={"participants": "、".join(p["name"] for p in people)} if one_row else None,
                sections=[("参加人员", people, [Column("id", "ID"), Column("name", "姓名"),
                                             Column("level", "代表层级", enum="level"), Column("constituency", "选区")])])


@app.command("edit")
def edit(
    ref: str = typer.Argument(..., help="活动编号或 ID"),
    title: Optional[str] = typer.Option(None, "--title", help="活动名称"),
    kind: Optional[str] = typer.Option(None, "--kind", help=KIND_HELP),
    on: Optional[str] = typer.Option(None, "--date", help="日期"),
    level: Optional[str] = LevelOpt,
    subject: Optional[str] = typer.Option(None, "--subject", help="对象/项目（写 \"\" 清除）"),
    location: Optional[str] = LocationOpt,
    organiser: Optional[str] = typer.Option(None, "--organiser", help="组织单位"),
    participants: Optional[str] = typer.Option(None, "--participants", "-p", help="参加人员（整体替换）"),
    add_names: Optional[str] = typer.Option(None, "--add", help="增加参加人员"),
    remove_names: Optional[str] = typer.Option(None, "--remove", help="去掉参加人员"),
    code: Optional[str] = typer.Option(None, "--code", help="更正编号"),
    notes: Optional[str] = NotesOpt,
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """更正一次活动（改前改后逐项列出）；--participants 整体替换参加人员，--add/--remove 增减。"""
    from rdtool.services.activities import activities as svc

    store = open_db(db)
    result = svc.edit(store, ref, given(title=title, kind=kind, date=on, level=level, subject=subject,
                                       location=location, organiser=organiser, participants=participants,
                                       code=code, notes=notes), add_names, remove_names, reason)
    echo_report(result["report"], f"活动 {result['code']} 没有变化")
    if "participants" in result["changed"]:
        typer.echo(f"参加代表 {result['participants']} 人")
