"""Province profiles: what each province's township regulations set, article by article.

Pure data. Each profile says, for the rules that vary by province, the value and the article it comes
from; where a province's text does not set a value, the national default
applies and the profile says so (``source`` ``'national'`` when a national law sets it, ``'tool'``
when no law does and rdtool's convention applies). Nothing here is invented: every article cited was
read in the text.

National defaults:

- presidium quorum and majority: no national law sets them for a township presidium; rdtool's
  convention is 两个过半 (more than half of all members present, decisions by more than half of all
  members), the rule of every province below that sets one.
- suggestions: 代表法 (2025) 第五十一条第二款 — three months from 交办, six when broad or difficult.
  Re-handling after an unsatisfied reply: no national law sets a period; rdtool's default is one
  month, as 浙江, 河南, 山东 and 上海 set.
- sessions: 组织法 (2022) 第十四条第一款 — at least once a year, a township congress normally twice;
  first session within two months of the election (第二十条); extraordinary sessions on the
  presidium's decision or on the proposal of one fifth of deputies (第十四条第三款).
- notice before a session, presidium size, presidium meeting frequency: no national law sets them.

The provinces' own suggestion regulations are written for provincial deputies; each says townships
follow it (参照): 浙江 by 乡镇人民代表大会工作条例 第四十一条, 河南 办理办法 第三十一条, 山东 办理工作条例
第三十二条, 北京 办理条例 第三十三条, 上海 规定 第二十八条. Where a township regulation sets its own limits
(重庆 第十六条, 山东 若干规定 第十五条, 北京 组织条例 第十四条) those are used. 山东 第十五条 counts its two
months from the close of the session (大会闭会之日, ``reply_from`` ``'session_close'``) for a suggestion made at
the session; one made in recess, which that article does not cover, counts from 交办. 北京 组织条例 第十四条
sets the three months without saying from when; 办理条例 第二十一条 ("自…交办之日起三个月内") gives the start.

Motions (议案) are submitted while the congress is in session (组织法 第二十二条第二款); 山东 若干规定
第十四条第二款 and 重庆 第十四条第四款 also allow them before the session opens (``motions_before``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["Setting", "PresidiumSize", "Profile", "PROFILES", "province_code", "NATIONAL", "SOURCES"]

ZJ = "《浙江省乡镇人民代表大会工作条例》"
ZJ_S = "《浙江省人民代表大会代表建议、批评和意见办理的规定》"
HN = "《河南省乡镇人民代表大会主席团工作条例》"
HN_S = "《河南省人民代表大会代表建议、批评和意见办理办法》"
CQ = "《重庆市乡镇人民代表大会工作条例》"
SD = "《山东省乡镇人民代表大会工作若干规定》"
SD_S = "《山东省人民代表大会代表建议、批评和意见办理工作条例》"
BJ = "《北京市乡、民族乡、镇人民代表大会组织条例》"
BJ_S = "《北京市人民代表大会代表建议、批评和意见办理条例》"
SH_S = "《上海市人民代表大会关于代表建议、批评和意见的规定》"
ORG = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）"
DEP = "《全国人民代表大会和地方各级人民代表大会代表法》（2025）"

SOURCES = {"province": "本省规定", "national": "全国性法律（本省未另行规定）", "tool": "法律未规定，本工具默认"}


@dataclass(frozen=True)
class Setting:
    """One value of a profile, the article it comes from, and whether the province sets it."""

    value: object
    article: str
    source: str = "province"  # 'province' | 'national' | 'tool' (see SOURCES)


@dataclass(frozen=True)
class PresidiumSize:
    """主席团成员名额: ``low``–``high``; up to ``extended`` where ``extended_when`` holds."""

    low: int
    high: int
    extended: int | None = None
    extended_when: str = ""            # the condition in the text's own words
    extended_by: str | None = None     # 'deputies' or 'population' when the condition is a count
    extended_at: int | None = None     # that count (以上 includes it)


@dataclass(frozen=True)
class Profile:
    """The rules of one province (or the national default) that rdtool applies."""

    code: str
    name: str
    presidium_quorum: Setting          # 'more_than_half' | 'two_thirds'; article: quorum and majority
    reply_months: Setting              # suggestion answered within N months of 交办
    complex_months: Setting            # broad or difficult suggestions
    rehandle_months: Setting           # a new answer after an unsatisfied reply
    notice_days: Setting               # None: no rule; notice to deputies N days before a session
    notice_extraordinary: bool         # the notice rule applies to extraordinary sessions too
    presidium_size: Setting            # PresidiumSize or None
    presidium_meetings: Setting        # None | 'three_months' (every three months) | 'quarter' (each quarter)
    sessions: Setting                  # 'normally_twice' | 'half_year' (北京: every half year, first by 3-31)
    first_session: Setting             # months after the election (2 everywhere)
    extraordinary: Setting             # share of deputies whose proposal calls an extraordinary session (1/5)
    motions_before: Setting            # True: deputies' motions may be submitted before the session opens
    reply_from: Setting                # 'assigned' (交办之日) | 'session_close' (大会闭会之日): start of the reply limit
    presidium_resignation: Setting     # True: the presidium may accept a chair's or town head's resignation in recess
    incompatible: Setting              # 'chair_vice' (组织法 18¶2) | 'members': presidium members may not hold government posts
    presidium_request: Setting         # None | N: N or more presidium members may propose an extraordinary presidium meeting


NATIONAL = Profile(
    code="national", name="全国默认",
    presidium_quorum=Setting("more_than_half", "法律未规定乡镇人大主席团会议的法定人数和表决规则；本工具默认"
                             "全体成员过半数出席、全体成员过半数通过（两个过半）", "tool"),
    reply_months=Setting(3, DEP + "第五十一条第二款", "national"),
    complex_months=Setting(6, DEP + "第五十一条第二款", "national"),
    rehandle_months=Setting(1, "法律未规定代表不满意后再次答复的期限；本工具默认一个月", "tool"),
    notice_days=Setting(None, "法律未规定人代会会前通知代表的天数", "tool"),
    notice_extraordinary=False,
    presidium_size=Setting(None, "法律未规定乡镇人大主席团成员名额", "tool"),
    presidium_meetings=Setting(None, "法律未规定主席团会议的次数", "tool"),
    sessions=Setting("normally_twice", ORG + "第十四条第一款", "national"),
    first_session=Setting(2, ORG + "第二十条", "national"),
    extraordinary=Setting((1, 5), ORG + "第十四条第三款", "national"),
    motions_before=Setting(False, ORG + "第二十二条第二款（人民代表大会举行会议的时候）", "national"),
    reply_from=Setting("assigned", DEP + "第五十一条第二款（自交办之日起）", "national"),
    presidium_resignation=Setting(False, ORG + "第三十二条第二款（由大会决定是否接受辞职）", "national"),
    incompatible=Setting("chair_vice", ORG + "第十八条第二款", "national"),
    presidium_request=Setting(None, "法律未规定主席团成员提议临时召集主席团会议", "tool"),
)


def _profile(code: str, name: str, **own: object) -> Profile:
    """A province's profile: its own settings over the national default."""
    values = {f.name: getattr(NATIONAL, f.name) for f in fields(Profile)}
    values.update(code=code, name=name, **own)
    return Profile(**values)


