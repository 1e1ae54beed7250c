"""Chinese name collation: 姓名笔画 (stroke) order and 拼音 (pinyin) order.

Stroke order follows the convention used for people's congress name lists
(按姓氏笔画 / 按姓名笔画为序):

* compare names character by character, surname first; a compound surname
  (欧阳, 司马 …) is compared by its own characters, so 欧阳少东 sorts with the
  8-stroke 欧 (before 洪, 9), not by the 14 strokes of 欧阳 added up; all
  names with the same surname stay together;
* a character with fewer strokes comes first (mainland GB counts: 阝 = 2,
  so 邓 4, 阮 6, 陈 7, 郑 8);
* equal counts are ordered by stroke shapes 横竖撇点折, first stroke, then the
  second, … — the 笔画序 of the 通用规范汉字表; characters without stroke-order
  data come after the others of their count, by code point;
* a shorter name that is a prefix of a longer one comes first (张三 < 张三丰).
  ``blank_single_given=True`` switches to the layout convention where a
  two-character name counts a blank in the middle (田　富 < 田大利); the
  default compares 富 with 大 (田大利 < 田富).

Names whose first character is not a CJK ideograph (Latin letters, digits…)
sort after all Chinese names; characters missing from the table sort after
the known ones at the same position. Nothing here raises on odd input.

The table ``data/strokes.txt`` is read lazily, on the first stroke lookup;
pypinyin is imported only by :func:`pinyin_key`. Importing this module is cheap.
"""
from __future__ import annotations

import os
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs ~8 ms to import; keep it out of the runtime path
    from typing import Any, Callable, Iterable, TypeVar

    T = TypeVar("T")

__all__ = [
    "COMPOUND_SURNAMES",
    "stroke_count",
    "split_name",
    "stroke_key",
    "pinyin_key",
    "sort_names",
]

_DATA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "strokes.txt")

# All table characters in collation order: a character's index in this string
# is its global rank, growing with (stroke count, stroke order). Looked up with
# str.find (~3 us) and memoised, which keeps the load itself well under 1 ms
# (building a 28k-entry dict up front would take ~3 ms).
_ALL: str | None = None
_STARTS: list[int] = []  # first rank of each stroke-count line
_COUNTS: list[int] = []  # stroke count of each line
_RANK_CACHE: dict[str, int | None] = {}

# Common compound surnames (simplified and a few traditional spellings).
# 单于 is left out on purpose: 单 is a common single surname (单于红 = 单 + 于红).
COMPOUND_SURNAMES = frozenset(
    """
    欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫
    万俟 闻人 轩辕 澹台 公冶 太史 申屠 呼延 独孤 百里 东郭 钟离 宗政 濮阳 淳于 仲孙 司空
    司寇 左丘 拓跋 赫连 第五 公羊 谷梁 梁丘 段干 鲜于 闾丘 亓官 羊舌 微生 南门 东门 呼延
    歐陽 司馬 諸葛 尉遲 公孫 長孫 令狐 軒轅 鍾離 聞人 東方 東郭 萬俟 鮮于 閭丘 夏侯 皇甫
    """.split()
)

