"""Chinese all the way in the command line itself: help, metavars, `-h`, and click's usage errors.

Applied once, when a command is built (cli/main.py), to every command and every parameter, so options that
are added later are covered without anything in their modules:

- `-h` is `--help` everywhere; the help's own words (用法、参数、选项、默认、必填) are Chinese.
- Every value an option or argument takes shows what is expected (`<日期>`, `<人数>`, `<届次>`), not
  `<str>`/`<int>`: from the table below by option name, else by argument name and group, else by type.
- click's usage errors (no such option/command, a missing option or argument, a bad number, a value out of
  range, an extra argument …) are said in Chinese, with the nearest option or command suggested.
"""

from __future__ import annotations

import re
from typing import Any

from rdtool.cli.click_api import HelpFormatter, click
from rdtool.cli.click_api import exceptions as click_errors

HELP_NAMES = ["-h", "--help"]

# Long option -> what its value is.
OPTION_METAVARS: dict[str, str] = {
    **dict.fromkeys(["--date", "--from", "--to", "--as-of", "--birth-date", "--elected-on", "--end-date",
                     "--term-start", "--term-end", "--start", "--end", "--due", "--election-day",
                     "--registration", "--final-list", "--mobilisation", "--candidates-on", "--credentials",
                     "--candidates"],
                    "<日期>"),
    "--since": "<时间>", "--term": "<届次>", "--year": "<年份>", "--top": "<名次>", "--limit": "<条数>",
    "--within": "<天数>", "--months": "<月数>",
    **dict.fromkeys(["--present", "--entitled", "--count", "--voters", "--population", "--nominators"], "<人数>"),
    **dict.fromkeys(["--yes", "--no", "--abstain", "--not-voting", "--votes"], "<票数>"),
    **dict.fromkeys(["--issued", "--returned", "--invalid"], "<张数>"),
    "--seats": "<名额>", "--round": "<轮次>", "--seq": "<序号>", "--id": "<ID>",
    "--kind": "<类别>", "--level": "<层级>", "--status": "<状态>", "--party": "<政治面貌>",
    "--occupation": "<代表构成>", "--education": "<文化程度>", "--gender": "<性别>", "--method": "<表决方式>",
    "--result": "<结果>", "--body": "<会议类别>", "--action": "<任免类别>", "--sort": "<排序>",
    "--format": "<格式>", "--by": "<分组>", "--feedback": "<意见>", "--role": "<职务>",
    **dict.fromkeys(["--name", "--lead", "--person", "--deputy"], "<姓名>"),
    **dict.fromkeys(["--cosigners", "--absent", "--leave", "--participants", "--add", "--remove"], "<姓名列表>"),
    "--meeting": "<会议编号>", "--code": "<编号>", "--record": "<记录>", "--table": "<表>",
    **dict.fromkeys(["--db", "--output", "--file"], "<文件>"),
    "--title": "<标题>", "--notes": "<备注>", "--reason": "<原因>", "--text": "<答复内容>", "--unit": "<承办单位>",
    "--location": "<地点>", "--workplace": "<单位及职务>", "--constituency": "<选区>", "--ethnicity": "<民族>",
    "--phone": "<电话>", "--id-number": "<身份证号>", "--presidium-role": "<职务>", "--re-elected": "<是或否>",
    "--extraordinary": "<是或否>", "--category": "<分类>", "--subject": "<对象>", "--town": "<乡镇名称>",
    "--county": "<县名>", "--position": "<职务>", "--post": "<职务>", "--candidate": "<姓名=得票>",
    "--vote": "<姓名=得票>", "--organiser": "<组织单位>", "--nominated-by": "<推荐单位>",
    "--province": "<省份>", "--headers": "<en|zh>",
}
# Argument name -> what it is; `ref` depends on the group.
ARGUMENT_METAVARS: dict[str, str] = {
    "name": "<姓名>", "title": "<标题>", "code": "<编号>", "meeting": "<会议编号>", "key": "<设置项>",
    "value": "<值>", "number": "<届次>", "term": "<届次>", "dest": "<文件或目录>", "file": "<文件>",
    "files": "<文件>…", "kind": "<类别>", "table": "<表>", "record": "<记录>", "role_name": "<职务>",
    "opinion": "<意见>", "person": "<姓名>", "constituency": "<选区>", "text": "<文字>", "query": "<检索词>",
    "words": "<检索词>…", "names": "<姓名>…",
}
REF_METAVARS: dict[str, str] = {
    "deputy": "<姓名或ID>", "meeting": "<会议编号>", "vote": "<事项>", "election": "<选举ID>",
    "appointment": "<任免ID>", "activity": "<活动编号>", "proposal": "<编号>",
}
TYPE_METAVARS: dict[str, str] = {"int": "<整数>", "int range": "<整数>", "float": "<数值>", "float range": "<数值>",
                                 "boolean": "<是或否>", "path": "<文件>", "filename": "<文件>", "str": "<文字>",
                                 "datetime": "<日期时间>"}
