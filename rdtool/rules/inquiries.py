"""质询案 (inquiries) at a township congress session: who may lodge one, when, and when it is answered.

- 组织法 (2022) 第二十四条第一款: "地方各级人民代表大会举行会议的时候，代表十人以上联名可以书面提出对本级人民政府和它
  所属各工作部门以及监察委员会、人民法院、人民检察院的质询案。质询案必须写明质询对象、质询的问题和内容。" — at a
  township the government and its departments (the other organs have no township level). The signers are deputies of
  that congress: county deputies do not count, as for motions (组织法 第二十二条第二款, ``rdtool.rules.deputies``); nor
  does a deputy whose duties are suspended (代表法 第六十一条, ``rdtool.rules.suspensions``).
- 组织法 第二十四条第二款: the presidium decides whether it is answered orally at a presidium meeting or a plenary
  meeting, or in writing; 第三款: the 负责人 answers (oral) or signs (written). Both at the session.
- 北京市乡、民族乡、镇人民代表大会组织条例 第十二条第一款: "代表十人以上联名…代表总数在四十人以下的，五分之一以上代表
  联名也可以提出质询案" — 以下 includes forty, 以上 includes one fifth; 第四款 lets the presidium decide that a
  complicated inquiry is answered within three months after the session (大会后三个月内).
- 重庆市乡镇人民代表大会工作条例 第十八条 (ten or more) and 第四款: a complicated inquiry within two months of the session's
  close (大会闭会后两个月内), on the presidium's decision. 山东 若干规定 第二十三条: ten or more.
- 再作答复: 代表法 (2025) 第二十条第五款 (every level, the township's included): "提出质询案的代表半数以上对答复不满意的，
  可以要求受质询机关再作答复" — 半数以上 includes exactly half. 组织法 第二十四条 does not repeat it. 北京 组织条例 第十二条
  第四款, 重庆 工作条例 第十八条第四款 and 山东 若干规定 第二十三条第二款 add "经主席团决定".
"""

from __future__ import annotations

from datetime import date

from rdtool.rules._counting import check_int

__all__ = ["MIN_SIGNERS", "ANSWER_METHODS", "min_signers", "signers_ok", "date_problem", "answer_problem",
           "LATER_ANSWER_MONTHS", "ART_AGAIN", "AGAIN_BY_PRESIDIUM", "reanswer_ok", "reanswer_problem"]

MIN_SIGNERS = 10
"""组织法 (2022) 第二十四条第一款: 代表十人以上联名."""

ANSWER_METHODS = {"presidium": "主席团会议上口头答复", "plenary": "大会全体会议上口头答复", "written": "书面答复"}
"""组织法 (2022) 第二十四条第二款."""

LATER_ANSWER_MONTHS = {"beijing": (3, "北京市乡、民族乡、镇人民代表大会组织条例第十二条第四款"),
                       "chongqing": (2, "重庆市乡镇人民代表大会工作条例第十八条第四款")}
"""Where a province lets the presidium put off a complicated inquiry's answer until after the session."""

ART = "组织法第二十四条"
ART_BJ = "北京市乡、民族乡、镇人民代表大会组织条例第十二条第一款"


