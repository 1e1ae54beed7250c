"""rdtool deputy …: the roster of deputies (人大代表).

The record here (add, list, show, edit, merge, announce, role, archive); leaving office in deputy/office.py, the roster
in figures in deputy/figures.py — registered below in the order `rdtool deputy --help` lists them."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import (check_format, confirm_done, echo_recomputed, echo_report, given, make_app, open_db,
                               parse_option, say, shown, warn)
from rdtool.cli.commands.deputy import figures, office, suspensions
from rdtool.cli.options import (AnnualYearOpt, CurrentTermOpt, DbOpt, DeputyArg, DeputyRefArg, EditNotesOpt, ForceOpt,
                                FormatOpt, NameTermOpt, OccupationOpt, ReasonOpt, RefTermOpt, VerboseOpt, WorkplaceOpt,
                                optional)
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_list, render_record, render_rows
from rdtool.cells import human, leave_out_first

app = make_app("人大代表：增加、查询、修改、离任、主席团职务、代表结构。离任不是删除：记录永久保留（代表法第六十二条等）。")

_ENUMS = {"gender": "gender", "party": "party", "education": "education", "occupation": "occupation",
          "level": "level", "presidium_role": "presidium_role", "status": "deputy_status"}
TABLE_COLUMNS = ["id", "name", "gender", "age", "party", "occupation", "level", "constituency", "presidium_role",
                 "status"]
TABLE_LEAVE_OUT = ("occupation", "constituency", "age", "party", "presidium_role")  # on a narrow terminal, first
FULL_COLUMNS = ["id", "name", "gender", "birth_date", "ethnicity", "party", "education", "occupation", "workplace",
                "level", "constituency", "term", "elected_on", "re_elected", "phone", "id_number", "presidium_role",
                "status", "status_date"]
SHOW_COLUMNS = FULL_COLUMNS[:-2] + ["status", "status_date", "status_reason", "age"]


def cols(keys: list[str]) -> list[Column]:
    return [Column(k, enum=_ENUMS.get(k), kind="bool" if k == "re_elected" else "text") for k in keys]



ShowIdOpt = typer.Option(False, "--show-id", help="显示完整身份证号")
ShowPhoneOpt = typer.Option(False, "--show-phone", help="显示完整电话号码")


@app.command("add")
def add(
    name: str = typer.Argument(..., help="姓名"),
    gender: str = typer.Option(..., "--gender", help="性别：男/女 或 male/female"),
    level: str = typer.Option(..., "--level", help="代表层级：镇(乡)/县 或 township/county"),
    term: str = typer.Option(..., "--term", help="届次，如 3"),
    birth_date: Optional[str] = typer.Option(None, "--birth-date", help="出生日期，如 1975-03-02、1975年3月2日，或只写年月 1975.03"),
    ethnicity: Optional[str] = typer.Option(None, "--ethnicity", help="民族，如 汉族"),
    party: Optional[str] = typer.Option(None, "--party", help="政治面貌：中共党员/党员、中共预备党员、民主党派、无党派人士、群众"),
    education: Optional[str] = typer.Option(None, "--education", help="文化程度：小学、初中、高中/中专、大专、本科、研究生"),
    occupation: Optional[str] = typer.Option(None, "--occupation", help="代表构成：党政领导干部、工人、农民、专业技术人员、企业负责人、其他"),
    workplace: Optional[str] = WorkplaceOpt,
    constituency: Optional[str] = typer.Option(None, "--constituency", help="选区"),
    elected_on: Optional[str] = typer.Option(None, "--elected-on", help="当选日期"),
    re_elected: Optional[str] = typer.Option(None, "--re-elected", help="是否连任：是/否"),
    phone: Optional[str] = typer.Option(None, "--phone", help="联系电话"),
    id_number: Optional[str] = typer.Option(None, "--id-number", help="身份证号（校验 GB 11643 校验位）"),
    presidium_role: Optional[str] = typer.Option(None, "--presidium-role", help="主席团职务：主席、副主席、成员"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一位代表。枚举值可写中文或英文代码，日期可写多种格式。"""
    from rdtool.services.deputies import deputies as svc

    store = open_db(db)
    done = svc.add(store, given(name=name, gender=gender, level=level, term=term, birth_date=birth_date,
                                 ethnicity=ethnicity, party=party, education=education, occupation=occupation,
                                 workplace=workplace, constituency=constituency, elected_on=elected_on,
                                 re_elected=re_elected, phone=phone, id_number=id_number,
                                 presidium_role=presidium_role))
    typer.echo(f"已增加代表 {name}（ID {done['id']}）")
    for line in done["notes"]:
        say(line)
    echo_recomputed(done["report"].derived)
    warn(done["report"].warnings)


