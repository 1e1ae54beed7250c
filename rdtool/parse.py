"""Parsing the values a secretary types or a file holds: text cleaned (full-width folded), names in one
spelling, yes/no, dates and months, whole numbers, record ids, lists. Errors are FieldErrors in Chinese.

rdtool.labels re-exports these names (most modules import them from there with the labels they parse)."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

from rdtool.errors import FieldError

# Full-width ASCII (（）／，…) folds to half-width in labels and input alike, as clean() does.
FOLD = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


_TRUE = {"是", "true", "yes", "y", "1", "t", "√", "✓"}
_FALSE = {"否", "false", "no", "n", "0", "f", "×", "✗"}


def parse_bool(raw: str) -> bool:
    key = clean(raw).lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise FieldError(f"无法识别的是/否值“{raw}”，可用：是/否、true/false、yes/no、1/0")


_DATE_PATTERNS = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
    r"(\d{4})(\d{2})(\d{2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日?",
)


@functools.cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """The date and month patterns, compiled when a date is first parsed (not at every start-up)."""
    return tuple(re.compile(p) for p in patterns)


def parse_date(raw: str) -> str:
    """An ISO date from 2017-01-05, 2017/1/5, 2017.1.5, 20170105 or 2017年1月5日.

    Spreadsheet cells that carry a time (2017-01-05 00:00:00) keep only the date.
    """
    text = clean(raw)
    if " " in text or "T" in text:
        text = re.split(r"[ T]", text, maxsplit=1)[0]
    for pattern in _compiled(_DATE_PATTERNS):
        m = pattern.fullmatch(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                raise FieldError(f"日期“{raw}”不存在（{y}年{mo}月没有{d}日）") from None
    raise FieldError(f"无法识别的日期“{raw}”，请写成 2017-01-05、2017/1/5、2017.1.5、20170105 或 2017年1月5日")


_MONTH_PATTERNS = (
    r"(\d{4})[-/.](\d{1,2})",
    r"(\d{4})(\d{2})",
    r"(\d{4})年(\d{1,2})月?",
)


def parse_month_or_date(raw: str) -> str:
    """A date as `parse_date` reads it, or a month only: 1979.08, 1979年8月, 197908, 1979-8 → 1979-08.

    Rosters record birth as a month (出生年月); it is stored as YYYY-MM (docs/csv.md).
    "1979.1" is refused: it is what Excel/WPS leave of 1979.10 typed in a number cell, so January and
    October cannot be told apart.
    """
    text = clean(raw)
    for pattern in _compiled(_MONTH_PATTERNS):
        m = pattern.fullmatch(text)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            if re.fullmatch(r"\d{4}\.1", text):
                raise FieldError(f"“{raw}”无法确定是{y}年1月还是10月：Excel/WPS 把数字单元格里的 {y}.10 保存成了 {y}.1；"
                                 f"请把该列设置为文本格式，写成 {y}.01 或 {y}.10")
            if not 1 <= mo <= 12:
                raise FieldError(f"“{raw}”中的月份 {mo} 不存在")
            return f"{y:04d}-{mo:02d}"
    try:
        return parse_date(raw)
    except FieldError as exc:
        if not str(exc).startswith("无法识别"):
            raise
        raise FieldError(f"无法识别的日期“{raw}”，请写成 1979-08-15、1979年8月15日，"
                         "或只写年月：1979.08、1979年8月、197908") from None


MAX_INT = 2**31 - 1  # counts, ids, years: anything larger is a typing slip (and would overflow SQLite)


def record_id(text: str) -> int | None:
    """A record's id as typed ('17'), or None when the text is not a number (a name, a code).

    ASCII digits only: str.isdigit also takes ①, ² and other digit-like characters, which int() refuses.
    A number too long for any id is a usage error (never a 5,000-digit int()).
    """
    if not (text.isascii() and text.isdigit()):
        return None
    if len(text) > 18:
        from rdtool.errors import UsageError

        raise UsageError(f"编号“{text[:12]}…”（{len(text)} 位）过大，不是有效的记录 ID", "用列表命令查看记录的 ID")
    return int(text)


def parse_int(raw: str, minimum: int | None = 0, maximum: int = MAX_INT) -> int:
    text = clean(raw)
    if not text.isascii() or re.fullmatch(r"[+-]?\d+(\.0+)?", text) is None:
        raise FieldError(f"“{raw}”不是整数")
    if len(text.split(".")[0].lstrip("+-0")) > 18:
        raise FieldError(f"“{text[:12]}…”太大（最大 {maximum}）")
    value = int(text.split(".")[0])
    if minimum is not None and value < minimum:
        raise FieldError(f"“{raw}”不能小于{minimum}")
    if value > maximum:
        raise FieldError(f"“{raw}”太大（最大 {maximum}）")
    return value


_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def clean(raw: object) -> str:
    """Trim, fold full-width ASCII and the ideographic space; None becomes ''."""
    if raw is None:
        return ""
    text = raw if type(raw) is str else str(raw)
    if not text.isascii() and _WIDE.search(text):  # (a fast path: most cells have nothing to fold)
        text = text.translate(FOLD)
    return text.strip()


def clean_name(raw: object) -> str:
    """A person's name as it is stored and looked up: one spelling for what looks the same.

    NFKC (full-width letters, compatibility ideographs such as U+F90A 金 → 金, Kangxi radicals);
    invisible characters removed (zero-width spaces and joiners, soft hyphens, direction marks,
    variation selectors, combining marks left over after NFKC); the dots of a transliterated name
    (买买提•艾力, 买买提・艾力) written as the middle dot ·; and no spaces inside ('王　芳', '王 建国' and a
    two-character name padded to align, 王　芳, are 王芳). Every path that takes a typed or imported name,
    or looks one up, goes through here.
    """
    text = clean(raw)
    if not text.isascii():
        global _INVISIBLE
        if _INVISIBLE is None:  # (compiled on first use: start-up time)
            _INVISIBLE = re.compile(_INVISIBLE_CHARS)
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_NAME_DOTS)
    return _SPACES.sub("", text)


_SPACES = re.compile(r"\s+")
# Zero-width and format characters, variation selectors, combining marks, C0/C1 controls other than NUL
# and the whitespace ones (NUL stays, so that a damaged file is reported, not silently mended).
_INVISIBLE: "re.Pattern | None" = None
_INVISIBLE_CHARS = ("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
                    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
                    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\U000e0000-\U000e0fff]")
_NAME_DOTS = str.maketrans({c: "·" for c in "\u2022\u30fb\uff65\u2027\u2219\u22c5\u0387\u2e31"})


LIST_SEPARATORS = r"[、;；,，]"  # (a pattern, for re.split: compiled on first use, not at start-up)


def parse_list(raw: str) -> list[str]:
    """Names in one cell, separated by 、 ; ； (and commas, which spreadsheets add)."""
    return [clean_name(p) for p in re.split(LIST_SEPARATORS, clean(raw)) if clean_name(p)]
