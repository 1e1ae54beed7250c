"""Export a kind as CSV/TSV/JSON/JSONL (streamed through the renderer) or .xlsx."""

from __future__ import annotations

import sys
from pathlib import Path

from rdtool.io.kinds import Kind
from rdtool.labels import FIELD_ZH
from rdtool.output_file import open_text, write_file
from rdtool.render import Column, machine, render_rows
from rdtool.store.db import Store


def export_kind(store: Store, kind: Kind, fmt: str, output: Path | None, headers: str = "en", bom: bool = False,
                show_private: bool = False, progress=None, overwrite=False) -> int:
    """Write the kind's records; `progress(stage, done, None)` is told after each batch of a streamed export.

    A file is written through rdtool.output_file (never onto the database, whole or not at all); `overwrite`
    says whether an existing file may be replaced."""
    if fmt in ("csv", "tsv") and kind.export_sql is not None:
        if output is None:
            return _stream_sql(store, kind, fmt, sys.stdout, headers, bom, show_private, progress)
        with open_text(output, db=store.path, overwrite=overwrite) as out:
            return _stream_sql(store, kind, fmt, out, headers, bom, show_private, progress)
    rows = kind.export(store, show_private)
    cols = [Column(name) for name in kind.columns]
    if fmt == "xlsx":
        with write_file(output, db=store.path, overwrite=overwrite) as tmp:
            return _write_xlsx(rows, cols, tmp, headers)
    if output is None:
        return render_rows(rows, cols, fmt, sys.stdout, headers=headers, bom=bom)
    with open_text(output, db=store.path, overwrite=overwrite) as out:
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
    book.save(output)
    return n
