"""general-election proxy, proxies: votes by proxy (委托投票, 选举法第四十二条)."""

from __future__ import annotations

from typing import Optional

import typer

from rdtool.cli.commands.general_election.options import TermArg, TermFilterArg, parse_level
from rdtool.cli.common import check_format, given, open_db, warn
from rdtool.cli.options import DbOpt, FormatOpt, LevelOpt, NotesOpt
from rdtool.render import Column, render_rows


def proxy(
    term: int = TermArg,
    principal: str = typer.Argument(..., metavar="<委托人>", help="选举期间外出、委托他人代为投票的选民"),
    proxy_: str = typer.Argument(..., metavar="<受委托人>", help="代为投票的其他选民"),
    approved: Optional[str] = typer.Option(None, "--approved", metavar="<日期>", help="选举委员会同意的日期"),
    constituency: Optional[str] = typer.Option(None, "--constituency", metavar="<选区>", help="选区（委托本选区其他选民）"),
    level: str = LevelOpt,
    notes: Optional[str] = NotesOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """记录一份委托投票（选举法第四十二条）：选民在选举期间外出，经选举委员会同意，书面委托其他选民代为投票；每一选民
    接受的委托不得超过三人，第四份委托被拒绝。不能委托自己，一名选民只委托一次，已委托他人的选民不能再接受委托。"""
    from rdtool.services.general_election import proxies as svc

    raw = {"principal": principal, "proxy": proxy_, "approved_on": approved, "notes": notes}
    store = open_db(db)
    r = svc.add(store, term, parse_level(level), given(**raw), constituency)
    typer.echo(f"已记录：{r['principal']}委托{r['proxy']}代为投票（{r['proxy']}已接受{r['accepted']}份委托，"
               f"至多{r['max']}份；委托 ID {r['id']}）")
    warn(r["notes"])


def proxies(
    term: Optional[int] = TermFilterArg,
    fmt: str = FormatOpt,
    db: Optional[str] = DbOpt,
) -> None:
    """列出委托投票：委托人、受委托人、选举委员会同意的日期，受委托人共接受几份委托（选举法第四十二条：不得超过三人）。"""
    from rdtool.services.general_election import proxies as svc

    fmt = check_format(fmt)
    store = open_db(db)
    cols = [Column("id"), Column("term", "届次"), Column("level_zh", "层级"), Column("constituency", "选区"),
            Column("principal", "委托人"), Column("proxy", "受委托人"), Column("approved_on", "选举委员会同意日期"),
            Column("proxy_holds", "受委托人接受委托数"), Column("notes")]
    render_rows(svc.listing(store, term), cols, fmt, title="委托投票")