# Surname readings that differ from the everyday reading (TONE3 syllables).
_SURNAME_PINYIN: dict[str, tuple[str, ...]] = {
    "单": ("shan4",), "單": ("shan4",), "曾": ("zeng1",), "区": ("ou1",), "區": ("ou1",),
    "查": ("zha1",), "仇": ("qiu2",), "解": ("xie4",), "朴": ("piao2",), "盖": ("ge3",),
    "蓋": ("ge3",), "乐": ("yue4",), "樂": ("yue4",), "覃": ("qin2",), "缪": ("miao4",),
    "繆": ("miao4",), "繁": ("po2",), "种": ("chong2",), "種": ("chong2",), "祭": ("zhai4",),
    "秘": ("bi4",), "员": ("yun4",), "員": ("yun4",), "召": ("shao4",), "翟": ("zhai2",),
    "柏": ("bai3",), "宓": ("mi4",), "褚": ("chu3",), "隗": ("wei3",), "华": ("hua4",),
    "華": ("hua4",), "任": ("ren2",), "燕": ("yan1",), "过": ("guo1",), "過": ("guo1",),
    "应": ("ying1",), "應": ("ying1",), "重": ("chong2",), "尉": ("wei4",), "车": ("che1",),
    "車": ("che1",), "都": ("du1",), "贲": ("ben1",), "訾": ("zi3",), "长": ("chang2",),
    "長": ("chang2",), "纪": ("ji3",), "紀": ("ji3",), "葛": ("ge3",), "阚": ("kan4",),
    "冼": ("xian3",), "洗": ("xian3",), "谌": ("chen2",), "句": ("gou1",), "能": ("nai4",),
    "折": ("she2",), "黑": ("he4",), "朝": ("chao2",), "郇": ("huan2",), "眭": ("sui1",),
    "薄": ("bo2",), "沈": ("shen3",), "石": ("shi2",), "宁": ("ning4",), "寧": ("ning4",),
    "尉迟": ("yu4", "chi2"), "尉遲": ("yu4", "chi2"), "万俟": ("mo4", "qi2"),
    "萬俟": ("mo4", "qi2"), "长孙": ("zhang3", "sun1"), "長孫": ("zhang3", "sun1"),
    "令狐": ("ling2", "hu2"), "澹台": ("tan2", "tai2"), "皇甫": ("huang2", "fu3"),
    "欧阳": ("ou1", "yang2"), "歐陽": ("ou1", "yang2"),
}

# Removed anywhere in a name: whitespace (incl. U+3000) is handled by str.split();
# these are invisible characters str.split() does not treat as whitespace.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Separators inside transliterated minority names (阿依古丽·买买提): ignored by the keys.
_SEPARATORS = frozenset("\u00b7\u2027\u2022\u30fb\uff65\u16eb\u2219\u22c5.．")

_BLANK = (-1,)  # the "empty character" of a two-character name in blank mode


def _load() -> str:
    global _ALL, _STARTS, _COUNTS
    if _ALL is None:
        with open(_DATA_PATH, encoding="utf-8") as f:
            lines = f.read().split("\n")
        parts: list[str] = []
        starts: list[int] = []
        counts: list[int] = []
        pos = 0
        for line in lines:
            if not line or line[0] == "#":
                continue
            n, _, chars = line.partition("\t")
            starts.append(pos)
            counts.append(int(n))
            parts.append(chars)
            pos += len(chars)
        _STARTS, _COUNTS = starts, counts
        _RANK_CACHE.clear()
        _ALL = "".join(parts)
    return _ALL


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x323AF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
        or cp == 0x3007  # 〇
    )


def _rank(ch: str) -> int | None:
    try:
        return _RANK_CACHE[ch]
    except KeyError:
        pass
    table = _ALL if _ALL is not None else _load()
    r = table.find(ch)
    if r < 0:
        # compatibility ideographs, Kangxi radicals, …
        alt = unicodedata.normalize("NFKC", ch)
        r = table.find(alt) if alt != ch and len(alt) == 1 else -1
    result = r if r >= 0 else None
    _RANK_CACHE[ch] = result
    return result


def stroke_count(ch: str) -> int | None:
    """Mainland (GB) stroke count of one character; None if not in the table."""
    if not isinstance(ch, str) or len(ch) != 1:
        raise ValueError(f"stroke_count() needs exactly one character, got {ch!r}")
    r = _rank(ch)
    if r is None:
        return None
    from bisect import bisect_right

    return _COUNTS[bisect_right(_STARTS, r) - 1]


def _clean(name: Any) -> str:
    if name is None:
        return ""
    return "".join(str(name).split()).translate(_INVISIBLE)


def split_name(name: str) -> tuple[str, str]:
    """Split a Chinese name into (surname, given name).

    Whitespace (also full-width U+3000, as in the aligned form 田　富) is
    removed. A name of three or more characters starting with a known
    compound surname gets it as surname; otherwise the first character is
    the surname. A name that does not start with a CJK ideograph has no
    surname: ``("", name)``.
    """
    s = _clean(name)
    if not s:
        return "", ""
    if not _is_cjk(s[0]):
        return "", s
    if len(s) >= 3 and s[:2] in COMPOUND_SURNAMES:
        return s[:2], s[2:]
    return s[0], s[1:]


