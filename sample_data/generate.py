#!/usr/bin/env python3
"""Generate the 三川镇 sample data (third term 2017–2021, current fourth term).

Run from the repository root:

    python sample_data/generate.py           # rewrite the CSV files next to this script
    python sample_data/generate.py --check   # also re-read them and assert the seed figures

Standard library only; fully deterministic (``random.Random(20161120)``).
Every person in these files is fictional: names are drawn at random, identity
numbers use the non-county area code 510000 with a valid GB 11643 check digit,
and phone numbers are in the unassigned-looking block 1700000xxxx.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
from calendar import monthrange
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))
R = Random(20161120)
D = dt.date.fromisoformat

TOWN = "三川镇"
AREA_CODE = "510000"  # province-level code: never a real person's county
T3_START, T3_END = D("2017-01-05"), D("2021-12-31")
T4_START, T4_END = D("2022-01-06"), D("2026-12-31")
ELECT3, ELECT4 = D("2016-11-15"), D("2021-11-18")
TODAY = D("2026-11-28")
MOVED_ON, DIED_ON = D("2019-03-10"), D("2020-06-02")
PAIR_NAME = "王建国"

COLUMNS = {
    "terms": ["number", "start_date", "end_date"],
    "deputies": ["name", "gender", "birth_date", "ethnicity", "party", "education", "occupation",
                 "workplace", "level", "constituency", "term", "elected_on", "re_elected", "phone",
                 "id_number", "presidium_role", "status", "status_date"],
    "meetings": ["code", "kind", "date", "title", "end_date", "location", "term", "extraordinary",
                 "present", "entitled", "notes"],
    "attendance": ["meeting", "deputy", "status", "deputy_id"],
    "items": ["meeting", "seq", "title", "kind", "method", "yes", "no", "abstain", "not_voting",
              "notes"],
    "elections": ["meeting", "post", "seats", "candidate", "votes", "ballots_issued",
                  "ballots_returned", "ballots_invalid"],
    "appointments": ["person", "position", "action", "meeting", "decided_on", "party_decision_on",
                     "nomination_on", "application_on", "discussion_on", "vote_on", "oath_on",
                     "statement_on", "announced_on", "notes"],
    "proposals": ["kind", "title", "submitted_on", "lead", "code", "body", "category", "meeting",
                  "cosigners", "unit", "assigned_on", "due_on", "complex", "replied_on", "result",
                  "reply", "feedback", "feedback_on", "closed_on"],
    "activities": ["kind", "title", "date", "code", "level", "location", "subject", "participants",
                   "notes"],
}
ORDER = list(COLUMNS)  # import order

# ---------------------------------------------------------------- helpers


def cn_num(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十一)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    return dt.date(y, m, min(d.day, monthrange(y, m)[1]))


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def rand_date(lo: dt.date, hi: dt.date) -> dt.date:
    return lo + days(R.randint(0, (hi - lo).days))


def iso(d) -> str:
    return d.isoformat() if d else ""


def ric_check(body17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body17, weights))
    return "10X98765432"[s % 11]


# ---------------------------------------------------------------- people

SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 马 胡 朱 郭 何 罗 高 林 梁 谢 宋 唐 许 韩 冯 曹 彭 曾 "
            "蔡 潘 田 董 袁 于 余 叶 蒋 杜 苏 魏 程 吕 丁 沈 任 姚 卢 傅 钟 姜 崔 谭 廖 范 汪 陆 金 石 "
            "戴 贾 韦 夏 邱 方 侯 邹 熊 孟 秦 白 江 阎 薛 尹 段 雷 黎 史 龙 陶 贺 顾 毛 郝 龚 邵 万 钱 "
            "严 覃 武 莫 孔 向 汤 郑 邓 阮").split()
# the most common surnames are drawn more often
SURNAME_WEIGHTS = [6 if s in "王李张刘陈" else 3 if s in "杨黄赵周吴徐孙马胡朱郭何罗高林" else 1
                   for s in SURNAMES]
MALE_GIVEN = ("建华 建军 建平 建明 国强 国华 国平 国庆 志强 志刚 志明 志勇 伟民 文斌 文华 文军 德明 德贵 "
              "德华 富贵 成林 永福 永胜 永刚 光明 光荣 金山 忠华 东升 新民 春生 江涛 海波 海涛 明辉 立新 "
              "立军 学文 学军 朝阳 树林 茂林 俊杰 鹏飞 晓东 晓峰 家明 家兴 大勇 长青 卫东 洪涛 世平 "
              "正华 玉林 绍军 昌盛 顺利 发明 德福 福林 兴旺 安平 开明 治国 先进 宗明 连生 宏伟 振华 "
              "天明 少华 继红 永强 云峰 子豪 浩然 宇航 俊宇 思远 勇 刚 强 斌 杰 涛 磊 军 平 毅 峰 鹏 "
              "辉 波 林 凯 超 亮 健 彬 锋").split()
FEMALE_GIVEN = ("秀英 秀兰 秀芳 秀珍 桂英 桂兰 桂芳 玉兰 玉梅 玉珍 淑芬 淑华 丽华 丽娟 丽萍 红梅 红霞 "
                "晓燕 晓丽 晓红 春梅 春燕 海燕 雪梅 美玲 凤英 翠兰 金凤 小琴 慧敏 静怡 婷婷 丹丹 佳琪 "
                "雅琴 建英 素芬 月英 兰芳 德兰 国英 会芳 明珍 文静 晓梅 红英 秋菊 冬梅 琳 艳 敏 静 燕 霞 "
                "玲 萍 娟 丽 芳 婷 莉 洁 琴 蓉 梅").split()
BLOCKED = {"刘德华", "张国荣", "李连杰", "王菲", "周华健", "陈红", "李宁", "王强", "张伟", "王伟",
           "李强", "王刚", "陈明", "刘强"}

USED_NAMES: set[str] = set()
USED_IDS: set[str] = set()
PHONES = R.sample(range(10000), 600)
ETHNIC_MINORITIES = ["回族", "回族", "苗族", "苗族", "土家族", "回族"]


def new_name(gender: str, surname: str | None = None) -> str:
    pool = MALE_GIVEN if gender == "male" else FEMALE_GIVEN
    while True:
        s = surname or R.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        name = s + R.choice(pool)
        if name not in USED_NAMES and name not in BLOCKED and name != PAIR_NAME:
            USED_NAMES.add(name)
            return name


def new_id(birth: dt.date, gender: str) -> str:
    while True:
        seq = R.randint(0, 99) * 10 + R.choice([1, 3, 5, 7, 9] if gender == "male" else [0, 2, 4, 6, 8])
        body = f"{AREA_CODE}{birth:%Y%m%d}{seq:03d}"
        number = body + ric_check(body)
        if number not in USED_IDS:
            USED_IDS.add(number)
            return number


def new_phone() -> str:
    return f"1700000{PHONES.pop():04d}"


EDUCATION_BY_OCC = {
    "cadre": (["college", "bachelor", "postgraduate"], [3, 7, 1]),
    "worker": (["junior", "senior", "college"], [4, 5, 2]),
    "farmer": (["primary", "junior", "senior"], [2, 6, 3]),
    "technician": (["college", "bachelor", "postgraduate"], [4, 6, 1]),
    "business": (["senior", "college", "bachelor"], [3, 4, 3]),
    "other": (["junior", "senior", "college"], [2, 4, 2]),
}

VILLAGES = ["三川社区", "河口村", "柏树村", "青龙村", "石桥村", "龙泉村", "桃园村", "白杨村", "新华村",
            "黄土村", "马鞍村", "双河村", "清水村", "红星村", "松林村", "高峰村", "五一村"]
FIRMS = ["三川水泥厂", "三川农机修造厂", "三川酒业有限公司", "县供电公司三川供电所", "三川茶叶加工厂",
         "三川建材有限公司", "三川食品有限公司", "三川砖厂"]


# a post held by one person at a time (village heads, company heads, ...); generic jobs may repeat
GENERIC = ("村民", "居民", "工人", "职工", "技术员", "班组长", "教师", "医生", "护士", "农艺师", "兽医",
           "乡村医生", "个体工商户", "种植大户", "养殖户", "村民小组组长", "居民小组组长", "家庭农场负责人")
USED_POSTS: dict[int, set[str]] = {3: set(), 4: set()}


def unique_post(work: str) -> bool:
    return not work.endswith(GENERIC) and "副" not in work


def _workplace(occ: str, village: str) -> str:
    community = village.endswith("社区")
    if occ == "worker":
        return R.choice(FIRMS) + R.choice(["工人", "职工", "职工", "车间主任", "班组长", "技术员"])
    if occ == "farmer":
        post = R.choice(["村民", "村民", "村民", "种植大户", "养殖户", "村民委员会主任", "村民小组组长",
                         "家庭农场负责人"])
        if community:
            post = post.replace("村民", "居民")
        return village + post
    if occ == "technician":
        return R.choice(["三川镇中心学校教师", "三川镇卫生院医生", "三川镇卫生院护士", "镇农业服务中心农艺师",
                         "三川镇中心幼儿园教师", "镇畜牧兽医站兽医",
                         "三川镇中心学校教师" if community else f"{village}小学教师",
                         "三川社区卫生服务站医生" if community else f"{village}卫生室乡村医生"])
    if occ == "business":
        return f"三川{R.choice(['绿源', '川丰', '鑫达', '兴农', '宏发', '富民', '金穗', '山水'])}" \
               f"{R.choice(['农业开发', '建筑工程', '商贸', '种养殖', '物流', '农产品加工'])}有限公司" \
               f"{R.choice(['董事长', '总经理', '负责人'])}"
    if occ == "other":
        return R.choice(["三川场镇个体工商户" if community else f"{village}个体工商户",
                         "三川社区居民委员会主任", "退休教师", f"{village}妇女主任", "三川场镇个体工商户"])
    raise ValueError(occ)


def workplace_for(occ: str, village: str, term: int) -> str:
    while True:
        work = _workplace(occ, village)
        if not unique_post(work) or work not in USED_POSTS[term]:
            USED_POSTS[term].add(work)
            return work


def person(occ: str, party: str, gender: str, born_lo: str, born_hi: str, *,
           workplace: str = "", surname: str | None = None, name: str | None = None,
           ethnicity: str = "汉族") -> dict:
    birth = rand_date(D(born_lo), D(born_hi))
    edu_choices, edu_weights = EDUCATION_BY_OCC[occ]
    return {
        "name": name or new_name(gender, surname), "gender": gender, "birth_date": birth,
        "ethnicity": ethnicity, "party": party, "education": R.choices(edu_choices, edu_weights)[0],
        "occupation": occ, "workplace": workplace, "phone": new_phone(),
        "id_number": new_id(birth, gender),
    }


# ---------------------------------------------------------------- constituencies

def constituencies():
    seats = [3] * 22 + [2] * 8
    R.shuffle(seats)
    town = [(f"第{cn_num(i + 1)}选区", s, VILLAGES[i % len(VILLAGES)]) for i, s in enumerate(seats)]
    cseats = [3] * 3 + [2] * 7
    R.shuffle(cseats)
    county = [(f"县第{cn_num(12 + i)}选区", s) for i, s in enumerate(cseats)]
    return town, county


TOWN_CONST, COUNTY_CONST = constituencies()
VILLAGE_OF = {c: v for c, _, v in TOWN_CONST}

# ---------------------------------------------------------------- term 3 township deputies

CADRE = "cadre"
def build_term3_township():
    """82 township deputies of the third term with the seed's composition."""
    specs = []

    def spec(occ, party, gender, **kw):
        d = {"occ": occ, "party": party, "gender": gender, "role": "", "re": False, "tag": ""}
        d.update(kw)
        specs.append(d)
        return d

    # presidium: chair + 8 members, all party members (seed: ≥ 90 %)
    spec(CADRE, "cpc", "male", role="chair", re=True, surname="陈", work="三川镇人大主席",
         born=("1966-01-01", "1972-12-31"))
    spec(CADRE, "cpc", "male", role="member", surname="郑", work="三川镇党委书记",
         born=("1970-01-01", "1976-12-31"))
    spec(CADRE, "cpc", "male", role="member", re=True, surname="邓", work="三川镇党委副书记",
         born=("1972-01-01", "1980-12-31"))
    spec(CADRE, "cpc", "male", role="member", work="三川镇纪委书记", born=("1975-01-01", "1982-12-31"))
    spec(CADRE, "cpc", "female", role="member", work="三川镇党委组织委员",
         born=("1978-01-01", "1984-12-31"))
    spec("farmer", "cpc", "male", role="member", re=True, surname="阮", village_secretary=True,
         born=("1960-01-01", "1968-12-31"))
    spec("farmer", "cpc", "male", role="member", re=True, village_secretary=True,
         born=("1962-01-01", "1970-12-31"))
    spec("technician", "cpc", "female", role="member", re=True, work="三川镇中心学校校长",
         born=("1968-01-01", "1974-12-31"))
    spec("business", "cpc", "male", role="member", re=True, born=("1965-01-01", "1975-12-31"))
    # government leaders elected at the first session (deputies, not presidium members)
    spec(CADRE, "cpc", "male", tag="head", work="三川镇人民政府镇长", born=("1973-01-01", "1980-12-31"))
    spec(CADRE, "cpc", "male", tag="vice", work="三川镇人民政府副镇长", born=("1976-01-01", "1985-12-31"))
    spec(CADRE, "cpc", "female", tag="vice", work="三川镇人民政府副镇长", born=("1978-01-01", "1986-12-31"))
    spec(CADRE, "cpc", "male", tag="vice", work="三川镇人民政府副镇长", born=("1975-01-01", "1984-12-31"))
    spec(CADRE, "democratic", "male", tag="vice", work="三川镇人民政府副镇长",
         born=("1974-01-01", "1983-12-31"))
    spec(CADRE, "cpc", "male", tag="vice_loser", work="三川镇党委宣传委员",
         born=("1980-01-01", "1987-12-31"))
    # other cadres
    spec(CADRE, "cpc", "male", re=True, work="三川镇人民武装部部长", born=("1968-01-01", "1976-12-31"))
    spec(CADRE, "cpc", "male", work="三川派出所所长", born=("1972-01-01", "1980-12-31"))
    spec(CADRE, "cpc", "male", work="三川镇党委政法委员", born=("1974-01-01", "1982-12-31"))
    spec(CADRE, "cpc", "female", re=True, work="三川社区党委书记", born=("1970-01-01", "1978-12-31"))
    spec(CADRE, "cpc", "male", work="三川镇党委统战委员", born=("1976-01-01", "1984-12-31"))
    # the same-name pair (both re-elected from the second term, kept out of proposals/activities)
    spec("farmer", "masses", "male", re=True, name=PAIR_NAME, tag="pair",
         born=("1963-03-01", "1963-10-31"))
    spec("worker", "cpc", "male", re=True, name=PAIR_NAME, tag="pair", born=("1979-01-01", "1981-12-31"))
    # the two who leave during the term
    spec("business", "masses", "male", tag="moved", born=("1975-01-01", "1982-12-31"))
    spec("farmer", "masses", "male", tag="deceased", born=("1955-02-01", "1956-12-31"))
    # ordinary deputies: fill the occupation structure
    target = {"cadre": 16, "worker": 15, "farmer": 25, "technician": 12, "business": 9, "other": 5}
    have = {k: sum(1 for s in specs if s["occ"] == k) for k in target}
    rest = []
    for occ in target:
        rest += [occ] * (target[occ] - have[occ])
    R.shuffle(rest)
    ordinary = [spec(occ, "", "", born=("1955-01-06", "1988-01-05")) for occ in rest]
    # party: 53 of 82 in all (64.6 %), 2 of them probationary
    n_party_needed = 53 - sum(1 for s in specs if s["party"] in ("cpc", "cpc_probationary"))
    bias = {"technician": 0.35, "business": 0.3, "worker": 0.1, "farmer": 0.0, "other": 0.1}
    ranked = sorted(ordinary, key=lambda s: R.random() + bias[s["occ"]], reverse=True)
    for i, s in enumerate(ranked):
        if i < n_party_needed:
            s["party"] = "cpc_probationary" if i in (5, 17) else "cpc"
        else:
            s["party"] = "masses"
    non_party = ranked[n_party_needed:]
    non_party[0]["party"] = "democratic"
    non_party[3]["party"] = "independent"
    non_party[7]["party"] = "independent"
    # women: 23 of 82
    n_women = 23 - sum(1 for s in specs if s["gender"] == "female")
    for i, s in enumerate(R.sample(ordinary, len(ordinary))):
        s["gender"] = "female" if i < n_women else "male"
    # re-elected: 31 of 82
    n_re = 31 - sum(1 for s in specs if s["re"])
    for s in R.sample(ordinary, n_re):
        s["re"] = True
    # a few deputies of ethnic minorities
    for s, eth in zip(R.sample(ordinary, 5), ETHNIC_MINORITIES):
        s["eth"] = eth
    # constituencies: shuffle the 82 seats
    slots = [c for c, seats, _ in TOWN_CONST for _ in range(seats)]
    R.shuffle(slots)
    # the two same-name deputies sit in different constituencies
    pair = [s for s in specs if s["tag"] == "pair"]
    if slots[specs.index(pair[0])] == slots[specs.index(pair[1])]:
        i, j = specs.index(pair[1]), specs.index(pair[1]) + 1
        slots[i], slots[j] = slots[j], slots[i]

    deputies = []
    for s, const in zip(specs, slots):
        village = VILLAGE_OF[const]
        work = s.get("work")
        if s.get("village_secretary"):
            work = f"{village}党支部书记" if village != "三川社区" else "三川社区党委副书记"
        if work:
            USED_POSTS[3].add(work)
        else:
            work = workplace_for(s["occ"], village, 3)
        p = person(s["occ"], s["party"], s["gender"], *s["born"], workplace=work,
                   surname=s.get("surname"), name=s.get("name"), ethnicity=s.get("eth", "汉族"))
        p.update(level="township", constituency=const, term=3, elected_on=ELECT3,
                 re_elected=s["re"], presidium_role=s["role"], status="active", status_date=None,
                 tag=s["tag"], left=None)
        if s["tag"] == "moved":
            p.update(status="moved", status_date=MOVED_ON, left=MOVED_ON)
        if s["tag"] == "deceased":
            p.update(status="deceased", status_date=DIED_ON, left=DIED_ON)
        deputies.append(p)
    return deputies


