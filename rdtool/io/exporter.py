"""Export a kind as CSV/TSV/JSON/JSONL (streamed through the renderer) or .xlsx."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rdtool.errors import UsageError
from rdtool.io.kinds import Kind
from rdtool.labels import FIELD_ZH
from rdtool.render import Column, machine, render_rows
from rdtool.store.db import Store


def open_output(path: Path):
    if path.is_dir():
        raise UsageError(f"输出路径是一个目录：{path}")
    if not path.parent.exists():
        raise UsageError(f"输出目录不存在：{path.parent}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)  # Windows: no CRLF
    os.chmod(path, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def export_kind(store: Store, kind: Kind, fmt: str, output: Path | None, headers: str = "en", bom: bool = False,
                show_private: bool = False, progress=None) -> int:
    """Write the kind's records; `progress(stage, done, None)` is told after each batch of a streamed export."""
    if fmt in ("csv", "tsv") and kind.export_sql is not None:
        if output is None:
            return _stream_sql(store, kind, fmt, sys.stdout, headers, bom, show_private, progress)
        with open_output(output) as out:
            return _stream_sql(store, kind, fmt, out, headers, bom, show_private, progress)
    rows = kind.export(store, show_private)
    cols = [Column(name) for name in kind.columns]
    if fmt == "xlsx":
        return _write_xlsx(rows, cols, output, headers)
    if output is None:
        return render_rows(rows, cols, fmt, sys.stdout, headers=headers, bom=bom)
    with open_output(output) as out:
        return render_rows(rows, cols, fmt, out, headers=headers, bom=bom)


def _stream_sql(store: Store, kind: Kind, fmt: str, out, headers: str, bom: bool, show_private: bool,
                progress=None) -> int:
    """CSV/TSV straight from one query to the file: constant memory, no per-cell Python."""
    import csv

    from rdtool.store.export import batches

    rows = batches(store, kind.export_sql(store, show_private), kind.columns)
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow([FIELD_ZH.get(c, c) if headers == "zh" else c for c in kind.columns])
    n = 0
    for batch in rows:
        writer.writerows(batch)
        n += len(batch)
        if progress is not None:
            progress("导出", n, None)
    return n


def _write_xlsx(rows, cols: list[Column], output: Path, headers: str) -> int:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([FIELD_ZH.get(c.key, c.key) if headers == "zh" else c.key for c in cols])
    n = 0
    for row in rows:
        sheet.append([machine(c, row.get(c.key)) for c in cols])
        n += 1
    with open_output(output) as handle:
        handle.close()
    book.save(output)
    os.chmod(output, 0o600)
    return n
