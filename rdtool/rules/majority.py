"""Quorums and majorities: the township congress, its presidium, and other meetings.

Integer arithmetic only. "More than half" (过半数) is ``2 * n > base``; "two thirds or
more" (三分之二以上) is ``3 * n >= 2 * base`` — 以上 includes the figure itself. Exactly
half is never a majority.

Sources (cited by law and article; docs/rules.md lists every rule):

- 组织法 (地方各级人民代表大会和地方各级人民政府组织法, 2022年修正) 第十四条第四款:
  "地方各级人民代表大会会议有三分之二以上的代表出席，始得举行。"
- 组织法 第二十五条: "地方各级人民代表大会进行选举和通过决议，以全体代表的过半数通过。"
- 浙江省乡镇人民代表大会工作条例 (2016) 第二十四条第二款、第三款: "主席团会议应当有全体成员的
  过半数出席，方能举行。主席团决定问题，应当由主席团全体成员的过半数通过。"
- 河南省乡镇人民代表大会主席团工作条例 (2016修订) 第五条第二款: "主席团会议须主席团全体组成人员
  的过半数出席，方可举行。主席团会议作出的决定，须由全体组成人员的过半数通过。"
  (Likewise 重庆市乡镇人民代表大会工作条例 第三十四条.)

Which presidium article applies depends on the province: the caller passes it
(``presidium_article``, from the province profile ``rdtool.rules.provinces``); without one the
citation says no national law sets the rule and 两个过半 is rdtool's default.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdtool.rules import ImpossibleCounts

__all__ = [
    "ImpossibleCounts",
    "VoteOutcome",
    "QuorumCheck",
    "BODIES",
    "PRESIDIUM_QUORUMS",
    "min_more_than_half",
    "min_two_thirds",
    "more_than_half",
    "at_least_two_thirds",
    "decide_vote",
    "quorum",
]

BODIES = ("congress", "presidium", "other")
PRESIDIUM_QUORUMS = ("more_than_half", "two_thirds")

# Citations shown to the user (stable strings; the CLI may print them in --help).
ART_CONGRESS_QUORUM = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第十四条第四款"
ART_CONGRESS = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第十四条第四款、第二十五条"
ART_PRESIDIUM = ("法律未规定乡镇人大主席团会议的法定人数和表决规则；本工具默认全体成员过半数出席、"
                 "全体成员过半数通过（两个过半）")
ART_PRESIDIUM_TWO_THIRDS = "本地设置：主席团会议须全体成员三分之二以上出席；决定仍须全体成员过半数通过"
ART_OTHER = "本工具约定（无法定条文）：过半数出席，以出席人员过半数通过"


def _check_nonnegative(**values: int) -> None:
    labels = {
        "entitled": "应到人数",
        "present": "出席人数",
        "yes": "赞成票",
        "no": "反对票",
        "abstain": "弃权票",
        "not_voting": "未按表决器人数",
    }
    for name, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ImpossibleCounts(f"{labels.get(name, name)}必须是整数，收到：{value!r}")
        if value < 0:
            raise ImpossibleCounts(f"{labels.get(name, name)}不能为负数：{value}")


def min_more_than_half(base: int) -> int:
    """The smallest count that is more than half of ``base`` (过半数): ``base // 2 + 1``.

    组织法 第二十五条 ("以全体代表的过半数通过") and every 过半数 rule: 9 → 5, 10 → 6, 82 → 42.
    """
    if base < 0:
        raise ImpossibleCounts(f"基数不能为负数：{base}")
    return base // 2 + 1


def min_two_thirds(base: int) -> int:
    """The smallest count that is two thirds or more of ``base`` (三分之二以上): ⌈2·base/3⌉.

    组织法 第十四条第四款 ("有三分之二以上的代表出席，始得举行"): 9 → 6, 10 → 7, 82 → 55.
    """
    if base < 0:
        raise ImpossibleCounts(f"基数不能为负数：{base}")
    return (2 * base + 2) // 3


def more_than_half(n: int, base: int) -> bool:
    """True when ``n`` is more than half of ``base`` (``2*n > base``); exactly half is False.

    组织法 第二十五条 (全体代表的过半数).
    """
    return 2 * n > base


def at_least_two_thirds(n: int, base: int) -> bool:
    """True when ``n`` is two thirds of ``base`` or more (``3*n >= 2*base``).

    组织法 第十四条第四款 (三分之二以上 includes exactly two thirds).
    """
    return 3 * n >= 2 * base


@dataclass(frozen=True)
class VoteOutcome:
    """The result of one vote, with the rule applied and a one-sentence Chinese explanation."""

    result: str  # 'passed' | 'failed' | 'no_quorum'
    rule: str  # stable code, e.g. 'congress_two_thirds_quorum_all_majority'
    article: str  # Chinese citation
    entitled: int
    present: int
    required_present: int
    required_yes: int
    yes: int
    explanation: str


@dataclass(frozen=True)
class QuorumCheck:
    """Whether a meeting had its quorum (法定人数)."""

    met: bool
    required: int
    margin: int  # present - required (negative when short)
    rule: str
    article: str
    explanation: str


def _whole(body: str, entitled: int) -> str:
    if body == "congress":
        return f"全体代表{entitled}人"
    if body == "presidium":
        return f"主席团全体成员{entitled}人"
    return f"应到{entitled}人"


def _validate_body(body: str, presidium_quorum: str) -> None:
    if body not in BODIES:
        raise ValueError(f"未知的会议类别：{body!r}（应为 congress、presidium 或 other）")
    if presidium_quorum not in PRESIDIUM_QUORUMS:
        raise ValueError(
            f"未知的主席团法定人数规则：{presidium_quorum!r}（应为 more_than_half 或 two_thirds）"
        )


def _validate_attendance(entitled: int, present: int) -> None:
    _check_nonnegative(entitled=entitled, present=present)
    if entitled <= 0:
        raise ImpossibleCounts(f"应到人数必须大于0，收到：{entitled}")
    if present > entitled:
        raise ImpossibleCounts(f"出席人数{present}人多于应到人数{entitled}人")


def quorum(body: str, entitled: int, present: int, presidium_quorum: str = "more_than_half",
           presidium_article: str | None = None) -> QuorumCheck:
    """Check the quorum (法定出席人数) of a meeting.

    - ``congress``: two thirds or more of all deputies present —
      组织法 (2022) 第十四条第四款 "地方各级人民代表大会会议有三分之二以上的代表出席，始得举行。"
      Rule code ``congress_two_thirds_quorum``.
    - ``presidium``: more than half of all members present — 浙江省乡镇人民代表大会工作条例
      第二十四条第二款; 河南省乡镇人民代表大会主席团工作条例 第五条第二款 (rule
      ``presidium_half_quorum``). With ``presidium_quorum='two_thirds'`` (a province profile
      setting; none of the regulations cited here requires it) two thirds or more (rule
      ``presidium_two_thirds_quorum``). ``presidium_article`` is the province's citation (the
      profile's); without it the national default's text (no law sets it; rdtool's default).
    - ``other``: more than half of those expected present — the tool's convention, no
      article (rule ``other_half_quorum``).

    ``entitled`` is the roster on the meeting day (代表/成员 in office that day).
    Raises ``ImpossibleCounts`` for negative figures, ``entitled <= 0`` or ``present > entitled``.
    """
    _validate_body(body, presidium_quorum)
    _validate_attendance(entitled, present)
    whole = _whole(body, entitled)
    if body == "congress" or (body == "presidium" and presidium_quorum == "two_thirds"):
        required = min_two_thirds(entitled)
        met = at_least_two_thirds(present, entitled)
        share = "三分之二"
        if body == "congress":
            rule, article = "congress_two_thirds_quorum", ART_CONGRESS_QUORUM
        else:
            rule, article = "presidium_two_thirds_quorum", presidium_article or ART_PRESIDIUM_TWO_THIRDS
        verb_ok, verb_short = "达到", "不足"
    else:
        required = min_more_than_half(entitled)
        met = more_than_half(present, entitled)
        share = "半数"
        if body == "presidium":
            rule, article = "presidium_half_quorum", presidium_article or ART_PRESIDIUM
        else:
            rule, article = "other_half_quorum", ART_OTHER
        verb_ok, verb_short = "超过", "未超过"
    if met:
        explanation = f"出席{present}人，{verb_ok}{whole}的{share}（至少{required}人），符合法定人数"
    else:
        explanation = f"出席{present}人，{verb_short}{whole}的{share}（至少{required}人），不足法定人数，不能表决"
    return QuorumCheck(
        met=met,
        required=required,
        margin=present - required,
        rule=rule,
        article=article,
        explanation=explanation,
    )


def decide_vote(
    body: str,
    entitled: int,
    present: int,
    yes: int,
    no: int = 0,
    abstain: int = 0,
    not_voting: int = 0,
    presidium_quorum: str = "more_than_half",
    presidium_article: str | None = None,
) -> VoteOutcome:
    """Decide one vote: quorum first, then the majority.

    - ``congress`` (乡镇人民代表大会会议): quorum two thirds or more of all deputies
      (组织法 2022 第十四条第四款); passes with more than half of **all** deputies, not of those
      present (组织法 2022 第二十五条 "以全体代表的过半数通过"; also 浙江省乡镇人民代表大会工作条例
      第二十二条, 山东省乡镇人民代表大会工作若干规定 第二十六条). Rule
      ``congress_two_thirds_quorum_all_majority``.
    - ``presidium`` (主席团会议), "两个过半": quorum more than half of all members, passes with
      more than half of all members (浙江省乡镇人民代表大会工作条例 第二十四条第二款、第三款;
      河南省乡镇人民代表大会主席团工作条例 第五条第二款; 重庆市乡镇人民代表大会工作条例
      第三十四条). Rule ``presidium_two_majorities``; with ``presidium_quorum='two_thirds'``
      (province profile) the quorum is two thirds or more, rule
      ``presidium_two_thirds_quorum_all_majority``. ``presidium_article``: the province's citation.
    - ``other``: quorum more than half of those expected, passes with more than half of
      those present — the tool's convention, no article. Rule ``other_present_majority``.

    Exactly half is never a majority. ``no``, ``abstain`` and ``not_voting`` do not change the
    result (the base is fixed) but are checked: their sum with ``yes`` cannot exceed ``present``.
    Raises ``ImpossibleCounts`` (Chinese message) for negative figures, ``entitled <= 0``,
    ``present > entitled`` or more votes than people present; ``ValueError`` for an unknown
    ``body`` or ``presidium_quorum``.
    """
    _validate_body(body, presidium_quorum)
    _validate_attendance(entitled, present)
    _check_nonnegative(yes=yes, no=no, abstain=abstain, not_voting=not_voting)
    total = yes + no + abstain + not_voting
    if total > present:
        raise ImpossibleCounts(
            f"赞成{yes}、反对{no}、弃权{abstain}、未按表决器{not_voting}，合计{total}，多于出席人数{present}人"
        )

    q = quorum(body, entitled, present, presidium_quorum, presidium_article)
    if body == "congress":
        rule, article = "congress_two_thirds_quorum_all_majority", ART_CONGRESS
        base, base_text = entitled, _whole(body, entitled)
    elif body == "presidium":
        if presidium_quorum == "two_thirds":
            rule, article = "presidium_two_thirds_quorum_all_majority", presidium_article or ART_PRESIDIUM_TWO_THIRDS
        else:
            rule, article = "presidium_two_majorities", presidium_article or ART_PRESIDIUM
        base, base_text = entitled, _whole(body, entitled)
    else:
        rule, article = "other_present_majority", ART_OTHER
        base, base_text = present, f"出席人员{present}人"
    required_yes = min_more_than_half(base)

    if not q.met:
        result = "no_quorum"
        explanation = q.explanation
    elif more_than_half(yes, base):
        result = "passed"
        explanation = f"赞成{yes}票，超过{base_text}的半数（至少{required_yes}票），通过"
    else:
        result = "failed"
        explanation = f"赞成{yes}票，未超过{base_text}的半数（至少{required_yes}票），未通过"
    return VoteOutcome(
        result=result,
        rule=rule,
        article=article,
        entitled=entitled,
        present=present,
        required_present=q.required,
        required_yes=required_yes,
        yes=yes,
        explanation=explanation,
    )
