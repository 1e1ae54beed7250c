"""What the general-election commands share: the term and level arguments, the turnout columns, `--vote 姓名=票数`."""

from __future__ import annotations

import typer

from rdtool.cli.common import parse_option
from rdtool.labels import parse_enum
from rdtool.render import Column


TermArg = typer.Argument(..., help="选举产生的届次，如 3")
ConstituencyOpt = typer.Option(..., "--constituency", help="选区")
TermFilterArg = typer.Argument(None, help="届次；不填列出全部")


def parse_level(raw: str) -> str:
    """--level: 镇/县 (township/county) as its code."""
    return parse_option("--level", lambda r: parse_enum("level", r), raw)


TURNOUT_COLUMNS = [
    Column("level", "层级", enum="level"), Column("constituency"), Column("seats"), Column("voters"),
    Column("final_candidates", "正式候选人"), Column("ratio_warning", "差额比例提示"),
    Column("nomination_warning", "推荐人数提示"), Column("rounds", "投票轮次"),
    Column("ballots_issued", "参加投票"), Column("turnout", "参选率", kind="rate"), Column("elected", "当选"),
    Column("vacant", "暂缺"), Column("pending", "待定"),
]


def parse_votes(items: list[str]) -> dict[str, int]:
    """--vote 姓名=票数 (repeated, or several in one: 张三=812、李四=640) as {name: votes}."""
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
