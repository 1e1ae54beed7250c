"""暂时停止执行代表职务 (a deputy's duties suspended): 代表法 (2025年修正) 第六十一条.

"代表有下列情形之一的，暂时停止执行代表职务，由代表资格审查委员会向本级人民代表大会常务委员会或者乡、民族乡、
镇的人民代表大会报告：（一）因刑事案件被羁押正在受侦查、起诉、审判的；（二）被依法判处管制、拘役或者有期徒刑而
没有附加剥夺政治权利，正在服刑的。前款所列情形在代表任期内消失后，恢复其执行代表职务，但代表资格终止者除外。"

The article is 第六十一条 in the 2025 text in force (第四十八条 in the 2015 text, same words). The law says
暂时停止执行代表职务; rdtool's command says 暂停.

How rdtool reads it (docs/rules.md):

- A suspended deputy **remains a deputy**: the article suspends the exercise of the duties, not the mandate (代表资格
  ends only under 第六十二条, and 第六十一条第二款 sets 代表资格终止 apart). So a suspended deputy stays on the
  roster and counts in 应到 (全体代表: 组织法 第十四条第四款 "三分之二以上的代表出席", 第二十五条 "全体代表的过半数"
  are counted over the deputies, and he is one) — ``counts_in_entitled``.
- Attending and voting is 执行代表职务, so he cannot be present: a roll call records him absent (``may_attend``),
  and that absence is not one 未经批准 under 第六十二条第三项 (the law itself keeps him away) —
  ``absence_counts_for_termination``. Nor does he count as a signer of a motion, an inquiry or a nomination.
- The report goes to the township congress (乡、民族乡、镇的人民代表大会): at a congress session, on or after the day
  the suspension began — ``report_problem``.
- He resumes when the ground ends, within the term; a deputy whose mandate has ended does not resume
  (第六十一条第二款 "但代表资格终止者除外") — ``resume_problem``.
"""

from __future__ import annotations

__all__ = ["GROUNDS", "ARTICLE", "counts_in_entitled", "may_attend", "may_sign", "absence_counts_for_termination",
           "nominee_note", "suspended_on", "report_problem", "resume_problem", "overlap_problem"]

ARTICLE = "代表法第六十一条"

GROUNDS = {
    "detained": "因刑事案件被羁押正在受侦查、起诉、审判",
    "serving": "被依法判处管制、拘役或者有期徒刑而没有附加剥夺政治权利，正在服刑",
}
"""代表法 (2025) 第六十一条第一款第一项、第二项: the only two grounds."""


def counts_in_entitled(suspended: bool) -> bool:
    """Whether a deputy counts in 应到 (the 全体代表 of the quorum and majorities): always, suspended or not.

    代表法 (2025) 第六十一条 suspends 执行代表职务, not the mandate; 第六十一条第二款 sets 代表资格终止 apart, and only
    第六十二条 ends a mandate. 组织法 (2022) 第十四条第四款 and 第二十五条 count over all deputies.
    """
    return True


def may_attend(suspended: bool) -> bool:
    """Whether a deputy may be recorded present at a meeting (attending is 执行代表职务): not while suspended.

    代表法 (2025) 第六十一条第一款 "暂时停止执行代表职务".
    """
    return not suspended


def may_sign(suspended: bool) -> bool:
    """Whether a deputy may propose or sign a joint act (a motion, an inquiry, a joint nomination of candidates): not
    while suspended — proposing and signing are 执行代表职务 (代表法 (2025) 第六十一条第一款; 第七条第（二）项 "依法联名
    提出议案、质询案、罢免案等" is among the rights a deputy exercises as such). A signature given while suspended is refused, not recorded and
    left out of the count: the secretary removes it, or records the resumption first.
    """
    return not suspended


