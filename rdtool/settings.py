"""Settings a secretary may change: the town, the current term, province limits, targets.

Rules that vary by province are the province's profile (``rdtool.rules.provinces``, chosen by the
``province`` setting); the settings below whose default is ``None`` follow that profile unless set,
so one value can still be overridden without code changes.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

if TYPE_CHECKING:
    from fractions import Fraction

from rdtool.errors import FieldError
from rdtool.labels import clean, parse_int


def parse_share(raw: str) -> str:
    """A share as typed: '60%', '0.6', '1/3' or '' (no target). Stored as typed, normalised."""
    text = clean(raw)
    if text == "":
        return ""
    share_of(text)
    return text


def share_of(text: str | None) -> "Fraction | None":
    """The exact fraction of a stored share ('1/3' stays exactly one third)."""
    from fractions import Fraction  # only when a share is read (start-up time)

    if text is None or text == "":
        return None
    try:
        if text.endswith("%"):
            value = Fraction(text[:-1]) / 100
        else:
            value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise FieldError(f"“{text}”不是比例，请写成 60%、0.6 或 1/3") from None
    if not 0 <= value <= 1:
        raise FieldError(f"比例“{text}”应在 0 到 1 之间")
    return value


def _choice(*options: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        text = clean(raw)
        if text not in options:
            raise FieldError(f"“{raw}”不是可用的值：{'、'.join(options)}")
        return text

    return parse


# 履职积分 (deputies' performance points): points per record, and the deduction per unexcused absence.
POINTS_DEFAULTS: dict[str, float] = {
    "congress_present": 2,     # 出席人代会，每次
    "presidium_present": 1,    # 出席主席团会议，每次
    "proposal_lead": 3,        # 领衔提出议案、建议，每件
    "proposal_cosign": 1,      # 附议，每件
    "activity": 2,             # 参加代表活动（视察、调研、执法检查、小组活动、联系选民、述职…），每次
    "training": 1,             # 参加学习培训，每次
    "absent_deduct": 5,        # 未经请假缺席会议，每次扣分
}


POINTS_ZH: dict[str, str] = {
    "congress_present": "出席人代会", "presidium_present": "出席主席团会议", "proposal_lead": "领衔",
    "proposal_cosign": "附议", "activity": "参加活动", "training": "参加培训", "absent_deduct": "未请假缺席扣分",
}


def points_zh(text: str) -> str:
    """A stored points scheme as she reads it: 出席人代会2分、出席主席团会议1分……（other text as it is）."""
    try:
        scheme = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return text
    if not isinstance(scheme, dict):
        return text
    return "、".join(f"{POINTS_ZH.get(k, k)}{v:g}分" if isinstance(v, (int, float)) else f"{POINTS_ZH.get(k, k)}{v}"
                    for k, v in scheme.items())


def parse_points(raw: str) -> str:
    """A points scheme as JSON ('{"activity": 3}') or key=value pairs ('activity=3, absent_deduct=5').

    Keys not given take their defaults. Stored (and shown by `rdtool config`) as compact JSON.
    """
    text = clean(raw)
    given: dict[str, Any] = {}
    if text.startswith("{"):
        try:
            given = json.loads(text)
        except RecursionError:
            raise FieldError("JSON 嵌套过深，应为一层对象，如 {\"activity\": 3}") from None
        except ValueError as exc:
            raise FieldError(f"不是有效的 JSON：{exc}") from None
        if not isinstance(given, dict):
            raise FieldError("应为 JSON 对象，如 {\"activity\": 3}")
    elif text:
        for part in re.split(r"[,，;；\s]+", text):
            if not part:
                continue
            key, sep, value = part.partition("=")
            if not sep:
                raise FieldError(f"“{part}”应写成 项目=分值，如 参加活动=3")
            given[key.strip()] = value.strip()
    scheme = dict(POINTS_DEFAULTS)
    by_zh = {zh: k for k, zh in POINTS_ZH.items()}
    for key, value in given.items():
        key = by_zh.get(key, key)
        if key not in POINTS_DEFAULTS:
            raise FieldError(f"没有积分项“{key}”，可用：{'、'.join(POINTS_ZH.values())}（或 {'、'.join(POINTS_DEFAULTS)}）")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise FieldError(f"{POINTS_ZH[key]}的分值“{value}”不是数字") from None
        if number < 0:
            raise FieldError(f"{POINTS_ZH[key]}的分值不能为负数（扣分项也写正数）")
        scheme[key] = int(number) if number == int(number) else number
    return json.dumps(scheme, ensure_ascii=False, separators=(",", ":"))


def parse_province(raw: str) -> str:
    """A province profile by name or code ('浙江', '浙江省', 'zhejiang', 'national'); stored as the code."""
    from rdtool.rules.provinces import PROFILES, province_code

    code = province_code(clean(raw))
    if code is None:
        names = "、".join(p.name for p in PROFILES.values() if p.code != "national")
        raise FieldError(f"没有“{raw}”的省份规则，可用：{names}，或 national（全国默认）")
    return code


class Setting(NamedTuple):
    key: str
    zh: str
    default: Any
    parse: Callable[[str], Any]
    help: str = ""


# How much an import reads before it stops (rdtool.io.limits.Limits takes its defaults from here): the defaults
# keep any input under IMPORT_MEMORY_MB of memory; a county office with larger files raises them for its own database.
IMPORT_LIMITS = {
    "rows": 100_000,      # data rows (blank rows, title and footer rows not counted)
    "cell": 10_000,       # characters in one cell
    "file_mb": 32,        # the file on disk, and the text of all its cells together
    "unzipped_mb": 100,   # what an .xlsx/.docx holds once decompressed
}
# The documented bound (MB of resident memory, the whole process) of an import within IMPORT_LIMITS — for real or
# with --dry-run — and of its undo. tests/test_memory_bound.py measures it at 50,000 roster rows and at the row
# limit of roll-call rows; tests/test_import_limits.py for hostile files.
IMPORT_MEMORY_MB = 200

SETTINGS: dict[str, Setting] = {s.key: s for s in [
    Setting("town", "乡镇名称", "", clean, "如 三川镇"),
    Setting("county", "所属县（区）", "", clean),
    Setting("current_term", "本届届次", None, lambda r: parse_int(r, 1)),
    Setting("province", "省份规则", "national", parse_province,
            "浙江、河南、山东、北京、重庆、上海或 national（全国默认）；决定下列未单独设置的期限、法定人数规则及其依据"
            "（rdtool province 查看）"),
    Setting("proposal_reply_months", "建议答复期限（月）", None, lambda r: parse_int(r, 1),
            "不设置则按省份规则；代表法(2025)第五十一条：交办之日起三个月内答复"),
    Setting("proposal_complex_months", "复杂建议答复期限（月）", None, lambda r: parse_int(r, 1),
            "不设置则按省份规则；涉及面广、处理难度大的建议，代表法规定最迟六个月"),
    Setting("proposal_rehandle_months", "不满意再次办理期限（月）", None, lambda r: parse_int(r, 1),
            "不设置则按省份规则；代表不满意的，承办单位再次研究答复的期限"),
    Setting("presidium_quorum", "主席团会议法定人数", None,
            _choice("more_than_half", "two_thirds"), "不设置则按省份规则；过半数 或 三分之二（也可写 more_than_half、two_thirds）"),
    Setting("target_party_share", "代表中党员比例目标", "60%", parse_share),
    Setting("target_re_elected_share", "连任代表比例目标", "1/3", parse_share),
    Setting("target_presidium_party_share", "主席团成员中党员比例目标", "90%", parse_share),
    Setting("target_women_share", "妇女代表比例目标", "", parse_share, "留空表示只显示、不考核"),
    Setting("points_scheme", "履职积分规则", json.dumps(POINTS_DEFAULTS, separators=(",", ":")), parse_points,
            "每次出席人代会/主席团会议、领衔/附议每件、每次活动/培训的分值，未请假缺席每次扣分；"
            "可写 参加活动=3,未请假缺席扣分=5（或 activity=3,absent_deduct=5、JSON），未写的项用默认值"),
    Setting("backups_keep", "保留备份份数", 10, lambda r: parse_int(r, 1)),
    # (CHANGES.md “Real rosters”) an import stops at these, with a clear message, in bounded memory (rdtool.io.limits).
    Setting("import_max_rows", "导入最多行数", IMPORT_LIMITS["rows"], lambda r: parse_int(r, 1), "每个文件的数据行数上限"),
    Setting("import_max_cell", "导入单元格最多字数", IMPORT_LIMITS["cell"], lambda r: parse_int(r, 100)),
    Setting("import_max_file_mb", "导入文件最大（MB）", IMPORT_LIMITS["file_mb"], lambda r: parse_int(r, 1),
            "文件本身及其全部单元格文字的上限"),
    Setting("import_max_unzipped_mb", "导入 xlsx/docx 解压后最大（MB）", IMPORT_LIMITS["unzipped_mb"], lambda r: parse_int(r, 1)),
    Setting("population", "户籍人口数", None, lambda r: parse_int(r, 0),
            "选举法第十二条：乡镇代表名额基数45名，每1500人增加1名，最多160名（换届选举核对代表名额用）"),
]}


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- (CHANGES.md “Terminals and Windows”) settings by their Chinese names, choices and shares in Chinese words -------------------------
# `rdtool config 建议答复期限 2`, `config presidium_quorum 三分之二`, `config 连任代表比例目标 三分之一`.

VALUE_ALIASES: dict[str, dict[str, str]] = {
    "presidium_quorum": {"过半数": "more_than_half", "全体成员过半数": "more_than_half", "超过半数": "more_than_half",
                         "三分之二": "two_thirds", "三分之二以上": "two_thirds", "2/3": "two_thirds"},
}
VALUE_ZH: dict[str, dict[str, str]] = {"presidium_quorum": {"more_than_half": "过半数", "two_thirds": "三分之二以上"}}


def _name_forms(zh: str) -> set[str]:
    """A setting's Chinese name with and without its bracketed unit: 建议答复期限（月） → 建议答复期限."""
    folded = clean(zh).replace("（", "(").replace("）", ")")
    return {folded, re.sub(r"\(.*?\)", "", folded)}


