"""注意 lines said from below the CLI: housekeeping after a committed write (pruning old backups, removing a
temporary file) that could not be done. Such a failure never fails the command — what it was asked to do is
done — so it is said on stderr and the command goes on. Imports nothing of rdtool's."""

from __future__ import annotations

import sys


def warn(text: str) -> None:
    try:
        print(f"注意：{text}", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed: nothing more can be said
        pass