def is_english(metavar: str) -> bool:
    """A metavar that shows an English word or type (typer's `<str>`, a command's own `metavar="ROLE"`);
    ID and the literal values of `<en|zh>` are not words to translate."""
    return re.search(r"[A-Za-z]{2,}", metavar.replace("ID", "").replace("<en|zh>", "")) is not None


def metavar_for(param: Any, group: str | None) -> str:
    """What a parameter's value is, in Chinese."""
    if param.param_type_name == "option":
        long = [o for o in param.opts if o.startswith("--")]
        for opt in long:
            if opt in OPTION_METAVARS:
                return OPTION_METAVARS[opt]
            if opt.endswith("-on"):
                return "<日期>"
    else:
        if param.name == "ref" and group in REF_METAVARS:
            return REF_METAVARS[group]
        if param.name in ARGUMENT_METAVARS:
            return ARGUMENT_METAVARS[param.name]
    return TYPE_METAVARS.get(param.type.name, "<值>")


def finish(command: Any, group: str | None = None) -> Any:
    """Chinese help, metavars and `-h` for a command and, recursively, its sub-commands."""
    if getattr(command, "_rd_usage", False):
        return command
    command._rd_usage = True
    command.context_class = RdContext
    command.context_settings.setdefault("help_option_names", HELP_NAMES)
    command.options_metavar = "[选项]"
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = "命令 [参数]..."
    for sub in (getattr(command, "commands", None) or {}).values():
        finish(sub, group or command.name)
    edit = (command.name or "").startswith("edit")
    for param in command.params:
        if param.name in _HELP_ZH:
            param.help = _HELP_ZH[param.name]
        elif edit and param.param_type_name == "option" and not param.help:
            from rdtool.labels import FIELD_ZH

            zh = _EDIT_ZH.get(param.name) or FIELD_ZH.get(param.name)
            if zh:  # an edit command's field: `--title <标题>  更正后的标题`
                param.help = f"更正后的{zh}"
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        if getattr(param, "hidden", False) and param.param_type_name == "argument":
            param.get_usage_pieces = lambda ctx: []  # (db void's second word: the first's metavar names both)
            continue
        if param.metavar is None or is_english(param.metavar):
            param.metavar = metavar_for(param, group or command.name)
    from rdtool.cli.completion import attach

    attach(command, group or command.name)
    return command


# --- help ------------------------------------------------------------------------------------------------

# typer's own options, said in Chinese.
_HELP_ZH = {"install_completion": "为当前的命令行（bash、zsh、fish、PowerShell）安装自动补全：补全代表姓名、会议编号、"
                                  "议案建议编号；重开终端后生效",
            "show_completion": "显示自动补全脚本（可复制或自行安装）"}

# An edit command's options whose CSV field name is not what a person calls the value.
_EDIT_ZH = {"yes": "赞成票数", "no": "反对票数", "abstain": "弃权票数", "not_voting": "未按表决器人数",
            "issued": "发出选票数", "returned": "收回选票数", "invalid": "无效选票数", "feedback": "代表意见"}

_SECTIONS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}


class RdHelpFormatter(HelpFormatter):
    """click's help layout with its own words in Chinese, aligned and wrapped by terminal cells (a Chinese
    character is two), never inside a number or before closing punctuation (rdtool.terminal.wrap)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def section(self, name: str):
        return super().section(_SECTIONS.get(name, name))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        from rdtool.terminal import wrap

        indent = " " * self.current_indent
        for paragraph in text.split("\n\n"):
            for line in wrap(_join_lines(paragraph), self.width, indent, indent):
                self.write(line + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        from rdtool.terminal import cell_width, wrap

        rows = [(term, _help_words(text or "")) for term, text in rows]
        first = min(max((cell_width(t) for t, _ in rows), default=0), col_max) + col_spacing
        room = max(self.width - first - self.current_indent, 20)
        lead = " " * (first + self.current_indent)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            width = cell_width(term)
            self.write(" " * (first - width) if width <= first - col_spacing else "\n" + lead)
            lines = wrap(text, room)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(lead + line + "\n")


def _join_lines(paragraph: str) -> str:
    """A docstring's lines as one paragraph: no space where a line break fell between Chinese characters."""
    out = ""
    for line in (part.strip() for part in paragraph.split("\n")):
        between_chinese = bool(out and line) and not out[-1].isascii() and not line[0].isascii()
        if out and line and not between_chinese:
            out += " "
        out += line
    return out