def resolve_key(name: str) -> str:
    """The setting key for a key or a Chinese name (unknown names come back as given)."""
    text = clean(name).replace("（", "(").replace("）", ")")
    if text in SETTINGS:
        return text
    for key, setting in SETTINGS.items():
        if text in _name_forms(setting.zh):
            return key
    return name


_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _small_number(text: str) -> int | None:
    """一 … 九十九 (and Arabic digits), as used in 三分之二 and 百分之六十."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _NUMERALS for c in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)


def translate_value(key: str, raw: str) -> str:
    """A value typed in Chinese words, as the setting's parser takes it (others come back as given)."""
    text = clean(raw)
    aliases = VALUE_ALIASES.get(key, {})
    if text in aliases:
        return aliases[text]
    m = re.fullmatch(r"(百|[零一二两三四五六七八九十\d]+)分之([零一二两三四五六七八九十\d]+)(以上)?", text)
    if m and SETTINGS.get(key) is not None and SETTINGS[key].parse is parse_share:
        whole, part = m.group(1), _small_number(m.group(2))
        if whole == "百" and part is not None:
            return f"{part}%"
        denominator = _small_number(whole)
        if denominator and part is not None:
            return f"{part}/{denominator}"
    return raw


def value_hint(key: str) -> str:
    """How else a setting's value may be written (for an error message)."""
    words = VALUE_ALIASES.get(key)
    return f"；也可写 {'、'.join(words)}" if words else ""


