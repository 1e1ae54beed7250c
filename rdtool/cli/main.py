"""rdtool's entry point: a lazy command group and the one place errors become exit codes.

Sub-commands are imported only when called, so `rdtool deputy list` does not pay
for the report writers, the importers or rich.
"""

from __future__ import annotations

import importlib
import os
import re
import sqlite3
import sys
from typing import Any, Optional

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort

from rdtool import __version__
from rdtool.cli.click_api import ClickException, NoArgsIsHelpError, click, get_current_context
from rdtool.cli.click_api import UsageError as ClickUsageError
from rdtool.cli.options import DbOpt
from rdtool.errors import DOMAIN, USAGE, RdtoolError, Terminated, exit_code_for

# name -> (module, short help). Order is the order shown in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("rdtool.cli.commands.init:init_app", "建立新数据库：乡镇名称、届次（init）"),
    "config": ("rdtool.cli.commands.config:config_app", "查看或修改设置：期限、目标比例、法定人数规则（config）"),
    "province": ("rdtool.cli.commands.province:province_app", "省份规则：法定人数、期限、会议次数及其依据（province）"),
    "term": ("rdtool.cli.commands.term:term_app", "届次：增加、列出（term）"),
    "deputy": ("rdtool.cli.commands.deputy:app", "人大代表：增加、查询、修改、离任、代表结构（deputy）"),
    "meeting": ("rdtool.cli.commands.meeting:app", "会议：增加、列出、点名、法定人数（meeting）"),
    "vote": ("rdtool.cli.commands.vote:app", "议程与表决：结果按法定规则计算（vote）"),
    "election": ("rdtool.cli.commands.election:app", "人代会选举：候选人、得票、当选（election）"),
    "appointment": ("rdtool.cli.commands.appointment:app", "任免：任命、免职、接受辞职及程序步骤（appointment）"),
    "post": ("rdtool.cli.commands.post:app", "罢免或接受辞职的主席、副主席、乡镇长、副乡镇长（post）"),
    "general-election": ("rdtool.cli.commands.general_election:app", "换届选举：计划、选区、候选人、投票结果、资格审查、代表名单（general-election）"),
    "by-election": ("rdtool.cli.commands.by_election:app", "补选代表：缺额、补选、候选人、投票结果、资格审查并列入名单（by-election）"),
    "activity": ("rdtool.cli.commands.activity:app", "代表活动、培训、视察、调研：增加、查询、修改（activity）"),
    "supervision": ("rdtool.cli.commands.supervision:app", "监督工作：听取审议的报告与视察调研的项目，按议题（supervision）"),
    "proposal": ("rdtool.cli.commands.proposal:app", "代表议案、建议：提出、交办、答复、反馈、办结、催办、检索、统计（proposal）"),
    "inquiry": ("rdtool.cli.commands.inquiry:app", "质询案：人代会上代表十人以上联名提出、答复（inquiry）"),
    "import": ("rdtool.cli.commands.import_:import_app", "从 CSV/XLSX 导入，全部成功才写入（import）"),
    "export": ("rdtool.cli.commands.export:export_app", "导出为 CSV/TSV/JSON/JSONL/XLSX（export）"),
    "report": ("rdtool.cli.commands.report:app", "工作报告统计：按届、按年、按日期范围，县级汇总（report）"),
    "db": ("rdtool.cli.commands.db:db_app", "数据库：修改记录、作废、备份与恢复、检查（db）"),
    "undo": ("rdtool.cli.commands.undo:undo_app", "撤销上一步：把最近一条写入命令的改动全部恢复，可逐步往前（undo）"),
    "demo": ("rdtool.cli.commands.demo:app", "用示例数据（三川镇第三届）建一个演示库并展示（demo）"),
}