def min_signers(all_deputies: int, province: str = "national") -> int:
    """How many township deputies must sign an inquiry.

    组织法 (2022) 第二十四条第一款: ten. 北京市乡、民族乡、镇人民代表大会组织条例 第十二条第一款: where the deputies
    number forty or fewer
    (``all_deputies <= 40``), one fifth also suffices — the smaller of ten and ⌈all/5⌉. ``all_deputies`` is the
    roster on the day (代表总数).
    """
    check_int("代表总数", all_deputies)
    if province == "beijing" and all_deputies <= 40:
        return min(MIN_SIGNERS, -(-all_deputies // 5))
    return MIN_SIGNERS


def signers_ok(signers: int, all_deputies: int, province: str = "national") -> bool:
    """True when ``signers`` township deputies suffice (``min_signers``: 以上 includes the figure).

    组织法 (2022) 第二十四条第一款; 北京市乡、民族乡、镇人民代表大会组织条例 第十二条第一款."""
    return check_int("联名代表人数", signers) >= min_signers(all_deputies, province)


def signer_article(all_deputies: int, province: str) -> str:
    """The article whose threshold applies."""
    return ART_BJ if province == "beijing" and all_deputies <= 40 else f"{ART}第一款"


def date_problem(submitted: str, session_start: str, session_end: str | None) -> str | None:
    """An inquiry is lodged "举行会议的时候" (组织法 第二十四条第一款): on a day of the congress session, or a problem."""
    end = session_end or session_start
    if session_start <= submitted <= end:
        return None
    return (f"质询案应在人代会举行会议的时候提出（{ART}第一款）；提出日期{submitted}不在会期"
            f"{session_start}{'' if end == session_start else '至' + end}之内")


def answer_problem(answered_on: str, method: str, session_start: str, session_end: str | None,
                   province: str = "national") -> str | None:
    """When the answer falls outside the session (组织法 第二十四条第二款、第三款), a problem; else None.

    An oral answer (``'presidium'``, ``'plenary'``) is given at the session; a written one too, except where the
    province lets the presidium put off a complicated inquiry (北京市乡、民族乡、镇人民代表大会组织条例 第十二条第四款:
    within three months after the session; 重庆市乡镇人民代表大会工作条例 第十八条第四款: within two months of its
    close) — a written answer within that time draws no problem. Dates are ISO strings.
    """
    from rdtool.rules.deadlines import add_months

    if method not in ANSWER_METHODS:
        raise ValueError(f"未知的答复方式：{method!r}")
    end = session_end or session_start
    if answered_on < session_start:
        return f"答复日期{answered_on}早于会议开始的日期{session_start}"
    if answered_on <= end:
        return None
    later = LATER_ANSWER_MONTHS.get(province)
    if method == "written" and later is not None:
        limit = add_months(date.fromisoformat(end), later[0]).isoformat()
        if answered_on <= limit:
            return None
        return f"书面答复于{answered_on}，超过大会后{later[0]}个月（{limit}，{later[1]}）"
    return f"质询案由受质询机关在会议期间答复（{ART}第二款、第三款）；答复日期{answered_on}在会议结束（{end}）之后"


ART_AGAIN = "代表法第二十条第五款"

AGAIN_BY_PRESIDIUM = {"beijing": "北京市乡、民族乡、镇人民代表大会组织条例第十二条第四款",
                      "chongqing": "重庆市乡镇人民代表大会工作条例第十八条第四款",
                      "shandong": "山东省乡镇人民代表大会工作若干规定第二十三条第二款"}
"""Where the province adds "经主席团决定" to the answer given again."""


def reanswer_ok(unsatisfied: int, signers: int) -> bool:
    """True when ``unsatisfied`` of the ``signers`` who lodged the inquiry may ask for it to be answered again.

    代表法 (2025) 第二十条第五款: "提出质询案的代表半数以上对答复不满意的，可以要求受质询机关再作答复" — 半数以上
    includes half (5 of 10 may, 4 of 10 may not; 5 of 11 may not, 6 of 11 may)."""
    check_int("不满意的代表人数", unsatisfied)
    check_int("提出质询案的代表人数", signers)
    return signers > 0 and unsatisfied * 2 >= signers


def reanswer_problem(unsatisfied: int, signers: int, answered_on: str | None, requested_on: str,
                     reanswered_on: str | None = None) -> str | None:
    """Why the inquiry cannot be recorded as answered again, or None (代表法 (2025) 第二十条第五款).

    There must be a first answer (``answered_on``) to be unsatisfied with, the request on or after it, half or more
    of the deputies who lodged it unsatisfied (``reanswer_ok``), and the second answer (``reanswered_on``) on or
    after the request. The law sets no time for the second answer."""
    if answered_on is None:
        return "尚未记录答复；对答复不满意才可以要求再作答复（先用 inquiry answer 记录答复）"
    if requested_on < answered_on:
        return f"要求再作答复的日期{requested_on}早于答复日期{answered_on}"
    if not reanswer_ok(unsatisfied, signers):
        return (f"对答复不满意的代表{unsatisfied}人，不足提出质询案的代表{signers}人的半数"
                f"（至少{-(-signers // 2)}人；{ART_AGAIN}“半数以上对答复不满意的，可以要求受质询机关再作答复”）")
    if reanswered_on is not None and reanswered_on < requested_on:
        return f"再作答复的日期{reanswered_on}早于要求再作答复的日期{requested_on}"
    return None