def value_zh(key: str, value: str) -> str:
    """A stored value as a person reads it (more_than_half → 过半数; a points scheme item by item)."""
    if key == "points_scheme":
        return points_zh(value)
    return VALUE_ZH.get(key, {}).get(value, value)


# keys rdtool writes for itself (never set with `rdtool config`), as the change log names them
INTERNAL_ZH = {"created_by": "建库程序版本", "demo": "演示库"}


def name_zh(key: str) -> str:
    """A setting's Chinese name as `db log` and `undo` show it (proposal_reply_months → 建议答复期限（月））."""
    setting = SETTINGS.get(key)
    return setting.zh if setting is not None else INTERNAL_ZH.get(key, key)


def stored_zh(key: str, stored: Any) -> str:
    """A stored (JSON) value of a setting as she reads it: two_thirds → 三分之二以上, true → 是."""
    try:
        value = json.loads(stored) if isinstance(stored, str) else stored
    except (TypeError, ValueError, RecursionError):  # a value another program wrote: shown as it is
        return str(stored)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value_zh(key, str(value)) if value not in (None, "") else "空"


def unknown_setting(name: str) -> str:
    """The message for a setting that does not exist, with the nearest names."""
    from difflib import get_close_matches

    names = [*SETTINGS, *(re.sub(r"（.*?）", "", s.zh) for s in SETTINGS.values())]
    close = get_close_matches(clean(name), names, n=3, cutoff=0.4)
    hint = f"；最接近的是 {'、'.join(close)}" if close else f"，可用：{'、'.join(SETTINGS)}"
    return f"没有设置项“{name}”{hint}（rdtool config 列出全部）"
