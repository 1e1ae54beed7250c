"""The one clock: today's date as ISO text (every default "as of" day comes from here)."""

from __future__ import annotations

from datetime import date


def today() -> str:
    return date.today().isoformat()
