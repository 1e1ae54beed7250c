"""Regenerate the parts of docs/ that come from the code: `python -m rdtool.docsgen` (`--check` only compares).

A docs file marks each generated part with a pair of HTML comments::

    <!-- generated: commands -->
    …replaced on every run…
    <!-- end generated -->

and everything outside the markers is written by hand and kept. Each part is a function of the code as it is
(the way sqlite-utils keeps its docs with cog), so what other changes add is picked up by re-running this:

- ``commands``: every command's ``--help`` (rdtool.cli.main.COMMANDS and their sub-commands);
- ``csv-kinds``: each import/export kind's columns, Chinese labels, codes and accepted headers
  (rdtool.services.transfer.registry.KINDS, the kinds' fields, rdtool.labels.ENUMS, rdtool.io.table.accepted_headers);
- ``report-keys``: the JSON report's keys with their labels (computed on a fresh database; rdtool.reports.flat);
- ``import-aliases``: the headers rosters use, per kind (rdtool.io.table.alias_tables, from each kind's aliases);
- ``rollup-columns``: the county roll-up's columns (rdtool.reports.rollup.COLUMNS);
- ``template-fields``: the fields a report template is filled with (rdtool.reports.template_fields.FIELDS);
- ``exit-codes``: the error classes and their exit codes (rdtool.errors);
- ``rules``: the rules of rdtool.rules with the articles their docstrings cite;
- ``schema``: the tables, views and columns of a fresh database (every migration applied).

tests/test_docs.py fails, naming this command, when a generated part no longer matches the code.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
COMMAND = "python -m rdtool.docsgen"
_BLOCK = re.compile(r"(<!-- generated: ([\w-]+) -->\n)(.*?)(<!-- end generated -->)", re.S)
HELP_WIDTH = "100"


def _table(head: list[str], rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        return ("" if v is None else str(v)).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- commands

def _command_paths() -> list[list[str]]:
    import typer

    from rdtool.cli.main import COMMANDS, LazyGroup, app

    root = typer.main.get_command(app)
    ctx = root.make_context("rdtool", ["deputy"], resilient_parsing=True)
    paths: list[list[str]] = []
    for name in COMMANDS:
        cmd = LazyGroup.get_command(root, ctx, name)
        paths.append([name])
        subs = getattr(cmd, "list_commands", None)
        if subs is not None:
            paths.extend([name, sub] for sub in subs(ctx))
    return paths


def _help(args: list[str]) -> str:
    from typer.testing import CliRunner

    from rdtool.cli.main import app

    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": HELP_WIDTH, "NO_COLOR": "1",
                                                              "TERM": "dumb"})
    text = result.output.rstrip() + "\n"
    return re.sub(r"(Usage: |用法：)(root|rdtool|[\w-]+\.py)", r"\1rdtool", text, count=1)


def commands() -> str:
    out = [f"```\n$ rdtool --help\n{_help([])}```\n"]
    for path in _command_paths():
        name = " ".join(path)
        out.append(f"### rdtool {name}\n\n```\n{_help(path)}```\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- CSV kinds

TYPE_ZH = {"text": "文本", "int": "整数", "date": "日期", "bool": "是/否", "enum": "代码"}


def csv_kinds() -> str:
    from rdtool.io.table import accepted_headers
    from rdtool.services.transfer import registry
    from rdtool.labels import ENUMS, FIELD_ZH

    out: list[str] = []
    enums_used: dict[str, list[str]] = {}
    for name in registry.KINDS:
        kind = registry.get(name)
        accepted = accepted_headers(kind)
        aliases: dict[str, list[str]] = {}
        for header, field in accepted.items():
            if header not in (field, FIELD_ZH.get(field, field)):
                aliases.setdefault(field, []).append(header)
        rows = []
        for column in kind.columns:
            f = kind.field(column)
            required = "是" if f is not None and f.required else ""
            kind_of = TYPE_ZH.get(f.type, f.type) if f is not None else "（仅导出）"
            values = ""
            if f is not None and f.enum:
                values = " · ".join(f"`{code}` {lab}" for code, (lab, _) in ENUMS[f.enum].items())
                enums_used.setdefault(f.enum, []).append(f"{name}.{column}")
            elif f is not None and f.type == "bool":
                values = "`true` / `false`（zh：是 / 否）"
            rows.append([f"`{column}`", FIELD_ZH.get(column, ""), required, kind_of, values,
                         "、".join(aliases.get(column, []))])
        out.append(f"### {name}（{kind.zh}）\n")
        out.append(f"xlsx 工作表名：{kind.sheet_name}；导出的列依次为：\n")
        out.append(_table(["列", "中文列名", "必填", "类型", "取值（代码 中文）", "也接受的列名"], rows))
    out.append("### 代码与接受的写法\n")
    rows = []
    for enum, where in enums_used.items():
        for code, (lab, extra) in ENUMS[enum].items():
            rows.append([f"`{enum}`", f"`{code}`", lab, "、".join(extra), "、".join(sorted(set(where)))])
    out.append(_table(["代码表", "代码", "中文（--headers zh 写出）", "也接受", "用于"], rows))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- report

def _fresh_store(folder: Path):
    from rdtool.services.admin import admin
    from rdtool.store.opening import open_store

    store = open_store(folder / "docs.db", create=True)
    admin.initialise(store, "某镇", "某县", 1, "2021-01-01", "2025-12-31")
    return store


def report_keys() -> str:
    from rdtool.labels import ENUMS
    from rdtool.reports.build import build
    from rdtool.reports.flat import flat_rows, is_rate, label_of
    from rdtool.services.terms.periods import term_period

    with tempfile.TemporaryDirectory() as folder:
        store = _fresh_store(Path(folder))
        report = build(store, term_period(store, 1, "2025-12-31"), "2025-12-31", prose_and_tables=False).as_json()
        store.close()
    rows = []
    for r in flat_rows(report):
        value = r["value"]
        kind = "比率 0–1 或 null" if is_rate(r["key"]) else "整数" if isinstance(value, int) else "日期" \
            if r["key"] in ("from", "to", "as_of") else "文本"
        rows.append([f"`{r['section']}`" if r["section"] else "（顶层）", f"`{r['key']}`", r["label"], kind])
        if r["key"] == "training" and r["section"] == "activities":
            for code in ENUMS["activity_kind"]:
                rows.append(["`activities`", f"`by_kind.{code}`", label_of("activities", f"by_kind.{code}"),
                             "整数（有该类活动时才有此键）"])
    rows.append(["（顶层）", "`checks`", "需要关注的事项：{check, severity, table, record, message} 的列表", "列表"])
    return _table(["section", "key", "label（中文）", "类型"], rows)


def template_fields() -> str:
    from rdtool.reports.template_fields import FIELDS

    return _table(["字段", "内容"], [[f"`{{{{ {name} }}}}`" if name != "pct" else "`|pct`", text]
                                    for name, text in FIELDS])


def rollup_columns() -> str:
    from rdtool.reports.rollup import COLUMNS

    rows = [["`town`", "乡镇", "（设置中的乡镇名称）"]]
    rows += [[f"`{key}`", zh, f"`{'.'.join(path)}`"] for key, path, zh in COLUMNS]
    rows.append(["`reply_rate`", "答复率", "已答复 / 收到（合计行按合计计算）"])
    return _table(["列", "中文", "报告 JSON 中的键"], rows)


# ---------------------------------------------------------------------------------------------- exit codes

def exit_codes() -> str:
    from rdtool import errors

    rows = [["0", "—", "成功（`--strict` 的命令：没有需要关注的事项）"]]
    for name, cls in inspect.getmembers(errors, inspect.isclass):
        if issubclass(cls, errors.RdtoolError):
            rows.append([str(cls.exit_code), f"`{name}`", inspect.getdoc(cls).splitlines()[0]])
    rows.sort(key=lambda r: (r[0], r[1]))
    rows.append(["130", "—", "被 Ctrl-C 中断"])
    rows.append(["143", "—", "收到终止信号 SIGTERM（如 timeout、关机）：尚未提交的改动没有写入，临时文件已删除"])
    return _table(["退出码", "错误类型（rdtool.errors）", "含义"], rows)


# ---------------------------------------------------------------------------------------------- rules

_NUM = "[一二三四五六七八九十百零]+"
_ARTICLE = f"第{_NUM}条(?:第{_NUM}款)?(?:第{_NUM}项)?"
_LAW = ("组织法|选举法|代表法|宪法|全国人民代表大会常务委员会关于[\u4e00-\u9fff]+?决定"
        "|[\u4e00-\u9fff]{2,3}(?:省|市|自治区)[\u4e00-\u9fff、]*?(?:条例|决定|办法|规定|细则)")
_CITATION = re.compile(f"({_LAW})\\s*(?:\\(?\\d{{4}}[^)\\s]*\\)?\\s*)?((?:{_ARTICLE})(?:[、,，]\\s*{_ARTICLE})*)")


def citations(text: str) -> list[str]:
    """The articles a docstring cites, as "law article" (组织法 第十四条第四款); years dropped, lines joined."""
    flat = re.sub(r"\s*\n\s*", " ", text)
    flat = re.sub(r"(?<=[\u4e00-\u9fff、])\s+(?=[\u4e00-\u9fff])", "", flat)
    out = []
    for m in _CITATION.finditer(flat):
        law = m.group(1)
        for article in re.findall(_ARTICLE, m.group(2)):
            out.append(f"{law} {article}")
    return list(dict.fromkeys(out))


def _rule_modules():
    import importlib
    import pkgutil

    import rdtool.rules as package

    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"rdtool.rules.{info.name}")


def _public_functions(module) -> list:
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    out = []
    for n in names:
        obj = getattr(module, n, None)
        if inspect.isfunction(obj) and obj.__module__ == module.__name__:
            out.append(obj)
    return out


def rules() -> str:
    out: list[str] = []
    index: list[list[str]] = []
    for module in _rule_modules():
        doc = inspect.getdoc(module) or ""
        out.append(f"### `{module.__name__}`\n\n{doc}\n")
        rows = []
        for fn in _public_functions(module):
            text = inspect.getdoc(fn) or ""
            cites = citations(text)
            first = text.split("\n\n")[0].replace("\n", " ")
            rows.append([f"`{fn.__name__}`", first, "；".join(cites)])
            for cite in cites:
                index.append([cite, f"`{module.__name__.rsplit('.', 1)[1]}.{fn.__name__}`"])
        if rows:
            out.append(_table(["函数", "规则", "引用的条文"], rows))
    grouped: dict[str, list[str]] = {}
    for cite, fn in index:
        grouped.setdefault(cite, []).append(fn)
    head = ["### 按条文索引\n", _table(["条文", "实现它的函数"], [[c, "、".join(fns)] for c, fns in
                                                             sorted(grouped.items())])]
    return "\n".join(head + out)


# ---------------------------------------------------------------------------------------------- schema

def schema() -> str:
    from rdtool.labels import TABLE_ZH, column_zh
    from rdtool.store.db import schema as read_schema
    from rdtool.store.schema_check import applied_migrations

    with tempfile.TemporaryDirectory() as folder:
        store = _fresh_store(Path(folder))
        objects = read_schema(store)
        migrations = applied_migrations(store.conn)
        store.close()
    from rdtool.store import label_views

    chinese = {view: table for table, view in label_views.NAMES.items()}
    out = ["Migrations, in the order they apply: " + ", ".join(f"`{m}`" for m in migrations) + ".\n",
           "Chinese views, one per table, its columns and values in Chinese (datasette.md): "
           + ", ".join(f"`{v}` ({t})" for v, t in chinese.items()) + ".\n"]
    for o in objects:
        if o["name"] in chinese:
            continue
        zh = TABLE_ZH.get(o["name"], "")
        kind = {"table": "表", "view": "视图", "virtual": "全文检索（FTS5 虚拟表）"}[o["type"]]
        out.append(f"### `{o['name']}`{(' ' + zh) if zh else ''}（{kind}）\n")
        if o["type"] == "virtual":
            out.append(f"```sql\n{o['sql']}\n```\n")
            continue
        rows = [[f"`{c['name']}`", column_zh(c["name"], o["name"]), c["type"],
                 "主键" if c["pk"] else ("必填" if c["notnull"] else ""), c["default"] or "",
                 f"→ `{c['references']}`" if c["references"] else ""] for c in o["columns"]]
        out.append(_table(["列", "中文", "类型", "约束", "默认值", "引用"], rows))
        if o["type"] == "view":
            out.append(f"```sql\n{o['sql']}\n```\n")
    return "\n".join(out)


def import_aliases() -> str:
    from rdtool.io.table import alias_tables
    from rdtool.services.transfer import registry

    return alias_tables([registry.get(name) for name in registry.KINDS])


# ---------------------------------------------------------------------------------------------- completion

TABLE_FILE = ROOT / "rdtool" / "cli" / "completion_table.py"


def completion_table() -> str:
    """rdtool/cli/completion_table.py: every command, sub-command, option and argument as typer builds them, for
    the Tab press answered before typer is imported (rdtool.cli.quick_complete, which names the fields)."""
    import typer
    from typer.core import TyperArgument, TyperOption

    from rdtool.cli.click_api import click
    from rdtool.cli.main import app
    from rdtool.cli.quick_complete import OPTION_FIELDS
    from rdtool.cli.usage import finish

    def value(param) -> object:
        custom = getattr(param, "_custom_shell_complete", None)
        if custom is not None:
            return getattr(custom, "rdtool_kind", "other")
        if type(param.type).__name__ == "TyperChoice":
            return ("choice", tuple(str(c) for c in param.type.choices), bool(param.type.case_sensitive))
        return "none" if type(param.type).shell_complete is click.types.ParamType.shell_complete else "other"

    def option(param) -> tuple:
        flag = bool(param.is_flag or param.count)
        opts = tuple(sorted(param.opts, key=len) if param.name == "help" else param.opts)  # (-h/--help: a set's order)
        fields = {"name": param.name, "opts": opts, "secondary": tuple(param.secondary_opts),
                  "takes_value": not flag, "nargs": param.nargs, "multiple": bool(param.multiple),
                  "hidden": bool(param.hidden), "help": bool(param.help), "typer": isinstance(param, TyperOption),
                  "callback": param.callback is not None or bool(getattr(param, "_flag_needs_value", False)),
                  "value": None if flag else value(param)}
        return tuple(fields[f] for f in OPTION_FIELDS)

    options: list[tuple] = []
    table: dict[str, tuple] = {}

    def walk(command, path: str, ctx) -> None:
        params = command.get_params(ctx)
        indexes = []
        for p in params:
            if p.param_type_name == "option":
                entry = option(p)
                if entry not in options:
                    options.append(entry)
                indexes.append(options.index(entry))
        arguments = tuple((p.name, p.nargs, isinstance(p, TyperArgument), value(p)) for p in params
                          if p.param_type_name == "argument")
        commands = None
        if hasattr(command, "list_commands"):
            commands = []
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    commands.append((name, bool(sub.hidden), bool(sub.get_short_help_str())))
                    walk(sub, f"{path} {name}".strip(), sub.make_context(name, [], parent=ctx, resilient_parsing=True))
            commands = tuple(commands)
        table[path] = (commands, tuple(indexes), arguments)

    root = finish(typer.main.get_command(app))
    walk(root, "", root.make_context("rdtool", [], resilient_parsing=True))
    lines = ['"""Generated by `python -m rdtool.docsgen` from the command tree (rdtool.cli.main): the commands, options',
             "and arguments a Tab press is answered from before typer is imported (rdtool.cli.quick_complete names the",
             'fields). Do not edit: tests/test_docs.py checks that it matches the code."""', "",
             "# Each option: rdtool.cli.quick_complete.OPTION_FIELDS.", "OPTIONS = ("]
    lines += [f"    {o!r}," for o in options]
    lines += [")", "# Command path -> (sub-commands: (name, hidden, has help) or None, its options, its arguments:",
              "# (name, nargs, typer's, value)).", "TABLE = {"]
    lines += [f"    {path!r}: {node!r}," for path, node in table.items()]
    lines += ["}", ""]
    return "\n".join(lines)


