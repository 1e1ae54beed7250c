"""rdtool general-election …: the general election of deputies (换届选举, 选举法 2020)."""

from __future__ import annotations

from typing import List, Optional

import typer

from rdtool.cli.common import NotesOpt
from rdtool.cli.common import DbOpt, FormatOpt, check_format, make_app, open_db, parse_option, warn
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_json, render_record, render_rows

app = make_app(
    "换届选举：计划与各阶段日期（选举法第二十八条、第三十二条期限）、选区（第二十五条，一至三名；第十二条名额）、"
    "候选人（第三十条推荐、第三十一条差额比例）、投票结果（第四十四条、第四十五条）、代表资格审查（第四十七条）、"
    "当选代表列入新一届代表名单、总结。")

LevelOpt = typer.Option("township", "--level", help="代表层级：镇/县（township/county），默认镇")
TermArg = typer.Argument(..., help="选举产生的届次，如 3")


def _level(raw: str) -> str:
    return parse_option("--level", lambda r: parse_enum("level", r), raw)


@app.command("plan")
def plan(
    term: int = TermArg,
    level: str = LevelOpt,
    election_day: Optional[str] = typer.Option(None, "--election-day", help="选举日（投票选举）；新建计划时必填"),
    mobilisation: Optional[str] = typer.Option(None, "--mobilisation", help="宣传动员开始日期"),
    registration: Optional[str] = typer.Option(None, "--registration",
                                               help="选民登记：选民名单公布日期（选举日的二十日以前，选举法第二十八条）"),
    candidates: Optional[str] = typer.Option(None, "--candidates",
                                             help="初步候选人推荐：候选人名单公布日期（选举日的十五日以前，第三十二条）"),
    final_list: Optional[str] = typer.Option(None, "--final-list",
                                             help="正式候选人确定：正式候选人名单公布日期（选举日的七日以前，第三十二条）"),
    credentials: Optional[str] = typer.Option(None, "--credentials", help="代表资格审查日期（第四十七条）"),
    population: Optional[str] = typer.Option(None, "--population",
                                             help="人口数，用于核对代表名额（第十二条）；不填则用设置 population"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """建立（或修改）一次换届选举的计划和各阶段日期；日期不符合法定期限时给出提示。"""
    from rdtool.services.general_election import general_election as svc

    raw = {"term": str(term), "level": level, "election_day": election_day, "mobilisation_on": mobilisation,
           "registration_on": registration, "candidates_on": candidates, "final_list_on": final_list,
           "credentials_on": credentials, "population": population, "notes": notes}
    raw = {k: v for k, v in raw.items() if v is not None}
    store = open_db(db)
    if "election_day" not in raw:
        e = svc.election(store, term, _level(level))
        raw["election_day"] = e["election_day"]
    result = svc.plan(store, raw)
    e = result["record"]
    from rdtool.labels import label

    typer.echo(f"已{'建立' if result['created'] else '修改'}第{term}届{label('level', e['level'])}换届选举计划"
               f"（选举日 {e['election_day']}）")
    warn(result["warnings"])


@app.command("show")
def show(
    term: int = TermArg,
    level: Optional[str] = typer.Option(None, "--level", help="代表层级：镇/县；不填则两级都列"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """换届选举计划：各阶段及日期、法定期限提示、代表名额核对。"""
    from rdtool.services.general_election import general_election as svc

    fmt = check_format(fmt)
    store = open_db(db)
    data = svc.show(store, term, _level(level) if level else None)
    if fmt == "json":
        render_json(data)
        return
    rows = [{"level": e["level"], **p} for e in data for p in e["phases"]]
    cols = [Column("level", "层级", enum="level"), Column("phase", "阶段代码"), Column("phase_zh", "阶段"),
            Column("date", "日期"), Column("rule", "法律依据")]
    if fmt in ("table", "md"):
        cols = [c for c in cols if c.key != "phase"]
    render_rows(rows, cols, fmt, title=f"第{term}届换届选举计划")
    if fmt in ("table", "md"):
        notes = [{"level": e["level"], "warning": w} for e in data for w in e["warnings"]]
        if notes:
            typer.echo("")
            render_rows(notes, [Column("level", "层级", enum="level"), Column("warning", "提示")], fmt, title="提示")


@app.command("constituency")
def constituency(
    term: int = TermArg,
    name: str = typer.Argument(..., help="选区名称，如 第一选区"),
    level: str = LevelOpt,
    seats: str = typer.Option(..., "--seats", help="应选代表名额（一至三名，选举法第二十五条第二款）"),
    voters: str = typer.Option(..., "--voters", help="登记选民数"),
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """增加一个选区：应选名额、登记选民数。"""
    from rdtool.services.general_election import general_election as svc

    store = open_db(db)
    raw = {"term": str(term), "level": level, "constituency": name, "seats": seats, "voters": voters}
    if notes is not None:
        raw["notes"] = notes
    svc.add_constituency(store, raw)
    typer.echo(f"已增加选区 {name}（应选{seats}名，选民{voters}人）")
    quota = svc.quota_check(store, svc.election(store, term, _level(level)))
    if quota and quota["seats"] > quota["quota"]:
        warn([quota["warning"]])


@app.command("constituencies")
def constituencies(
    term: int = TermArg,
    level: str = LevelOpt,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出选区：名额、选民、候选人与差额比例（第三十一条）、参选率、当选与暂缺；镇级核对代表总名额（第十二条）。"""
    from rdtool.services.general_election import general_election as svc

    fmt = check_format(fmt)
    store = open_db(db)
    lv = _level(level)
    rows = svc.constituency_rows(store, term, lv)
    render_rows(rows, TURNOUT_COLUMNS, fmt, title=f"第{term}届换届选举选区")
    quota = svc.quota_check(store, svc.election(store, term, lv))
    if quota and fmt in ("table", "md"):
        typer.echo(f"\n代表名额：各选区合计{quota['seats']}名；按人口{quota['population']}人计算为{quota['quota']}名"
                   f"（选举法第十二条）" + ("" if quota["ok"] else f"。{quota['warning']}"))


TURNOUT_COLUMNS = [
    Column("level", "层级", enum="level"), Column("constituency"), Column("seats"), Column("voters"),
    Column("final_candidates", "正式候选人"), Column("ratio_warning", "差额比例提示"),
    Column("nomination_warning", "推荐人数提示"), Column("rounds", "投票轮次"),
    Column("ballots_issued", "参加投票"), Column("turnout", "参选率", kind="rate"), Column("elected", "当选"),
    Column("vacant", "暂缺"), Column("pending", "待定"),
]


@app.command("candidate")
def candidate(
    term: int = TermArg,
    name: str = typer.Argument(..., help="候选人姓名"),
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", help="选区"),
    gender: str = typer.Option(..., "--gender", help="性别：男/女"),
    birth_date: Optional[str] = typer.Option(None, "--birth-date", help="出生日期（用于区分同名者、判断是否连任）"),
    ethnicity: Optional[str] = typer.Option(None, "--ethnicity", help="民族"),
    party: Optional[str] = typer.Option(None, "--party", help="政治面貌"),
    education: Optional[str] = typer.Option(None, "--education", help="文化程度"),
    occupation: Optional[str] = typer.Option(None, "--occupation", help="代表构成"),
    workplace: Optional[str] = typer.Option(None, "--workplace", help="工作单位及职务"),
    nominated_by: Optional[str] = typer.Option(None, "--nominated-by", help="推荐的政党、人民团体（选举法第三十条第二款）"),
    nominators: Optional[str] = typer.Option(None, "--nominators", help="选民联名推荐的人数（十人以上，第三十条第二款）"),
    final: bool = typer.Option(False, "--final", help="直接列入正式代表候选人名单"),
    db: Optional[str] = DbOpt,
) -> None:
    """增加一名代表候选人（政党、人民团体推荐，或选民十人以上联名推荐）。一个政党、人民团体单独或联合推荐的候选人
    多于本选区应选名额时给出提示（选举法第三十条第三款）。"""
    from rdtool.services.general_election import general_election as svc

    raw = {"term": str(term), "level": level, "constituency": constituency_name, "name": name, "gender": gender,
           "birth_date": birth_date, "ethnicity": ethnicity, "party": party, "education": education,
           "occupation": occupation, "workplace": workplace, "nominated_by": nominated_by,
           "nominators": nominators, "final": "是" if final else "否"}
    store = open_db(db)
    new_id, warnings = svc.add_candidate(store, {k: v for k, v in raw.items() if v is not None})
    typer.echo(f"已增加候选人 {name}（{constituency_name}，ID {new_id}）")
    warn(warnings)


@app.command("finalize")
def finalize(
    term: int = TermArg,
    names: List[str] = typer.Argument(..., help="列入正式代表候选人名单的姓名"),
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", help="选区"),
    db: Optional[str] = DbOpt,
) -> None:
    """确定正式代表候选人名单；检查差额比例（直接选举多于应选名额三分之一至一倍，选举法第三十一条）。"""
    from rdtool.services.general_election import general_election as svc

    store = open_db(db)
    result = svc.finalize(store, term, _level(level), constituency_name, list(names))
    typer.echo(f"{result['constituency']}：正式代表候选人{result['final']}人，应选{result['seats']}名")
    if result["warning"]:
        warn([result["warning"]])


@app.command("candidates")
def candidates(
    term: int = TermArg,
    level: str = LevelOpt,
    constituency_name: Optional[str] = typer.Option(None, "--constituency", help="只列一个选区"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出候选人：推荐方式、是否正式候选人、得票、结果、资格确认。"""
    from rdtool.services.general_election import general_election as svc

    fmt = check_format(fmt)
    store = open_db(db)
    rows = svc.candidate_rows(store, term, _level(level), constituency_name)
    cols = [Column("id"), Column("constituency"), Column("name"), Column("gender", enum="gender"),
            Column("birth_date"), Column("party", enum="party"), Column("occupation", enum="occupation"),
            Column("nominated_by"), Column("nominators"), Column("final", kind="bool"), Column("round"),
            Column("votes"), Column("outcome", "结果", enum="ge_outcome"), Column("confirmed", kind="bool"),
            Column("confirmed_on"), Column("deputy_id")]
    if fmt in ("table", "md"):
        cols = [c for c in cols if c.key not in ("id", "birth_date", "confirmed_on")]
    render_rows(rows, cols, fmt, title=f"第{term}届换届选举候选人")


def _votes(items: list[str]) -> dict[str, int]:
    from rdtool.errors import ValidationError
    from rdtool.labels import clean_name, parse_int, parse_list

    out: dict[str, int] = {}
    for item in items:
        for part in parse_list(item):
            if "=" not in part and "＝" not in part:
                raise ValidationError(f"--vote “{part}”应写成 姓名=票数，如 张三=812")
            name, _, n = part.replace("＝", "=").partition("=")
            name = clean_name(name)
            if name in out:
                raise ValidationError(f"--vote 中{name}出现了两次")
            out[name] = parse_option("--vote", lambda r: parse_int(r, 0), n)
    if not out:
        raise ValidationError("至少要有一名候选人的得票（--vote 姓名=票数）")
    return out


@app.command("result")
def result(
    term: int = TermArg,
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", help="选区"),
    issued: str = typer.Option(..., "--issued", help="发出选票数（参加投票的选民数）"),
    returned: str = typer.Option(..., "--returned", help="收回选票数"),
    invalid: str = typer.Option("0", "--invalid", help="无效票数"),
    vote: List[str] = typer.Option(..., "--vote", help="候选人得票：姓名=票数，可重复，或写在一起：张三=812、李四=640"),
    round_no: Optional[str] = typer.Option(None, "--round", help="轮次（默认下一轮）"),
    held_on: Optional[str] = typer.Option(None, "--date", help="投票日期（默认选举日）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """录入一个选区一轮投票的结果，按选举法第四十四条、第四十五条计算：收回多于发出则无效；过半数选民参加投票
    选举才有效；得票超过参加投票选民的半数才当选；超过名额以得票多的当选；票数相等须再次投票；不足名额另行
    选举，得票多且不少于选票三分之一者当选；仍不足则暂缺（以后补选）。票数相等后的再次投票只列票数相等的候选人，
    以得票多的当选（第四十五条第三款）。"""
    from rdtool.labels import parse_int
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    votes = _votes(list(vote))
    n = {k: parse_option(f"--{k}", lambda r: parse_int(r, 0), v)
         for k, v in (("issued", issued), ("returned", returned), ("invalid", invalid))}
    store = open_db(db)
    r = results.add_result(store, term, _level(level), constituency_name, votes, n["issued"], n["returned"],
                       n["invalid"], parse_option("--date", parse_date, held_on),
                       parse_option("--round", lambda x: parse_int(x, 1), round_no))
    warn(r["warnings"])
    if fmt == "json":
        render_json(r)
        return
    if fmt in ("table", "md"):
        kind = "（再次投票）" if r["tie_revote"] else ("（另行选举）" if r["revote"] else "")
        typer.echo(f"{r['constituency']}第{r['round']}轮{kind}：{r['explanation']}")
        return
    render_record({**r, "elected": "、".join(r["elected"]), "tie": "、".join(r["tie"])},
                  [Column(k) for k in ("constituency", "round", "seats", "revote", "tie_revote", "valid", "void",
                                       "elected", "tie",
                                       "shortfall", "vacant", "explanation")], fmt)


@app.command("edit-result")
def edit_result(
    term: int = TermArg,
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", metavar="<选区>", help="选区"),
    round_no: str = typer.Option("1", "--round", metavar="<轮次>", help="更正第几轮（默认第1轮）"),
    issued: Optional[str] = typer.Option(None, "--issued", metavar="<张数>", help="发出选票数"),
    returned: Optional[str] = typer.Option(None, "--returned", metavar="<张数>", help="收回选票数"),
    invalid: Optional[str] = typer.Option(None, "--invalid", metavar="<张数>", help="无效票数"),
    vote: Optional[List[str]] = typer.Option(None, "--vote", metavar="<姓名=票数>", help="更正得票，可重复"),
    held_on: Optional[str] = typer.Option(None, "--date", metavar="<日期>", help="投票日期"),
    reason: Optional[str] = typer.Option(None, "--reason", metavar="<原因>", help="更正的原因（记入修改记录）"),
    db: Optional[str] = DbOpt,
) -> None:
    """更正一轮投票的选票数或得票：这一轮和其后各轮按选举法第四十四条、第四十五条重新计票，当选结果的变化逐项列出。
    已列入代表名单的当选人因此不再当选的，拒绝并说明。"""
    from rdtool.cli.common import echo_report
    from rdtool.labels import parse_int
    from rdtool.services.general_election import edits

    n = {k: parse_option(f"--{k}", lambda r: parse_int(r, 0), v)
         for k, v in (("issued", issued), ("returned", returned), ("invalid", invalid))}
    store = open_db(db)
    out = edits.edit_round(store, term, _level(level), constituency_name,
                           parse_option("--round", lambda r: parse_int(r, 1), round_no), votes=_votes(vote) if vote
                           else None, held_on=parse_option("--date", parse_date, held_on), reason=reason, **n)
    echo_report(out["report"], "没有变化")
    typer.echo(out["round"]["explanation"])


@app.command("edit-candidate")
def edit_candidate(
    term: int = TermArg,
    name: str = typer.Argument(..., help="候选人姓名"),
    level: str = LevelOpt,
    constituency_name: str = typer.Option(..., "--constituency", metavar="<选区>", help="候选人现在所在的选区"),
    new_name: Optional[str] = typer.Option(None, "--name", metavar="<姓名>", help="更正姓名"),
    gender: Optional[str] = typer.Option(None, "--gender", metavar="<性别>"),
    birth_date: Optional[str] = typer.Option(None, "--birth-date", metavar="<日期>"),
    ethnicity: Optional[str] = typer.Option(None, "--ethnicity", metavar="<民族>"),
    party: Optional[str] = typer.Option(None, "--party", metavar="<政治面貌>"),
    education: Optional[str] = typer.Option(None, "--education", metavar="<文化程度>"),
    occupation: Optional[str] = typer.Option(None, "--occupation", metavar="<代表构成>"),
    workplace: Optional[str] = typer.Option(None, "--workplace", metavar="<单位及职务>"),
    nominated_by: Optional[str] = typer.Option(None, "--nominated-by", metavar="<推荐单位>"),
    nominators: Optional[str] = typer.Option(None, "--nominators", metavar="<人数>"),
    final: Optional[str] = typer.Option(None, "--final", metavar="<是/否>", help="是否正式代表候选人"),
    move_to: Optional[str] = typer.Option(None, "--move-to", metavar="<选区>", help="改到另一选区（尚无得票时）"),
    reason: Optional[str] = typer.Option(None, "--reason", metavar="<原因>", help="更正的原因（记入修改记录）"),
    db: Optional[str] = DbOpt,
) -> None:
    """更正一名代表候选人的信息、推荐方式、是否正式候选人或所在选区，改前改后逐项列出。"""
    from rdtool.cli.common import echo_report
    from rdtool.services.general_election import edits

    raw = {"name": new_name, "gender": gender, "birth_date": birth_date, "ethnicity": ethnicity, "party": party,
           "education": education, "occupation": occupation, "workplace": workplace, "nominated_by": nominated_by,
           "nominators": nominators, "final": final, "constituency": move_to}
    store = open_db(db)
    out = edits.edit_candidate(store, term, _level(level), constituency_name, name,
                               {k: v for k, v in raw.items() if v is not None}, reason)
    echo_report(out["report"], f"{out['name']} 没有变化")
    if out["note"]:
        typer.echo(f"注意：{out['note']}")


@app.command("edit-constituency")
def edit_constituency(
    term: int = TermArg,
    name: str = typer.Argument(..., help="选区名称"),
    level: str = LevelOpt,
    new_name: Optional[str] = typer.Option(None, "--name", metavar="<选区名称>", help="更正名称"),
    seats: Optional[str] = typer.Option(None, "--seats", metavar="<名额>"),
    voters: Optional[str] = typer.Option(None, "--voters", metavar="<人数>", help="登记选民数（参选率随之重算）"),
    notes: Optional[str] = typer.Option(None, "--notes", metavar="<备注>"),
    reason: Optional[str] = typer.Option(None, "--reason", metavar="<原因>", help="更正的原因（记入修改记录）"),
    db: Optional[str] = DbOpt,
) -> None:
    """更正选区的名称、应选名额或登记选民数；已录入的投票结果随之重新计票，变化逐项列出。"""
    from rdtool.cli.common import echo_report
    from rdtool.services.general_election import edits

    raw = {"name": new_name, "seats": seats, "voters": voters, "notes": notes}
    store = open_db(db)
    out = edits.edit_constituency(store, term, _level(level), name, {k: v for k, v in raw.items() if v is not None},
                                  reason)
    echo_report(out["report"], f"选区 {out['name']} 没有变化")


@app.command("results")
def results(
    term: int = TermArg,
    level: str = LevelOpt,
    explain: bool = typer.Option(False, "--explain", help="列出每一轮的计票说明"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出各选区各轮投票结果（每名候选人一行）。"""
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    store = open_db(db)
    lv = _level(level)
    if explain:
        render_rows(results.round_explanations(store, term, lv),
                    [Column("constituency"), Column("round"), Column("explanation", "计票说明")], fmt)
        return
    rows = results.result_rows(store, term, lv)
    cols = [Column("constituency"), Column("round"), Column("revote", "另行选举", kind="bool"),
            Column("tie_revote", "再次投票", kind="bool"), Column("held_on"),
            Column("seats", "本轮名额"), Column("ballots_issued"), Column("ballots_returned"),
            Column("ballots_invalid"), Column("candidate"), Column("votes"),
            Column("status", "结果", enum="ge_outcome")]
    render_rows(rows, cols, fmt, title=f"第{term}届换届选举投票结果")


@app.command("credentials")
def credentials(
    term: int = TermArg,
    names: Optional[List[str]] = typer.Argument(None, help="当选人姓名；与 --all 二选一"),
    level: str = LevelOpt,
    all_: bool = typer.Option(False, "--all", help="全部当选人"),
    on: str = typer.Option(..., "--date", help="主席团（县级为县人大常委会）根据资格审查委员会报告确认的日期"),
    reject: bool = typer.Option(False, "--reject", help="确定当选无效（而不是确认资格）"),
    reason: Optional[str] = typer.Option(None, "--reason", help="说明（当选无效时写明原因）"),
    db: Optional[str] = DbOpt,
) -> None:
    """代表资格审查（选举法第四十七条）：确认当选代表的资格，或确定当选无效。"""
    from rdtool.errors import UsageError
    from rdtool.services.general_election import results

    if bool(names) == all_:
        raise UsageError("请写出当选人姓名，或用 --all 表示全部当选人（二者选一）")
    if reject and not reason:
        raise UsageError("确定当选无效时请用 --reason 写明原因")
    day = parse_option("--date", parse_date, on)
    store = open_db(db)
    r = results.credentials(store, term, _level(level), list(names or []), day, confirm=not reject, note=reason)
    typer.echo(f"已{'确认' if r['confirmed'] else '确定当选无效：'}{r['count']}名当选代表"
               + ("的资格" if r["confirmed"] else "") + f"（{day}，选举法第四十七条）")
    warn(r["warnings"])


@app.command("deputies")
def deputies(
    term: int = TermArg,
    level: Optional[str] = typer.Option(None, "--level", help="代表层级：镇/县；不填则两级都办"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """把资格已确认的当选人列入新一届代表名单（层级、选区、当选日期、是否连任）。一次事务完成；重复运行不会重复
    登记，已在名单上的代表只做关联。"""
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    store = open_db(db)
    r = results.seat(store, term, _level(level) if level else None)
    if fmt in ("table", "md"):
        typer.echo(f"第{term}届：新列入代表{r['created']}名，关联已有代表{r['linked']}名，此前已列入{r['already']}名"
                   + (f"；{r['pending']}名当选人尚待资格审查" if r["pending"] else "")
                   + (f"；{r['rejected']}名当选无效" if r["rejected"] else ""))
        return
    render_record(r, [Column("created", "新列入代表"), Column("linked", "关联已有代表"), Column("already", "此前已列入"),
                      Column("pending", "待资格审查"), Column("rejected", "当选无效")], fmt)


@app.command("summary")
def summary(
    term: int = TermArg,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """换届选举总结：各级概况、各选区参选率、新一届代表结构与目标、总结文字。"""
    from rdtool.services.general_election import results

    fmt = check_format(fmt)
    store = open_db(db)
    data = results.summary(store, term)
    if fmt == "json":
        render_json(data)
        return
    if fmt in ("csv", "tsv", "jsonl"):
        render_rows(data["turnout"], TURNOUT_COLUMNS, fmt)
        return
    level_cols = [Column("level", "层级", enum="level"), Column("election_day", "选举日"),
                  Column("constituencies", "选区数"), Column("seats"), Column("voters"), Column("voted", "参加投票"),
                  Column("turnout", "参选率", kind="rate"), Column("candidates", "正式候选人"),
                  Column("elected", "当选"), Column("confirmed", "资格确认"), Column("seated", "列入名单"),
                  Column("vacant", "暂缺")]
    if fmt == "md":
        typer.echo(f"## 第{term}届换届选举总结\n\n{data['text']}\n")
    else:
        typer.echo(data["text"] + "\n")
    render_rows(data["levels"], level_cols, fmt, title="概况")
    typer.echo("")
    render_rows(data["turnout"], TURNOUT_COLUMNS, fmt, title="各选区参选率")
    from rdtool.cli.views import render_composition

    for comp in data["composition"].values():
        typer.echo("")
        render_composition(comp, fmt)