def build_county(term: int, previous: list[dict] | None = None):
    """23 county deputies elected in the township's county constituencies."""
    slots = [c for c, seats in COUNTY_CONST for _ in range(seats)]
    R.shuffle(slots)
    out = []
    keep = []
    if previous:
        keep = R.sample(previous, 9)
    occs = ["cadre"] * 4 + ["worker"] * 4 + ["farmer"] * 7 + ["technician"] * 4 + ["business"] * 3 + ["other"]
    for p in keep:
        occs.remove(p["occupation"]) if p["occupation"] in occs else occs.pop()
    R.shuffle(occs)
    n_party = 15 - sum(1 for p in keep if p["party"].startswith("cpc"))
    n_women = 7 - sum(1 for p in keep if p["gender"] == "female")
    news = len(occs)
    party_flags = [True] * n_party + [False] * (news - n_party)
    women_flags = [True] * n_women + [False] * (news - n_women)
    R.shuffle(party_flags)
    R.shuffle(women_flags)
    cadre_work = ["县人大常委会副主任", "县发展和改革局局长", "县水务局副局长", "县农业农村局副局长",
                  "县自然资源局副局长", "县卫生健康局副局长"]
    cadre_work = [w for w in cadre_work if w not in {p["workplace"] for p in keep}]
    born = ("1955-01-06", "1988-01-05") if term == 3 else ("1960-01-07", "1993-01-05")
    for p in keep:
        q = dict(p)
        q.update(term=term, elected_on=ELECT4, re_elected=True, party="cpc" if p["party"].startswith("cpc") else p["party"])
        out.append(q)
    for occ, is_party, is_woman in zip(occs, party_flags, women_flags):
        party = "cpc" if is_party else R.choice(["masses", "masses", "masses", "democratic"])
        if occ == "cadre":
            party = "cpc"
        work = cadre_work.pop(R.randrange(len(cadre_work))) if occ == "cadre" else workplace_for(occ, R.choice(VILLAGES), term)
        p = person(occ, party, "female" if is_woman else "male", *born, workplace=work)
        p.update(level="county", term=term, elected_on=ELECT3 if term == 3 else ELECT4,
                 re_elected=False, presidium_role="", status="active", status_date=None, tag="", left=None)
        out.append(p)
    if term == 3:  # re-elected from the previous county congress
        for p in R.sample(out, 8):
            p["re_elected"] = True
    for p in out[:len(keep)]:
        slots.remove(p["constituency"])
    for p, const in zip(out[len(keep):], slots):
        p["constituency"] = const
    out.sort(key=lambda p: (COUNTY_CONST.index(next(c for c in COUNTY_CONST if c[0] == p["constituency"])), p["name"]))
    return out