class LazySubGroup(TyperGroup):
    """A command group whose sub-commands are turned into click commands only when called.

    typer.main.get_command would convert every command of the group (inspecting each signature) even
    though one runs; this keeps `rdtool deputy list` from paying for `deputy archive`'s options.
    """

    def __init__(self, app: typer.Typer, name: str):
        super().__init__(name=name, commands={}, help=app.info.help, no_args_is_help=True,
                         rich_markup_mode=app.rich_markup_mode)
        self._app = app
        self._infos = {info.name or typer.main.get_command_name(info.callback.__name__): info
                       for info in app.registered_commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self._infos)

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        """Each sub-command with the first sentence of its help (without building the commands)."""
        import inspect

        rows = []
        for name, info in self._infos.items():
            text = info.help or inspect.getdoc(info.callback) or ""
            first = text.split("。")[0].strip()
            rows.append((name, first + ("。" if first and first != text.strip() else "")))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        info = self._infos.get(cmd_name)
        if info is None:
            return None
        from rdtool.cli.output import add_output_options
        from rdtool.cli.usage import finish

        return finish(add_output_options(typer.main.get_command_from_info(
            info, pretty_exceptions_short=self._app.pretty_exceptions_short,
            rich_markup_mode=self._app.rich_markup_mode)), self.name)


class PipeClosed(Exception):
    """The reader of stdout left (`rdtool export … | head -1`): the command stops and exits 0, as git does."""


class LazyGroup(TyperGroup):
    """Loads a sub-command's module on first use; maps every error to an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS) + [c for c in super().list_commands(ctx) if c not in COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, attr = COMMANDS[cmd_name][0].split(":")
        sub = getattr(importlib.import_module(module), attr)
        from rdtool.cli.usage import finish

        if len(sub.registered_commands) > 1 and not sub.registered_groups and sub.registered_callback is None:
            return finish(LazySubGroup(sub, name=cmd_name))
        from rdtool.cli.output import add_output_options

        command = add_output_options(typer.main.get_command(sub))
        command.name = cmd_name
        return finish(command)

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        with formatter.section("命令"):
            formatter.write_dl([(name, text) for name, (_, text) in COMMANDS.items()])

    def invoke(self, ctx: click.Context) -> Any:
        # click turns a closed pipe into exit 1 before main() sees it: it leaves as PipeClosed, exit 0 below
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if _is_broken_pipe(exc):
                raise PipeClosed() from None
            raise

    def main(self, args: Any = None, prog_name: Optional[str] = None, **extra: Any) -> Any:  # type: ignore[override]
        from rdtool.cli.usage import finish
        from rdtool.streams import for_people

        for_people(sys.stdout)  # never an encoding error, LF everywhere (rdtool.streams)
        for_people(sys.stderr)
        measure = sys.modules.get("rdtool.terminal")
        if measure is not None:  # (imported by an earlier command in this process: measure this one's console)
            measure.configure()
        finish(self)
        extra["standalone_mode"] = False
        from rdtool.store.changelog import set_command_line

        if not os.environ.get("RDTOOL_DEBUG"):
            # a writer that failed (a full disk under openpyxl's zip file) may leave objects whose clean-up fails
            # again when collected: the error was reported once, in Chinese; no "Exception ignored" traceback
            sys.unraisablehook = lambda unraisable: None
        argv = list(sys.argv[1:] if args is None else args)
        bad = next((i for i, a in enumerate(argv, 1) if isinstance(a, str) and _has_surrogate(a)), None)
        if bad is not None:
            _fail(f"第 {bad} 个参数中有无法识别的字符（不是有效的 UTF-8 文本）", USAGE,
                  "检查终端的编码设置（应为 UTF-8），或重新输入这个参数")
        if argv == ["--install-completion"]:
            _install_powershell_completion()
        set_command_line(argv)
        opened = sys.modules.get("rdtool.store.opening")
        if opened is not None:
            opened.OPENED.clear()
        restore = _terminate_by_exception()
        try:
            rv = super().main(args=args, prog_name=prog_name or "rdtool", **extra)
        except Terminated:
            _fail("已中止：收到终止信号（SIGTERM）；尚未提交的改动没有写入，临时文件已删除", 143)
        except NoArgsIsHelpError as exc:  # `rdtool deputy`: the help is the answer
            help_text = exc.format_message()
            if help_text:  # (with rich, the help was printed already)
                print(help_text)
            sys.exit(0)
        except ClickUsageError as exc:
            from rdtool.cli.usage import translate

            _fail(translate(exc), USAGE, f"运行 {exc.ctx.command_path if exc.ctx else 'rdtool'} -h 查看用法")
        except ClickException as exc:
            _fail(exc.format_message(), USAGE)
        except Abort:
            _fail("已取消", DOMAIN)
        except RdtoolError as exc:
            _fail(str(exc), exc.exit_code)
        except OverflowError:  # a huge number or a date beyond 9999 typed as an option or an id
            _fail("数值过大或日期超出范围", USAGE, "检查命令中的数字和日期")
        except sqlite3.Error as exc:
            if os.environ.get("RDTOOL_DEBUG"):
                raise
            _fail(*sqlite_message(exc))
        except (BrokenPipeError, PipeClosed):
            _quiet_broken_pipe()
            sys.exit(0)
        except KeyboardInterrupt:
            sys.exit(130)
        except OSError as exc:  # a file the command read or wrote: disk full, EIO, no permission …
            if _is_broken_pipe(exc):
                _quiet_broken_pipe()
                sys.exit(0)
            from rdtool.paths import os_error

            err = os_error(exc, exc.filename or "", "读写")
            _fail(str(err), err.exit_code)
        except RecursionError:
            _fail("输入的内容嵌套过深（如层层嵌套的 JSON），无法处理", USAGE, "检查输入的文件或参数")
        except UnicodeError:
            _fail("输入中有无法识别的字符（不是有效的 UTF-8 文本，如孤立的代理字符）", USAGE,
                  "检查命令中的文字或文件的编码，重新输入")
        except Exception as exc:  # a bug: say so without a traceback (locals may hold personal data)
            if os.environ.get("RDTOOL_DEBUG"):
                raise
            from rdtool.services.admin.stored_values import explain

            found = explain()
            if found is not None:  # a row another program wrote breaks the rules: name it, not a bug
                _fail(str(found), found.exit_code)
            _fail(f"rdtool 内部错误（{type(exc).__name__}）：{exc}", exit_code_for(exc),
                  "这是程序的缺陷，请把命令和这行信息告诉维护人员；设 RDTOOL_DEBUG=1 可看详细信息")
        finally:
            restore()
        try:
            sys.stdout.flush()
        except OSError as exc:
            if not _is_broken_pipe(exc):
                raise
            _quiet_broken_pipe()
        sys.exit(rv if isinstance(rv, int) else 0)


def _terminate_by_exception():
    """While a command runs, SIGTERM raises Terminated (rdtool.errors) so that `finally` blocks run: the
    transaction rolls back and temporary files are removed. Returns what puts the old handler back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        return lambda: None

    def terminated(signum, frame):
        raise Terminated()

    old = signal.signal(signal.SIGTERM, terminated)
    return lambda: signal.signal(signal.SIGTERM, old)


