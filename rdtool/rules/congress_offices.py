"""What a township congress election makes of its winners: presidium roles, deputies only, the oath.

Sources (cited by law and article; docs/rules.md lists every rule):

- 组织法 (2022) 第十八条第一款: "乡、民族乡、镇的人民代表大会设主席，并可以设副主席一人至二人。主席、
  副主席由本级人民代表大会从代表中选出".
- 组织法 第十九条第一款: "乡、民族乡、镇的人民代表大会举行会议的时候，选举主席团。由主席团主持会议，
  并负责召集下一次的本级人民代表大会会议。乡、民族乡、镇的人民代表大会主席、副主席为主席团的成员。"
  The presidium is elected from among the deputies: 河南省乡镇人民代表大会主席团工作条例 第二条第二款
  ("从本级代表中选举主席团"), 浙江省乡镇人民代表大会工作条例 第八条第一款 ("在代表中选举产生，负责主持本次
  人民代表大会会议、召集下一次人民代表大会会议"), 重庆市乡镇人民代表大会工作条例 第三十条第一款.
- 宪法宣誓: the chair, vice-chairs, 乡长、副乡长、镇长、副镇长 elected by the township congress take the oath,
  organised by the session's presidium, after they are elected — 山东省实施宪法宣誓制度办法 第三条第二款;
  重庆市宪法宣誓实施办法 第四条第四款 and 第九条 ("在人民代表大会全体会议上当选结果公布之后、大会闭幕之前举行");
  北京市国家工作人员宪法宣誓组织办法 第十一条第（一）项; 上海市实施宪法宣誓制度办法 第四条第三款、第八条;
  the presidium's duty in 浙江省乡镇人民代表大会工作条例 第十条第（十四）项 and 河南省乡镇人民代表大会主席团
  工作条例 第三条第（九）项. Nationally: 全国人民代表大会常务委员会关于实行宪法宣誓制度的决定 (2018).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "OFFICES",
    "ROLE_RANK",
    "Duties",
    "duties",
    "oath_article",
    "Membership",
    "Election",
    "replay_roles",
    "vice_chairs_on",
    "GOVERNMENT_POSTS",
    "incompatible_post_problem",
    "oath_timing_warning",
]

OFFICES = ("chair", "vice_chair", "member", "head", "vice_head")
ROLE_RANK = {"member": 1, "vice_chair": 2, "chair": 3}  # a chair or vice-chair is a presidium member too

ART_FROM_DEPUTIES = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第十八条第一款、第十九条第一款"
ART_OATH_NATIONAL = "《全国人民代表大会常务委员会关于实行宪法宣誓制度的决定》（2018）"
OATH_ARTICLES = {
    "山东": "《山东省实施宪法宣誓制度办法》第三条第二款",
    "重庆": "《重庆市宪法宣誓实施办法》第四条第四款、第九条",
    "北京": "《北京市国家工作人员宪法宣誓组织办法》第十一条第（一）项",
    "上海": "《上海市实施宪法宣誓制度办法》第四条第三款、第八条",
    "浙江": "《浙江省乡镇人民代表大会工作条例》第十条第（十四）项",
    "河南": "《河南省乡镇人民代表大会主席团工作条例》第三条第（九）项",
}


@dataclass(frozen=True)
class Duties:
    """What follows from winning an office at the township congress."""

    presidium_role: str | None  # 'chair' | 'vice_chair' | 'member' | None
    needs_deputy: bool          # only a deputy of the township congress may hold it
    takes_oath: bool            # 宪法宣誓 after the election (an office-holder record tracks it)
    single: bool                # one holder at a time: electing one ends the predecessor's role


_DUTIES = {
    "chair": Duties("chair", True, True, True),
    "vice_chair": Duties("vice_chair", True, True, False),
    "member": Duties("member", True, False, False),
    "head": Duties(None, False, True, True),
    "vice_head": Duties(None, False, True, False),
}


def duties(office: str | None) -> Duties:
    """The duties of an office the congress elects (``None``: a post this tool does not know — no duties).

    - 主席 (``chair``) and 副主席 (``vice_chair``): from among the deputies, members of the presidium with that
      role (组织法 第十八条第一款、第十九条第一款), and take the oath. One chair: a new one ends the predecessor's
      chair role.
    - 主席团成员 (``member``): deputies (河南 第二条、浙江 第八条、重庆 第三十条), presidium role ``member``;
      no oath (not a state post).
    - 乡长/镇长 (``head``) and 副乡长/副镇长 (``vice_head``): need not be deputies, no presidium role, take the oath
      (the provincial 宪法宣誓 rules above).
    """
    if office is None:
        return Duties(None, False, False, False)
    if office not in _DUTIES:
        raise ValueError(f"未知的职务：{office!r}（应为 {'、'.join(OFFICES)}）")
    return _DUTIES[office]


def oath_article(province: str | None) -> str:
    """The citation for the oath of officials elected by a township congress in ``province``.

    The national decision when the province has no rule of its own among those cited here (or is ``'national'``).
    """
    key = (province or "").removesuffix("省").removesuffix("市")
    return OATH_ARTICLES.get(key, ART_OATH_NATIONAL)


@dataclass
class Membership:
    """One presidium role over a period (``to_date`` None: still held). ``candidate_id``: the election result
    it comes from (None: typed by hand). ``ended_by``: the contest that ended it, if an election did."""

    deputy_id: int
    role: str
    from_date: str | None
    to_date: str | None = None
    candidate_id: int | None = None
    ended_by: int | None = None
    id: int | None = None  # the stored row, when there is one

    def held_on(self, day: str) -> bool:
        return (self.from_date is None or self.from_date <= day) and (self.to_date is None or self.to_date > day)


@dataclass(frozen=True)
class Election:
    """One contest's winners, in the order the contests were held.

    ``winners``: (candidate_id, deputy_id) of those elected. ``session_members``: deputy_id → candidate_id of
    everyone elected 主席团成员 at the same session (all rounds), for the presidium as a body.
    """

    contest_id: int
    date: str
    office: str | None
    by_election: bool
    winners: list[tuple[int, int]]
    session_members: dict[int, int] = field(default_factory=dict)


def _end(m: Membership, day: str, contest_id: int) -> None:
    m.to_date = day
    m.ended_by = contest_id


def replay_roles(typed: list[Membership], elections: list[Election], ended_on: dict[int, str]) -> list[Membership]:
    """The presidium roles that follow from the roles typed by hand and the congress's elections, in order.

    - A winner becomes a presidium member with the contest's role from the election date (组织法 第十九条),
      unless they already hold that role or a higher one (a chair elected 主席团成员 stays chair, 第十九条
      "主席、副主席为主席团的成员"); a lower role they held ends that day.
    - 主席 is a single post (第十八条第一款): the predecessor's chair role ends on the election date; if the
      same session elected them 主席团成员 they stay a member from that day.
    - The presidium is elected by each session for that session and until the next one (第十九条第一款
      "负责召集下一次的本级人民代表大会会议"; 浙江 第八条): a 主席团成员 election that is not a 补选 ends the
      ``member`` role of those the session did not elect (the chair and vice-chairs stay: 第十九条).

    ``typed``: roles typed by hand (``candidate_id`` None) as stored; an ``ended_by`` on one of them is undone
    first (its ``to_date`` goes back to the deputy's end of mandate in ``ended_on``, or None) so the replay is
    the same however often it runs. ``elections`` in the order held. Returns the typed roles (possibly ended)
    followed by the roles the elections make (``id`` None, ``to_date`` capped by ``ended_on``).
    """
    roles = []
    for m in typed:
        if m.candidate_id is not None:
            raise ValueError("typed roles must not come from an election")
        m = Membership(**vars(m))
        if m.ended_by is not None:
            m.to_date, m.ended_by = ended_on.get(m.deputy_id), None
        roles.append(m)

    def current(deputy_id: int, day: str) -> Membership | None:
        held = [m for m in roles if m.deputy_id == deputy_id and m.held_on(day)]
        return max(held, key=lambda m: ROLE_RANK[m.role]) if held else None

    for e in elections:
        role = duties(e.office).presidium_role
        if role is None:
            continue
        day = e.date
        winners = {d for _, d in e.winners}
        for candidate_id, deputy_id in e.winners:
            cur = current(deputy_id, day)
            if cur is not None and ROLE_RANK[cur.role] >= ROLE_RANK[role]:
                continue
            if cur is not None:
                _end(cur, day, e.contest_id)
            roles.append(Membership(deputy_id, role, day, None, candidate_id))
        if duties(e.office).single:
            for m in [m for m in roles if m.role == role and m.deputy_id not in winners and m.held_on(day)]:
                _end(m, day, e.contest_id)
                if m.deputy_id in e.session_members and current(m.deputy_id, day) is None:
                    roles.append(Membership(m.deputy_id, "member", day, None, e.session_members[m.deputy_id]))
        if role == "member" and not e.by_election:
            elected = winners | set(e.session_members)
            for m in [m for m in roles if m.role == "member" and m.held_on(day) and m.deputy_id not in elected]:
                _end(m, day, e.contest_id)
    for m in roles:
        end = ended_on.get(m.deputy_id)
        if m.candidate_id is not None and end is not None and (m.to_date is None or m.to_date > end):
            m.to_date = max(end, m.from_date or end)
    return roles


def vice_chairs_on(roles: list[Membership], day: str) -> list[int]:
    """Deputies holding the vice-chair role on ``day`` (组织法 第十八条第一款 allows one or two)."""
    return sorted({m.deputy_id for m in roles if m.role == "vice_chair" and m.held_on(day)})


GOVERNMENT_POSTS = ("乡长", "副乡长", "镇长", "副镇长")
"""The township government's leaders the congress elects (组织法 第二十六条): posts in a 国家行政机关."""


def incompatible_post_problem(role: str | None, post: str | None, members_too: bool, article: str) -> str | None:
    """Why holding presidium ``role`` and government ``post`` together breaks the law, or None.

    组织法 (2022) 第十八条第二款: "乡、民族乡、镇的人民代表大会主席、副主席不得担任国家行政机关的职务；如果担任国家
    行政机关的职务，必须向本级人民代表大会辞去主席、副主席的职务" (``role`` ``'chair'``/``'vice_chair'``). Where the
    province extends it to every presidium member (``members_too``, ``article`` the province's): 重庆市乡镇人民代表
    大会工作条例 第三十条第三款, 浙江省乡镇人民代表大会工作条例 第三十八条 ("主席团成员不得担任国家行政机关的职务"),
    河南省乡镇人民代表大会主席团工作条例 第二条第四款 ("主席团成员不得担任乡镇人民政府职务"). ``post`` is one of
    GOVERNMENT_POSTS (乡长、副乡长、镇长、副镇长); other posts return None.
    """
    if post not in GOVERNMENT_POSTS or role is None:
        return None
    if role in ("chair", "vice_chair"):
        name = "主席" if role == "chair" else "副主席"
        return f"人大{name}不得担任国家行政机关的职务（{post}），须向人民代表大会辞去{name}职务（组织法第十八条第二款）"
    if role == "member" and members_too:
        return f"主席团成员不得担任国家行政机关的职务（{post}），须向人民代表大会辞去主席团成员职务（{article}）"
    return None


OATH_DAYS_BEIJING = 30
"""北京市国家工作人员宪法宣誓组织办法 第十三条: "一般不超过三十日"."""


def oath_timing_warning(province: str, action: str, decided_on: str, oath_on: str,
                        session_closed_on: str | None) -> str | None:
    """A warning when an oath was taken later than the province's rule says it normally is; None otherwise.

    北京市国家工作人员宪法宣誓组织办法 第十三条: "宪法宣誓应当在国家工作人员依照法定程序产生后及时进行，一般不超过
    三十日" — more than 30 days after the election or appointment (``province`` ``'beijing'``, any action).
    重庆市宪法宣誓实施办法 第九条第一款: the oath organised by the congress's presidium "一般应当在人民代表大会全体会议上
    当选结果公布之后、大会闭幕之前举行" — for an official elected at a session (``action`` ``'elect'``), an oath after
    ``session_closed_on`` (``'chongqing'``). Both texts say 一般 (normally): a warning to check, never a refusal.
    """
    from datetime import date

    if province == "beijing":
        days = (date.fromisoformat(oath_on) - date.fromisoformat(decided_on)).days
        if days > OATH_DAYS_BEIJING:
            return (f"宪法宣誓（{oath_on}）在产生（{decided_on}）后{days}日，一般不超过三十日"
                    f"（北京市国家工作人员宪法宣誓组织办法第十三条）")
    if province == "chongqing" and action == "elect" and session_closed_on and oath_on > session_closed_on:
        return (f"宪法宣誓（{oath_on}）在大会闭幕（{session_closed_on}）之后；一般应当在当选结果公布之后、大会闭幕之前举行"
                f"（重庆市宪法宣誓实施办法第九条第一款）")
    return None