def build_term4_township(t3: list[dict]):
    """82 township deputies of the fourth term: 33 re-elected, 49 new; presidium of 9."""
    const_order = {c: i for i, (c, _, _) in enumerate(TOWN_CONST)}
    prev_presidium = [p for p in t3 if p["presidium_role"]]
    chair = next(p for p in prev_presidium if p["presidium_role"] == "chair")
    keep_members = [p for p in prev_presidium if p["presidium_role"] == "member" and p["re_elected"]][:4]
    eligible = [p for p in t3 if not p["presidium_role"] and p["tag"] in ("", "head", "vice", "vice_loser")]
    keep_others = R.sample(eligible, 33 - 1 - len(keep_members))
    out = []
    for p in [chair] + keep_members + keep_others:
        q = dict(p)
        q.update(term=4, elected_on=ELECT4, re_elected=True, status="active", status_date=None,
                 presidium_role="chair" if p is chair else "member" if p in keep_members else "",
                 party="cpc" if p["party"] == "cpc_probationary" else p["party"], tag="", left=None)
        out.append(q)
    # free seats per constituency
    free = []
    for c, seats, _ in TOWN_CONST:
        free += [c] * (seats - sum(1 for q in out if q["constituency"] == c))
    R.shuffle(free)
    # the township's leadership posts; re-elected holders keep theirs, new cadres fill the rest
    posts = ["三川镇党委书记", "三川镇纪委书记", "三川镇党委组织委员", "三川镇人民政府镇长",
             "三川镇人民政府副镇长", "三川镇人民政府副镇长", "三川镇党委副书记", "三川镇人民政府副镇长",
             "三川镇人民政府副镇长", "三川镇党委宣传委员", "三川镇人民武装部部长", "三川派出所所长",
             "三川镇党委政法委员", "三川社区党委书记", "三川镇党委统战委员", "三川镇党委副书记",
             "三川镇人大主席"]
    for q in out:
        if q["workplace"] in posts:
            posts.remove(q["workplace"])
    # new deputies: 4 new presidium members, then the rest to meet the structure
    new_specs = [
        ("cadre", "cpc", "male", "member", posts.pop(0), ("1975-01-01", "1984-12-31")),
        ("cadre", "cpc", "female", "member", posts.pop(0), ("1978-01-01", "1986-12-31")),
        ("cadre", "cpc", "male", "member", posts.pop(0), ("1980-01-01", "1989-12-31")),
        ("business", "cpc", "male", "member", "", ("1970-01-01", "1982-12-31")),
    ]
    target = {"cadre": 15, "worker": 16, "farmer": 24, "technician": 13, "business": 9, "other": 5}
    have = {k: sum(1 for q in out if q["occupation"] == k) + sum(1 for s in new_specs if s[0] == k)
            for k in target}
    target["cadre"] = min(target["cadre"], have["cadre"] + len(posts))
    occs = []
    for k in target:
        occs += [k] * max(0, target[k] - have[k])
    n_new = 82 - len(out) - len(new_specs)
    while len(occs) < n_new:
        occs.append(R.choice(["farmer", "worker"]))
    occs = occs[:n_new]
    R.shuffle(occs)
    n_party = 53 - sum(1 for q in out if q["party"].startswith("cpc")) - len(new_specs)
    n_women = 25 - sum(1 for q in out if q["gender"] == "female") - 1
    party_flags = [True] * n_party + [False] * (n_new - n_party)
    women_flags = [True] * n_women + [False] * (n_new - n_women)
    R.shuffle(party_flags)
    R.shuffle(women_flags)
    for occ, is_party, is_woman in zip(occs, party_flags, women_flags):
        party = "cpc" if is_party else R.choice(["masses"] * 6 + ["democratic", "independent"])
        if occ == "cadre":
            party = "cpc"
        born = ("1972-01-01", "1990-12-31") if occ == "cadre" else ("1962-01-07", "1993-01-05")
        new_specs.append((occ, party, "female" if is_woman else "male", "",
                          posts.pop(0) if occ == "cadre" else "", born))
    minorities = iter(["苗族", "回族", "土家族"])
    for n, ((occ, party, gender, role, work, born), const) in enumerate(zip(new_specs, free)):
        eth = next(minorities, "汉族") if n % 15 == 7 else "汉族"
        p = person(occ, party, gender, *born,
                   workplace=work or workplace_for(occ, VILLAGE_OF[const], 4), ethnicity=eth)
        p.update(level="township", constituency=const, term=4, elected_on=ELECT4, re_elected=False,
                 presidium_role=role, status="active", status_date=None, tag="", left=None)
        out.append(p)
    out.sort(key=lambda q: (const_order[q["constituency"]], q["name"]))
    return out


T3_TOWN = build_term3_township()
T3_TOWN.sort(key=lambda p: ([c for c, _, _ in TOWN_CONST].index(p["constituency"]), p["birth_date"]))
T3_COUNTY = build_county(3)
# a post held by someone in the third term is not handed to a newcomer of the fourth
USED_POSTS[4] |= {w for w in USED_POSTS[3] if unique_post(w)}
T4_TOWN = build_term4_township(T3_TOWN)
T4_COUNTY = build_county(4, T3_COUNTY)
DEPUTIES = T3_TOWN + T3_COUNTY + T4_TOWN + T4_COUNTY
for i, p in enumerate(DEPUTIES, start=1):
    p["row"] = i


def in_office(p: dict, day: dt.date) -> bool:
    start, end = (T3_START, T3_END) if p["term"] == 3 else (T4_START, T4_END)
    return start <= day <= end and (p["left"] is None or day < p["left"])


def ref(p: dict) -> tuple[str, str]:
    """(name, deputy_id) as written in other files; deputy_id only for the same-name pair."""
    return p["name"], (str(p["row"]) if p["tag"] == "pair" else "")


def names(people) -> str:
    return "、".join(p["name"] for p in people)


PRESIDIUM3 = [p for p in T3_TOWN if p["presidium_role"]]
PRESIDIUM3.sort(key=lambda p: p["presidium_role"] != "chair")
CHAIR3 = PRESIDIUM3[0]
HEAD = next(p for p in T3_TOWN if p["tag"] == "head")
VICES = [p for p in T3_TOWN if p["tag"] == "vice"]
VICE_LOSER = next(p for p in T3_TOWN if p["tag"] == "vice_loser")
MOVED = next(p for p in T3_TOWN if p["tag"] == "moved")
DECEASED = next(p for p in T3_TOWN if p["tag"] == "deceased")
NOT_ON_LEAVE = {id(p) for p in PRESIDIUM3 + [HEAD, VICE_LOSER] + VICES}

# ---------------------------------------------------------------- meetings

PRESIDIUM_DATES = ["2017-02-16", "2017-04-20", "2017-06-22", "2017-09-14", "2017-12-14",
                   "2018-03-22", "2018-06-21", "2018-09-20", "2018-12-13",
                   "2019-03-21", "2019-07-30", "2019-09-19", "2019-12-12",
                   "2020-03-26", "2020-06-18", "2020-09-17", "2020-12-17",
                   "2021-03-25", "2021-06-17", "2021-09-16", "2021-11-25"]
CONGRESS = [  # (date, end date, extraordinary)
    ("2017-01-06", "2017-01-07", False),
    ("2018-01-10", "2018-01-11", False),
    ("2019-01-09", "2019-01-10", False),
    ("2019-08-20", "2019-08-20", True),
    ("2020-01-08", "2020-01-09", False),
    ("2021-01-13", "2021-01-14", False),
]
MEETINGS = []
for i, day in enumerate(PRESIDIUM_DATES, start=1):
    MEETINGS.append({"code": f"P3-{i:02d}", "kind": "presidium", "date": D(day), "end_date": None,
                     "title": f"{TOWN}第三届人大主席团第{cn_num(i)}次会议",
                     "location": "镇政府三楼会议室", "extraordinary": False, "notes": ""})
for i, (day, end, extra) in enumerate(CONGRESS, start=1):
    MEETINGS.append({"code": f"C3-{i}", "kind": "congress", "date": D(day), "end_date": D(end),
                     "title": f"{TOWN}第三届人民代表大会第{cn_num(i)}次会议",
                     "location": "三川镇人民政府大会议室", "extraordinary": extra,
                     "notes": "临时会议，由主席团提议增开" if extra else ""})
MEETINGS.sort(key=lambda m: (m["date"], m["code"]))
M = {m["code"]: m for m in MEETINGS}
SESSION_NO = {f"C3-{i}": i for i in range(1, 7)}

# ---------------------------------------------------------------- attendance

ATTENDANCE = []  # (meeting, deputy dict, status)
PRESENT = {}
absent_once: set[int] = set()
for m in MEETINGS:
    if m["kind"] == "congress":
        roll = [p for p in T3_TOWN if in_office(p, m["date"])]
        n_absent = 0 if m["code"] == "C3-1" else R.choice([0, 1, 1])
        n_leave = 3 if m["code"] == "C3-1" else max(R.randint(1, 4), 3 - n_absent)  # present 92-97 %
        pool = [p for p in roll if id(p) not in NOT_ON_LEAVE]
        leave = R.sample(pool, n_leave)
        absent = R.sample([p for p in pool if p not in leave and p["row"] not in absent_once], n_absent)
        absent_once.update(p["row"] for p in absent)
    else:
        roll = PRESIDIUM3
        if m["code"] == "P3-08":
            n_leave = 1
        else:
            n_leave = R.choices([0, 1, 2], [6, 3, 1])[0]
        leave = R.sample(PRESIDIUM3[1:], n_leave)
        absent = []
    status = {id(p): "present" for p in roll}
    status.update({id(p): "leave" for p in leave})
    status.update({id(p): "absent" for p in absent})
    for p in roll:
        ATTENDANCE.append((m["code"], p, status[id(p)]))
    PRESENT[m["code"]] = sum(1 for v in status.values() if v == "present")
    m["roll"] = len(roll)

# ---------------------------------------------------------------- appointments

APPOINTEES = {k: new_name(g) for k, g in [("X", "male"), ("Y", "male"), ("C", "male"), ("D", "female"),
                                          ("E", "female"), ("F", "male"), ("G", "male"), ("H", "male"),
                                          ("I", "male")]}
APPOINTMENT_PLAN = [  # (meeting, who, action, position, notes)
    ("P3-01", "X", "appoint", "镇党政办公室主任", ""),
    ("P3-01", "Y", "appoint", "镇财政所所长", ""),
    ("P3-02", "C", "appoint", "镇农业服务中心主任", ""),
    ("P3-04", "D", "appoint", "镇社会事务办主任", ""),
    ("P3-06", "Y", "remove", "镇财政所所长", "因工作调动免去职务"),
    ("P3-06", "E", "appoint", "镇财政所所长", ""),
    ("P3-09", "F", "accept_resignation", "镇村镇建设办主任", "本人因身体原因申请辞去职务"),
    ("P3-10", "G", "appoint", "镇村镇建设办主任", ""),
    ("P3-14", "H", "appoint", "镇司法所所长", "因疫情防控要求，表态发言材料待补"),
    ("P3-17", "C", "remove", "镇农业服务中心主任", "因到龄退出领导岗位免去职务"),
    ("P3-18", "I", "appoint", "镇农业服务中心主任", ""),
]
ACTION_WORD = {"appoint": "任命", "remove": "免去", "accept_resignation": "接受"}
APPOINTMENTS = []
for code, who, action, position, notes in APPOINTMENT_PLAN:
    day = M[code]["date"]
    row = {"person": APPOINTEES[who], "position": position, "action": action, "meeting": code,
           "decided_on": day, "party_decision_on": day - days(R.randint(8, 15)), "nomination_on": None,
           "application_on": None, "discussion_on": day, "vote_on": day, "oath_on": None,
           "statement_on": None, "announced_on": day + days(R.randint(1, 3)), "notes": notes}
    if action == "appoint":
        row["nomination_on"] = day - days(R.randint(2, 5))
        row["oath_on"] = day
        row["statement_on"] = None if who == "H" else day
    if action == "accept_resignation":
        row["application_on"] = row["party_decision_on"] - days(R.randint(5, 12))
    APPOINTMENTS.append(row)


def personnel_title(a):
    if a["action"] == "appoint":
        return f"关于任命{a['person']}为{a['position']}的决定"
    if a["action"] == "remove":
        return f"关于免去{a['person']}{a['position']}职务的决定"
    return f"关于接受{a['person']}辞去{a['position']}职务的决定"


# ---------------------------------------------------------------- agenda items

