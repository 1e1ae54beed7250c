"""What the proposal commands share: the --as-of and --date options, the code arguments, --strict."""

from __future__ import annotations

import typer

AsOfOpt = typer.Option(None, "--as-of", help="按哪一天判断状态（默认今天），便于复现")
DateOpt = typer.Option(None, "--date", help="日期（默认今天），如 2026-03-01 或 2026年3月1日")
CodeArg = typer.Argument(..., help="编号")
MotionArg = typer.Argument(..., help="议案编号")
StrictOpt = typer.Option(False, "--strict", help="有逾期时退出码为1（供 cron 使用）")
