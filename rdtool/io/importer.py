"""All-or-nothing import: read, map headers, validate every row, then write in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from pathlib import Path

from rdtool.errors import ValidationError
from rdtool.fields import parse_fields
from rdtool.io.kinds import Kind, Row, RowError, RowErrors
from rdtool.io.read import read_rows
from rdtool.labels import FIELD_ZH, clean
from rdtool.store.db import Store, bulk_cache

MAX_ERRORS_SHOWN = 50


@dataclass
class ImportResult:
    kind: str
    file: str
    rows: int
    written: int
    dry_run: bool
    backup: str | None = None


def map_headers(kind: Kind, header: list[str], path: Path, ignore_extra: bool) -> dict[int, str]:
    """Column index -> field name; headers may be field names or Chinese labels."""
    accepted = {}
    for f in kind.fields + kind.extra:
        accepted[f.name.lower()] = f.name
        accepted[FIELD_ZH.get(f.name, f.name)] = f.name
    mapping: dict[int, str] = {}
    unknown, seen = [], {}
    for i, cell in enumerate(header):
        text = clean(cell).lstrip("\ufeff").rstrip("*＊").strip()
        if not text:
            continue
        name = accepted.get(text.lower()) or accepted.get(text)
        if name is None:
            unknown.append(text)
            continue
        if name in seen:
            raise ValidationError(f"{path.name} 第1行：列“{text}”与第{seen[name] + 1}列重复（都是 {name}）")
        seen[name] = i
        mapping[i] = name
    if unknown and not ignore_extra:
        raise ValidationError(
            f"{path.name} 第1行：无法识别的列 {'、'.join(f'“{u}”' for u in unknown)}",
            f"{kind.name} 可用的列：{'、'.join(f'{n}({FIELD_ZH.get(n, n)})' for n in kind.columns)}；"
            "要跳过多余的列请加 --ignore-extra")
    missing = [f.name for f in kind.fields if f.required and f.name not in seen]
    if missing:
        raise ValidationError(
            f"{path.name} 缺少必填的列：{'、'.join(f'{m}({FIELD_ZH.get(m, m)})' for m in missing)}",
            "第一行应是列名（英文字段名或中文列名均可）")
    return mapping


def load_rows(kind: Kind, path: Path, ignore_extra: bool = False) -> list[Row]:
    rows_iter = read_rows(path)
    header = None
    for number, cells in rows_iter:
        if any(clean(c) for c in cells):
            header = (number, cells)
            break
    if header is None:
        raise ValidationError(f"{path.name} 是空文件，没有列名行")
    mapping = map_headers(kind, header[1], path, ignore_extra)
    rows = []
    width = len(header[1])
    pairs = list(mapping.items())
    for number, cells in rows_iter:
        if not "".join(cells).strip():  # a blank row (same test as every clean(cell) == "")
            continue
        n = len(cells)
        if n > width and "".join(cells[width:]).strip():
            raise ValidationError(f"{path.name} 第{number}行：比列名行多出 {n - width} 个单元格",
                                  "检查该行是否有多余的逗号，或把含逗号的内容用双引号括起来")
        if n >= width:
            raw = {name: cells[i] for i, name in pairs}
        else:
            raw = {name: cells[i] if i < n else "" for i, name in pairs}
        for name, cell in raw.items():
            if cell[:1] == "'":
                raw[name] = _unquote(cell)
        rows.append(Row(number, raw))
    return rows


_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _unquote(cell: str) -> str:
    """Undo the export's formula neutralisation ('=… → =…), so an exported file imports back the same."""
    return cell[1:] if cell[:1] == "'" and cell.startswith(_NEUTRALISED) else cell


Progress = Callable[[str, int, "int | None"], None]  # (stage, done, total); the CLI draws it, on a terminal


def validate(kind: Kind, rows: list[Row], progress: Progress | None = None) -> list[RowError]:
    fields = [f for f in kind.fields + kind.extra]
    errors: list[RowError] = []
    for i, row in enumerate(rows, 1):
        values, problems = parse_fields(fields, row.raw)
        row.values = values
        if problems:
            errors.extend(RowError(row.number, f, v, m) for f, v, m in problems)
        if progress is not None and i % 2000 == 0:
            progress("校验", i, len(rows))
    return errors


def format_errors(path: Path, errors: list[RowError]) -> ValidationError:
    shown = [f"第{e.row}行 {FIELD_ZH.get(e.field, e.field)}({e.field})"
             + (f" 值“{_short(e.value)}”" if e.value else "") + f"：{e.message}"
             for e in sorted(errors, key=lambda e: e.row)[:MAX_ERRORS_SHOWN]]
    if len(errors) > MAX_ERRORS_SHOWN:
        shown.append(f"……还有 {len(errors) - MAX_ERRORS_SHOWN} 处错误未列出")
    return ValidationError(f"{path.name}：发现 {len(errors)} 处错误，没有导入任何记录：", problems=shown,
                           hint="改正后重新导入；可先加 --dry-run 只检查不写入")


def _short(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= 40 else value[:37] + "…"


def run_import(store: Store, kind: Kind, path: Path, dry_run: bool = False, ignore_extra: bool = False,
               progress: Progress | None = None) -> ImportResult:
    rows = load_rows(kind, path, ignore_extra)
    errors = validate(kind, rows, progress)
    if errors:
        raise format_errors(path, errors)
    backup_path = None
    try:
        if kind.check is not None:
            errors = kind.check(store, rows)
            if errors:
                raise format_errors(path, errors)
        if dry_run:
            return ImportResult(kind.name, str(path), len(rows), 0, True)
        from rdtool.store import backup

        # the backup is kept only if the import commits: failed imports never push good backups out
        with backup.kept_if_written(store, f"before-import-{kind.name}") as taken:
            bulk_cache(store)
            if progress is not None:
                progress("写入", 0, None)
            with store.transaction():
                written = kind.write(store, rows)
        backup_path = str(taken) if taken else None
    except RowErrors as exc:
        raise format_errors(path, exc.errors) from None
    return ImportResult(kind.name, str(path), len(rows), written, False, backup_path)