PRESIDIUM_AGENDA = {  # d decision, r report, o other; personnel items are added from the plan
    "P3-01": [("d", "关于三川镇人大主席团2017年工作要点的决定"),
              ("d", "关于三川镇第三届人民代表大会第一次会议代表建议交办方案的决定"),
              ("d", "关于建立主席团成员联系代表制度的决定")],
    "P3-02": [("r", "听取镇人民政府关于2017年第一季度综治维稳工作情况的报告"),
              ("d", "关于2017年度镇人大代表活动计划的决定"),
              ("d", "关于开展美丽乡村建设视察的决定")],
    "P3-03": [("r", "听取镇人民政府关于安全生产工作情况的报告"),
              ("d", "关于三川镇美丽乡村建设（2017—2019年）实施方案的决定"),
              ("d", "关于三川镇2017年“一事一议”财政奖补项目安排的决定"),
              ("d", "关于建立镇人大代表联系选民制度的决定")],
    "P3-04": [("r", "听取镇人民政府关于2017年产业发展情况的报告"),
              ("d", "关于调整镇人民政府2017年民生实事项目的决定"),
              ("d", "关于开展农村养老服务情况调研的决定")],
    "P3-05": [("o", "学习贯彻党的十九大精神"),
              ("d", "关于召开三川镇第三届人民代表大会第二次会议的决定"),
              ("d", "关于第二次会议议程（草案）和日程安排的决定"),
              ("d", "关于主席团2017年工作报告（草案）的决定")],
    "P3-06": [("o", "学习《中华人民共和国宪法修正案》"),
              ("d", "关于三川镇人大主席团2018年工作要点的决定"),
              ("d", "关于第三届人民代表大会第二次会议代表建议交办方案的决定")],
    "P3-07": [("r", "听取镇人民政府关于教育改革发展工作情况的报告"),
              ("d", "关于华丽高速公路三川段征地拆迁安置工作的决定"),
              ("d", "关于开展“一事一议”财政奖补项目视察的决定"),
              ("d", "关于2018年度镇人大代表活动计划的决定")],
    "P3-08": [("r", "听取镇人民政府关于提升人居环境工作情况的报告"),
              ("d", "关于三川镇农村生活垃圾集中收运处理方案的决定"),
              ("f", "关于调整镇区集贸市场搬迁选址方案的决定")],
    "P3-09": [("d", "关于召开三川镇第三届人民代表大会第三次会议的决定"),
              ("d", "关于第三次会议议程（草案）和日程安排的决定"),
              ("d", "关于开展镇人大代表述职评议工作的决定")],
    "P3-10": [("r", "听取镇人民政府关于计划生育工作情况的报告"),
              ("d", "关于三川镇人大主席团2019年工作要点的决定"),
              ("d", "关于第三届人民代表大会第三次会议代表建议交办方案的决定"),
              ("d", f"关于公告{MOVED['name']}代表资格终止的决定")],
    "P3-11": [("d", "关于召开三川镇第三届人民代表大会第四次会议的决定"),
              ("d", "关于提请第四次会议审查批准2019年镇级财政预算调整方案的决定"),
              ("d", "关于第四次会议议程（草案）的决定")],
    "P3-12": [("r", "听取镇人民政府关于民政工作情况的报告"),
              ("d", "关于三川镇国土整治项目实施方案的决定"),
              ("d", "关于三川镇群众文化活动中心建设项目的决定"),
              ("d", "关于2019年下半年镇人大代表活动安排的决定")],
    "P3-13": [("d", "关于召开三川镇第三届人民代表大会第五次会议的决定"),
              ("d", "关于第五次会议议程（草案）和日程安排的决定"),
              ("d", "关于主席团2019年工作报告（草案）的决定")],
    "P3-14": [("r", "听取镇人民政府关于疫情防控和复工复产工作情况的报告"),
              ("d", "关于三川镇人大主席团2020年工作要点的决定"),
              ("d", "关于第三届人民代表大会第五次会议代表建议交办方案的决定")],
    "P3-15": [("r", "听取镇人民政府关于综治维稳工作情况的报告"),
              ("o", f"通报{DECEASED['name']}代表去世情况"),
              ("d", "关于2020年度镇人大代表活动计划的决定"),
              ("d", "关于三川镇决战决胜脱贫攻坚重点工作安排的决定")],
    "P3-16": [("r", "听取镇人民政府关于安全生产工作情况的报告"),
              ("d", "关于三川镇农村饮水安全巩固提升工程的决定"),
              ("d", "关于开展《中华人民共和国农产品质量安全法》执法检查的决定")],
    "P3-17": [("d", "关于召开三川镇第三届人民代表大会第六次会议的决定"),
              ("d", "关于第六次会议议程（草案）和日程安排的决定"),
              ("d", "关于三川镇“十四五”规划纲要（草案）提请审议的决定")],
    "P3-18": [("o", "学习党史学习教育动员大会精神"),
              ("d", "关于三川镇人大主席团2021年工作要点的决定"),
              ("d", "关于第三届人民代表大会第六次会议代表建议交办方案的决定")],
    "P3-19": [("r", "听取镇人民政府关于产业发展工作情况的报告"),
              ("d", "关于县乡两级人大换届选举工作实施方案的决定"),
              ("d", "关于2021年度镇人大代表活动计划的决定")],
    "P3-20": [("r", "听取镇人民政府关于农村人居环境整治工作情况的报告"),
              ("d", "关于开展第三届镇人大代表履职情况评议的决定"),
              ("d", "关于做好换届选举期间代表工作衔接的决定")],
    "P3-21": [("d", "关于召开三川镇第四届人民代表大会第一次会议的决定"),
              ("d", "关于第四届人民代表大会第一次会议议程（草案）的决定"),
              ("d", "关于第三届人大主席团五年工作报告（草案）的决定"),
              ("d", "关于第四届镇人大代表资格审查报告的决定")],
}


def year_of(code):
    return M[code]["date"].year


def congress_agenda(code):
    n = SESSION_NO[code]
    y = year_of(code)
    if n == 1:
        return [("o", "通过《三川镇第三届人民代表大会第一次会议选举办法》"),
                ("e", "选举三川镇第三届人民代表大会主席团成员"),
                ("r", "听取和审议代表资格审查委员会关于代表资格的审查报告"),
                ("r", "听取和审议镇人民政府工作报告"),
                ("r", "听取和审议镇第二届人大主席团工作报告"),
                ("b", "审查和批准三川镇2016年财政预算执行情况和2017年财政预算"),
                ("e", "选举三川镇人民代表大会主席"),
                ("e", "选举三川镇人民政府镇长"),
                ("e", "选举三川镇人民政府副镇长"),
                ("d", "关于镇人民政府工作报告的决议"),
                ("d", "关于镇人大主席团工作报告的决议"),
                ("d", "关于三川镇2017年民生实事项目的决定")]
    if n == 4:
        return [("b", "审查和批准三川镇2019年镇级财政预算调整方案"),
                ("d", "关于批准三川镇2019年镇级财政预算调整方案的决议")]
    items = [("r", "听取和审议镇人民政府工作报告"),
             ("r", "听取和审议镇人大主席团工作报告")]
    if n in (2, 3):
        items += [("b", f"审查和批准三川镇{y - 1}年财政决算"),
                  ("b", f"审查和批准三川镇{y}年财政预算")]
    else:
        items += [("b", f"审查和批准三川镇{y - 1}年财政预算执行情况和{y}年财政预算")]
    items += [("d", "关于镇人民政府工作报告的决议"),
              ("d", "关于镇人大主席团工作报告的决议")]
    if n == 6:
        items += [("d", "关于三川镇国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的决议")]
    else:
        items += [("d", f"关于三川镇{y}年民生实事项目的决定")]
    return items


KIND = {"d": "decision", "f": "decision", "r": "report", "o": "other", "b": "budget", "e": "election",
        "p": "personnel"}
ITEMS = []


def vote(code, method, *, failed=False, personnel=False):
    present = PRESENT[code]
    if failed:
        return {"method": method, "yes": 4, "no": 3, "abstain": 1, "not_voting": 0}
    no = 0 if M[code]["kind"] == "presidium" else R.choice([0, 0, 1])
    abstain = R.choices([0, 1, 2], [6, 3, 1] if M[code]["kind"] == "congress" else [8, 2, 0])[0]
    not_voting = R.choice([0, 1]) if method == "electronic" else 0
    if personnel:
        no, abstain = 0, R.choice([0, 0, 1])
    yes = present - no - abstain - not_voting
    return {"method": method, "yes": yes, "no": no, "abstain": abstain, "not_voting": not_voting}


for m in MEETINGS:
    code = m["code"]
    if m["kind"] == "presidium":
        agenda = list(PRESIDIUM_AGENDA[code])
        agenda += [("p", a) for a in APPOINTMENTS if a["meeting"] == code]
    else:
        agenda = congress_agenda(code)
    for seq, (k, what) in enumerate(agenda, start=1):
        item = {"meeting": code, "seq": seq, "kind": KIND[k], "method": "", "yes": "", "no": "",
                "abstain": "", "not_voting": "", "notes": ""}
        if k == "p":
            item["title"] = personnel_title(what)
            item.update(vote(code, "ballot", personnel=True))
            what["item_seq"] = seq
        else:
            item["title"] = what
            if k in ("d", "f", "b", "o") and not (k == "o" and m["kind"] == "presidium"):
                method = "hands"
                if m["kind"] == "congress" and SESSION_NO[code] >= 5:
                    method = "electronic"
                item.update(vote(code, method, failed=(k == "f")))
            if k == "f":
                item["notes"] = "赞成票未超过全体主席团成员的半数，未通过"
            if k == "e":
                item["method"] = "ballot"
                item["notes"] = "选举结果见 elections.csv"
        ITEMS.append(item)

# ---------------------------------------------------------------- elections (C3-1)

ELECTIONS = []
issued = PRESENT["C3-1"]


def contest(post, seats, ranked_people, invalid, winner_range, loser_range=None):
    valid = issued - invalid
    for i, who in enumerate(ranked_people):
        if i < seats:
            votes = R.randint(*winner_range)
        else:
            votes = R.randint(*loser_range)
        ELECTIONS.append({"meeting": "C3-1", "post": post, "seats": seats,
                          "candidate": who if isinstance(who, str) else who["name"],
                          "votes": min(votes, valid), "ballots_issued": issued,
                          "ballots_returned": issued, "ballots_invalid": invalid})


contest("主席团成员", 9, PRESIDIUM3, 0, (issued - 6, issued))
contest("主席", 1, [CHAIR3], 1, (issued - 4, issued - 1))
contest("镇长", 1, [HEAD], 0, (issued - 5, issued))
vice_votes = sorted(R.sample(range(55, issued - 2), 4), reverse=True)
for v, p in zip(vice_votes, VICES):
    ELECTIONS.append({"meeting": "C3-1", "post": "副镇长", "seats": 4, "candidate": p["name"], "votes": v,
                      "ballots_issued": issued, "ballots_returned": issued, "ballots_invalid": 2})
ELECTIONS.append({"meeting": "C3-1", "post": "副镇长", "seats": 4, "candidate": VICE_LOSER["name"],
                  "votes": R.randint(24, 38), "ballots_issued": issued, "ballots_returned": issued,
                  "ballots_invalid": 2})

# The officials the first session elected take the constitutional oath before the session closes, and the
# election is announced (宪法宣誓; the office-holder records `election add` makes, action `elect`): the
# appointments file fills in those steps. (After the agenda above: they are not presidium agenda items.)
_closing = M["C3-1"]["end_date"]
APPOINTMENTS[:0] = [
    {"person": who["name"], "position": post, "action": "elect", "meeting": "C3-1", "decided_on": None,
     "party_decision_on": None, "nomination_on": None, "application_on": None, "discussion_on": None,
     "vote_on": None, "oath_on": _closing, "statement_on": _closing if post == "镇长" else None,
     "announced_on": _closing, "notes": ""}
    for post, who in [("主席", CHAIR3), ("镇长", HEAD)] + [("副镇长", v) for v in VICES]]

