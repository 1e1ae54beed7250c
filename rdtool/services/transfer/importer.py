"""All-or-nothing import: read, find the header, validate every row, check, then write in one transaction.

Every error of the file is found in one run: field errors, duplicates within the file and against the
database, unknown references (a trial write of the rows that passed, rolled back) — and listed with a
count; `--errors FILE` writes the file's rows back out with a 错误 column, to be corrected in Excel and
imported as it is. Memory stays bounded: rows are parsed as they are read, only their values are kept,
and the limits of `rdtool.io.limits` stop a file that is too large.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdtool.errors import FieldError, RdtoolError, UsageError, ValidationError
from rdtool.formula import restore
from rdtool.io import limits as L
from rdtool.io.kinds import Kind, Row, RowError, RowErrors, Values, Written
from rdtool.io.table import ERRORS_COLUMN, Layout, locate
from rdtool.store.db import Store, bulk_cache

MAX_ERRORS_SHOWN = 50
MEMO = 2000          # distinct cells remembered per column
_MISS = object()
MAX_ERRORS_KEPT = 100_000
VALUE_KEPT = 60

Progress = Callable[[str, int, "int | None"], None]  # (stage, done, total); the CLI draws it, on a terminal


@dataclass
class ImportResult:
    kind: str
    file: str
    rows: int
    written: int
    dry_run: bool
    backup: str | None = None
    notes: list[str] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)   # what the import changed in records already there (应到 …)
    warnings: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)      # what the kind decided about rows (one person on two rows)


@dataclass
class Loaded:
    layout: Layout
    rows: list[Row]                   # rows whose required fields parsed (a bad optional cell is None)
    errors: list[RowError]
    total: int                        # data rows read
    # field -> parsed code -> the cell as she typed it (enum fields): an error quotes 满意, not “satisfied”
    spellings: dict[str, dict] = field(default_factory=dict)


def row_error(row: int, name: str, value: str, message: str) -> RowError:
    """An error with the value (and a message quoting it) cut short: errors are kept for every row."""
    value = value if len(value) <= VALUE_KEPT else value[:VALUE_KEPT - 1] + "…"
    message = message if len(message) <= 5 * VALUE_KEPT else message[:5 * VALUE_KEPT - 1] + "…"
    return RowError(row, name, value, message)


def load(kind: Kind, path: Path, limits: L.Limits, *, ignore_extra: bool = False, defaults: dict | None = None,
         table: int | None = None, progress: Progress | None = None) -> Loaded:
    """Read and parse the file's rows in one pass, keeping only the parsed values."""
    from rdtool.io.read import open_table

    layout, data = locate(kind, open_table(path, limits, table), path, ignore_extra, defaults or {})
    fields = kind.fields + kind.extra
    index = {f.name: n for n, f in enumerate(fields)}
    required = {f.name: f.required for f in fields}
    at = {name: i for i, name in layout.columns.items()}
    # Per field: its column (None: the default fills it, the file's column wins), and a memo of parsed
    # cells — a roster repeats its dates, 选区 and labels, which are then parsed once and stored once.
    plan = [(f, at.get(f.name), layout.defaults.get(f.name, "") if f.name not in at else "", {}) for f in fields]
    width = len(layout.header)
    rows: list[Row] = []
    errors: list[RowError] = []
    spellings: dict[str, dict] = {f.name: {} for f in fields if f.enum}
    total = chars = 0
    for number, cells in data:
        total += 1
        if total > limits.rows:
            raise L.exceeded(path.name, f"第{number}行是第 {total} 行数据", f"{limits.rows} 行", "rows")
        n = len(cells)
        if n > width and "".join(cells[width:]).strip():
            errors.append(row_error(number, "", "", f"比列名行多出 {n - width} 个单元格（检查是否有多余的逗号，"
                                                    "或把含逗号的内容用双引号括起来）"))
            continue
        values, problems = [], []
        for f, col, default, memo in plan:
            if col is None:
                cell = default
            else:
                cell = cells[col] if col < n else ""
                if cell[:1] == "'":
                    cell = restore(cell)  # the export's formula guard taken off (rdtool.formula)
                chars += len(cell)
            if not cell.strip():
                if f.required:
                    problems.append((f.name, "", "必填，不能为空"))
                values.append(None)
                continue
            value = memo.get(cell, _MISS)
            if value is _MISS:
                try:
                    value = f.parse(cell)
                except FieldError as exc:
                    problems.append((f.name, cell, str(exc)))
                    values.append(None)
                    continue
                if len(memo) < MEMO and type(value) in (str, int, bool):
                    memo[cell] = value
                if f.name in spellings:
                    spellings[f.name].setdefault(value, cell.strip())
            values.append(value)
        if chars > limits.file_bytes:
            raise L.exceeded(path.name, "单元格文字合计过多", f"{limits.file_mb} MB", "file_mb")
        if problems:
            if len(errors) < MAX_ERRORS_KEPT:
                errors.extend(row_error(number, f, v, m) for f, v, m in problems)
            if any(values[index[f]] is None and required[f] for f, _, _ in problems):
                continue  # (a row without its name, term … cannot be checked against the others)
        rows.append(Row(number, Values(index, tuple(values))))
        if progress is not None and total % 2000 == 0:
            progress("校验", total, None)
    return Loaded(layout, rows, errors, total, spellings)