def nominee_note(name: str, started_on: str, from_deputies: bool) -> str:
    """What to say when a candidate nominated is a deputy whose duties are suspended (since ``started_on``).

    The texts bar him from 执行代表职务 (代表法 (2025) 第六十一条) but say nothing of being nominated or elected: the
    nomination is recorded, with this note. ``from_deputies``: the post is filled from the deputies (主席、副主席,
    组织法 (2022) 第十八条第一款 "由本级人民代表大会从代表中选出"), where it matters most.
    """
    line = (f"候选人{name}自{started_on}起暂停执行代表职务（{ARTICLE}）：法律没有规定暂停期间不得被提名，"
            f"但暂停期间不能执行代表职务")
    if from_deputies:
        line += "；主席、副主席由本级人民代表大会从代表中选出（组织法第十八条第一款）"
    return line + "；请主席团核实"


def absence_counts_for_termination(suspended: bool) -> bool:
    """Whether an absence from a congress session counts towards 代表法 第六十二条第三项 (未经批准两次不出席).

    Not while suspended: 代表法 (2025) 第六十一条 keeps the deputy from his duties; the absence is the law's, not
    one without approval.
    """
    return not suspended


def suspended_on(periods: list[tuple[str, str | None]], day: str) -> bool:
    """Whether ``day`` falls in one of the suspensions ``periods`` ((started_on, ended_on or None), ISO dates).

    代表法 (2025) 第六十一条: suspended from the day the ground arose (the first day counts) until it ended (the
    day of resumption is a day of duties again: ``started_on <= day < ended_on``).
    """
    return any(start <= day and (end is None or day < end) for start, end in periods)


def report_problem(started_on: str, meeting_kind: str, meeting_date: str, meeting_end: str | None = None) -> str | None:
    """What is wrong with the meeting at which the suspension was reported, or None.

    代表法 (2025) 第六十一条第一款: "由代表资格审查委员会向…乡、民族乡、镇的人民代表大会报告" — a session of the
    township congress (``meeting_kind`` ``'congress'``), not the presidium, held (its last day ``meeting_end``, else
    ``meeting_date``) on or after the day the suspension began.
    """
    if meeting_kind != "congress":
        return f"暂停执行代表职务由代表资格审查委员会向乡镇人民代表大会报告，应是人代会，不是主席团会议或其他会议（{ARTICLE}）"
    if (meeting_end or meeting_date) < started_on:
        return f"报告的会议（{meeting_date}）早于暂停开始的日期{started_on}"
    return None


def resume_problem(started_on: str, resumed_on: str, mandate_status: str, status_date: str | None,
                   term_end: str | None) -> str | None:
    """Why a suspended deputy cannot resume on ``resumed_on``, or None.

    代表法 (2025) 第六十一条第二款: "前款所列情形在代表任期内消失后，恢复其执行代表职务，但代表资格终止者除外" — not
    before the suspension began, not after the term ended (``term_end``), and not when the mandate has ended
    (``mandate_status`` other than ``'active'``, on or before ``resumed_on``).
    """
    if resumed_on < started_on:
        return f"恢复日期{resumed_on}早于暂停开始的日期{started_on}"
    if mandate_status != "active" and (status_date is None or status_date <= resumed_on):
        return f"代表资格已终止（{status_date or '日期未记'}），不恢复执行代表职务（{ARTICLE}第二款“但代表资格终止者除外”）"
    if term_end is not None and resumed_on > term_end:
        return f"恢复日期{resumed_on}在本届任期（至{term_end}）之后；情形在代表任期内消失的才恢复（{ARTICLE}第二款）"
    return None


def overlap_problem(periods: list[tuple[str, str | None]], started_on: str) -> str | None:
    """A new suspension from ``started_on`` (open: not yet resumed) that overlaps one of ``periods``, or None.

    It overlaps a period still in force on ``started_on``, and also any period beginning later (the new one has no
    end yet, so it would cover that one too): one deputy is suspended at most once at a time.
    """
    for start, end in sorted(periods):
        if end is None or end > started_on:
            until = f"{end}恢复" if end else "尚未恢复"
            return (f"该代表已有自{start}起暂停执行代表职务的记录（{until}），与自{started_on}起的暂停重叠；"
                    f"请先记录恢复，或核对日期")
    return None
