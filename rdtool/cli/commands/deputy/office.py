"""rdtool deputy end: a deputy leaves office (代表离任) — resignation, recall, moving away, death; the procedure's
steps checked against 选举法 and 代表法 (rdtool.services.deputies.mandates)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.common import open_db, parse_option, warn
from rdtool.cli.options import DbOpt, DeputyRefArg, NameTermOpt
from rdtool.labels import parse_date, parse_enum


def end(
    ref: str = DeputyRefArg,
    status: str = typer.Option(..., "--status", help="辞职、罢免、调离/迁出、去世、终止代表资格（代表法第六十二条）"),
    on: Optional[str] = typer.Option(None, "--date", metavar="<日期>",
                                     help="离任日期；辞职写了 --accepted-by 时默认为那次会议的日期"),
    reason: Optional[str] = typer.Option(None, "--reason", help="原因"),
    letter_on: Optional[str] = typer.Option(None, "--letter-on", metavar="<日期>",
                                            help="辞职：向本级人民代表大会书面提出辞职的日期（选举法第五十五条第二款）"),
    accepted_by: Optional[str] = typer.Option(None, "--accepted-by", metavar="<会议#序号>",
                                              help="辞职：接受辞职的人代会表决，如 C5-5#4（须以全体代表过半数通过，"
                                                   "选举法第五十五条第二款）"),
    petitioners: Optional[str] = typer.Option(None, "--petitioners", metavar="<人数>",
                                              help="罢免：联名要求罢免的原选区选民人数（镇代表三十人以上、县代表五十人以上，"
                                                   "选举法第五十条）"),
    voters: Optional[str] = typer.Option(None, "--voters", metavar="<人数>", help="罢免：原选区选民总数"),
    recall_yes: Optional[str] = typer.Option(None, "--recall-votes", metavar="<票数>",
                                             help="罢免：同意罢免的票数（须超过原选区选民的半数，选举法第五十三条）"),
    announced_on: Optional[str] = typer.Option(None, "--announced-on", metavar="<日期>",
                                               help="本级人民代表大会公告代表资格终止的日期（代表法第六十三条第二款）"),
    post_announced_on: Optional[str] = typer.Option(None, "--post-announced-on", metavar="<日期>",
                                                    help="主席、副主席职务相应终止，主席团公告的日期（选举法第五十四条、"
                                                         "第五十六条第二款）"),
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """代表离任：记录状态、日期与原因，主席团职务同时终止。记录不会删除。辞职须书面提出、由人代会以全体代表过半数
    接受（选举法第五十五条第二款）；罢免须原选区选民三十人以上联名（县代表五十人）、原选区过半数选民通过（第五十条、
    第五十三条）；主席、副主席的职务相应终止，由主席团公告（第五十四条、第五十六条）；代表资格的终止由本级人大公告
    （代表法第六十三条第二款）。离任日期之后已录入的会议不再把该代表计入应到，随之重新计算并列出变化；
    日期录错用 deputy edit --status-date 更正，误录的离任用 deputy edit --status 在任 撤销。"""
    from rdtool.labels import label, parse_int
    from rdtool.services.deputies import mandates

    code = parse_option("--status", lambda r: parse_enum("deputy_status", r), status)
    counts = {k: parse_option(opt, lambda r: parse_int(r, 0), v) for k, opt, v in (
        ("petitioners", "--petitioners", petitioners), ("voters", "--voters", voters),
        ("recall_yes", "--recall-votes", recall_yes))}
    dates = {k: parse_option(opt, parse_date, v) for k, opt, v in (
        ("letter_on", "--letter-on", letter_on), ("announced_on", "--announced-on", announced_on),
        ("post_announced_on", "--post-announced-on", post_announced_on))}
    store = open_db(db)
    r = mandates.end(store, ref, code, parse_option("--date", parse_date, on), reason, term,
                     accepted_by=accepted_by, **counts, **dates)
    row = r["deputy"]
    typer.echo(f"{row['name']}（ID {row['id']}）已于 {r['date']} {label('deputy_status', code)}"
               + (f"，{r['post']}职务同时终止" if r["post"] else ""))
    for line in r["report"].lines()[1 if r["report"].corrected else 0:]:
        typer.echo(line)
    warn(r["notes"])