def _has_surrogate(text: str) -> bool:
    """A surrogate code point (U+D800–U+DFFF: how Python keeps bytes of an argument that are not UTF-8): exactly
    what UTF-8 cannot encode (no regex compiled at every start-up)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def sqlite_message(exc: sqlite3.Error) -> tuple[str, int, Optional[str]]:
    """An SQLite error as one Chinese line (message, exit code, hint); its own text (SQL names such as
    "UNIQUE constraint failed: activities.code") never reaches the user."""
    from rdtool.labels import FIELD_ZH

    text = str(exc)
    if isinstance(exc, sqlite3.IntegrityError):
        m = re.search(r"(UNIQUE|NOT NULL) constraint failed: (\w+)\.(\w+)", text)
        if m and m.group(1) == "UNIQUE":
            field = FIELD_ZH.get(m.group(3), m.group(3))
            return (f"与已有记录重复：这个{field}已被使用，没有写入", DOMAIN, "换一个值，或先查看已有的记录")
        if m:
            return f"{FIELD_ZH.get(m.group(3), m.group(3))}不能为空，没有写入", DOMAIN, None
        if "FOREIGN KEY" in text:
            return "引用的记录不存在（可能刚被删除或作废），没有写入", DOMAIN, "检查命令中的编号或姓名"
        return "记录与规则或已有记录冲突，没有写入", DOMAIN, "检查输入；可运行 rdtool db check"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序占用，等待超时；请稍后重试", DOMAIN, None
    if "disk is full" in text:
        return "磁盘已满，没有写入", DOMAIN, "请先清理磁盘（删除不用的文件或旧备份）再运行"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的，不能写入", DOMAIN, "检查文件和所在目录的权限，或换用可写的副本"
    if "no such table" in text or "no such column" in text:
        return "数据库结构不完整（缺少表或列）", DOMAIN, "运行 rdtool db check 查看，或用 rdtool db restore 从备份恢复"
    if "disk I/O" in text:
        return "读写数据库文件时发生错误（磁盘、U 盘或网络共享可能有故障，或磁盘已满）", DOMAIN, "检查磁盘后重试"
    if isinstance(exc, sqlite3.OperationalError):
        return "数据库操作失败，没有写入", DOMAIN, "设 RDTOOL_DEBUG=1 可看 SQLite 的原始信息"
    return "数据库文件有问题（可能已损坏）", DOMAIN, "可运行 rdtool db check，或从备份恢复"


def _fail(message: str, code: int, hint: Optional[str] = None) -> None:
    message = re.sub(r"\S{200,}", lambda m: m.group(0)[:30] + "…" + m.group(0)[-10:], message)
    text = f"错误：{message}"
    if hint and "提示：" not in message:
        text += f"\n提示：{hint}"
    if _has_surrogate(text):  # a path's undecodable bytes (RDTOOL_DB, a file name) cannot be printed
        text = "".join("?" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    from rdtool.tables import write_prose

    for line in text.split("\n"):  # on a terminal each line broken where it may be (never inside a code)
        write_prose(sys.stderr, line)
    sys.exit(code)


def _install_powershell_completion() -> None:
    """In PowerShell rdtool installs its own completion (rdtool.cli.powershell); elsewhere typer's does."""
    from rdtool.cli import powershell

    shell = powershell.wanted(["--install-completion"])
    if shell is None:
        return
    try:
        lines = powershell.install(shell)
    except RdtoolError as exc:
        _fail(str(exc), exc.exit_code)
    for line in lines:
        print(line)
    sys.exit(0)