# ---------------------------------------------------------------- proposals

TOPICS = [  # (title, body, category, unit, needs a village)
    ("关于硬化{v}通组道路的建议", "{v}部分村民小组至今仍为泥结石路面，雨天出行十分困难。建议将该路段纳入年度通组道路硬化计划。", "交通运输", "县交通运输局", True),
    ("关于整治{v}山坪塘的建议", "{v}山坪塘年久失修，渗漏严重，影响周边农田灌溉。建议尽快安排资金整治。", "农业农村", "镇农业服务中心", True),
    ("关于在{v}安装太阳能路灯的建议", "{v}聚居点夜间没有照明，群众出行存在安全隐患。建议安装太阳能路灯。", "城乡建设", "镇村镇建设办", True),
    ("关于增设{v}生活垃圾收集点的建议", "{v}垃圾收集点过少，部分群众随意倾倒垃圾。建议增设垃圾收集点并定期清运。", "生态环境", "镇综合执法队", True),
    ("关于开通三川场镇至{v}农村客运班线的建议", "{v}群众赶场、就医只能步行或搭乘摩托车，安全隐患大。建议开通农村客运班线。", "交通运输", "县交通运输局", True),
    ("关于改善{v}卫生室医疗条件的建议", "{v}卫生室设备陈旧，常用药品不全。建议更新设备并充实药品。", "教育卫生", "镇卫生院", True),
    ("关于在{v}建设农村互助养老服务点的建议", "{v}留守老人较多，日常照料困难。建议利用闲置村小建设互助养老服务点。", "社会保障", "镇社会事务办", True),
    ("关于及时兑现耕地地力保护补贴的建议", "部分农户反映耕地地力保护补贴发放不及时。建议加快核实进度，按时足额发放。", "农业农村", "镇财政所", False),
    ("关于整治{v}灌溉渠系的建议", "{v}灌溉渠淤塞、垮塌多处，影响春耕用水。建议组织清淤并修复渠堤。", "农业农村", "镇农业服务中心", True),
    ("关于改善中心学校周边交通秩序的建议", "上下学时段三川镇中心学校门口车辆乱停乱放，学生安全隐患突出。建议设置减速带并安排专人值守。", "教育卫生", "镇中心学校", False),
    ("关于加快{v}农村危房改造进度的建议", "{v}仍有部分农户居住在危房中。建议加快危房改造审批和资金拨付。", "城乡建设", "镇村镇建设办", True),
    ("关于加强{v}河道垃圾清理的建议", "{v}河道漂浮垃圾较多，影响水质和环境。建议建立河道日常保洁机制。", "生态环境", "镇综合执法队", True),
    ("关于在{v}增设公交招呼站的建议", "{v}沿线群众候车没有遮挡。建议增设公交招呼站。", "交通运输", "县交通运输局", True),
    ("关于提高农村低保评审透明度的建议", "群众对低保评审过程了解不多。建议严格执行公示制度，接受群众监督。", "社会保障", "镇社会事务办", False),
    ("关于解决{v}群众饮水困难的建议", "{v}部分农户旱季饮水困难。建议延伸集中供水管网。", "农业农村", "镇村镇建设办", True),
    ("关于为{v}小学配备音体美教师的建议", "{v}小学缺少专职音体美教师，课程开不齐。建议通过走教等方式解决。", "教育卫生", "镇中心学校", True),
    ("关于加强场镇农贸市场管理的建议", "场镇农贸市场占道经营、污水横流。建议加强日常管理，规范经营秩序。", "城乡建设", "镇综合执法队", False),
    ("关于扩建三川镇卫生院住院部的建议", "镇卫生院住院床位不足，冬春季节经常加床。建议争取项目资金扩建住院部。", "教育卫生", "镇卫生院", False),
    ("关于加大农业实用技术培训力度的建议", "群众缺乏种养殖技术，产业效益不高。建议每年定期开展实用技术培训。", "农业农村", "镇农业服务中心", False),
    ("关于修缮{v}便民桥的建议", "{v}便民桥桥面破损，汛期存在安全隐患。建议尽快维修加固。", "交通运输", "镇村镇建设办", True),
    ("关于在{v}建设文化活动广场的建议", "{v}群众缺少文体活动场所。建议建设小型文化活动广场。", "城乡建设", "镇社会事务办", True),
    ("关于治理{v}畜禽养殖污染的建议", "{v}部分养殖场粪污直排，气味难闻。建议督促配套粪污处理设施。", "生态环境", "镇农业服务中心", True),
    ("关于及时发放高龄老人津贴的建议", "部分高龄老人反映津贴发放不及时。建议简化审核程序，按月发放。", "社会保障", "镇社会事务办", False),
    ("关于治理{v}地质灾害隐患点的建议", "{v}有一处山体滑坡隐患点威胁多户群众安全。建议尽快实施治理或搬迁避让。", "城乡建设", "镇村镇建设办", True),
    ("关于方便群众医保报销的建议", "群众反映医保报销需多次往返县城。建议在镇卫生院设立报销服务窗口。", "社会保障", "镇卫生院", False),
    ("关于扶持{v}特色种植产业的建议", "{v}土壤气候适宜发展特色种植。建议在种苗、技术和销售上给予扶持。", "农业农村", "镇农业服务中心", True),
    ("关于加强校车安全管理的建议", "部分学生乘坐无资质车辆上下学。建议规范校车运营，加强安全检查。", "教育卫生", "镇中心学校", False),
    ("关于拓宽三川至{v}公路的建议", "三川至{v}公路路面窄、弯道多，会车困难。建议列入县乡公路改造计划。", "交通运输", "县交通运输局", True),
    ("关于在{v}建设农村污水处理设施的建议", "{v}聚居点生活污水直排，影响环境卫生。建议建设小型污水处理设施。", "生态环境", "镇村镇建设办", True),
    ("关于加强留守儿童关爱服务的建议", "全镇留守儿童较多，缺少课后看护。建议依托学校和社区开展关爱服务。", "社会保障", "镇社会事务办", False),
    ("关于增设{v}道路安全防护栏的建议", "{v}临崖路段没有防护设施，多次发生险情。建议增设安全防护栏。", "交通运输", "县交通运输局", True),
    ("关于加强秸秆禁烧宣传和综合利用的建议", "每年收获季节仍有焚烧秸秆现象。建议加强宣传并推广秸秆还田。", "生态环境", "镇农业服务中心", False),
    ("关于规范农村建房审批的建议", "农村建房审批程序群众不清楚，存在未批先建。建议公开办事流程，提供上门服务。", "城乡建设", "镇村镇建设办", False),
    ("关于增加{v}公益性岗位的建议", "{v}部分脱贫户劳动力弱、就业难。建议增设保洁、护林等公益性岗位。", "社会保障", "镇社会事务办", True),
]
REPLY = {
    "A": ["经研究，该事项已安排资金实施完毕，问题已得到解决。", "已会同相关村组完成整改，问题已解决。",
          "已按建议落实到位，群众反映的问题已基本解决。"],
    "B": ["该事项已列入本年度工作计划，目前正在组织实施。", "项目已立项，正在开展前期工作，预计年内完成。"],
    "C": ["该事项已列入下一年度工作计划，将根据资金情况逐步解决。", "已纳入相关规划，将分年度逐步实施。"],
    "D": ["因资金和政策条件限制，暂时无法实施，已作为今后工作的参考。"],
}
SESSION_COUNTS = {"C3-1": 18, "C3-2": 14, "C3-3": 13, "C3-5": 11, "C3-6": 10}
RESULTS = ["A"] * 36 + ["B"] * 17 + ["C"] * 10 + ["D"] * 3
R.shuffle(RESULTS)
LATE = set(R.sample(range(66), 3))
COMPLEX = set(R.sample([i for i in range(66) if i not in LATE], 5))

PROPOSALS = []
used_titles: set[str] = set()


def draw_topic(session_topics: set[int]):
    """A topic not yet used at this session, about a village not yet named in it."""
    while True:
        k = R.randrange(len(TOPICS))
        title, body, cat, unit, village = TOPICS[k]
        v = R.choice(VILLAGES[1:]) if village else ""
        t = title.format(v=v)
        if t not in used_titles and k not in session_topics:
            used_titles.add(t)
            session_topics.add(k)
            return t, body.format(v=v), cat, unit


def draw_people(day, level_pool, n_co):
    # government leaders answer suggestions rather than sign them
    eligible = [p for p in level_pool if in_office(p, day) and p["tag"] != "pair"
                and "人民政府" not in p["workplace"]]
    chosen = R.sample(eligible, n_co + 1)
    return chosen[0], chosen[1:]


idx = 0
for code, count in SESSION_COUNTS.items():
    day = M[code]["date"]
    prefix = f"三届{cn_num(SESSION_NO[code])}次"
    session_topics: set[int] = set()
    for seq in range(1, count + 1):
        title, body, cat, unit = draw_topic(session_topics)
        lead, cos = draw_people(day, T3_TOWN, R.choice([0, 1, 2, 2, 3, 3, 4]))
        assigned = M[code]["end_date"] + days(R.randint(5, 20))
        if assigned.day > 28:
            assigned = assigned.replace(day=28)
        is_complex = idx in COMPLEX
        due = add_months(assigned, 6 if is_complex else 3)
        if idx in LATE:
            replied = due + days(R.randint(5, 8))
        else:
            replied = assigned + days(R.randint(25, (due - assigned).days - 6))
        result = RESULTS[idx]
        if result == "A":
            feedback = R.choice(["satisfied"] * 4 + ["basic"])
        elif result == "B":
            feedback = R.choice(["satisfied", "basic"])
        else:
            feedback = "basic"
        feedback_on = replied + days(R.randint(5, 20))
        PROPOSALS.append({
            "kind": "suggestion", "title": title, "submitted_on": day, "lead": lead["name"],
            "code": f"{prefix}-{seq:03d}", "body": body, "category": cat, "meeting": code,
            "cosigners": names(cos), "unit": unit, "assigned_on": assigned, "due_on": None,
            "complex": is_complex, "replied_on": replied, "result": result,
            "reply": R.choice(REPLY[result]), "feedback": feedback, "feedback_on": feedback_on,
            "closed_on": feedback_on + days(R.randint(1, 10)),
        })
        idx += 1

# term 4: five suggestions between sessions in 2026, still open on 2026-11-28
OPEN_2026 = [("2026-07-10", "2026-07-20"), ("2026-08-25", "2026-09-01"), ("2026-10-09", "2026-10-16"),
             ("2026-11-02", "2026-11-10"), ("2026-11-20", None)]
topics_2026: set[int] = set()
for seq, (sub, assigned) in enumerate(OPEN_2026, start=1):
    title, body, cat, unit = draw_topic(topics_2026)
    lead, cos = draw_people(D(sub), T4_TOWN, R.choice([0, 1, 2]))
    PROPOSALS.append({
        "kind": "suggestion", "title": title, "submitted_on": D(sub), "lead": lead["name"],
        "code": f"2026-{seq:03d}", "body": body, "category": cat, "meeting": "",
        "cosigners": names(cos), "unit": unit if assigned else "", "assigned_on": D(assigned) if assigned else None,
        "due_on": None, "complex": False, "replied_on": None, "result": "", "reply": "", "feedback": "",
        "feedback_on": None, "closed_on": None,
    })

# ---------------------------------------------------------------- activities

