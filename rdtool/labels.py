"""Codes ↔ 中文 labels, and parsing of the values a secretary types.

Every enumerated value has a stable English code (stored, used in JSON/CSV) and
a Chinese label (shown in tables). Input accepts either, case-insensitively, plus
each form of a label with a slash or brackets and the short forms used in
spreadsheets (docs/csv.md lists every code, label and accepted spelling).
"""

from __future__ import annotations

import re

from rdtool.errors import FieldError
# The parsers live in rdtool.parse; imported here for the labels and re-exported for the modules that take both.
from rdtool.parse import (  # noqa: F401
    FOLD as _FOLD, LIST_SEPARATORS, MAX_INT, clean, clean_name, parse_bool, parse_date, parse_int, parse_list,
    parse_month_or_date, record_id)
from rdtool.record_names import CHECKS, COLUMN_ZH, TABLE_ZH

# code -> (label, extra accepted spellings)
ENUMS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "gender": {"male": ("男", ("m",)), "female": ("女", ("f",))},
    "party": {
        "cpc": ("中共党员", ("党员", "中国共产党党员", "共产党员", "中共")),
        "cpc_probationary": ("中共预备党员", ("预备党员", "中共预备")),
        # rosters write the party's short name (CHANGES.md “Real rosters”)
        "democratic": ("民主党派", ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟",
                                 "民革党员", "民盟盟员", "民建会员", "民进会员", "农工党党员", "致公党党员",
                                 "九三学社社员", "台盟盟员")),
        "independent": ("无党派人士", ("无党派",)),
        "masses": ("群众", ()),
    },
    "occupation": {
        "cadre": ("党政领导干部", ("干部", "领导干部")),
        "worker": ("工人", ()),
        "farmer": ("农民", ()),
        "technician": ("专业技术人员", ("技术人员",)),
        "business": ("企业负责人", ()),
        "other": ("其他", ()),
    },
    "education": {
        "primary": ("小学", ()),
        "junior": ("初中", ()),
        "senior": ("高中/中专", ()),
        "college": ("大专", ("专科",)),
        "bachelor": ("本科", ("大学本科", "大学")),
        "postgraduate": ("研究生", ("硕士", "博士")),
    },
    "level": {
        "township": ("镇(乡)人大代表", ("镇人大代表", "乡人大代表", "镇", "乡", "镇代表", "乡代表")),
        "county": ("县人大代表", ("县", "县代表")),
    },
    "deputy_status": {
        "active": ("在任", ()),
        "resigned": ("辞职", ()),
        "recalled": ("罢免", ()),
        "moved": ("调离/迁出", ()),
        "deceased": ("去世", ("死亡", "逝世")),
        "terminated": ("终止代表资格", ("终止",)),
    },
    "presidium_role": {
        "chair": ("主席", ("主席团主席",)),
        "vice_chair": ("副主席", ("主席团副主席",)),
        "member": ("主席团成员", ("成员",)),
    },
    "meeting_kind": {
        "presidium": ("主席团会议", ("主席团",)),
        "congress": ("人民代表大会会议", ("人代会", "代表大会")),
        "other": ("其他会议", ("其他",)),
    },
    "item_kind": {
        "decision": ("重大事项", ("决定", "决定事项")),
        "personnel": ("人事任免", ("任免",)),
        "report": ("工作报告审议", ("报告", "工作报告")),
        "budget": ("预决算", ("预算", "决算")),
        "election": ("选举", ()),
        "other": ("其他", ()),
    },
    "vote_method": {
        "hands": ("举手表决", ("举手",)),
        "ballot": ("无记名投票(票决)", ("票决", "无记名投票")),
        "electronic": ("电子表决", ("表决器",)),
    },
    "vote_result": {
        "passed": ("通过", ()),
        "failed": ("未通过", ()),
        "no_quorum": ("不足法定人数", ()),
    },
    "attendance": {
        "present": ("出席", ("到会",)),
        "absent": ("缺席", ("未到",)),
        "leave": ("请假", ()),
    },
    "proposal_kind": {
        "motion": ("议案", ()),
        "suggestion": ("建议、批评和意见", ("建议", "意见", "建议意见")),
    },
    "proposal_result": {
        "A": ("已解决或基本解决", ("已解决", "基本解决")),
        "B": ("正在解决", ()),
        "C": ("列入计划逐步解决", ("列入计划",)),
        "D": ("因条件限制留作参考", ("留作参考",)),
    },
    "feedback": {
        "satisfied": ("满意", ()),
        "basic": ("基本满意", ()),
        "unsatisfied": ("不满意", ()),
    },
    "appointment_action": {
        "appoint": ("任命", ()),
        "remove": ("免职", ()),
        "accept_resignation": ("接受辞职", ("辞职",)),
        "elect": ("选举", ("选举产生", "当选")),
    },
    "activity_kind": {
        "training": ("培训", ()),
        "study": ("学习", ()),
        "inspection": ("视察", ()),
        "survey": ("调研", ()),
        "enforcement": ("执法检查", ()),
        "group": ("代表小组活动", ("小组活动",)),
        "contact": ("联系选民", ()),
        "report_back": ("向选民述职", ("述职",)),
        "other": ("其他", ()),
    },
    # Which deputies an activity is for: the term report counts township activities as
    # township or both, county activities as county or both.
    "activity_level": {
        "township": ("镇(乡)人大代表活动", ("镇", "乡", "镇人大代表", "乡人大代表", "镇(乡)人大代表", "镇代表", "乡代表")),
        "county": ("县人大代表活动", ("县", "县人大代表", "县代表")),
        "both": ("县乡两级人大代表活动", ("两级", "县乡两级", "县乡")),
    },
}



