"""How much an import reads before it stops: rows, cell length, file size, decompressed size.

Each limit is a setting (`rdtool config import_max_rows 200000`), so a county office with a larger
file raises it for its own database (the defaults: rdtool.settings.IMPORT_LIMITS).
"""

from __future__ import annotations

from typing import NamedTuple

from rdtool.errors import RdtoolError
from rdtool.settings import IMPORT_LIMITS

MB = 1024 * 1024


class Limits(NamedTuple):
    """The limits of one import; the defaults and what each field means: rdtool.settings.IMPORT_LIMITS."""

    rows: int = IMPORT_LIMITS["rows"]
    cell: int = IMPORT_LIMITS["cell"]
    file_mb: int = IMPORT_LIMITS["file_mb"]
    unzipped_mb: int = IMPORT_LIMITS["unzipped_mb"]

    @property
    def file_bytes(self) -> int:
        return self.file_mb * MB

    @property
    def unzipped_bytes(self) -> int:
        return self.unzipped_mb * MB


SETTING_OF = {"rows": "import_max_rows", "cell": "import_max_cell", "file_mb": "import_max_file_mb",
              "unzipped_mb": "import_max_unzipped_mb"}


def of_store(store) -> Limits:
    from rdtool.store import settings as settings_sql

    values = settings_sql.all_settings(store)
    return Limits(**{field: int(values[key]) for field, key in SETTING_OF.items()})


def exceeded(path_name: str, what: str, limit: str, field: str) -> RdtoolError:
    """The one message for a limit reached: what, where, and the setting that raises it."""
    return RdtoolError(f"{path_name}：{what}，超过导入上限（{limit}），没有导入任何记录",
                       f"请检查文件是否正确；确需导入更大的文件，可用 rdtool config {SETTING_OF[field]} <新上限> 调高")