PARTS: dict[str, Callable[[], str]] = {
    "commands": commands,
    "csv-kinds": csv_kinds,
    "import-aliases": import_aliases,
    "report-keys": report_keys,
    "rollup-columns": rollup_columns,
    "template-fields": template_fields,
    "exit-codes": exit_codes,
    "rules": rules,
    "schema": schema,
}


def render(text: str, cache: dict[str, str]) -> str:
    """The file's text with each generated part replaced by its current content."""
    def replace(m: re.Match) -> str:
        name = m.group(2)
        if name not in PARTS:
            raise SystemExit(f"unknown generated part “{name}” (known: {', '.join(PARTS)})")
        if name not in cache:
            cache[name] = PARTS[name]().rstrip("\n") + "\n"
        return m.group(1) + "\n" + cache[name] + "\n" + m.group(4)

    return _BLOCK.sub(replace, text)


def outdated(folder: Path = DOCS) -> dict[Path, str]:
    """Each docs file whose generated parts differ from the code -> its regenerated text."""
    cache: dict[str, str] = {}
    changed = {}
    with contextlib.redirect_stdout(io.StringIO()):  # (help is rendered as piped output, whatever the terminal)
        for path in sorted(folder.glob("*.md")):
            text = path.read_text("utf-8")
            new = render(text, cache)
            if new != text:
                changed[path] = new
        if folder == DOCS:
            table = completion_table()
            if not TABLE_FILE.exists() or TABLE_FILE.read_text("utf-8") != table:
                changed[TABLE_FILE] = table
    return changed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    changed = outdated()
    if "--check" in argv:
        for path in changed:
            print(f"{path.relative_to(ROOT)} is out of date: run {COMMAND}")
        return 1 if changed else 0
    for path, text in changed.items():
        path.write_text(text, "utf-8")
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
