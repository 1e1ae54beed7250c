"""SQL for the settings and terms tables."""

from __future__ import annotations

from typing import Any

from rdtool.errors import RdtoolError
from rdtool.store.db import Store

# (rdtool.settings, the table of settings and their parsers, is imported where a default or a new value is needed:
# a list's `current_term` is stored, and a read command need not load the table)


def _decode(key: str, raw: Any, strict: bool = True) -> Any:
    """A stored value (JSON, as rdtool.settings.encode wrote it); one another program broke is a domain error naming
    the key (or, not strict, the raw text, so `rdtool config` can still show and fix it)."""
    import json

    try:
        return json.loads(raw)
    except (ValueError, TypeError, RecursionError):
        if not strict:
            return raw
        raise settings_error(key) from None


def settings_error(key: str) -> RdtoolError:
    return RdtoolError(f"设置项 {key} 的值不是有效的 JSON（settings 表，可能由其他程序写入）",
                       f"用 rdtool config {key} 新值 重新设置")


def all_settings(store: Store, strict: bool = True) -> dict[str, Any]:
    from rdtool.settings import SETTINGS

    values = {key: s.default for key, s in SETTINGS.items()}
    for row in store.query("SELECT key, value FROM settings"):
        values[row["key"]] = _decode(row["key"], row["value"], strict)
    return values


def raw_text(store: Store) -> str | None:
    """Every setting as stored, in one string (whether any changed, without decoding them)."""
    return store.scalar("SELECT group_concat(quote(key) || '=' || quote(value), char(10)) "
                        "FROM (SELECT key, value FROM settings ORDER BY key)")


def get(store: Store, key: str) -> Any:
    raw = store.scalar("SELECT value FROM settings WHERE key = ?", (key,))
    if raw is not None:
        return _decode(key, raw)
    from rdtool.settings import SETTINGS

    setting = SETTINGS.get(key)
    return setting.default if setting else None


def put(store: Store, key: str, value: Any) -> None:
    from rdtool.settings import encode

    store.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, encode(value)))


def is_initialised(store: Store) -> bool:
    return store.scalar("SELECT count(*) FROM settings WHERE key = 'town'") > 0


def terms(store: Store) -> list[dict]:
    return store.query("SELECT number, start_date, end_date FROM terms ORDER BY number")


def last_term(store: Store) -> int | None:
    """The highest term number recorded (None when there is none)."""
    return store.scalar("SELECT max(number) FROM terms")


def term(store: Store, number: int) -> dict | None:
    return store.one("SELECT number, start_date, end_date FROM terms WHERE number = ?", (number,))


def add_term(store: Store, number: int, start_date: str, end_date: str | None) -> None:
    store.execute("INSERT INTO terms (number, start_date, end_date) VALUES (?, ?, ?)", (number, start_date, end_date))


def close_term(store: Store, number: int, end_date: str) -> None:
    store.execute("UPDATE terms SET end_date = ? WHERE number = ?", (end_date, number))


def set_term_dates(store: Store, number: int, start_date: str, end_date: str | None) -> None:
    store.execute("UPDATE terms SET start_date = ?, end_date = ? WHERE number = ?", (start_date, end_date, number))


def meetings_outside(store: Store, number: int, start_date: str, end_date: str | None) -> list[str]:
    """Codes of the term's live meetings dated outside the given dates."""
    return [r["code"] for r in store.query(
        "SELECT code FROM meetings WHERE term = ? AND voided_at IS NULL AND (date < ? OR date > ?) ORDER BY date",
        (number, start_date, end_date or "9999-12-31"))]


def term_on(store: Store, day: str) -> int | None:
    """The term in force on a date (the latest that started on or before it)."""
    return store.scalar("SELECT number FROM terms WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?) "
                        "ORDER BY number DESC LIMIT 1", (day, day))