def _char_key(ch: str) -> tuple:
    r = _rank(ch)
    if r is not None:
        return (0, r)
    if _is_cjk(ch):
        return (1, ord(ch))
    return (2, ch.casefold(), ord(ch))


def stroke_key(name: str, *, blank_single_given: bool = False) -> tuple:
    """Sort key for 姓名笔画 order (see module docstring).

    Shape: ``(0, surname_char_keys, given_char_keys, cleaned_name)`` for
    names that start with a CJK ideograph, ``(1, casefolded, cleaned)`` for
    other names and ``(2,)`` for empty ones. The cleaned name at the end only
    makes the key total; it is never reached by two different names except
    through invisible differences.
    """
    surname, given = split_name(name)
    cleaned = surname + given
    if not cleaned:
        return (2,)
    if not surname:
        return (1, cleaned.casefold(), cleaned)
    sk = tuple(_char_key(c) for c in surname)
    gk = tuple(_char_key(c) for c in given if c not in _SEPARATORS)
    if blank_single_given and len(surname) == 1 and len(gk) == 1:
        gk = (_BLANK,) + gk
    return (0, sk, gk, cleaned)


def _syllable_key(syl: str | None, ch: str) -> tuple:
    if syl is None:
        return (1,) + _char_key(ch)
    tone = 5
    if syl and syl[-1].isdigit():
        tone = int(syl[-1])
        syl = syl[:-1]
    return (0, syl, tone, _char_key(ch))


def pinyin_key(name: str) -> tuple:
    """Sort key for 拼音 order: syllable by syllable (letters, then tone, then
    the character's stroke key), surname first, with surname readings
    (单 shan, 曾 zeng, 区 ou, 尉迟 yuchi …). Non-Chinese names last."""
    from pypinyin import Style, lazy_pinyin  # lazy: heavy import

    surname, given = split_name(name)
    cleaned = surname + given
    if not cleaned:
        return (2,)
    if not surname:
        return (1, cleaned.casefold(), cleaned)

    def syllables(text: str) -> list[str | None]:
        # errors=list keeps one item per character, so items align with text;
        # an item that is not ASCII letters + tone digit means "no reading".
        items = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                            errors=lambda chunk: list(chunk)) if text else []
        if len(items) != len(text):  # defensive: never misalign characters
            items = [lazy_pinyin(c, style=Style.TONE3, neutral_tone_with_five=True,
                                 errors=lambda chunk: list(chunk))[0] for c in text]
        out: list[str | None] = []
        for item in items:
            body = item[:-1] if item[-1:].isdigit() else item
            out.append(item if body.isascii() and body.isalpha() and body.islower() else None)
        return out

    sur_syl: list[str | None]
    if surname in _SURNAME_PINYIN:
        sur_syl = list(_SURNAME_PINYIN[surname])
    else:
        sur_syl = [(_SURNAME_PINYIN.get(c) or (None,))[0] for c in surname]
        if None in sur_syl:
            auto = syllables(surname)
            sur_syl = [s if s is not None else a for s, a in zip(sur_syl, auto)]
    given_chars = "".join(c for c in given if c not in _SEPARATORS)
    giv_syl = syllables(given_chars)
    sk = tuple(_syllable_key(s, c) for s, c in zip(sur_syl, surname))
    gk = tuple(_syllable_key(s, c) for s, c in zip(giv_syl, given_chars))
    return (0, sk, gk, cleaned)


def sort_names(
    items: Iterable[T],
    key: Callable[[T], str] = lambda x: x,  # type: ignore[assignment,return-value]
    by: str = "stroke",
    *,
    blank_single_given: bool = False,
    reverse: bool = False,
) -> list[T]:
    """Return ``items`` sorted by name; ``key`` extracts the name from an item.

    ``by='stroke'`` (姓名笔画, the default) or ``by='pinyin'``. The sort is
    stable, so identical names keep their input order.
    """
    if by == "stroke":
        return sorted(
            items,
            key=lambda it: stroke_key(key(it), blank_single_given=blank_single_given),
            reverse=reverse,
        )
    if by == "pinyin":
        return sorted(items, key=lambda it: pinyin_key(key(it)), reverse=reverse)
    raise ValueError(f"by must be 'stroke' or 'pinyin', not {by!r}")
