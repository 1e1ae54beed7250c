"""What every command shares: value parsing, opening the store, messages; its options are in cli/options.py."""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Optional

import typer
from rdtool.cli.click_api import get_current_context

from rdtool.errors import FieldError, UsageError, ValidationError
from rdtool.render import FORMATS


def make_app(help_text: str, **kw: Any) -> typer.Typer:
    # Help is click's layout in Chinese (rdtool.cli.usage) on a terminal too: rich's help panels cut Chinese
    # help text short with "…" (a line of Chinese is one long word to them) and take longer to draw.
    return typer.Typer(help=help_text, no_args_is_help=True, add_completion=False, rich_markup_mode=None, **kw)


def db_path(db: Optional[str]) -> Optional[str]:
    """--db on the command, else --db before the command, else None (RDTOOL_DB / default)."""
    return db or _root_option("db")


def _root_option(name: str) -> Any:
    ctx = get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return root.obj.get(name) if root is not None and isinstance(root.obj, dict) else None


def confirm_done(message: str, verbose: bool = False) -> None:
    """The confirmation of a command that writes a file or imports one (已写入/已导出/已导入).

    It goes to stderr, and only on a terminal or with -v: under cron or in a script a success prints nothing,
    so cron mails nothing and stdout carries only data. (The 已增加/已更正 lines of add and edit commands stay
    on stdout: scripts read the new record's code from them.)
    """
    from rdtool.tables import is_terminal

    if verbose or _root_option("verbose") or is_terminal(sys.stderr):
        typer.echo(message, err=True)


def open_db(db: Optional[str], **kw: Any):
    from rdtool.store.opening import open_store

    return open_store(db_path(db), **kw)


NO_INPUT_ENV = "RDTOOL_NO_INPUT"


def no_input() -> bool:
    """No questions (`rdtool --no-input …` or RDTOOL_NO_INPUT=1): for Task Scheduler, whose hidden console looks
    like a terminal, and any script. A question that would be asked is an error instead (exit 2), and nothing
    goes through the pager."""
    import os

    value = os.environ.get(NO_INPUT_ENV, "").strip().lower()
    return bool(_root_option("no_input")) or value not in ("", "0", "false", "no", "否")


def interactive() -> bool:
    """Whether a question may be asked: a person at a terminal, and no --no-input / RDTOOL_NO_INPUT."""
    if no_input():
        return False
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def ask(question: str) -> bool:
    """A yes/no question on the terminal, answered in Chinese or English (是/否, y/n); Enter alone is 否."""
    from rdtool.errors import FieldError
    from rdtool.labels import parse_bool

    while True:
        typer.echo(f"{question} [是/否]：", nl=False, err=True)
        answer = sys.stdin.readline()
        if not answer:  # end of input
            typer.echo("", err=True)
            return False
        if not answer.strip():
            return False
        try:
            return parse_bool(answer.strip())
        except FieldError:
            typer.echo("请回答 是 或 否（y/n）", err=True)


def overwrite(force: bool) -> Any:
    """What an output may replace (rdtool.output_file): with --force anything; else ask on a terminal, and in a
    script (no terminal) nothing."""
    if force:
        return True

    def replace(path: Any) -> bool:
        if no_input():
            raise UsageError(f"文件已存在：{path}，没有覆盖（现在不询问：--no-input 或 RDTOOL_NO_INPUT）",
                             "要覆盖请加 --force")
        if not interactive():
            return False
        if not ask(f"{path} 已存在，覆盖它？"):
            raise typer.Abort()
        return True

    return replace


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> str:
    fmt = fmt.lower()
    if fmt not in allowed:
        raise UsageError(f"不支持的输出格式“{fmt}”，可用：{'、'.join(allowed)}")
    return fmt


def given(**values: Any) -> dict:
    """The options she gave: those left out (None) are not changes. (`--x ""` is given: it clears the field.)"""
    return {k: v for k, v in values.items() if v is not None}