@app.command("list")
def list_(
    term: Optional[int] = CurrentTermOpt,
    level: Optional[str] = typer.Option(None, "--level", help="代表层级：镇/县"),
    status: Optional[str] = typer.Option(None, "--status", help="状态：在任、辞职、罢免、调离、去世、终止代表资格"),
    party: Optional[str] = typer.Option(None, "--party", help="政治面貌；写“党员”包括中共党员和预备党员"),
    occupation: Optional[str] = OccupationOpt,
    presidium: bool = typer.Option(False, "--presidium", help="只列主席团成员"),
    in_office: bool = typer.Option(False, "--in-office", help="只列在任代表"),
    name: Optional[str] = typer.Option(None, "--name", help="按姓名查找（包含即可）"),
    sort: str = typer.Option("stroke", "--sort", help="排序：stroke（姓氏笔画，默认）、pinyin、id"),
    show_id: bool = ShowIdOpt,
    show_phone: bool = ShowPhoneOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出代表，默认按姓氏笔画排序；身份证号、电话默认脱敏。"""
    from rdtool.errors import UsageError
    from rdtool.services.deputies import deputies as svc

    fmt = check_format(fmt)
    if sort not in ("stroke", "pinyin", "id"):
        raise UsageError(f"--sort 只能是 stroke、pinyin 或 id，而不是“{sort}”")
    store = open_db(db)
    party_code = None
    if party is not None:
        party_code = "member" if party.strip() in ("党员", "member") else parse_option("--party", lambda r: parse_enum("party", r), party)
    rows = svc.listing(
        store, term=term if term is not None else svc.current_term(store),
        level=parse_option("--level", lambda r: parse_enum("level", r), level),
        status=parse_option("--status", lambda r: parse_enum("deputy_status", r), status),
        party=party_code, occupation=parse_option("--occupation", lambda r: parse_enum("occupation", r), occupation),
        presidium=presidium, in_office=in_office, name=name, sort=sort, show_id=show_id, show_phone=show_phone)
    for r in rows:  # still 在任 (代表法第六十一条 suspends the duties, not the mandate): marked for people only
        r["status_shown"] = human(Column("status", enum="deputy_status"), r["status"], short=fmt == "table") + \
            ("（暂停执行职务）" if r["suspended"] else "")
    people = [c._replace(key="status_shown", header="状态", enum=None) if c.key == "status" else c
              for c in leave_out_first(cols(TABLE_COLUMNS), *TABLE_LEAVE_OUT)]
    render_list(rows, people, cols(FULL_COLUMNS), fmt, empty="没有符合条件的代表")


@app.command("show")
def show(
    ref: str = DeputyArg,
    term: Optional[int] = NameTermOpt,
    show_id: bool = ShowIdOpt,
    show_phone: bool = ShowPhoneOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """一位代表的详细信息与主席团任职经历。"""
    from rdtool.services.deputies import records as svc

    fmt = check_format(fmt)
    store = open_db(db)
    record = svc.record(store, ref, term, show_id, show_phone)
    if fmt == "json":
        from rdtool.render import render_json

        render_json(record)
        return
    render_record(record, cols(SHOW_COLUMNS), fmt, title=f"{record['name']}（ID {record['id']}）")
    if record["other_mandates"] and fmt in ("table", "md"):
        typer.echo("")
        render_rows(record["other_mandates"],
                    [Column("id", "ID"), Column("term", "届次"), Column("level", "代表层级", enum="level"),
                     Column("constituency", "选区"), Column("elected_on", "当选日期"),
                     Column("status", "状态", enum="deputy_status"), Column("status_date", "状态日期")],
                    fmt, title="同一人的其他代表资格")
    if record["memberships"] and fmt in ("table", "md"):
        render_rows(record["memberships"],
                    [Column("role", "主席团职务", enum="presidium_role"), Column("from_date", "起"), Column("to_date", "止")],
                    fmt, title="主席团任职")
    if record["attendance"] and fmt in ("table", "md"):
        summary = record["attendance_summary"]
        typer.echo("")
        render_rows(record["attendance"],
                    [Column("code", "会议"), Column("date"), Column("kind", enum="meeting_kind"), Column("title"),
                     Column("status", "出席情况", enum="attendance")], fmt,
                    title=f"出席记录（出席{summary['present']}次，请假{summary['leave']}次，缺席{summary['absent']}次）")
    if record["suspensions"] and fmt in ("table", "md"):
        typer.echo("")
        render_rows(record["suspensions"], suspensions.SUSPENSION_COLUMNS[2:], fmt, title="暂停执行代表职务（代表法第六十一条）")
    if record["art62"] and fmt in ("table", "md"):
        typer.echo(f"⚠ {record['art62_text']}")
    if record["proposals"] and fmt in ("table", "md"):
        typer.echo("")
        render_rows(record["proposals"],
                    [Column("code"), Column("kind", enum="proposal_kind"), Column("title"), Column("submitted_on"),
                     Column("role_zh", "身份"), Column("unit"), Column("status", "状态", enum="proposal_status")],
                    fmt, title="领衔和附议的议案、建议")


@app.command("edit")
def edit(
    ref: str = DeputyRefArg,
    term: Optional[int] = RefTermOpt,
    name: Optional[str] = optional("--name", "<姓名>", "更正姓名"),
    gender: Optional[str] = optional("--gender", "<性别>"),
    birth_date: Optional[str] = optional("--birth-date", "<日期>"),
    ethnicity: Optional[str] = optional("--ethnicity", "<民族>"),
    party: Optional[str] = optional("--party", "<政治面貌>"),
    education: Optional[str] = optional("--education", "<文化程度>"),
    occupation: Optional[str] = optional("--occupation", "<代表构成>"),
    workplace: Optional[str] = optional("--workplace", "<单位及职务>"),
    level: Optional[str] = optional("--level", "<镇/县>"),
    constituency: Optional[str] = optional("--constituency", "<选区>"),
    new_term: Optional[str] = optional("--set-term", "<届次>", "更正所属届次"),
    elected_on: Optional[str] = optional("--elected-on", "<日期>"),
    re_elected: Optional[str] = optional("--re-elected", "<是/否>"),
    phone: Optional[str] = optional("--phone", "<电话>", "写空字符串 \"\" 可清除"),
    id_number: Optional[str] = optional("--id-number", "<身份证号>"),
    status: Optional[str] = optional("--status", "<状态>", "更正状态；写 在任 撤销误录的离任（主席团职务随之恢复）"),
    status_date: Optional[str] = optional("--status-date", "<日期>", "更正离任日期"),
    status_reason: Optional[str] = optional("--status-reason", "<离任原因>"),
    notes: Optional[str] = EditNotesOpt,
    reason: Optional[str] = ReasonOpt,
    show_id: bool = typer.Option(False, "--show-id", help="改前改后显示完整身份证号（默认脱敏）"),
    show_phone: bool = typer.Option(False, "--show-phone", help="改前改后显示完整电话号码（默认脱敏）"),
    db: Optional[str] = DbOpt,
) -> None:
    """更正代表的任一项信息，包括状态和离任日期（--status 在任 恢复误录离任的代表）。离任日期改变时，
    受影响会议的应到人数、点名、表决和选举结果随之重新计算，改前改后逐项列出。主席团职务请用 deputy role。"""
    from rdtool.services.deputies import records as svc

    store = open_db(db)
    result = svc.edit(store, ref, given(name=name, gender=gender, birth_date=birth_date, ethnicity=ethnicity,
                                       party=party, education=education, occupation=occupation, workplace=workplace,
                                       level=level, constituency=constituency, term=new_term, elected_on=elected_on,
                                       re_elected=re_elected, phone=phone, id_number=id_number, status=status,
                                       status_date=status_date, status_reason=status_reason, notes=notes),
                      term, reason, show=shown(show_id, show_phone))
    echo_report(result["report"], f"{result['name']}（ID {result['id']}）没有变化")


@app.command("merge")
def merge(
    keep: str = typer.Argument(..., metavar="<代表>", help="保留其个人信息的一条：姓名#ID 或 ID"),
    other: str = typer.Argument(..., metavar="<同一人的另一条>", help="同一人另一层级的代表记录：姓名#ID 或 ID"),
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """把分开录入的两条记录合并为同一人（如人大主席既是镇人大代表又是县人大代表，以前录成了两个人）。
    两个代表资格各自保留层级、选区、状态、出席、议案建议和活动；一条缺的个人信息（出生日期、电话等）从另一条补上，
    两条不一致的须先用 deputy edit 更正。记入修改记录，可用 rdtool undo 撤销。"""
    from rdtool.labels import label
    from rdtool.services.deputies import people as svc

    store = open_db(db)
    done = svc.merge(store, keep, other, reason)
    mandates = "、".join(f"第{m['term']}届{label('level', m['level'])}（ID {m['id']}）" for m in done["mandates"])
    say(f"已合并：{done['keep']['name']}（ID {done['keep']['id']}）与 ID {done['other']['id']} 记为同一人，"
        f"代表资格：{mandates}")
    for line in done["report"].lines():
        say(line)


app.command("end")(office.end)


@app.command("announce")
def announce(
    ref: str = DeputyArg,
    on: str = typer.Option(..., "--date", metavar="<日期>", help="公告日期"),
    post: bool = typer.Option(False, "--post", help="记录的是主席团公告主席、副主席职务相应终止（选举法第五十四条第二款、"
                                                    "第五十六条第二款）"),
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录镇代表资格终止的公告：由本级人民代表大会予以公告（代表法第六十三条第二款；接受辞职的应当予以公告，选举法
    第五十五条第二款）；或用 --post 记录主席团对主席、副主席职务终止的公告。"""
    from rdtool.services.deputies import mandates

    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    r = mandates.announce(store, ref, day, post, term)
    what = "主席团公告其主席、副主席职务终止" if post else "本级人民代表大会公告其代表资格终止"
    typer.echo(f"已记录：{r['deputy']['name']}（ID {r['deputy']['id']}），{day} {what}")


app.command("suspend")(suspensions.suspend)
app.command("suspend-report")(suspensions.suspend_report)
app.command("resume")(suspensions.resume)
app.command("suspensions")(suspensions.suspensions)


@app.command("role")
def role(
    ref: str = DeputyRefArg,
    role_name: str = typer.Argument(..., metavar="<职务>", help="主席、副主席、成员；写 none 表示卸任"),
    since: str = typer.Option(..., "--from", metavar="<日期>", help="起始（或卸任）日期；与现任职务相同则为更正起始日期"),
    term: Optional[int] = RefTermOpt,
    reason: Optional[str] = ReasonOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """设置或结束主席团职务（按日期记录，历史保留）。写与现任相同的职务和另一个日期，即更正任职起始日期；
    已卸任的再写 none，即更正卸任日期。此后的主席团会议的应到人数随之重新计算。"""
    from rdtool.labels import label
    from rdtool.services.deputies import records as svc

    code = None if role_name.strip().lower() in ("none", "无", "卸任") else parse_option(
        "职务", lambda r: parse_enum("presidium_role", r), role_name)
    day = parse_option("--from", parse_date, since)
    store = open_db(db)
    row = svc.set_presidium_role(store, ref, code, day, term, reason)
    typer.echo(f"{row['name']}：自 {day} 起" + (f"任{label('presidium_role', code)}" if code else "不再担任主席团职务"))
    for line in row["report"].lines():
        if not line.startswith("已更正"):
            typer.echo(line)


app.command("composition")(figures.composition)


# --- 履职档案、履职积分、提醒 ---------------------------------------------------------------

ARCHIVE_FORMATS = ("table", "md", "json", "csv", "tsv", "jsonl", "docx")


@app.command("archive")
def archive(
    ref: str = DeputyArg,
    year: Optional[int] = AnnualYearOpt,
    term: Optional[int] = typer.Option(None, "--term", help="届次（默认该代表所在届的全部任期）"),
    fmt: str = typer.Option("table", "--format", "-f", help="table（终端）、md、json、docx（须 --output）、csv、tsv、jsonl"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="写入文件（权限 0600；已有的文件需 --force 才覆盖）；docx 必须指定"),
    force: bool = ForceOpt,
    verbose: bool = VerboseOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """代表履职档案：出席人代会（出席/请假/缺席）、主席团会议、领衔和附议的议案建议及办理结果、代表活动与学习培训、履职积分。
    同一人既是镇人大代表又是县人大代表的，档案是这个人的：两级的活动、议案建议都计入。
    可打印或向原选区选民通报（--format md/docx）。未经批准两次不出席人代会的，代表资格终止（代表法第六十二条）。"""
    from pathlib import Path

    from rdtool.errors import UsageError
    from rdtool.services.deputies import archive as svc

    fmt = check_format(fmt, ARCHIVE_FORMATS)
    if fmt == "docx" and not output:
        raise UsageError("--format docx 需要用 --output 指定文件，如 --output 王桂芳履职档案.docx")
    store = open_db(db)
    data = svc.archive(store, ref, year, term)
    from rdtool.cli.common import overwrite
    from rdtool.output_file import open_binary, open_text

    if fmt == "docx":
        from rdtool.reports import archive_docx
        from rdtool.store import settings as settings_sql

        with open_binary(Path(output), db=store.path, overwrite=overwrite(force)) as out:
            archive_docx.write(data, out, town=settings_sql.get(store, "town") or "")
        confirm_done(f"已写入 {output}", verbose)
        return
    from rdtool.cli.archive_views import render_archive

    if output:
        with open_text(Path(output), db=store.path, overwrite=overwrite(force)) as out:
            render_archive(data, fmt, out)
        confirm_done(f"已写入 {output}", verbose)
        return
    render_archive(data, fmt)


app.command("scores")(figures.scores)
app.command("flags")(figures.flags)
