"""rdtool post …: a chair, vice-chair, town head or deputy head leaving the post by the congress's decision."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.options import DbOpt, FormatOpt, NameTermOpt, NotesOpt
from rdtool.cli.common import check_format, echo_recomputed, make_app, open_db, parse_option
from rdtool.labels import parse_date, parse_enum
from rdtool.render import Column, render_rows

app = make_app("职务：人民代表大会罢免或接受辞职的主席、副主席、乡长、副乡长、镇长、副镇长（组织法第三十一条第二款、"
               "第三十二条第二款）。代表职务的辞职、罢免用 rdtool deputy end。")

PostOpt = typer.Option(..., "--post", metavar="<职务>", help="主席、副主席、乡长、副乡长、镇长、副镇长")
VoteOpt = typer.Option(..., "--vote", metavar="<会议#序号>",
                       help="人代会的表决事项，如 C3-5#3（须以全体代表的过半数通过，组织法第二十五条）")
AnnouncedOpt = typer.Option(None, "--announced-on", metavar="<日期>", help="公告日期")


def _echo(result: dict) -> None:
    verb = "罢免" if result["action"] == "recalled" else "接受辞职："
    typer.echo(f"已记录：{result['date']} {result['meeting']} {verb}{result['person']}的{result['post']}职务"
               + ("，主席团职务同时终止" if result["role_ended"] else ""))
    echo_recomputed(result["report"].derived)


PersonArg = typer.Argument(..., help="姓名或代表 ID")


@app.command("recall")
def recall(
    person: str = PersonArg,
    post: str = PostOpt,
    vote: str = VoteOpt,
    motion_by: str = typer.Option(..., "--motion-by", metavar="<主席团|代表联名>",
                                  help="罢免案由主席团提出，或由五分之一以上代表联名提出（组织法第三十一条第二款）"),
    movers: Optional[str] = typer.Option(None, "--movers", metavar="<人数>", help="代表联名提出时，联名的代表人数"),
    announced_on: Optional[str] = AnnouncedOpt,
    notes: Optional[str] = typer.Option(None, "--notes", help="备注（如罢免理由）"),
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """罢免主席、副主席、乡长、副乡长、镇长、副镇长：人代会举行会议时，主席团或者五分之一以上代表联名提出罢免案
    （组织法第三十一条第二款），由全体代表的过半数通过（第二十五条）。主席、副主席的主席团职务同时终止。"""
    from rdtool.labels import parse_int
    from rdtool.services.elections import post_ends

    store = open_db(db)
    r = post_ends.end(store, person, post, "recalled", vote,
                      motion_by=parse_option("--motion-by", lambda x: parse_enum("motion_by", x), motion_by),
                      movers=parse_option("--movers", lambda x: parse_int(x, 1), movers),
                      announced_on=parse_option("--announced-on", parse_date, announced_on), notes=notes, term=term)
    _echo(r)


@app.command("resign")
def resign(
    person: str = PersonArg,
    post: str = PostOpt,
    vote: str = VoteOpt,
    announced_on: Optional[str] = AnnouncedOpt,
    notes: Optional[str] = NotesOpt,
    term: Optional[int] = NameTermOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """接受主席、副主席、乡长、副乡长、镇长、副镇长辞去职务：向本级人民代表大会提出，由大会决定是否接受
    （组织法第三十二条第二款），以全体代表的过半数通过；重庆闭会期间也可由主席团决定接受，报大会确认
    （重庆市乡镇人民代表大会工作条例第三十二条第十项），--vote 填主席团会议的表决事项。主席、副主席的主席团职务同时终止。"""
    from rdtool.services.elections import post_ends

    store = open_db(db)
    r = post_ends.end(store, person, post, "resigned", vote,
                      announced_on=parse_option("--announced-on", parse_date, announced_on), notes=notes, term=term)
    _echo(r)


@app.command("list")
def list_(fmt: str = FormatOpt, db: Optional[str] = DbOpt) -> None:
    """列出被罢免或辞去职务的主席、副主席、乡镇长、副乡镇长。"""
    from rdtool.services.elections import post_ends

    fmt = check_format(fmt)
    store = open_db(db)
    render_rows(post_ends.listing(store),
                [Column("date", "日期"), Column("person"), Column("deputy_id"), Column("post"),
                 Column("action", "方式", enum="post_end_action"), Column("vote", "表决"),
                 Column("motion_by", enum="motion_by"), Column("movers"), Column("announced_on")], fmt,
                empty="没有罢免或辞去职务的记录")
