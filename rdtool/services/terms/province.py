"""The province profile in force for a database, with the settings that override one of its values.

The profile (``rdtool.rules.provinces``) is chosen by the ``province`` setting (``init --province 浙江`` or
``rdtool config province 浙江``); a setting of its own (``proposal_reply_months`` …, ``presidium_quorum``)
overrides that one value, and its citation then says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rdtool.rules.provinces import NATIONAL, PROFILES, SOURCES, Profile, Setting, province_code
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

# setting key -> profile field it overrides
OVERRIDES = {
    "presidium_quorum": "presidium_quorum",
    "proposal_reply_months": "reply_months",
    "proposal_complex_months": "complex_months",
    "proposal_rehandle_months": "rehandle_months",
}
LOCAL = "本地设置（rdtool config {key}）"
TWO_THIRDS = "本地设置：主席团会议须全体成员三分之二以上出席（rdtool config presidium_quorum）；决定仍须全体成员过半数通过"

# What each profile field is, for `rdtool province` (field, 中文).
FIELD_ZH = [
    ("presidium_quorum", "主席团会议法定人数与表决"),
    ("reply_months", "建议答复期限"),
    ("complex_months", "涉及面广、处理难度大的建议答复期限"),
    ("rehandle_months", "代表不满意的再次答复期限"),
    ("notice_days", "人代会会前通知代表"),
    ("presidium_size", "主席团成员名额"),
    ("presidium_meetings", "主席团会议次数"),
    ("sessions", "人代会会议次数"),
    ("first_session", "每届第一次会议"),
    ("extraordinary", "临时召集人代会"),
    ("motions_before", "代表议案可否在会前提出"),
    ("reply_from", "建议答复期限的起算日"),
    ("presidium_resignation", "闭会期间主席团接受主席、乡镇长等辞职"),
    ("incompatible", "不得担任国家行政机关职务"),
    ("presidium_request", "主席团成员提议临时召集主席团会议"),
]


@dataclass(frozen=True)
class InForce:
    """The profile with the local overrides applied (``profile`` fields are Settings)."""

    profile: Profile
    stored: str | None  # the province setting as stored (None: not set)

    @property
    def code(self) -> str:
        return self.profile.code

    @property
    def presidium_quorum(self) -> str:
        return str(self.profile.presidium_quorum.value)

    @property
    def presidium_article(self) -> str:
        return self.profile.presidium_quorum.article

    def limits(self) -> dict:
        """The suggestion deadlines (months), as ``rdtool.services.proposals.proposals`` uses them."""
        p = self.profile
        return {"months": int(p.reply_months.value), "complex_months": int(p.complex_months.value),
                "rehandle_months": int(p.rehandle_months.value), "reply_from": str(p.reply_from.value)}


def in_force(store: Store) -> InForce:
    """The profile named by the ``province`` setting (national when unset or unknown), with overrides.

    It runs for every vote and meeting counted: read once per state of the database (a write on this
    connection, a setting changed among them, reads it again)."""
    version = store.conn.total_changes
    cached = getattr(store, "_in_force", None)
    if cached is not None and cached[0] == version:
        return cached[2]
    # written since: the settings themselves, as stored, decide whether to read them again (a correction's
    # recomputation writes between every vote it counts, and reading them again each time was most of its time)
    raw = settings_sql.raw_text(store)
    if cached is not None and cached[1] == raw:
        store._in_force = (version, raw, cached[2])
        return cached[2]
    result = _in_force(store)
    store._in_force = (version, raw, result)
    return result


def _in_force(store: Store) -> InForce:
    stored = settings_sql.all_settings(store, strict=False)
    raw = stored.get("province")
    code = province_code(str(raw)) if raw else None
    profile = PROFILES.get(code or "national", NATIONAL)
    changes = {}
    for key, name in OVERRIDES.items():
        value = stored.get(key)
        if value is None:
            continue
        if not _usable(key, value):  # another program broke it: say which setting, as a strict read would
            raise settings_sql.settings_error(key)
        own = getattr(profile, name)
        if own.value == value:  # set to what the province says anyway: the province's article
            continue
        changes[name] = Setting(value, TWO_THIRDS if value == "two_thirds" else LOCAL.format(key=key), "local")
    return InForce(replace(profile, **changes), raw)


def _usable(key: str, value: object) -> bool:
    if key == "presidium_quorum":
        return value in ("more_than_half", "two_thirds")
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _shown(field: str, value: object) -> str:
    if value is None:
        return "—"
    if field == "presidium_quorum":
        return {"more_than_half": "全体成员过半数出席，全体成员过半数通过", "two_thirds": "全体成员三分之二以上出席，全体成员过半数通过"}[
            str(value)]
    if field == "presidium_size":
        text = f"{value.low}至{value.high}人"
        if value.extended:
            text += f"；{value.extended_when}不超过{value.extended}人"
        return text
    if field == "presidium_meetings":
        return {"three_months": "闭会期间至少每三个月一次", "quarter": "每个季度至少一次"}[str(value)]
    if field == "sessions":
        return {"normally_twice": "每年至少一次，一般每年两次", "half_year": "每半年至少一次，每年第一次不迟于三月底"}[str(value)]
    if field == "motions_before":
        return "可以在会议举行前提出" if value else "在会议举行期间提出"
    if field == "presidium_request":
        return f"主席团成员{value}人以上联名提议"
    if field == "incompatible":
        return {"chair_vice": "主席、副主席", "members": "主席团成员（含主席、副主席）"}[str(value)]
    if field == "presidium_resignation":
        return "可以（主席团决定接受后报大会确认）" if value else "不可以（由大会决定）"
    if field == "reply_from":
        return {"assigned": "自交办之日起", "session_close": "大会上提出的自大会闭会之日起；闭会期间提出的自交办之日起"}[str(value)]
    if field == "extraordinary":
        return f"{value[0]}/{value[1]}以上代表提议，或主席团决定"
    if field == "notice_days":
        return f"会议举行{value}日前"
    if field in ("reply_months", "complex_months"):
        return f"{value}个月内"
    if field == "rehandle_months":
        return f"{value}个月内"
    if field == "first_session":
        return f"代表选举完成后{value}个月内"
    return str(value)


def describe(store: Store, code: str | None = None) -> dict:
    """One row per profile value: what it is, the value, the article and where it comes from."""
    if code is None:
        current = in_force(store)
        profile, stored = current.profile, current.stored
    else:
        profile, stored = PROFILES[code], code
    rows = []
    for field, zh in FIELD_ZH:
        s = getattr(profile, field)
        source = "本地设置" if s.source == "local" else SOURCES[s.source]
        value = s.value
        shown = _shown(field, value)
        if field == "notice_days" and value is not None and not profile.notice_extraordinary:
            shown += "（临时会议除外）"
        rows.append({"key": field, "zh": zh, "value": value if isinstance(value, (int, str)) or value is None
                     else shown, "shown": shown, "article": s.article, "source": s.source, "source_zh": source})
    return {"province": profile.code, "name": profile.name, "stored": stored, "rows": rows}
