"""Where the table is in a sheet a township keeps, and which column is which field.

A roster begins with a merged title row (青石镇第五届人民代表大会代表名册), perhaps a unit/date row and a
blank row, then the header; it ends with 制表人：/填表日期： rows. The header is the first of the first
HEADER_SCAN rows whose cells are mostly known column names (field names, their Chinese labels, or the
kind's aliases, which rosters use: 出生年月, 单位及职务, 手机 …); what is above it, blank rows and footer
rows are skipped. 序号 (the running number) and 错误 (the column an `--errors` file adds) are ignored
wherever the kind has no field of that name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from rdtool.errors import ValidationError
from rdtool.io.kinds import Kind
from rdtool.labels import FIELD_ZH, clean

HEADER_SCAN = 10
ERRORS_COLUMN = "错误"
IGNORED = ("序号", ERRORS_COLUMN)

_FOOTER = re.compile(r"^(?:(?:制表|填表|填报|审核|审批|核对|复核|校对|经办|统计)(?:人|员|单位|日期|时间)?"
                     r"|负责人|单位负责人|主管领导|分管领导|联系人|报送单位|填报单位|制表单位|报送日期|日期|说明|附注|注)"
                     r"\s*[:：]|^(?:合计|总计|小计|共计)")


def header_key(text: str) -> str:
    """A header cell as compared with the known names: NFKC, no spaces (姓　名), no * marks, lower case."""
    value = unicodedata.normalize("NFKC", clean(text)).lstrip("\ufeff")
    return re.sub(r"[\s*※]+", "", value).lower()


def _without_note(key: str) -> str:
    """出生年月(年.月) → 出生年月; 联系电话(手机) → 联系电话."""
    return re.sub(r"\([^()]*\)$", "", key)


def accepted_headers(kind: Kind) -> dict[str, str]:
    """Every header an import of `kind` accepts, as written → its field: the field name, its Chinese label and
    the aliases rosters use (kind.aliases). The one table: import compares headers with it (`accepted`), and
    docs/csv.md and docs/import.md list it (python -m rdtool.docsgen)."""
    table: dict[str, str] = {}
    for f in kind.fields + kind.extra:
        table.setdefault(f.name, f.name)
        table.setdefault(FIELD_ZH.get(f.name, f.name), f.name)
    for name, aliases in kind.aliases.items():
        for alias in aliases:
            table.setdefault(alias, name)
    return table


def accepted(kind: Kind) -> dict[str, str]:
    """Every accepted header (as header_key gives it) → field name."""
    table: dict[str, str] = {}
    for header, name in accepted_headers(kind).items():
        table.setdefault(header_key(header), name)
    return table


def ignorable(kind: Kind, table: dict[str, str]) -> set[str]:
    return {header_key(t) for t in IGNORED + kind.ignore if header_key(t) not in table}


@dataclass
class Layout:
    """The header found, and what each column is."""

    header_row: int
    header: list[str]
    columns: dict[int, str]                            # column index → field name
    notes: list[str] = field(default_factory=list)    # what was skipped or ignored, for the person
    defaults: dict[str, str] = field(default_factory=dict)

    def where(self, name: str) -> str:
        """'出生年月(D列)' for the column of a field, else its Chinese label."""
        from rdtool.io.cells import column_letter

        for i, f in self.columns.items():
            if f == name:
                shown = re.sub(r"\s+", "", clean(self.header[i])) or FIELD_ZH.get(name, name)
                return f"{shown}({column_letter(i)}列)"
        return FIELD_ZH.get(name, name)


def find_header(kind: Kind, first: list[tuple[int, list[str]]]) -> int:
    """The index in `first` of the header row: the first row whose cells are mostly known names, else the
    row with the most known names, else the first row that is not blank (its unknown names are then reported)."""
    table = accepted(kind)
    skip = ignorable(kind, table)
    best, most = -1, 1
    for i, (_, cells) in enumerate(first):
        keys = [k for k in (header_key(c) for c in cells) if k]
        hits = sum(1 for k in keys if k in table or k in skip or _without_note(k) in table)
        if keys and hits >= min(2, len(keys)) and 2 * hits > len(keys):
            return i
        if hits > most:
            best, most = i, hits
    if best >= 0:
        return best  # a wide roster with more unknown columns than known ones: the row naming the most
    return next((i for i, (_, cells) in enumerate(first) if any(clean(c) for c in cells)), -1)


def map_header(kind: Kind, number: int, header: list[str], path: Path, ignore_extra: bool,
               defaults: dict[str, str]) -> Layout:
    table = accepted(kind)
    skip = ignorable(kind, table)
    layout = Layout(number, header, {})
    seen: dict[str, int] = {}
    unknown, ignored = [], []
    for i, cell in enumerate(header):
        key = header_key(cell)
        if not key:
            continue
        name = table.get(key) or table.get(_without_note(key))
        if name is None:
            (ignored if key in skip else unknown).append(clean(cell))
            continue
        if name in seen:
            first = clean(header[seen[name]])
            if header_key(first) == key:
                raise ValidationError(f"{path.name} 第{number}行：列“{clean(cell)}”与第{seen[name] + 1}列重复")
            layout.notes.append(f"“{clean(cell)}”列未导入：已用“{first}”列作为{FIELD_ZH.get(name, name)}")
            continue
        seen[name] = i
        layout.columns[i] = name
    if unknown and not ignore_extra:
        raise ValidationError(
            f"{path.name} 第{number}行（列名行）：无法识别的列 {'、'.join(f'“{u}”' for u in unknown)}",
            f"{kind.zh}可用的列：{'、'.join(FIELD_ZH.get(n, n) for n in kind.columns)}"
            f"（也可写英文字段名，别名见 docs/import.md）；要跳过多余的列请加 --ignore-extra")
    if unknown or ignored:
        layout.notes.append(f"未导入的列：{'、'.join(unknown + ignored)}")
    layout.defaults = {k: v for k, v in defaults.items() if v not in (None, "")}
    missing = [f.name for f in kind.fields if f.required and f.name not in seen and f.name not in layout.defaults]
    if missing:
        raise ValidationError(
            f"{path.name} 缺少必填的列：{'、'.join(FIELD_ZH.get(m, m) for m in missing)}",
            f"第{number}行被当作列名行；列名可用英文字段名、中文列名或常见别名（见 docs/import.md）")
    return layout


def is_footer(cells: list[str]) -> bool:
    """制表人：…, 填表日期：…, 合计 … — the rows a roster ends with."""
    first = next((c for c in cells if c.strip()), "")
    return bool(_FOOTER.match(unicodedata.normalize("NFKC", first).strip()))


def locate(kind: Kind, source: Iterator[tuple[int, list[str]]], path: Path, ignore_extra: bool,
           defaults: dict[str, str]) -> tuple[Layout, Iterator[tuple[int, list[str]]]]:
    """The layout, and the data rows after the header (blank and footer rows left out)."""
    first: list[tuple[int, list[str]]] = []
    filled = 0
    for item in source:   # the first HEADER_SCAN rows that are not blank (and at most 1000 rows)
        first.append(item)
        filled += any(c.strip() for c in item[1])
        if filled == HEADER_SCAN or len(first) >= 1000:
            break
    at = find_header(kind, first)
    if at < 0:
        raise ValidationError(f"{path.name} 是空文件，没有列名行")
    number, header = first[at]
    layout = map_header(kind, number, header, path, ignore_extra, defaults)
    above = [n for n, cells in first[:at] if any(clean(c) for c in cells)]
    if above:
        layout.notes.insert(0, f"列名在第{number}行，跳过上方的标题行（第{'、'.join(map(str, above))}行）")
    return layout, data_rows(_chain(first[at + 1:], source), layout)


def data_rows(rows: Iterator[tuple[int, list[str]]], layout: Layout) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header, blank and footer rows left out (the latter named in the layout's notes)."""
    footers: list[int] = []
    for n, cells in rows:
        if n <= layout.header_row or not "".join(cells).strip():
            continue
        if is_footer(cells):
            footers.append(n)
            continue
        yield n, cells
    if footers:
        layout.notes.append(f"跳过表尾的说明行（第{'、'.join(map(str, footers[:10]))}行）")


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def alias_tables(kinds: list[Kind]) -> str:
    """The aliases of these kinds as Markdown tables (docs/import.md holds this text; a test keeps them equal)."""
    out = []
    for kind in kinds:
        name = kind.name
        if not kind.aliases:
            continue
        out += [f"`{name}`（{kind.zh}）", "", "| 字段 | 中文列名 | 也认的列名 |", "|---|---|---|"]
        out += [f"| `{f.name}` | {FIELD_ZH.get(f.name, f.name)} | {'、'.join(kind.aliases[f.name])} |"
                for f in kind.fields + kind.extra if f.name in kind.aliases]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
