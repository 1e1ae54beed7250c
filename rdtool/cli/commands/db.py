"""rdtool db: the database looked after — info, backups, restore, the change log, void and delete, views, check."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import check_format, confirm, confirm_done, make_app, open_db, parse_option, say
from rdtool.cli.options import DbOpt, ForceOpt, FormatOpt, VerboseOpt
from rdtool.labels import parse_date
from rdtool.render import Column, render_rows
from rdtool.cells import leave_out_first

db_app = make_app("数据库：信息、修改记录、作废与删除、备份与恢复、检查")


SecondArg = typer.Argument(None, hidden=True)  # (the record, when the first word names its kind)


@db_app.command("info")
def db_info(fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """数据库路径、已应用的结构版本、各表行数。"""
    from rdtool.render import render_json
    from rdtool.services.admin import admin

    fmt = check_format(fmt)
    store = open_db(db, incomplete_ok=True)
    info = admin.info(store)
    if fmt == "json":
        render_json(info)
        return
    if fmt in ("table", "md"):  # machine formats carry data only: the table of row counts
        typer.echo(f"数据库：{info['path']}")
        typer.echo(f"结构版本：{'、'.join(info['migrations'])}")
    render_rows([{"table": t, "rows": n} for t, n in info["tables"].items()],
                [Column("table", "表", enum="table" if fmt in ("table", "md") else None), Column("rows", "行数")], fmt)


@db_app.command("backup")
def db_backup(
    dest: Optional[str] = typer.Argument(None, help="备份文件路径（默认：数据库旁的 .backups 目录）"),
    force: bool = typer.Option(False, "--force", help="备份文件已存在时覆盖它（不加时：在终端中会先询问，在脚本中不覆盖）"),
    verbose: bool = VerboseOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """用 SQLite 在线备份做一致的副本（其他程序写入时也可以），文件权限 0600。
    副本先经 SQLite 快速检查（quick_check）才算数：数据库已损坏时不备份、也不删除任何旧备份，以退出码 1 结束。
    手动备份放在 .backups 目录，自动备份（导入、升级、恢复之前）放在 .backups/auto，各自只保留最近 backups_keep 份。"""
    from pathlib import Path

    from rdtool.cli.common import overwrite
    from rdtool.store import backup

    store = open_db(db, incomplete_ok=True)
    path = backup.take(store, Path(dest) if dest else None, overwrite=overwrite(force))
    confirm_done(f"已备份到 {path}", verbose)


@db_app.command("backups")
def db_backups(fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """列出数据库旁 .backups 目录中的手动备份和 .backups/auto 中的自动备份（新的在前）。保留份数见 rdtool config backups_keep。"""
    from rdtool.store import backup

    fmt = check_format(fmt)
    store = open_db(db, incomplete_ok=True)
    rows = backup.listing(store)
    for r in rows:
        r["kind_zh"] = "自动" if r["kind"] == "auto" else "手动"
    render_rows(rows, [Column("time", "时间", kind="time"), Column("size", "字节数"), Column("file", "文件"),
                       Column("kind_zh" if fmt in ("table", "md") else "kind", "类别")], fmt)


@db_app.command("datasette-metadata")
def db_datasette_metadata(
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="<文件>",
                                         help="写入文件（默认输出到屏幕；已有的文件需 --force 才覆盖），如 metadata.json"),
    force: bool = ForceOpt,
    verbose: bool = VerboseOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """生成 Datasette 的 metadata.json：表和列的中文名、建议全文检索框、常用分面，并屏蔽身份证号和电话
    （需安装 datasette-mask-columns 插件）。用法：rdtool db datasette-metadata -o metadata.json；
    datasette 三川镇.db -m metadata.json。详见 docs/datasette.md。"""

    from rdtool.render import render_json
    from rdtool.services.admin import datasette

    store = open_db(db)
    data = datasette.metadata(store)
    if output is None:
        render_json(data)
        return
    from rdtool.cli.common import overwrite
    from rdtool.output_file import open_text

    with open_text(output, db=store.path, overwrite=overwrite(force)) as out:
        render_json(data, out)
    confirm_done(f"已写入 {output}", verbose)


@db_app.command("restore")
def db_restore(
    file: str = typer.Argument(..., help="要恢复的备份文件"),
    yes: bool = typer.Option(False, "--yes", "-y", help="不询问，直接恢复（脚本中必须加）"),
    db: Optional[str] = DbOpt,
) -> None:
    """从备份恢复：先检查备份文件的完整性和结构版本，再把当前数据库备份一份，然后恢复。"""
    from pathlib import Path

    from rdtool.cli.common import db_path
    from rdtool.store import backup
    from rdtool.store.db import resolve_path

    info = backup.verify(Path(file))
    target = resolve_path(db_path(db))
    exists = target.exists() and target.stat().st_size > 0
    if exists:
        counts = "、".join(f"{t} {n}" for t, n in info["tables"].items()
                          if n and t not in ("_sqlite_migrations", "change_log"))
        confirm(f"用 {file}（{counts}）替换 {target} 的全部内容？当前内容会先备份", yes)
    store = open_db(db, create=True, migrate=False, incomplete_ok=True)
    safety = backup.restore(store, Path(file))
    store.close()
    store = open_db(db)  # brings an older backup's schema up to date (backing it up first)
    if safety:
        typer.echo(f"恢复前的数据库已备份到 {safety}")
    typer.echo(f"已从 {file} 恢复到 {store.path}")


@db_app.command("log")
def db_log(
    table: Optional[str] = typer.Option(None, "--table", "-t", help="只看一类记录，如 代表、会议、设置（也可写表名 deputies、meetings）"),
    since: Optional[str] = typer.Option(None, "--since", help="从何时起：日期（2024-03-01）、日期时间，或 30m、2h、7d"),
    record: Optional[str] = typer.Option(None, "--record", "-r", help="只看这条记录（“记录”列中的编号，如 17；设置写名称，如 建议答复期限）"),
    limit: int = typer.Option(200, "--limit", "-n", min=0, max=2**31 - 1, help="最多显示最近多少条（0 表示全部）"),
    show_id: bool = typer.Option(False, "--show-id", help="显示完整身份证号和电话（默认脱敏）"),
    fmt: str = FormatOpt,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="写入文件（权限 0600；已有的文件需 --force 才覆盖）"),
    force: bool = ForceOpt,
    verbose: bool = VerboseOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """修改记录：每次新增、修改、作废、删除都由数据库自动记下（时间、表、记录、改前改后）。"""
    from rdtool.errors import UsageError
    from rdtool.services.admin import safety

    fmt = check_format(fmt)
    if limit < 0:
        raise UsageError("--limit 不能为负数")
    store = open_db(db, incomplete_ok=True)
    rows = safety.log(store, table, since, record, limit or None, show_id)
    if fmt in ("json", "jsonl", "csv", "tsv"):
        cols = [Column("id"), Column("at", "时间", kind="time"), Column("table", "表"), Column("record", "记录"),
                Column("action", "操作"), Column("changes", "内容")]
        if fmt in ("json", "jsonl"):
            cols += [Column("before"), Column("after")]
    else:
        cols = LOG_COLUMNS
    if output:
        from rdtool.cli.common import overwrite
        from rdtool.output_file import open_text

        with open_text(output, db=store.path, overwrite=overwrite(force)) as out:
            render_rows(rows, cols, fmt, out)
        confirm_done(f"已写入 {output}", verbose)
        return
    render_rows(rows, cols, fmt)


# on a narrow terminal 内容 is the last column left out (it wraps; the others give way to it)
LOG_COLUMNS = leave_out_first([Column("id", "序号"), Column("at", "时间", kind="time"), Column("table_zh", "表"),
                               Column("record_zh", "记录"), Column("action_zh", "操作"),
                               Column("changes_zh", "内容")],
                              "id", "record_zh", "table_zh", "action_zh", "at")


@db_app.command("void")
def db_void(
    first: str = typer.Argument(..., metavar="[类别] 记录",
                                help="要作废的记录，如 P5-22#3、会议 P5-22、代表 徐晓峰、建议 三届一次-001（也可写表名和编号）"),
    second: Optional[str] = SecondArg,
    reason: str = typer.Option(..., "--reason", metavar="<原因>", help="作废原因（必填），如 重复录入"),
    db: Optional[str] = DbOpt,
) -> None:
    """作废一条录错的记录：记录保留（连同原因和修改记录），但不再出现在任何列表和统计中；
    受影响会议的应到人数、表决结果随之重新计算。类别可写中文或英文（会议/meeting、表决/vote、代表/deputy……），
    记录只能是一种时可以不写。"""
    from rdtool.services.admin import safety
    from rdtool.services.kernel.describe import KIND_ZH

    store = open_db(db)
    done = safety.void(store, first, second, reason)
    what = f"{done['what']}；" if done["what"] else ""
    say(f"已作废 {' '.join(filter(None, (KIND_ZH.get(done['table']), done['record'])))}"
               f"（{what}原因：{done['reason']}）")
    for line in done["report"].lines()[1 if done["report"].corrected else 0:]:
        say(line)


@db_app.command("delete")
def db_delete(
    first: str = typer.Argument(..., metavar="[类别] 记录", help="要删除的记录，写法同 db void"),
    second: Optional[str] = SecondArg,
    yes: bool = typer.Option(False, "--yes", "-y", help="不询问，直接删除（脚本中必须加）"),
    db: Optional[str] = DbOpt,
) -> None:
    """真正删除一条刚录入（10 分钟内）的记录，如重复录入的一条；更早的记录只能更正或作废（刚才那条命令整体
    也可用 rdtool undo 撤销）。删除也记入修改记录。"""
    from rdtool.services.admin import safety
    from rdtool.services.kernel.describe import KIND_ZH

    store = open_db(db)
    confirm(f"删除 {safety.describe(store, first, second)}？", yes)
    done = safety.delete(store, first, second)
    also = f"（连同 {'、'.join(done['also'])}）" if done["also"] else ""
    say(f"已删除 {' '.join(filter(None, (KIND_ZH.get(done['table']), done['record'])))}{also}")
    for line in done["report"].lines():
        say(line)


@db_app.command("views")
def db_views(
    rebuild: bool = typer.Option(False, "--rebuild", help="按本版本的定义重建 rdtool 的统计视图（其他视图不动）"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """数据库里的统计视图（report_presidium 等）：与报告数字同一套定义，供 sqlite3、Datasette 查询（见 docs/figures.md）。"""
    from rdtool.services.admin import admin

    fmt = check_format(fmt)
    store = open_db(db)
    if rebuild:
        say(f"已重建 {admin.rebuild_views(store)} 个统计视图", err=True)
    rows = admin.views(store)
    render_rows(rows, [Column("name", "视图"), Column("description", "内容"), Column("current", "与本版本一致", kind="bool")],
                fmt)


@db_app.command("check")
def db_check(
    as_of: Optional[str] = typer.Option(None, "--as-of", help="按哪天检查期限（默认今天）"),
    strict: bool = typer.Option(False, "--strict", help="提醒（warning）也算失败；说明（如实记录的事实）从不算失败"),
    fix: bool = typer.Option(False, "--fix", help="先按当日名单重新计算所有会议的应到人数、点名、表决和选举结果，并列出变化"),
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """检查数据库：文件完整性、外键、修改记录触发器，各项业务检查，并重新计算每一个保存的结果和名单快照，列出与规则
    不一致的。业务检查包括任期日历：人代会每年至少举行一次、一般每年两次（组织法第十四条第一款），主席团会议次数（浙江
    第二十四条、河南第五条、重庆第三十四条），会前通知（浙江第二十条、重庆第十一条），每届第一次会议在选举完成后两个月内
    （组织法第二十条），代表提议临时会议须五分之一以上（第十四条第三款）；代表辞职、罢免、公告（选举法第五十条至第五十六
    条，代表法第六十三条）。发现错误时退出码为 1；提醒只在 --strict 时算失败；说明（如如实记录的不足法定人数的会议）是
    事实，不算失败。"""
    from rdtool.dates import today

    from rdtool.services.admin import safety

    fmt = check_format(fmt)
    day = parse_option("--as-of", parse_date, as_of) or today()
    store = open_db(db, incomplete_ok=True)
    if fix:
        from rdtool.services.meetings import recompute

        report = recompute.refresh_all(store)
        for line in report.lines() or ["重新计算：没有变化"]:
            typer.echo(line, err=True)
    counts = {"error": 0, "warning": 0, "note": 0}

    def findings():  # printed as the checks find them; counted on the way
        for f in safety.iter_check(store, day):
            counts[f["severity"]] = counts.get(f["severity"], 0) + 1
            f["severity_zh"] = {"error": "错误", "warning": "提醒", "note": "说明"}.get(f["severity"], f["severity"])
            f["check_code"] = f["check"]
            yield f

    cols = CHECK_COLUMNS if fmt in ("table", "md") else CHECK_MACHINE_COLUMNS
    found = render_rows(findings(), cols, fmt, empty="") if fmt != "table" else render_rows(
        findings(), cols, fmt, empty=_NOTHING_FOUND)
    bad = counts["error"] > 0 or (strict and counts["warning"] > 0)
    if fmt == "table" and found:
        errors, notes = counts["error"], counts["note"]
        typer.echo(f"检查完成：{errors} 个错误，{found - errors - notes} 个提醒" + (f"，{notes} 条说明" if notes else ""),
                   err=True)
    if bad:
        raise typer.Exit(1)


_NOTHING_FOUND = "检查完成：数据库完好，没有发现问题"


# For people: the check and the table in Chinese, the check's code beside it (left out first on a narrow terminal).
CHECK_COLUMNS = leave_out_first([Column("severity_zh", "级别"), Column("check", "检查项", enum="check"),
                                 Column("check_code", "代码"), Column("table", "表", enum="table"),
                                 Column("record", "记录"), Column("message", "说明")], "check_code", "table")
CHECK_MACHINE_COLUMNS = [Column("severity", "级别"), Column("check", "检查项"), Column("table", "表"),
                         Column("record", "记录"), Column("message", "说明")]
