"""Output options every printing command shares, declared once and added to each command that has `--format`.

A list, record or report command declares only `fmt: str = FormatOpt`; when the command is built (cli/main.py),
the options of `_shared` below are appended to it and their values are handed to the renderer for the duration
of the call (`rdtool.render.output_options()`), so `deputy list --format csv --bom`, `proposal overdue --headers
zh` and every other writer of CSV/TSV behave alike without each command repeating the options.

The same wrapper sets stdout for the format (machine formats: UTF-8 and LF whatever the platform, see
rdtool.streams) and, on a terminal, sends a table or report taller than the screen through the pager.

To add a shared output option: add a parameter to `_shared` (and a field to `render.Output`), then read it
through `render.output_options()`.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import typer

MACHINE_FORMATS = ("csv", "tsv", "json", "jsonl")


def _shared(
    bom: bool = typer.Option(False, "--bom", help="CSV/TSV 开头加 BOM（字节顺序标记），便于 Excel/WPS 正确识别 UTF-8 中文"),
    headers: str = typer.Option("en", "--headers", metavar="<en|zh>",
                                help="CSV/TSV/XLSX 的列名和值：en（英文字段名和代码，脚本用，默认）或 zh（中文列名和"
                                     "中文值如 男、中共党员、是，给人看；导入可读回）"),
    wide: bool = typer.Option(False, "--wide", help="终端表格显示全部列（不因终端宽度省略；在分页器中可左右滚动）"),
    no_pager: bool = typer.Option(False, "--no-pager", help="超过一屏也直接输出，不经分页器（less）"),
) -> None:
    """The shared output options (only their declarations are used)."""


@functools.cache
def _shared_params() -> tuple:
    app = typer.Typer(add_completion=False)
    app.command()(_shared)
    return tuple(typer.main.get_command(app).params)


def add_output_options(command: Any) -> Any:
    """Append the shared output options to a command that prints with --format (recursively for groups)."""
    for sub in (getattr(command, "commands", None) or {}).values():
        add_output_options(sub)
    names = {p.name for p in command.params}
    if "fmt" not in names or command.callback is None or getattr(command, "_rd_output", False):
        return command
    added = [p for p in _shared_params() if p.name not in names]
    if not added:
        return command
    command.params.extend(added)
    inner = command.callback
    keys = [p.name for p in added]

    @functools.wraps(inner)
    def callback(**kwargs: Any) -> Any:
        from rdtool.errors import UsageError
        from rdtool.render import use_output

        chosen = {k: kwargs.pop(k) for k in keys}
        if "headers" in chosen:
            chosen["headers"] = str(chosen["headers"]).lower()
            if chosen["headers"] not in ("en", "zh"):
                raise UsageError(f"--headers 只能是 en 或 zh，而不是“{chosen['headers']}”")
        if "no_pager" in chosen:
            chosen["pager"] = not chosen.pop("no_pager")
        fmt = str(kwargs.get("fmt", "")).lower()
        if fmt in MACHINE_FORMATS:
            from rdtool.streams import for_machines

            for_machines(sys.stdout)
        with use_output(**chosen) as opts:
            # (a command that may ask a question — it has --yes — never pages: the pager would take the answer)
            pager = None if "yes" in kwargs else _pager(fmt, opts)
            if pager is None:
                return inner(**kwargs)
            from rdtool.pager import PagerQuit, StderrBeside

            real_err = sys.stderr
            sys.stdout, sys.stderr = pager, StderrBeside(real_err, pager)
            try:
                return inner(**kwargs)
            except PagerQuit:  # the reader left the pager: nothing more to show
                return None
            finally:
                sys.stdout, sys.stderr = pager.real, real_err
                pager.close()

    command.callback = callback
    command._rd_output = True
    return command


def _pager(fmt: str, opts: Any) -> Any:
    """The pager stream for this command's stdout, or None: only for a table or text on a real terminal."""
    from rdtool.cli.common import no_input

    if fmt not in ("table", "text") or not opts.pager or no_input():
        return None
    import os

    try:
        if not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
            return None
    except (AttributeError, ValueError):
        return None
    from rdtool import pager, terminal

    command = pager.pager_command()
    if command is None:
        return None
    return pager.Pager(sys.stdout, command, terminal.size().lines, wide=opts.wide)
