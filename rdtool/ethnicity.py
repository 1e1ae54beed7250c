"""The 56 ethnic groups (民族) and the parsing of a roster's 民族 cell (CHANGES.md “Figures a secretary can sign”).

Official names as the State Ethnic Affairs Commission lists them. Rosters usually write them without 族 (汉, 回,
维吾尔); both are accepted and the full name is stored. A blank is 未填 (unknown): the report's
`deputies.minority_share` counts neither (rdtool.store.report_views).
"""

from __future__ import annotations

from rdtool.errors import FieldError
from rdtool.labels import clean_name

ETHNIC_GROUPS: tuple[str, ...] = tuple("""
汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族
傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族
仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族
鄂伦春族 赫哲族 门巴族 珞巴族 基诺族""".split())
# every accepted spelling -> the full name
SPELLINGS: dict[str, str] = {**{g: g for g in ETHNIC_GROUPS}, **{g[:-1]: g for g in ETHNIC_GROUPS},
                           "蒙族": "蒙古族", "维族": "维吾尔族"}


def parse_ethnicity(raw: object) -> str | None:
    """The full name of an ethnic group from 汉/汉族, 回/回族, 维吾尔/维吾尔族 …; None for a blank (未填)."""
    text = clean_name(raw)
    if not text:
        return None
    full = SPELLINGS.get(text)
    if full is None:
        raise FieldError(f"无法识别的民族“{raw}”：请填写56个民族之一，如 汉族、回族、维吾尔族（“族”字可省略），不详的留空")
    return full
