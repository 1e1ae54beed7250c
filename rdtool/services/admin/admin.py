"""Initialising a database, its settings, and what `db info` reports."""

from __future__ import annotations

from rdtool import __version__
from rdtool.errors import FieldError, RdtoolError, UsageError, ValidationError
from rdtool.settings import SETTINGS
from rdtool.store import settings as sql
from rdtool.store.db import Store, table_counts
from rdtool.store.schema_check import applied_migrations


def validate_init(town: str, term: int, start: str, end: str | None) -> None:
    from rdtool.services.terms import terms

    if not town.strip():
        raise ValidationError("--town 不能为空", "写乡镇名称，如 --town 三川镇")
    terms.validate(term, start, end)


def initialise(store: Store, town: str, county: str, term: int, start: str, end: str | None,
               province: str | None = None) -> None:
    if sql.is_initialised(store) or table_counts(store).get("deputies"):
        raise RdtoolError(f"数据库已经建立过（{store.path}），不会覆盖",
                          "要查看或修改设置请用 rdtool config；要新建请用 --db 指定新文件")
    validate_init(town, term, start, end)
    with store.transaction():
        sql.put(store, "town", town.strip())
        sql.put(store, "county", county.strip())
        sql.put(store, "current_term", term)
        if province:
            sql.put(store, "province", province)
        if sql.term(store, term) is None:
            sql.add_term(store, term, start, end)
        sql.put(store, "created_by", f"rdtool {__version__}")


def set_setting(store: Store, key: str, raw: str) -> None:
    """Change one setting; the key may be its Chinese name, the value in Chinese words (rdtool.settings)."""
    from rdtool.settings import resolve_key, translate_value, unknown_setting, value_hint

    key = resolve_key(key)
    raw = translate_value(key, raw)
    setting = SETTINGS.get(key)
    if setting is None:
        raise UsageError(unknown_setting(key))
    try:
        value = setting.parse(raw)
    except FieldError as exc:
        raise ValidationError(f"{setting.zh}：{exc}{value_hint(key)}") from None
    if key == "current_term" and sql.term(store, value) is None:
        raise RdtoolError(f"第{value}届尚未建立", f"先用 rdtool term add {value} --start 日期")
    from rdtool.services.kernel import corrections

    with corrections.write(store, verb="已修改设置") as report:
        sql.put(store, key, value)
    return report


def settings_rows(store: Store) -> list[dict]:
    """Every setting with its value; a value that follows the province profile shows the profile's, and says so."""
    from rdtool.services.terms.province import OVERRIDES, in_force
    from rdtool.settings import value_zh

    values = sql.all_settings(store, strict=False)  # a value another program broke is shown as it is
    profile = in_force(store).profile
    rows = []
    for k, s in SETTINGS.items():
        value, help_text = values.get(k), s.help
        if value is None and k in OVERRIDES:
            rule = getattr(profile, OVERRIDES[k])
            value = rule.value
            help_text = f"按省份规则（{profile.name}）：{rule.article}"
        value = "" if value is None else str(value)
        rows.append({"key": k, "zh": s.zh, "value": value, "help": help_text, "value_zh": value_zh(k, value)})
    return rows


def info(store: Store) -> dict:
    return {
        "path": str(store.path),
        "rdtool_version": __version__,
        "migrations": applied_migrations(store.conn),
        "tables": table_counts(store),
    }


def views(store: Store) -> list[dict]:
    """rdtool's statistical views (rdtool.store.report_views), each with whether it is this version's."""
    from rdtool.store import report_views

    stale = set(report_views.stale(store.conn))
    return [{"name": name, "description": report_views.DESCRIPTIONS.get(name, ""), "current": name not in stale}
            for name, _ in report_views.all_views()]


def rebuild_views(store: Store) -> int:
    """Create rdtool's statistical views again as this version defines them (other views untouched)."""
    from rdtool.store import report_views

    with store.transaction():
        report_views.install(store.conn)
    return len(report_views.all_views())
