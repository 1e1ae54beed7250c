"""The report from a Jinja text template (`--format md|text`, `--template FILE`): the default templates below are
what `rdtool report template --format md|text` writes and what a report without --template uses.

The fields are rdtool.reports.template_fields; a name a template uses that is not a field, or a broken tag, is a
Chinese error naming it (exit 1), never an empty place in the report.
"""

from __future__ import annotations

from pathlib import Path

from rdtool.errors import RdtoolError

NARRATIVE = "【请在此撰写{what}。】"

OPENING = ("{{ period.since }}，{{ town_short }}人大主席团始终坚持党的领导、充分发扬民主、严格依法办事，"
           "坚持和完善人民代表大会制度，依法履行职责。现将{{ period.name }}主席团工作情况报告如下，请予审议。")
NARRATIVES = {
    "party": NARRATIVE.format(what="党的领导方面的工作：党委对人大工作的领导、重要事项的请示报告"),
    "self": NARRATIVE.format(what="主席团自身建设：学习、作风、制度建设，与上级人大的联系"),
    "problems": NARRATIVE.format(what="存在的问题和建议"),
}
# The seed's sections in its order and wording: (heading, paragraphs); a paragraph is a field or her narrative.
OUTLINE: list[tuple[str, list[str]]] = [
    ("一、加强党的领导", [NARRATIVES["party"]]),
    ("二、正确行使重大事项决定权", ["{{ text.meetings }}"]),
    ("三、积极做好人大监督工作", ["{{ text.supervision }}"]),
    ("四、做好代表选举和人民代表大会会议工作", ["{{ text.deputies }}"]),
    ("五、进一步加强代表工作", ["{{ text.activities }}", "{{ text.proposals }}"]),
    ("六、加强主席团自身建设", [NARRATIVES["self"]]),
    ("七、存在的问题和建议", [NARRATIVES["problems"]]),
]
INDENT = "　　"  # a paragraph of plain text starts two characters in
TABLE_KEYS = ("composition", "meetings", "proposals_by_unit")


def _markdown() -> str:
    parts = ["# {{ title }}\n", OPENING + "\n"]
    for heading, paragraphs in OUTLINE:
        parts += [f"## {heading}\n", *(p + "\n" for p in paragraphs)]
    parts.append('<div align="right">{{ presidium_name }}<br>{{ date }}</div>\n')
    return "\n".join(parts) + (
        "{% if checks %}\n\n## 需要关注的事项\n\n{% for c in checks %}\n- 【{{ c.severity }}】{{ c.message }}\n"
        "{% endfor %}\n{% endif %}\n"
        f"{{% for key in {TABLE_KEYS} if tables[key].rows %}}\n\n### {{{{ tables[key].caption }}}}\n\n"
        "{{ tables[key].md }}\n{% endfor %}\n")


def _text() -> str:
    parts = ["{{ title }}\n", INDENT + OPENING + "\n"]
    for heading, paragraphs in OUTLINE:
        parts.append(heading + "\n" + "".join(INDENT + p + "\n" for p in paragraphs))
    parts.append("{{ presidium_name }}\n{{ date }}\n")
    return "\n".join(parts) + (
        "{% if checks %}\n\n需要关注的事项\n{% for c in checks %}\n【{{ c.severity }}】{{ c.message }}\n"
        "{% endfor %}\n{% endif %}\n"
        f"{{% for key in {TABLE_KEYS} if tables[key].rows %}}\n\n{{{{ tables[key].caption }}}}\n"
        "{{ tables[key].text }}\n{% endfor %}\n")


def default_template(fmt: str) -> str:
    return _markdown() if fmt == "md" else _text()


def environment():
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, autoescape=False)
    env.filters["pct"] = _pct
    return env


def _pct(value) -> str:
    from rdtool.cells import percent

    return percent(value, trim=True)


def read_template(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RdtoolError(f"模板文件不存在：{path}", "用 rdtool report template --format md -o 文件 生成一个") from None
    except OSError as exc:
        raise RdtoolError(f"无法读取模板文件 {path}（{exc.strerror}）") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RdtoolError(f"模板文件 {path} 不是 UTF-8 编码的文本", "用记事本“另存为”UTF-8 编码后再试") from None


def render(source: str, ctx: dict, where: str = "默认模板") -> str:
    import jinja2

    try:
        return environment().from_string(source).render(ctx)
    except jinja2.TemplateSyntaxError as exc:
        raise template_error(exc, where) from None
    except jinja2.UndefinedError as exc:
        raise template_error(exc, where) from None


def template_error(exc, where: str) -> RdtoolError:
    """A Jinja error as one Chinese line: where, which name or tag, how to fix it."""
    import re

    import jinja2

    if isinstance(exc, jinja2.UndefinedError):
        m = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        name = (m.group(2) or m.group(1)) if m else ""
        return RdtoolError(f"模板 {where} 中的字段 {name} 不存在",
                           "可用的字段见 docs/report.md（“模板中的字段”），改正后再试")
    line = f"第{exc.lineno}行" if getattr(exc, "lineno", None) and not where.endswith(".docx") else ""
    return RdtoolError(f"模板 {where} {line}的字段标记有误：{{{{ }}}} 或 {{% %}} 不成对、拼写有误或缺少 endif/endfor",
                       "可用的字段和写法见 docs/report.md（“模板中的字段”）")