class _Rollback(Exception):
    pass


def _trial_write(store: Store, kind: Kind, rows: list[Row]) -> list[RowError]:
    """The errors writing these rows would meet (unknown references, duplicates in the database),
    found by writing them in a transaction that is then rolled back."""
    if not rows or store.readonly:
        return []
    found: list[RowError] = []
    bulk_cache(store)
    try:
        with store.transaction():
            try:
                kind.write(store, rows)
            except RowErrors as exc:
                found = exc.errors
            raise _Rollback
    except _Rollback:
        pass
    return found


def run_import(store: Store, kind: Kind, path: Path, dry_run: bool = False, ignore_extra: bool = False,
               progress: Progress | None = None, *, defaults: dict | None = None, table: int | None = None,
               errors_to: Path | None = None, overwrite=False) -> ImportResult:
    from rdtool.io import errors_file

    limits = L.of_store(store)
    if errors_to is not None:
        errors_file.check_destination(errors_to, path, store, overwrite)
    merged = dict(kind.defaults(store)) if kind.defaults is not None else {}
    given = {k: v for k, v in (defaults or {}).items() if v not in (None, "")}
    for f in kind.fields + kind.extra:
        if f.name in given:
            try:
                f.parse(given[f.name])
            except FieldError as exc:
                raise UsageError(f"--{f.name.replace('_', '-')}：{exc}") from None
    merged.update(given)
    loaded = load(kind, path, limits, ignore_extra=ignore_extra, defaults=merged, table=table, progress=progress)
    rows, errors = loaded.rows, loaded.errors
    try:
        if kind.check is not None and rows:
            errors = errors + kind.check(store, rows)
        if errors or dry_run:
            bad = {e.row for e in errors}
            errors = errors + _trial_write(store, kind, [r for r in rows if r.number not in bad])
        if errors:
            unwritten = None
            if errors_to is not None:
                try:
                    errors_file.write(errors_to, path, limits, loaded.layout, errors, table=table, db=Path(store.path))
                except RdtoolError as exc:  # the rows' errors are said all the same
                    unwritten = exc.message
            raise format_errors(path, loaded, errors, errors_to, unwritten)
        result = ImportResult(kind.name, str(path), len(rows), 0, dry_run, notes=loaded.layout.notes)
        if dry_run:
            return result
        from rdtool.store import backup

        from rdtool.services.kernel import corrections

        # the backup is kept only if the import commits: failed imports never push good backups out
        with backup.kept_if_written(store, f"before-import-{kind.name}") as taken:
            bulk_cache(store)
            if progress is not None:
                progress("写入", 0, None)
            with corrections.write(store, verb="已导入", describe_writes=False) as report:
                written = kind.write(store, rows)  # a count, or a Written (rdtool.io.kinds)
                written = written if isinstance(written, Written) else Written(written)
                result.written, result.said = written.count, list(written.said)
        result.backup = str(taken) if taken else None
        result.derived, result.warnings = report.derived, report.warnings + list(written.warnings)
    except RowErrors as exc:
        raise format_errors(path, loaded, exc.errors, None) from None
    return result


def _private_shown(field: str | None, value: str | None) -> str | None:
    """A value as an error shows it: an ID or phone number masked (the message goes to a terminal, a log, cron's
    mail; the row and column say where it is)."""
    from rdtool.fields import mask_id, mask_phone

    if value and field and "id_number" in field:
        return mask_id(str(value))
    if value and field and "phone" in field:
        return mask_phone(str(value))
    return value


def format_errors(path: Path, loaded: Loaded, errors: list[RowError], errors_to: Path | None,
                  unwritten: str | None = None) -> ValidationError:
    """The rows' errors; `unwritten`: why the --errors file could not be written (said after them)."""
    layout = loaded.layout
    order = {name: i for i, name in layout.columns.items()}
    errors = sorted(errors, key=lambda e: (e.row, order.get(e.field, 10**6)))
    shown = []
    for e in errors[:MAX_ERRORS_SHOWN]:
        where = f"第{e.row}行" + (f" {layout.where(e.field)}" if e.field else "")
        typed = _private_shown(e.field, loaded.spellings.get(e.field, {}).get(e.value, e.value))  # her spelling, masked
        value = f"“{_short(typed)}”" if typed and typed not in e.message and e.value not in e.message else ""
        shown.append(f"{where}{value}：{e.message}")
    if len(errors) > MAX_ERRORS_SHOWN:
        shown.append(f"……还有 {len(errors) - MAX_ERRORS_SHOWN} 处错误未列出")
    rows = len({e.row for e in errors})
    if unwritten is not None:
        hint = f"没有写出 {errors_to}：{unwritten}"
    elif errors_to is not None:
        hint = (f"已把全部 {loaded.total} 行写入 {errors_to}，出错的 {rows} 行在“{ERRORS_COLUMN}”列注明；"
                "在 Excel/WPS 中改正后直接导入该文件")
    else:
        hint = "改正后重新导入；加 --errors 错误.xlsx 可把各行连同错误说明写出，在 Excel/WPS 中改正后直接导入"
    return ValidationError(f"{path.name}：发现 {len(errors)} 处错误（{rows} 行），没有导入任何记录：",
                           problems=shown, hint=hint)


def _short(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= 40 else value[:37] + "…"