def parse_option(option: str, parser: Callable[[str], Any], raw: Optional[str]) -> Any:
    """Parse one option's value; a bad value names the option."""
    if raw is None:
        return None
    try:
        return parser(raw)
    except FieldError as exc:
        raise ValidationError(f"{option}：{exc}") from None


class TerminalProgress:
    """Progress of a long import or export, drawn on stderr only when stderr is a terminal.

    Services report `(stage, done, total)`; nothing is drawn for small jobs, under cron or when piped,
    so data on stdout is never mixed with it.
    """

    THRESHOLD = 5000

    def __init__(self) -> None:
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self._bar is None:
            size = total if total is not None else done
            if size < self.THRESHOLD or not sys.stderr.isatty():
                return
            from rich.progress import Progress

            from rdtool.tables import console

            self._bar = Progress(console=console(sys.stderr), transient=True)
            self._bar.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def __enter__(self) -> "TerminalProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def say(text: str, err: bool = False) -> None:
    """A line for people (a confirmation, a change, a note): on a terminal broken where it may be — never inside
    a code or a number, never before closing punctuation (rdtool.terminal.wrap) — its continuation indented."""
    from rdtool.tables import write_prose

    body = text.lstrip(" ")
    lead = text[:len(text) - len(body)]
    write_prose(sys.stderr if err else sys.stdout, body, lead, subsequent=lead + "  ")


def warn(lines: Iterable[str]) -> None:
    """注意 lines: what was written but may need a second look (stderr, so stdout keeps the data)."""
    for line in lines:
        say(f"注意：{line}", err=True)


def echo_recomputed(lines: list[str], err: bool = False) -> None:
    """What a write recomputed (C5-5 应到 40→39；C5-5#4 未通过→通过). Always printed, on a terminal or not: a
    changed official result is never silent (CHANGES.md “Corrections”). `err` where stdout carries data (config, import)."""
    for i, line in enumerate(lines):
        say(("随之重新计算：" if i == 0 else "  ") + line, err=err)


def shown(show_id: bool, show_phone: bool) -> frozenset[str]:
    """The private fields --show-id and --show-phone ask to see in full (else masked)."""
    return frozenset({"id_number"} if show_id else set()) | frozenset({"phone"} if show_phone else set())


def echo_report(report, empty: str | None = None) -> None:
    """Print what a write changed (rdtool.services.kernel.corrections.Report): the record corrected, before → after,
    then what was recomputed from it."""
    lines = report.lines()
    for line in lines:
        say(line)
    if not lines and empty:
        typer.echo(empty)


def confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; in a script (no terminal) --yes is required."""
    from rdtool.errors import UsageError

    if yes:
        return
    if no_input():
        raise UsageError("这个操作需要确认，而现在不询问（--no-input 或 RDTOOL_NO_INPUT）", "确实要做，请加 --yes")
    if not interactive():
        raise UsageError("这个操作需要确认：在终端中运行会询问，在脚本中请加 --yes")
    if not ask(question):
        raise typer.Abort()


def show_record(record: dict, columns: list, fmt: str, title: str, *, view: dict | None = None,
                sections: Iterable[tuple] = ()) -> None:
    """The one layout of the `show` commands: JSON as the service returns the record; otherwise the record's
    `columns` (with `view`'s values shown in place of the record's: lists joined, codes worded) and, for people
    (table, md), each section (title, rows, columns[, shown when empty]) as a table under the record."""
    from rdtool.render import render_json, render_record, render_rows

    if fmt == "json":
        render_json(record)
        return
    render_record({**record, **(view or {})}, columns, fmt, title=title)
    if fmt not in ("table", "md"):
        return
    for section_title, rows, section_columns, *when_empty in sections:
        if rows or (when_empty and when_empty[0]):
            typer.echo("")
            render_rows(rows, section_columns, fmt, title=section_title)