PROFILES: dict[str, Profile] = {p.code: p for p in [
    NATIONAL,
    _profile(
        "zhejiang", "浙江省",
        presidium_quorum=Setting("more_than_half", ZJ + "第二十四条第二款、第三款"),
        reply_months=Setting(3, ZJ_S + "第二十一条（依" + ZJ + "第四十一条）"),
        complex_months=Setting(6, ZJ_S + "第二十一条（依" + ZJ + "第四十一条）"),
        rehandle_months=Setting(1, ZJ_S + "第二十四条"),
        notice_days=Setting(7, ZJ + "第二十条（临时会议不受此限）"),
        notice_extraordinary=False,
        presidium_size=Setting(PresidiumSize(7, 13, 17, "经济比较发达或者人口较多的乡镇"), ZJ + "第八条第二款"),
        presidium_meetings=Setting("three_months", ZJ + "第二十四条第一款"),
        sessions=Setting("normally_twice", ZJ + "第十六条第一款；" + ORG + "第十四条第一款"),
        first_session=Setting(2, ZJ + "第十五条"),
        incompatible=Setting("members", ZJ + "第三十八条"),
        extraordinary=Setting((1, 5), ZJ + "第十六条第一款" + "（五分之一以上代表提议）；主席团决定：" + ORG + "第十四条第三款"),
    ),
    _profile(
        "henan", "河南省",
        presidium_quorum=Setting("more_than_half", HN + "第五条第二款"),
        reply_months=Setting(3, HN_S + "第二十条（依第三十一条参照）"),
        complex_months=Setting(6, HN_S + "第二十条（依第三十一条参照）"),
        rehandle_months=Setting(1, HN_S + "第二十二条第二款"),
        presidium_size=Setting(PresidiumSize(7, 13, 15, "人口特别多的乡镇"), HN + "第二条第三款"),
        presidium_meetings=Setting("three_months", HN + "第五条第一款"),
        sessions=Setting("normally_twice", HN + "第二条第一款；" + ORG + "第十四条第一款"),
        incompatible=Setting("members", HN + "第二条第四款"),
        presidium_request=Setting(3, HN + "第五条第一款"),
    ),
    _profile(
        "chongqing", "重庆市",
        presidium_quorum=Setting("more_than_half", CQ + "第三十四条第一款"),
        reply_months=Setting(2, CQ + "第十六条第一款"),
        complex_months=Setting(4, CQ + "第十六条第一款"),
        notice_days=Setting(10, CQ + "第十一条"),
        notice_extraordinary=True,
        presidium_size=Setting(PresidiumSize(7, 11, 13, "九万人以上的", "population", 90000), CQ + "第三十条第一款"),
        presidium_meetings=Setting("quarter", CQ + "第三十四条第一款"),
        sessions=Setting("normally_twice", CQ + "第八条第一款；" + ORG + "第十四条第一款"),
        first_session=Setting(2, CQ + "第九条"),
        extraordinary=Setting((1, 5), CQ + "第八条第二款" + "（五分之一以上代表提议）；主席团决定：" + ORG + "第十四条第三款"),
        motions_before=Setting(True, CQ + "第十四条第四款"),
        incompatible=Setting("members", CQ + "第三十条第三款"),
        reply_from=Setting("assigned", CQ + "第十六条第一款（从交办之日起）"),
        presidium_resignation=Setting(True, CQ + "第三十二条第十项"),
    ),
    _profile(
        "shandong", "山东省",
        presidium_quorum=Setting("more_than_half", SD + "第八条第四款（决定以主席团成员的过半数通过）；出席人数未规定，"
                                 "本工具默认全体成员过半数出席"),
        reply_months=Setting(2, SD + "第十五条"),
        complex_months=Setting(4, SD + "第十五条（遇有特殊情况）"),
        rehandle_months=Setting(1, SD_S + "第二十四条（依第三十二条参照）"),
        presidium_size=Setting(PresidiumSize(7, 11, 13, "代表人数在九十人以上的乡镇", "deputies", 90),
                               SD + "第八条第二款"),
        sessions=Setting("normally_twice", ORG + "第十四条第一款（" + SD + "第四条第一款：每年至少举行一次）", "national"),
        first_session=Setting(2, SD + "第六条"),
        extraordinary=Setting((1, 5), SD + "第四条第二款" + "（五分之一以上代表提议）；主席团决定：" + ORG + "第十四条第三款"),
        motions_before=Setting(True, SD + "第十四条第二款"),
        reply_from=Setting("session_close", SD + "第十五条（自大会闭会之日起）"),
    ),
    _profile(
        "beijing", "北京市",
        reply_months=Setting(3, BJ + "第十四条（期限）；" + BJ_S + "第二十一条（自交办之日起，依第三十三条参照）"),
        complex_months=Setting(6, BJ + "第十四条（期限）；" + BJ_S + "第二十一条（自交办之日起，依第三十三条参照）"),
        rehandle_months=Setting(2, BJ_S + "第二十七条第四款（依第三十三条参照）"),
        presidium_size=Setting(PresidiumSize(5, 9), BJ + "第十七条第二款"),
        sessions=Setting("half_year", BJ + "第五条第一款"),
        first_session=Setting(2, BJ + "第五条第二款"),
        extraordinary=Setting((1, 5), BJ + "第五条第三款"),
    ),
    _profile(
        "shanghai", "上海市",
        reply_months=Setting(3, SH_S + "第十九条（依第二十八条参照）"),
        complex_months=Setting(6, SH_S + "第十九条（延长不超过三个月）"),
        rehandle_months=Setting(1, SH_S + "第二十一条第二款"),
    ),
]}

# Names a secretary may type for each profile (the code, the name with and without 省/市).
_ALIASES = {"全国": "national", "国家": "national", "默认": "national", "全国默认": "national"}
for _p in PROFILES.values():
    _ALIASES[_p.code] = _p.code
    _ALIASES[_p.name] = _p.code
    _ALIASES[_p.name[:-1]] = _p.code


def province_code(raw: str) -> str | None:
    """The profile code for a typed name ('浙江', '浙江省', 'zhejiang'); None when there is no profile."""
    return _ALIASES.get(raw.strip().lower() if raw.isascii() else raw.strip())