ACTIVITY_PLAN = [  # (date, kind, level, title, location, subject, participants: "new"/"all"/n)
    ("2017-02-23", "training", "township", "新任代表履职培训", "镇政府三楼会议室", "代表履职基本知识", "new"),
    ("2017-03-16", "training", "county", "新当选县人大代表县委党校学习培训", "县委党校", "县人大代表履职培训", "all"),
    ("2017-05-18", "inspection", "county", "视察华丽高速公路三川段建设", "华丽高速公路三川段施工现场", "华丽高速公路", 14),
    ("2017-06-29", "inspection", "township", "视察美丽乡村建设", "青龙村、桃园村", "美丽乡村", 18),
    ("2017-10-19", "survey", "township", "农村养老服务情况调研", "河口村、白杨村", "农村养老服务", 12),
    ("2018-04-26", "study", "township", "赴邻县实地参观美丽乡村建设", "邻县美丽乡村示范村", "美丽乡村建设经验", 22),
    ("2018-07-12", "inspection", "township", "视察“一事一议”财政奖补项目", "石桥村、双河村", "“一事一议”财政奖补", 16),
    ("2018-10-25", "contact", "county", "县人大代表联系选民活动", "三川社区代表联络站", "联系选民", 12),
    ("2019-04-18", "inspection", "township", "视察农业综合开发项目", "龙泉村、新华村", "农业综合开发", 15),
    ("2019-05-16", "study", "township", "外出考察现代农业园区", "县现代农业园区", "现代农业发展", 20),
    ("2019-10-17", "inspection", "township", "视察国土整治项目", "黄土村、马鞍村", "国土整治", 14),
    ("2020-07-09", "group", "township", "代表小组活动：走访困难群众", "清水村、红星村", "困难群众帮扶", 10),
    ("2020-08-20", "survey", "county", "县乡公路养护情况调研", "三川至县城公路沿线", "县乡公路养护", 9),
    ("2020-10-15", "inspection", "township", "视察群众文化活动中心建设", "三川镇群众文化活动中心", "群众文化活动中心", 17),
    ("2020-10-29", "enforcement", "township", "《中华人民共和国农产品质量安全法》执法检查", "场镇农贸市场及种养殖基地", "农产品质量安全", 11),
    ("2020-11-12", "study", "township", "实地参观乡村振兴示范村", "县乡村振兴示范村", "乡村振兴", 24),
    ("2021-05-20", "contact", "township", "镇人大代表联系选民活动", "各村（社区）代表联络点", "联系选民", 28),
    ("2021-06-24", "enforcement", "county", "配合县人大常委会开展《中华人民共和国环境保护法》执法检查", "三川镇辖区企业", "环境保护", 10),
    ("2021-09-23", "study", "township", "外出考察基层人大工作", "邻县乡镇人大代表之家", "基层人大工作", 18),
]
ACTIVITIES = []
for i, (day, kind, level, title, loc, subject, who) in enumerate(ACTIVITY_PLAN, start=1):
    day = D(day)
    pool = [p for p in (T3_TOWN if level == "township" else T3_COUNTY) if in_office(p, day) and p["tag"] != "pair"]
    if who == "new":
        people = [p for p in pool if not p["re_elected"]]
    elif who == "all":
        people = pool
    else:
        chosen = set(id(p) for p in R.sample(pool, who))
        people = [p for p in pool if id(p) in chosen]
    ACTIVITIES.append({"kind": kind, "title": title, "date": day, "code": f"A3-{i:03d}", "level": level,
                       "location": loc, "subject": subject, "participants": names(people), "notes": ""})

# ---------------------------------------------------------------- writing

TERMS = [{"number": 3, "start_date": T3_START, "end_date": T3_END},
         {"number": 4, "start_date": T4_START, "end_date": T4_END}]


def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"  # the CSV contract's form (是/否 under --headers zh)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def rows_for(kind):
    if kind == "terms":
        return TERMS
    if kind == "deputies":
        return [dict(p, status_date=p["status_date"]) for p in DEPUTIES]
    if kind == "meetings":
        return [dict(m, term=3, present="", entitled="") for m in MEETINGS]
    if kind == "attendance":
        out = []
        for code, p, status in ATTENDANCE:
            name, did = ref(p)
            out.append({"meeting": code, "deputy": name, "status": status, "deputy_id": did})
        return out
    if kind == "items":
        return ITEMS
    if kind == "elections":
        return ELECTIONS
    if kind == "appointments":
        return APPOINTMENTS
    if kind == "proposals":
        return PROPOSALS
    if kind == "activities":
        return ACTIVITIES
    raise KeyError(kind)