def _help_words(text: str) -> str:
    return text.replace("[default: ", "[默认：").replace("[required]", "[必填]").replace("[env var: ", "[环境变量：")


class RdContext(click.Context):
    formatter_class = RdHelpFormatter

    def invoke(self, callback: Any, *args: Any, **kwargs: Any) -> Any:
        """Runs a callback; before a command's own (not a group's) start-up is over (rdtool.cli.entry.started)."""
        from typer.core import TyperGroup

        if callback is getattr(self.command, "callback", None) and not isinstance(self.command, TyperGroup):
            from rdtool.cli.entry import started

            started()
        return super().invoke(callback, *args, **kwargs)

    def make_formatter(self) -> HelpFormatter:
        option = self.command.get_help_option(self)
        if option is not None:
            option.help = "显示本帮助并退出"
        return super().make_formatter()


# --- usage errors ----------------------------------------------------------------------------------------


def _options_of(ctx: Any) -> list[str]:
    if ctx is None:
        return []
    return [o for p in ctx.command.get_params(ctx) for o in (*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ()))
            if o.startswith("-")]


def _name(param: Any) -> str:
    if param is None:
        return "参数"
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")] or list(getattr(param, "opts", ()))
    if getattr(param, "param_type_name", "") == "option" and opts:
        return opts[0]
    return param.metavar or param.name or "参数"


def _nearest(word: str, choices: list[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, choices, n=3, cutoff=0.5)
    return f"；最接近的是 {'、'.join(close)}" if close else ""


# click's English messages (compiled only when an error is shown: start-up time)
_RANGE = r"^(?P<value>.+) is not in the range (?P<range>.+)\.$"
_NOT_VALID = r"^'?(?P<value>.*?)'? is not a valid (?P<type>\w+)\.?"
_COMMAND = r"^No such command '(?P<name>.+?)'"
_EXTRA = r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$"
_REQUIRES = r"^Option '(?P<opt>.+?)' requires (?P<n>an argument|\d+ arguments)\.$"
_NO_VALUE = r"^Option '(?P<opt>.+?)' does not take a value\.$"
_TYPE_ZH = {"int": "整数", "integer": "整数", "float": "数值", "boolean": "是或否", "uuid": "UUID"}


def _range(text: str) -> str:
    m = re.fullmatch(r"(?P<lo>-?[\d.]+)?(?P<lo_op><=?)?x(?P<hi_op><=?)?(?P<hi>-?[\d.]+)?", text.replace(" ", ""))
    if not m:
        return text
    lo, hi = m.group("lo"), m.group("hi")
    if lo is not None and hi is not None:
        return f"{lo} 到 {hi}"
    return f"不小于 {lo}" if lo is not None else f"不大于 {hi}"


def translate(exc: Any) -> str:
    """click's usage error in Chinese: what is wrong and, where it helps, the nearest right spelling."""
    ctx = getattr(exc, "ctx", None)
    message = getattr(exc, "message", "") or ""
    if isinstance(exc, click_errors.NoSuchOption):
        return f"没有选项 {exc.option_name}{_nearest(exc.option_name, _options_of(ctx))}"
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        kind = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        help_text = f"（{param.help}）" if param is not None and getattr(param, "help", None) else ""
        return f"缺少{kind} {_name(param)}{help_text}"
    if isinstance(exc, click_errors.BadParameter):
        where = _name(exc.param)
        m = re.match(_RANGE, message)
        if m:
            return f"{where} 的值 {m.group('value')} 超出范围（应为 {_range(m.group('range'))}）"
        m = re.match(_NOT_VALID, message)
        if m:
            return f"{where} 的值“{m.group('value')}”不是{_TYPE_ZH.get(m.group('type'), m.group('type'))}"
        return f"{where} 的值不正确：{message}"
    m = re.match(_COMMAND, message)
    if m and ctx is not None:
        names = list(ctx.command.list_commands(ctx)) if hasattr(ctx.command, "list_commands") else []
        return f"没有命令“{m.group('name')}”{_nearest(m.group('name'), names)}"
    m = re.match(_EXTRA, message)
    if m:
        return f"多余的参数：{m.group('args')}（如果它是一个值，请放在对应的选项后面；含空格的值请加引号）"
    m = re.match(_REQUIRES, message)
    if m:
        return f"选项 {m.group('opt')} 后面需要一个值"
    m = re.match(_NO_VALUE, message)
    if m:
        return f"选项 {m.group('opt')} 不带值"
    if message.startswith("Missing command"):
        return "缺少子命令"
    return f"用法错误：{message}"