def _is_broken_pipe(exc: OSError) -> bool:
    """The reader of a pipe left (`rdtool … | head`): EPIPE on POSIX; on Windows a write to a closed pipe
    fails with EINVAL instead."""
    import errno

    return isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE or (
        sys.platform == "win32" and exc.errno == errno.EINVAL)


def _quiet_broken_pipe() -> None:
    # `rdtool … | head`: the reader left; stop quietly without a flush error at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _version(value: bool) -> None:
    if value:
        print(f"rdtool {__version__}")
        raise typer.Exit()


DOCS_EPILOG = ("文档（项目的 docs/ 目录）：命令参考 docs/commands.md；导入导出的列、代码和中文标签 docs/csv.md；"
               "报告的 JSON 键 docs/report.md；法律规则及条文 docs/rules.md；退出码 docs/exit-codes.md；"
               "数据库结构 docs/schema.md；用 sqlite-utils、Datasette 读库 docs/datasette.md。")

app = typer.Typer(cls=LazyGroup, no_args_is_help=True,  # -h, metavars, Chinese help: rdtool.cli.usage.finish
                  rich_markup_mode=None,  # (see rdtool.cli.common.make_app)
                  help="rdtool — 乡镇人大主席团工作记录与统计 (records and reports for a township People's Congress presidium).",
                  epilog=DOCS_EPILOG)


@app.callback()
def _root(
    db: Optional[str] = DbOpt,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="写文件和导入成功时也在 stderr 说明（终端上默认显示）"),
    no_input: bool = typer.Option(False, "--no-input",
                                  help="不询问任何问题（计划任务、脚本用；也可设环境变量 RDTOOL_NO_INPUT=1）："
                                       "需要回答时报错退出（退出码 2），长列表也不经分页器"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本"),
) -> None:
    ctx = get_current_context()
    ctx.obj = {"db": db, "verbose": verbose, "no_input": no_input}


def main() -> None:
    typer.main.get_command(app).main(prog_name="rdtool")