def write_all():
    for kind in ORDER:
        path = os.path.join(HERE, f"{kind}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS[kind])
            for row in rows_for(kind):
                w.writerow([cell(row.get(c)) for c in COLUMNS[kind]])


# ---------------------------------------------------------------- --check


def check():  # noqa: C901 - a flat list of assertions reads best
    """Re-read the CSV files (not the in-memory data) and assert the seed's figures and the rules."""
    def load(kind):
        path = os.path.join(HERE, f"{kind}.csv")
        with open(path, "rb") as f:
            raw = f.read()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, f"{kind}: BOM or CR"
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == COLUMNS[kind], f"{kind}: header {rows[0]}"
        return [dict(zip(rows[0], r)) for r in rows[1:]]

    data = {k: load(k) for k in ORDER}
    deps = data["deputies"]
    for i, d in enumerate(deps, start=1):
        d["row"] = i
        d["_left"] = D(d["status_date"]) if d["status"] not in ("", "active") else None
    dd = D

    def t(term, level=None):
        return [d for d in deps if d["term"] == str(term) and (level is None or d["level"] == level)]

    def office(d, day):
        start, end = (T3_START, T3_END) if d["term"] == "3" else (T4_START, T4_END)
        return start <= day <= end and (d["_left"] is None or day < d["_left"])

    party = ("cpc", "cpc_probationary")
    # --- deputies
    t3t, t3c, t4t, t4c = t(3, "township"), t(3, "county"), t(4, "township"), t(4, "county")
    assert (len(t3t), len(t3c), len(t4t), len(t4c)) == (82, 23, 82, 23)
    assert all(d["term"] == "3" for d in deps[:105]) and all(d["term"] == "4" for d in deps[105:])
    for group in (t3t, t4t):
        active = [d for d in group if d["status"] in ("", "active")]
        pres = [d for d in group if d["presidium_role"]]
        assert sum(d["party"] in party for d in active) / len(active) >= 0.60
        assert sum(d["re_elected"] == "true" for d in active) / len(active) >= 1 / 3
        assert len(pres) == 9 and all(d["party"] in party for d in pres)
        assert sorted(d["presidium_role"] for d in pres) == ["chair"] + ["member"] * 8
        counts = {}
        for d in group:
            counts[d["constituency"]] = counts.get(d["constituency"], 0) + 1
        assert all(1 <= n <= 3 for n in counts.values())
    for group in (t3c, t4c):
        counts = {}
        for d in group:
            counts[d["constituency"]] = counts.get(d["constituency"], 0) + 1
        assert all(1 <= n <= 3 for n in counts.values())
    for term in (3, 4):  # one holder per post (village head, company head, party secretary ...)
        posts = [d["workplace"] for d in t(term) if unique_post(d["workplace"])]
        assert len(posts) == len(set(posts)), term
    t3names = [d["name"] for d in t(3)]
    dup = {n for n in t3names if t3names.count(n) > 1}
    assert dup == {PAIR_NAME} and t3names.count(PAIR_NAME) == 2
    pair_rows = [d["row"] for d in t(3) if d["name"] == PAIR_NAME]
    assert len({d["constituency"] for d in t(3) if d["name"] == PAIR_NAME}) == 2
    assert pair_rows == [20, 25], "README.md names these rows"
    assert len({d["name"] for d in t(4)}) == len(t(4))
    left = sorted((d["status"], d["status_date"]) for d in t(3) if d["status"] not in ("", "active"))
    assert left == [("deceased", "2020-06-02"), ("moved", "2019-03-10")]
    assert all(not d["presidium_role"] for d in t(3) if d["_left"])
    surnames = {d["name"][0] for d in deps}
    assert set("陈郑邓阮") <= surnames
    ids = [d["id_number"] for d in deps]
    assert len(set(ids)) == len({(d["name"], d["birth_date"]) for d in deps})
    for d in deps:
        n = d["id_number"]
        assert len(n) == 18 and n[:17].isdigit() and n[17] == ric_check(n[:17]), n
        assert n[6:14] == d["birth_date"].replace("-", "")
        assert (int(n[16]) % 2 == 1) == (d["gender"] == "male")
        if d["term"] == "3" or d["re_elected"] == "false":
            age = (dt.date(2017 if d["term"] == "3" else 2022, 1, 5) - dd(d["birth_date"])).days / 365.25
            assert 28 <= age <= 62.1, (d["name"], age)
        assert d["phone"].startswith("1700000") and len(d["phone"]) == 11
    # re-elected term-4 deputies are the same people as in term 3
    by_id3 = {d["id_number"]: d for d in t(3)}
    re4 = [d for d in t4t if d["re_elected"] == "true"]
    assert all(d["id_number"] in by_id3 and by_id3[d["id_number"]]["name"] == d["name"] for d in re4)
    assert abs(len(re4) / 82 - 0.40) < 0.03
    new4 = [d for d in t(4) if d["id_number"] not in by_id3]
    assert not ({d["name"] for d in new4} & set(t3names))

    # --- meetings & attendance
    meetings = {m["code"]: m for m in data["meetings"]}
    pres_m = [m for m in data["meetings"] if m["kind"] == "presidium"]
    cong_m = [m for m in data["meetings"] if m["kind"] == "congress"]
    assert len(pres_m) == 21 and len(cong_m) == 6
    assert sum(m["extraordinary"] == "true" for m in cong_m) == 1
    for m in data["meetings"]:
        day = dd(m["date"])
        assert T3_START <= day <= T3_END and day.weekday() < 5 and not m["present"] and not m["entitled"]
    by_year = {}
    for m in pres_m:
        by_year[m["date"][:4]] = by_year.get(m["date"][:4], 0) + 1
    assert all(4 <= n <= 5 for n in by_year.values()), by_year
    att = {}
    for a in data["attendance"]:
        att.setdefault(a["meeting"], []).append(a)
    name_index = {}
    for d in deps:
        name_index.setdefault((d["term"], d["name"]), []).append(d)

    def resolve(term, name, did=""):
        found = name_index.get((term, name), [])
        assert found, (term, name)
        if len(found) > 1:
            assert did, f"{name} needs deputy_id"
            return next(d for d in found if str(d["row"]) == did)
        assert not did
        return found[0]

    absents = {}
    present = {}
    for m in data["meetings"]:
        rows = att[m["code"]]
        people = [resolve("3", a["deputy"], a["deputy_id"]) for a in rows]
        assert len({d["row"] for d in people}) == len(people)
        day = dd(m["date"])
        if m["kind"] == "congress":
            roll = [d for d in t3t if office(d, day)]
        else:
            roll = [d for d in t3t if d["presidium_role"]]
        assert sorted(d["row"] for d in people) == sorted(d["row"] for d in roll), m["code"]
        n_present = sum(a["status"] == "present" for a in rows)
        present[m["code"]] = n_present
        m["_roll"] = len(roll)
        if m["kind"] == "congress":
            assert n_present * 3 >= 2 * len(roll) and 0.92 <= n_present / len(roll) <= 0.975
            assert 1 <= sum(a["status"] == "leave" for a in rows) <= 5
            assert sum(a["status"] == "absent" for a in rows) <= 1
            for a, d in zip(rows, people):
                if a["status"] == "absent":
                    absents[d["row"]] = absents.get(d["row"], 0) + 1
        else:
            assert 7 <= n_present <= 9 and n_present * 2 > 9
            assert all(a["status"] in ("present", "leave") for a in rows)
    assert all(n < 2 for n in absents.values())
    assert [m["_roll"] for m in cong_m] == [82, 82, 82, 81, 81, 80]

    # --- items
    items = data["items"]
    pres_codes = {m["code"] for m in pres_m}
    cong_codes = {m["code"] for m in cong_m}
    decisions = [i for i in items if i["meeting"] in pres_codes and i["kind"] == "decision"]
    assert len(decisions) == 54
    assert sum(i["kind"] in ("decision", "report", "budget") for i in items if i["meeting"] in cong_codes) == 35
    assert all(i["meeting"] == "C3-1" for i in items if i["kind"] == "election")
    failed = 0
    for i in items:
        if not i["method"] or not i["yes"]:
            assert i["kind"] in ("report", "other", "election"), i
            continue
        m = meetings[i["meeting"]]
        yes, no, ab, nv = (int(i[k]) for k in ("yes", "no", "abstain", "not_voting"))
        assert yes + no + ab + nv <= present[m["code"]], i
        if yes * 2 <= m["_roll"]:
            failed += 1
            assert m["kind"] == "presidium" and i["kind"] == "decision", i
        if i["kind"] == "personnel":
            assert i["method"] == "ballot"
    assert failed == 1
    for m in pres_m:
        seqs = [int(i["seq"]) for i in items if i["meeting"] == m["code"]]
        assert seqs == list(range(1, len(seqs) + 1))

    # --- elections
    el = data["elections"]
    assert {e["meeting"] for e in el} == {"C3-1"}
    posts = {}
    for e in el:
        posts.setdefault(e["post"], []).append(e)
    assert {p: len(v) for p, v in posts.items()} == {"主席团成员": 9, "主席": 1, "镇长": 1, "副镇长": 5}
    elected = 0
    for post, rows in posts.items():
        seats = int(rows[0]["seats"])
        extra = len(rows) - seats
        assert extra == 0 or (post == "副镇长" and 1 <= extra <= 3)
        for e in rows:
            issued_, returned, invalid = int(e["ballots_issued"]), int(e["ballots_returned"]), int(e["ballots_invalid"])
            assert issued_ == present["C3-1"] and returned <= issued_ and 0 <= invalid <= 2
            assert int(e["votes"]) <= returned - invalid
            resolve("3", e["candidate"])
        ranked = sorted(rows, key=lambda e: -int(e["votes"]))
        winners = [e for e in ranked[:seats] if int(e["votes"]) * 2 > 82]
        assert len(winners) == seats
        assert all(int(e["votes"]) * 2 <= 82 for e in ranked[seats:])
        if len(ranked) > seats:
            assert int(ranked[seats]["votes"]) < int(ranked[seats - 1]["votes"])
        elected += len(winners)
    assert elected == 15
    pres_names = sorted(d["name"] for d in t3t if d["presidium_role"])
    assert sorted(e["candidate"] for e in posts["主席团成员"]) == pres_names
    assert posts["主席"][0]["candidate"] == next(d["name"] for d in t3t if d["presidium_role"] == "chair")

    # --- appointments
    elected = [a for a in data["appointments"] if a["action"] == "elect"]
    assert sorted(a["position"] for a in elected) == ["主席", "副镇长", "副镇长", "副镇长", "副镇长", "镇长"]
    assert all(a["meeting"] == "C3-1" and a["oath_on"] and a["announced_on"] for a in elected)
    ap = [a for a in data["appointments"] if a["action"] != "elect"]  # the presidium's 11 人次
    assert len(ap) == 11
    assert sorted(a["action"] for a in ap).count("remove") == 2
    assert [a["action"] for a in ap].count("accept_resignation") == 1
    assert sum(a["action"] == "appoint" and not a["statement_on"] for a in ap) == 1
    for a in ap:
        m = meetings[a["meeting"]]
        assert m["kind"] == "presidium" and a["decided_on"] == m["date"]
        assert any(i["meeting"] == m["code"] and i["kind"] == "personnel" and a["person"] in i["title"]
                   for i in items)
        assert dd(a["party_decision_on"]) < dd(a["discussion_on"]) == dd(a["vote_on"]) == dd(a["decided_on"])
        assert dd(a["decided_on"]) <= dd(a["announced_on"])
        if a["action"] == "appoint":
            assert a["oath_on"] and dd(a["party_decision_on"]) < dd(a["nomination_on"]) <= dd(a["discussion_on"])
            assert dd(a["decided_on"]) <= dd(a["oath_on"]) <= dd(a["announced_on"])
            if a["statement_on"]:
                assert a["statement_on"] == a["oath_on"]
        else:
            assert not a["oath_on"] and not a["statement_on"] and not a["nomination_on"]
        if a["action"] == "accept_resignation":
            assert dd(a["application_on"]) < dd(a["party_decision_on"])
        assert not name_index.get(("3", a["person"]))

    # --- proposals
    pr = data["proposals"]
    t3p = [p for p in pr if T3_START <= dd(p["submitted_on"]) <= T3_END]
    assert len(t3p) == 66 and all(p["kind"] == "suggestion" for p in t3p)
    late = 0
    for p in t3p:
        m = meetings[p["meeting"]]
        assert p["submitted_on"] == m["date"] and m["kind"] == "congress"
        assert p["code"].startswith("三届" + cn_num(int(m["code"][3:])) + "次-")
        assert not p["due_on"]
        assigned = dd(p["assigned_on"])
        assert 5 <= (assigned - dd(p["submitted_on"])).days <= 21
        due = add_months(assigned, 6 if p["complex"] == "true" else 3)
        replied = dd(p["replied_on"])
        if replied > due:
            late += 1
            assert 3 <= (replied - due).days <= 10
        else:
            assert (due - replied).days >= 5
        assert replied < dd(p["feedback_on"]) < dd(p["closed_on"])
        assert p["feedback"] in ("satisfied", "basic") and p["result"] in "ABCD"
        for nm in [p["lead"]] + [c for c in p["cosigners"].split("、") if c]:
            d = resolve("3", nm)
            assert d["level"] == "township" and office(d, dd(p["submitted_on"]))
        assert 0 <= len([c for c in p["cosigners"].split("、") if c]) <= 4
        assert "人民政府" not in resolve("3", p["lead"])["workplace"]
    assert late == 3
    assert sum(p["complex"] == "true" for p in t3p) == 5
    res = [p["result"] for p in t3p]
    assert (res.count("A"), res.count("B"), res.count("C"), res.count("D")) == (36, 17, 10, 3)
    assert len({p["code"] for p in pr}) == len(pr) and len({p["title"] for p in pr}) == len(pr)
    t4p = [p for p in pr if dd(p["submitted_on"]) >= T4_START]
    assert len(t4p) == 5 and all(not p["replied_on"] and not p["meeting"] for p in t4p)
    for p in t4p:
        for nm in [p["lead"]] + [c for c in p["cosigners"].split("、") if c]:
            assert resolve("4", nm)["level"] == "township"
    overdue = [p for p in t4p if p["assigned_on"] and add_months(dd(p["assigned_on"]), 3) < TODAY]
    soon = [p for p in t4p if p["assigned_on"] and 0 <= (add_months(dd(p["assigned_on"]), 3) - TODAY).days <= 14]
    assert len(overdue) == 1 and len(soon) == 1 and sum(not p["assigned_on"] for p in t4p) == 1

    # --- activities
    acts = data["activities"]
    deputy_acts = [a for a in acts if a["kind"] not in ("training", "study")]
    assert sum(a["level"] == "township" for a in deputy_acts) == 9
    assert sum(a["level"] == "county" for a in deputy_acts) == 4
    assert sum(a["kind"] in ("training", "study") for a in acts) == 6
    assert sum(a["kind"] == "study" for a in acts) == 4
    for a in acts:
        day = dd(a["date"])
        assert T3_START <= day <= T3_END
        ppl = [resolve("3", n) for n in a["participants"].split("、")]
        assert all(d["level"] == a["level"] and office(d, day) for d in ppl)
        assert len(ppl) >= 8 and PAIR_NAME not in a["participants"]
    county_training = next(a for a in acts if a["kind"] == "training" and a["level"] == "county")
    assert len(county_training["participants"].split("、")) == 23

    print("check passed:")
    for kind in ORDER:
        print(f"  {kind}.csv: {len(data[kind])} rows")
    print(f"  same-name pair {PAIR_NAME}: deputy_id {pair_rows}")


# ---------------------------------------------------------------- the 2016 general election (换届选举)
#
# Added for issue 8. It draws from its own Random so that the files above stay byte-identical.
# The confirmed winners are exactly the third term's 82 township and 23 county deputies (elected
# 2016-11-15); the losing candidates are fictional people who are nowhere else in the sample.

GE = Random(20161115)
GE_COLUMNS = {
    "ge_plan": ["term", "level", "election_day", "mobilisation_on", "registration_on", "candidates_on",
                "final_list_on", "credentials_on", "population", "notes"],
    "ge_constituencies": ["term", "level", "constituency", "seats", "voters", "notes"],
    "ge_candidates": ["term", "level", "constituency", "name", "gender", "birth_date", "ethnicity", "party",
                      "education", "occupation", "workplace", "nominated_by", "nominators", "final", "round",
                      "held_on", "votes", "ballots_issued", "ballots_returned", "ballots_invalid", "confirmed",
                      "confirmed_on"],
}
GE_POPULATION = 56200  # 选举法第十二条: 45 + 56200 // 1500 = 82 township deputies
GE_PLAN = [
    {"term": 3, "level": "township", "election_day": ELECT3, "mobilisation_on": D("2016-07-15"),
     "registration_on": D("2016-10-21"), "candidates_on": D("2016-10-28"), "final_list_on": D("2016-11-05"),
     "credentials_on": D("2016-12-06"), "population": GE_POPULATION,
     "notes": "镇人大代表由选民直接选举。资格由镇人大主席团确认"},
    {"term": 3, "level": "county", "election_day": ELECT3, "mobilisation_on": D("2016-07-15"),
     "registration_on": D("2016-10-21"), "candidates_on": D("2016-10-28"), "final_list_on": D("2016-11-05"),
     "credentials_on": D("2016-12-09"), "population": None,
     "notes": "县人大代表在本镇选区直接选举。资格由县人大常委会确认"},
]
GE_PARTY_ORG = "中共三川镇委员会"
GE_ORGS = ["三川镇妇女联合会", "共青团三川镇委员会", "三川镇总工会"]


def ge_new_name(gender: str) -> str:
    pool = MALE_GIVEN if gender == "male" else FEMALE_GIVEN
    while True:
        name = GE.choices(SURNAMES, SURNAME_WEIGHTS)[0] + GE.choice(pool)
        if name not in USED_NAMES and name not in BLOCKED and name != PAIR_NAME:
            USED_NAMES.add(name)
            return name


def ge_loser(village: str) -> dict:
    gender = GE.choice(["male", "male", "female"])
    occ = GE.choice(["farmer", "farmer", "worker", "technician", "business", "other"])
    birth = D("1956-01-01") + days(GE.randint(0, 32 * 365))
    edu_choices, edu_weights = EDUCATION_BY_OCC[occ]
    job = {"farmer": "村民", "worker": "工人", "technician": "技术员", "business": "个体工商户", "other": "村民"}[occ]
    if village.endswith("社区") and job == "村民":
        job = "居民"
    party = GE.choice(["masses", "masses", "masses", "cpc", "democratic"])
    nominated = GE.random() < 0.55
    return {"name": ge_new_name(gender), "gender": gender, "birth_date": birth, "ethnicity": "汉族", "party": party,
            "education": GE.choices(edu_choices, edu_weights)[0], "occupation": occ,
            "workplace": f"{village}{job}", "nominated_by": "" if nominated else GE_PARTY_ORG,
            "nominators": GE.randint(10, 36) if nominated else None}


def ge_nomination(p: dict) -> tuple[str, int | None]:
    if p["occupation"] == "cadre" or p.get("presidium_role"):
        return GE_PARTY_ORG, None
    r = GE.random()
    if r < 0.25:
        return "", GE.randint(10, 48)
    if r < 0.35:
        return GE.choice(GE_ORGS if p["gender"] == "female" else GE_ORGS[1:]), None
    return GE_PARTY_ORG, None


def ge_ballots(voters: int) -> tuple[int, int, int]:
    issued = round(voters * GE.uniform(0.91, 0.975))
    returned = issued - GE.choice([0, 0, 0, 1, 2])
    invalid = round(returned * GE.uniform(0.004, 0.015))
    return issued, returned, invalid


def ge_person(p: dict) -> dict:
    keys = ("name", "gender", "birth_date", "ethnicity", "party", "education", "occupation", "workplace")
    return {k: p[k] for k in keys}


def ge_constituency_rows(level: str, name: str, seats: int, voters: int, winners: list[dict], village: str,
                         revote: bool) -> list[dict]:
    """Candidate rows of one constituency: round 1, and for `revote` an 另行选举 for the last seat."""
    n_losers = 1 if seats == 2 else GE.choice([1, 1, 2])
    if revote:
        n_losers = 2  # 3 seats, 5 candidates
    losers = [ge_loser(village) for _ in range(n_losers)]
    issued, returned, invalid = ge_ballots(voters)
    valid = returned - invalid
    half = issued // 2 + 1
    winners = list(winners)
    GE.shuffle(winners)
    votes = {}
    for i, w in enumerate(winners):
        votes[w["name"]] = GE.randint(max(half + 40, int(valid * 0.58)), int(valid * 0.86)) - i * 7
    low = min(votes.values())
    budget = valid * seats - sum(votes.values())
    for k, lo in enumerate(losers):
        top = min(int(valid * 0.42), low - 30, budget // (len(losers) - k))
        v = GE.randint(min(int(valid * 0.06), top), top)
        votes[lo["name"]] = v
        budget -= v
    rows2 = []
    if revote:  # the last winner and the first loser fall short of half; 另行选举 for one seat
        last, rival = winners[-1], losers[0]
        votes[last["name"]] = GE.randint(int(issued * 0.40), half - 15)
        votes[rival["name"]] = GE.randint(int(issued * 0.30), votes[last["name"]] - 20)
        votes[losers[1]["name"]] = GE.randint(int(valid * 0.05), int(valid * 0.12))
        assert sum(votes.values()) <= valid * seats
        i2, r2, inv2 = ge_ballots(voters)
        v2 = r2 - inv2
        a = GE.randint(int(v2 * 0.52), int(v2 * 0.64))
        b = GE.randint(int(v2 * 0.28), v2 - a - 5)
        votes2 = {last["name"]: a, rival["name"]: b}
        for who in (last, rival):
            rows2.append((who, 2, votes2[who["name"]], i2, r2, inv2))
    out = []
    people = [(w, True) for w in winners] + [(lo, False) for lo in losers]
    for who, won in people:
        base = {"term": 3, "level": level, "constituency": name, **ge_person(who), "final": True}
        if won:
            base["nominated_by"], base["nominators"] = ge_nomination(who)
        else:
            base["nominated_by"], base["nominators"] = who["nominated_by"], who["nominators"]
        elected_first = won and not (revote and who is winners[-1])
        row = {**base, "round": 1, "held_on": ELECT3, "votes": votes[who["name"]], "ballots_issued": issued,
               "ballots_returned": returned, "ballots_invalid": invalid}
        if elected_first:
            row.update(confirmed=True, confirmed_on=next(p["credentials_on"] for p in GE_PLAN if p["level"] == level))
        out.append(row)
        for w2, rnd, v, i2, r2, inv2 in rows2:
            if w2 is who:
                row2 = {**base, "round": rnd, "held_on": ELECT3, "votes": v, "ballots_issued": i2,
                        "ballots_returned": r2, "ballots_invalid": inv2}
                if won:
                    row2.update(confirmed=True,
                                confirmed_on=next(p["credentials_on"] for p in GE_PLAN if p["level"] == level))
                out.append(row2)
    return lawful_nominations(out, seats)


def lawful_nominations(rows: list[dict], seats: int) -> list[dict]:
    """选举法 art. 30¶3: a party or organisation nominates at most as many candidates as there are seats.

    The excess (losers first) become voters' joint nominations; the number of signers is derived from the
    name, not drawn, so the rest of the generated data stays as it was.
    """
    people = list(dict.fromkeys((r["name"], r["birth_date"]) for r in rows))
    won = {(r["name"], r["birth_date"]) for r in rows if r.get("confirmed")}
    by_org: dict[str, list[tuple]] = {}
    for key in people:
        org = next(r["nominated_by"] for r in rows if (r["name"], r["birth_date"]) == key)
        if org:
            by_org.setdefault(org, []).append(key)
    moved = set()
    for org, keys in by_org.items():
        excess = len(keys) - seats
        if excess > 0:
            moved |= set(sorted(keys, key=lambda k: k in won)[:excess])
    for r in rows:
        if (r["name"], r["birth_date"]) in moved:
            r["nominated_by"], r["nominators"] = "", 10 + sum(map(ord, r["name"])) % 30
    return rows


def build_general_election():
    consts, cands = [], []
    voters_of = {}
    three = [c for c, seats, _ in TOWN_CONST if seats == 3]
    revote_at = {three[5], three[16]}  # two constituencies hold an 另行选举 for their last seat
    for name, seats, village in TOWN_CONST:
        voters = seats * GE.randint(500, 590)
        voters_of[name] = voters
        consts.append({"term": 3, "level": "township", "constituency": name, "seats": seats, "voters": voters,
                       "notes": f"{village}"})
        winners = [p for p in T3_TOWN if p["constituency"] == name]
        assert len(winners) == seats
        cands += ge_constituency_rows("township", name, seats, voters, winners, village,
                                      revote=name in revote_at and seats == 3)
    town_names = [c for c, _, _ in TOWN_CONST]
    for i, (name, seats) in enumerate(COUNTY_CONST):
        covered = town_names[3 * i:3 * i + 3]
        voters = sum(voters_of[c] for c in covered)
        consts.append({"term": 3, "level": "county", "constituency": name, "seats": seats, "voters": voters,
                       "notes": "含" + "、".join(covered)})
        winners = [p for p in T3_COUNTY if p["constituency"] == name]
        assert len(winners) == seats
        cands += ge_constituency_rows("county", name, seats, voters, winners, VILLAGE_OF[covered[0]], revote=False)
    return consts, cands


GE_CONSTITUENCIES, GE_CANDIDATES = build_general_election()


def write_general_election():
    data = {"ge_plan": GE_PLAN, "ge_constituencies": GE_CONSTITUENCIES, "ge_candidates": GE_CANDIDATES}
    for kind, cols in GE_COLUMNS.items():
        with open(os.path.join(HERE, f"{kind}.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for row in data[kind]:
                w.writerow([cell(row.get(c)) for c in cols])


def check_general_election():
    """Re-read the election files and assert: winners = the term-3 deputies, art. 25/31/44/45 hold."""
    def load(kind):
        with open(os.path.join(HERE, f"{kind}.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == GE_COLUMNS[kind], kind
        return [dict(zip(rows[0], r)) for r in rows[1:]]

    with open(os.path.join(HERE, "deputies.csv"), encoding="utf-8", newline="") as f:
        deps = [d for d in csv.DictReader(f) if d["term"] == "3"]
    consts = {(c["level"], c["constituency"]): c for c in load("ge_constituencies")}
    cands = load("ge_candidates")
    assert sum(int(c["seats"]) for c in consts.values() if c["level"] == "township") == 45 + GE_POPULATION // 1500
    all_names = {d["name"] for d in csv.DictReader(open(os.path.join(HERE, "deputies.csv"), encoding="utf-8"))}
    winners = set()
    for (level, name), c in consts.items():
        seats, voters = int(c["seats"]), int(c["voters"])
        assert 1 <= seats <= 3
        rows = [r for r in cands if r["level"] == level and r["constituency"] == name]
        people = {(r["name"], r["birth_date"]) for r in rows}
        assert seats + (seats + 2) // 3 <= len(people) <= 2 * seats, (name, len(people))  # art. 31
        filled = 0
        for rnd in sorted({int(r["round"]) for r in rows}):
            rr = [r for r in rows if int(r["round"]) == rnd]
            issued, returned, invalid = (int(rr[0][k]) for k in ("ballots_issued", "ballots_returned",
                                                                  "ballots_invalid"))
            assert returned <= issued and 2 * issued > voters and issued <= voters  # arts. 44, 45
            votes = sorted((int(r["votes"]) for r in rr), reverse=True)
            need = (lambda v: 3 * v >= issued) if rnd > 1 else (lambda v: 2 * v > issued)
            won = [r for r in rr if r["confirmed"] == "true"]
            assert all(need(int(r["votes"])) for r in won)
            qualified = sorted((r for r in rr if need(int(r["votes"]))), key=lambda r: -int(r["votes"]))
            assert [r["name"] for r in qualified[:seats - filled]] == [r["name"] for r in
                                                                        sorted(won, key=lambda r: -int(r["votes"]))]
            assert len(set(votes)) == len(votes) and sum(votes) <= (returned - invalid) * (seats - filled)
            filled += len(won)
            winners |= {(level, r["name"], r["birth_date"], name) for r in won}
        assert filled == seats
        for r in rows:
            if r["nominators"]:
                assert int(r["nominators"]) >= 10 and not r["nominated_by"]
        orgs = {}
        for r in {(r["name"], r["birth_date"]): r for r in rows}.values():
            if r["nominated_by"]:
                orgs[r["nominated_by"]] = orgs.get(r["nominated_by"], 0) + 1
        assert all(n <= seats for n in orgs.values()), (name, orgs)  # art. 30¶3
    expected = {(d["level"], d["name"], d["birth_date"], d["constituency"]) for d in deps}
    assert winners == expected, expected ^ winners
    losers = {r["name"] for r in cands if (r["level"], r["name"], r["birth_date"], r["constituency"]) not in winners}
    assert not losers & all_names
    assert sum(1 for r in cands if r["round"] == "2") == 4
    print(f"  general election: {len(consts)} constituencies, {len({(r['name'], r['birth_date']) for r in cands})} "
          f"candidates, {len(winners)} confirmed winners")


if __name__ == "__main__":
    write_all()
    write_general_election()
    if "--check" in sys.argv[1:]:
        check()
        check_general_election()