def _forms(label: str) -> set[str]:
    """A label and each of its slash/bracket forms: 镇(乡)人大代表 → 镇人大代表, 乡人大代表 …"""
    label = label.translate(_FOLD)
    out = {label}
    for part in label.split("/"):
        out.add(part)
    m = re.fullmatch(r"(.*)\((.*)\)(.*)", label)
    if m:
        head, inner, tail = m.groups()
        out.update({head + tail, inner + tail, head + inner + tail, head, inner})
    return {f.strip().lower() for f in out if f.strip()}


def _build_table(enum: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, (lab, extra) in ENUMS[enum].items():
        for form in {code.lower(), *_forms(lab), *(e.lower() for e in extra)}:
            table.setdefault(form, code)
    return table



# Built per enum on first use (start-up time); enums added later by other modules are picked up too.
_LOOKUP: dict[str, dict[str, str]] = {}


def label(enum: str, code: str | None) -> str:
    """The Chinese label for a stored code (the code itself when unknown)."""
    if code is None or code == "":
        return ""
    entry = ENUMS[enum].get(code)
    return entry[0] if entry else str(code)


def choices(enum: str) -> str:
    """'male 男, female 女' — for help texts and error hints."""
    return "，".join(f"{c} {lab}" for c, (lab, _) in ENUMS[enum].items())


def parse_enum(enum: str, raw: str) -> str:
    """The code for a code or a label (case-insensitive, either bracket width)."""
    table = _LOOKUP.get(enum)
    if table is None:
        table = _LOOKUP[enum] = _build_table(enum)
    key = clean(raw).translate(_FOLD).lower()
    code = table.get(key)
    if code is None:
        raise FieldError(f"无法识别的值“{raw}”，可用：{choices(enum)}")
    return code


# Field name -> Chinese header (docs/csv.md); the same in every kind.
FIELD_ZH: dict[str, str] = {
    "name": "姓名", "gender": "性别", "birth_date": "出生日期", "ethnicity": "民族",
    "party": "政治面貌", "education": "文化程度", "occupation": "代表构成",
    "workplace": "工作单位及职务", "level": "代表层级", "constituency": "选区", "term": "届次",
    "elected_on": "当选日期", "re_elected": "是否连任", "phone": "联系电话", "id_number": "身份证号",
    "presidium_role": "主席团职务", "status": "状态", "status_date": "状态日期", "code": "编号",
    "kind": "类别", "date": "日期", "title": "标题", "end_date": "结束日期", "location": "地点",
    "extraordinary": "是否临时会议", "present": "出席人数", "entitled": "应到人数", "notes": "备注",
    "meeting": "会议", "deputy": "代表", "seq": "序号", "method": "表决方式", "yes": "赞成",
    "no": "反对", "abstain": "弃权", "not_voting": "未按表决器", "post": "职务", "seats": "应选名额",
    "candidate": "候选人", "votes": "得票", "ballots_issued": "发出选票", "ballots_returned": "收回选票",
    "ballots_invalid": "无效票", "person": "姓名", "position": "职务", "action": "任免类别",
    "decided_on": "决定日期", "party_decision_on": "党委决定日期", "nomination_on": "提请日期",
    "application_on": "申请日期", "discussion_on": "讨论日期", "vote_on": "表决日期",
    "oath_on": "宣誓日期", "statement_on": "表态发言日期", "announced_on": "公告日期", "body": "内容",
    "category": "分类", "lead": "领衔代表", "cosigners": "附议代表", "unit": "承办单位",
    "submitted_on": "提出日期", "assigned_on": "交办日期", "due_on": "办理期限", "complex": "是否复杂",
    "replied_on": "答复日期", "result": "办理结果", "reply": "答复内容", "feedback": "代表意见",
    "feedback_on": "反馈日期", "closed_on": "办结日期", "subject": "对象", "participants": "参加人员",
    # Columns rdtool adds to the contract (never renamed or dropped).
    "id": "ID", "deputy_id": "代表ID", "person_id": "同一人（代表ID）", "start_date": "开始日期", "age": "年龄",
    "number": "届次", "status_reason": "状态原因",
    "organiser": "组织单位", "ordinal": "次序",
}

# The general election (换届选举): columns of the ge_plan / ge_constituencies / ge_candidates kinds.
FIELD_ZH.update({
    "election_day": "选举日", "mobilisation_on": "宣传动员日期", "registration_on": "选民名单公布日期",
    "candidates_on": "候选人名单公布日期", "final_list_on": "正式候选人名单公布日期",
    "credentials_on": "资格审查日期", "population": "人口数", "voters": "登记选民数",
    "nominated_by": "推荐单位", "nominators": "联名选民数", "final": "是否正式候选人", "round": "轮次",
    "held_on": "投票日期", "confirmed": "资格确认", "confirmed_on": "确认日期",
})
# A candidate's outcome in a general election round (statuses of rdtool.rules.direct_elections).
ENUMS["ge_outcome"] = {
    "elected": ("当选", ()),
    "tie": ("票数相等须再次投票", ("票数相等",)),
    "not_elected": ("未当选", ()),
    "void": ("本轮无效", ()),
    "initial": ("初步候选人", ()),
}

# Election outcomes, and Chinese numerals for formal titles.
ENUMS["election_outcome"] = {
    "filled": ("选满", ()),
    "tie": ("票数相等，须再次投票", ("再次投票",)),
    "shortfall": ("未选满，须另行选举", ("另行选举",)),
    "void": ("本轮选举无效，须重新投票", ("无效",)),
    "no_quorum": ("不足法定人数，不能选举", ("不足法定人数",)),
}
# The rule a vote or a quorum was judged by (rdtool.rules.majority), as `db log` and `undo` show it.
ENUMS["vote_rule"] = {
    "congress_two_thirds_quorum_all_majority": ("人代会：三分之二以上代表出席，全体代表过半数通过", ()),
    "presidium_two_thirds_quorum_all_majority": ("主席团会议：三分之二以上成员出席，全体成员过半数通过", ()),
    "presidium_two_majorities": ("主席团会议：全体成员过半数出席，全体成员过半数通过（两个过半）", ()),
    "other_present_majority": ("出席人员过半数通过", ()),
    "congress_two_thirds_quorum": ("人代会：三分之二以上代表出席", ()),
    "presidium_two_thirds_quorum": ("主席团会议：三分之二以上成员出席", ()),
    "presidium_half_quorum": ("主席团会议：全体成员过半数出席", ()),
    "other_half_quorum": ("过半数出席", ()),
}
ENUMS["ge_kind"] = {"general": ("换届选举", ()), "by_election": ("补选", ())}
ENUMS["candidate_status"] = {
    "elected": ("当选", ()),
    "tie": ("票数相等，须再次投票", ()),
    "not_elected": ("未当选", ()),
    "void": ("本轮无效", ()),
}
FIELD_ZH.update({"round": "轮次", "rule": "适用规则", "meeting_code": "会议编号", "item_id": "事项ID",
                 "outcome": "结果", "elected": "是否当选", "missing": "缺少的程序"})

# Proposals: the state a proposal is in, and the columns rdtool adds to the proposals contract.
ENUMS["proposal_status"] = {
    "submitted": ("待交办", ("未交办",)),
    "assigned": ("办理中", ("已交办",)),
    "replied": ("已答复", ("待反馈",)),
    "rehandling": ("再次办理", ("重新办理",)),
    "fed_back": ("已反馈", ()),
    "closed": ("已办结", ("办结",)),
}
FIELD_ZH.update({"round": "轮次", "due_reason": "期限说明", "close_reason": "办结说明", "days_late": "逾期天数",
                 "days_left": "剩余天数", "started_on": "开始日期", "snippet": "匹配内容", "lead_id": "领衔代表ID",
                 "group": "分组"})

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """A Chinese ordinal numeral for titles: 1→一, 10→十, 11→十一, 21→二十一, 100→一百, 105→一百零五."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        tail = chinese_numeral(rest)
        return head + ("一" + tail if rest < 20 else tail)
    return str(n)


def from_chinese_numeral(text: str) -> int | None:
    """The inverse of chinese_numeral (also ASCII digits): 十八 → 18, 二十一 → 21, 一百零五 → 105; None if not one."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS + "十百〇两" for c in text):
        return None
    text = text.replace("〇", "零").replace("两", "二")
    total, head = 0, 0
    for c in text:
        if c == "百":
            total, head = total + (head or 1) * 100, 0
        elif c == "十":
            total, head = total + (head or 1) * 10, 0
        elif c != "零":
            head = _DIGITS.index(c)
    n = total + head
    return n or None


# (compiled by re on first use, not at import: every command imports this module)
_MEETING_NAME = (r"^.*?第?([零〇一二两三四五六七八九十百\d]+)届(人民代表大会|人大主席团|主席团|人大|代表大会)?"
                 r"第?([零〇一二两三四五六七八九十百\d]+)次(?:会议)?$")


def meeting_name(text: str) -> tuple[int, str, int] | None:
    """(term, kind, number) of a meeting's printed name: 十八届四次, 第十八届人民代表大会第四次会议, 河南镇第十八届人大
    主席团第二十一次会议 (presidium when it says 主席团, else a congress session); None when it is not one."""
    m = re.match(_MEETING_NAME, re.sub(r"\s+", "", text or ""))
    if m is None:
        return None
    term, seq = from_chinese_numeral(m.group(1)), from_chinese_numeral(m.group(3))
    if not term or not seq:
        return None
    return term, ("presidium" if "主席团" in (m.group(2) or "") else "congress"), seq


def problem_line(field: str, value: object, message: str) -> str:
    """One line of a ValidationError's problems: 领衔代表“张三”：…… — the field in Chinese only (issue 23)."""
    name = FIELD_ZH.get(field) or field
    return name + (f"“{value}”" if value not in (None, "") else "") + f"：{message}"


def chinese_date(iso: str | None) -> str:
    """A date as written in a document: 2017-01-05 → 2017年1月5日 (a month 1979-08 → 1979年8月)."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso)
    if m is None:
        return iso
    year, month, day = m.groups()
    return f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")


def column_zh(name: str, table: str = "") -> str:
    """A database column's Chinese name (rdtool.record_names), else its CSV field's."""
    return COLUMN_ZH.get(f"{table}.{name}") or COLUMN_ZH.get(name) or FIELD_ZH.get(name, "")


# (CHANGES.md “Elections and the law”) the term's calendar, mandates and posts ending, by-elections.
FIELD_ZH.update({
    "notified_on": "通知代表日期", "requesters": "提议代表人数", "tie_revote": "再次投票",
    "letter_on": "辞职书面提出日期", "accepted_by": "接受辞职的表决", "petitioners": "要求罢免选民数",
    "recall_yes": "同意罢免票数", "post_announced_on": "职务终止公告日期", "motion_by": "罢免案提出方",
    "movers": "联名代表人数",
    # voter-list appeals (general-election appeal): an error names the field as record_names does
    "filed_on": "申诉日期", "decision": "处理决定", "court_filed_on": "起诉日期", "court_decided_on": "判决日期",
})
ENUMS["post_end_action"] = {
    "recalled": ("罢免", ()),
    "resigned": ("辞职", ("接受辞职",)),
}
ENUMS["motion_by"] = {
    "presidium": ("主席团", ()),
    "deputies": ("代表联名", ("代表", "五分之一以上代表联名")),
}


# (CHANGES.md “Figures a secretary can sign”) a motion's way through the presidium and the congress (组织法 第二十二条第二款、第三款), and the states a
# proposal takes on a day (one state function, rdtool.store.proposals.facts).
ENUMS["motion_disposition"] = {
    "on_agenda": ("列入议程", ("列入大会议程", "列入会议议程")),
    "not_on_agenda": ("不列入议程", ("不列入大会议程", "不列入会议议程")),
    "as_suggestion": ("作为建议办理", ("作为建议、批评和意见办理", "转为建议", "转为建议办理")),
}
ENUMS["motion_outcome"] = {
    "passed": ("通过", ("大会通过",)),
    "failed": ("未通过", ("大会未通过",)),
    "withdrawn": ("撤回", ("提案人撤回", "审议终止")),
}
ENUMS["proposal_status"].update({
    "overdue": ("逾期", ("逾期未答复", "已逾期")),
    "pending_decision": ("待主席团决定", ("待决定",)),
    "on_agenda": ("已列入议程", ("列入议程",)),
    "not_on_agenda": ("不列入议程", ()),
    "adopted": ("大会通过", ()),
    "rejected": ("大会未通过", ()),
    "withdrawn": ("已撤回", ()),
})
FIELD_ZH.update({"disposition": "议案处理", "decision_meeting": "决定会议", "outcome_on": "结果日期",
                 "outcome_meeting": "审议会议", "handled": "交办件数"})
# The archive's attendance at a session the deputy was due at: the roll call's status, or 未记录 without one.
ENUMS["attendance_record"] = {**ENUMS["attendance"], "unrecorded": ("未记录", ())}


# The database's tables, the columns the CSV contract does not name, and what `db check` finds: data in
# rdtool.record_names, registered here as enums for label() (the codes stay in JSON and CSV).
ENUMS["check"] = {code: (zh, ()) for code, zh in CHECKS.items()}
ENUMS["table"] = {table: (zh, ()) for table, zh in TABLE_ZH.items()}


# (CHANGES.md “The law: suspended duties, inquiries, nominations, proxy votes”) 代表法 第六十一条, 组织法 第二十四条,
# 第二十六条, 选举法 第四十二条.
ENUMS["suspension_ground"] = {
    "detained": ("因刑事案件被羁押", ("羁押", "被羁押", "受侦查", "起诉", "审判", "侦查")),
    "serving": ("正在服刑", ("服刑", "管制", "拘役", "有期徒刑", "判刑")),
}
ENUMS["inquiry_answer"] = {
    "presidium": ("主席团会议上口头答复", ("主席团会议", "主席团")),
    "plenary": ("大会全体会议上口头答复", ("大会全体会议", "全体会议", "大会", "口头")),
    "written": ("书面答复", ("书面",)),
}
ENUMS["nominated_by"] = {
    "presidium": ("主席团", ("主席团提名",)),
    "deputies": ("代表联名", ("代表", "代表联合提名", "十人以上代表联名")),
}
FIELD_ZH.update({
    "ground": "暂停事由", "started_on": "暂停日期", "ended_on": "恢复日期", "end_reason": "恢复原因",
    "reported_meeting": "报告的人代会", "target": "质询对象", "answer_method": "答复方式", "answered_on": "答复日期",
    "answered_by": "答复负责人", "answer": "答复", "nominated_by": "提名方", "margin": "差额数",
    "principal": "委托人", "proxy": "受委托人", "approved_on": "选举委员会同意日期",
    "reported_meeting_id": "报告的人代会", "inquiry_id": "质询案", "nomination_id": "提名",
    "formal": "列入正式候选人名单（1 是、0 否、空 票数相等未定）",
    "reanswer_requested_on": "要求再作答复日期", "reanswer_method": "再作答复方式", "reanswered_on": "再作答复日期",
    "reanswered_by": "再作答复负责人", "reanswer": "再作答复", "unsatisfied": "对答复不满意",
})
