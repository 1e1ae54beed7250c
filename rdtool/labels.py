"""Codes ↔ 中文 labels, and parsing of the values a secretary types.

Every enumerated value has a stable English code (stored, used in JSON/CSV) and
a Chinese label (shown in tables). Input accepts either, case-insensitively, plus
each form of a label with a slash or brackets and the short forms used in
spreadsheets (docs/csv.md lists every code, label and accepted spelling).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from rdtool.errors import FieldError

# code -> (label, extra accepted spellings)
ENUMS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "gender": {"male": ("男", ("m",)), "female": ("女", ("f",))},
    "party": {
        "cpc": ("中共党员", ("党员", "中国共产党党员", "共产党员", "中共")),
        "cpc_probationary": ("中共预备党员", ("预备党员", "中共预备")),
        # rosters write the party's short name (issue 15)
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
    # Which deputies an activity is for (issue 5): the term report counts township activities as
    # township or both, county activities as county or both.
    "activity_level": {
        "township": ("镇(乡)人大代表活动", ("镇", "乡", "镇人大代表", "乡人大代表", "镇(乡)人大代表", "镇代表", "乡代表")),
        "county": ("县人大代表活动", ("县", "县人大代表", "县代表")),
        "both": ("县乡两级人大代表活动", ("两级", "县乡两级", "县乡")),
    },
}

# Full-width ASCII (（）／，…) folds to half-width in labels and input alike, as clean() does.
_FOLD = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


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
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
)


def parse_date(raw: str) -> str:
    """An ISO date from 2017-01-05, 2017/1/5, 2017.1.5, 20170105 or 2017年1月5日.

    Spreadsheet cells that carry a time (2017-01-05 00:00:00) keep only the date.
    """
    text = clean(raw)
    if " " in text or "T" in text:
        text = re.split(r"[ T]", text, maxsplit=1)[0]
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                raise FieldError(f"日期“{raw}”不存在（{y}年{mo}月没有{d}日）") from None
    raise FieldError(f"无法识别的日期“{raw}”，请写成 2017-01-05、2017/1/5、2017.1.5、20170105 或 2017年1月5日")


_MONTH_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月?"),
)


def parse_month_or_date(raw: str) -> str:
    """A date as `parse_date` reads it, or a month only: 1979.08, 1979年8月, 197908, 1979-8 → 1979-08.

    Rosters record birth as a month (出生年月); it is stored as YYYY-MM (docs/csv.md).
    "1979.1" is refused: it is what Excel/WPS leave of 1979.10 typed in a number cell, so January and
    October cannot be told apart.
    """
    text = clean(raw)
    for pattern in _MONTH_PATTERNS:
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


_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def clean(raw: object) -> str:
    """Trim, fold full-width ASCII and the ideographic space; None becomes ''."""
    if raw is None:
        return ""
    text = raw if type(raw) is str else str(raw)
    if not text.isascii() and _WIDE.search(text):  # (a fast path: most cells have nothing to fold)
        text = text.translate(_WIDTH)
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


LIST_SEPARATORS = re.compile(r"[、;；,，]")


def parse_list(raw: str) -> list[str]:
    """Names in one cell, separated by 、 ; ； (and commas, which spreadsheets add)."""
    return [clean_name(p) for p in LIST_SEPARATORS.split(clean(raw)) if clean_name(p)]


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
    "id": "ID", "deputy_id": "代表ID", "start_date": "开始日期", "age": "年龄",
    "number": "届次", "status_reason": "状态原因",
    "organiser": "组织单位",
}

# Issue 8 (general election, 换届选举): columns of the ge_plan / ge_constituencies / ge_candidates kinds.
FIELD_ZH.update({
    "election_day": "选举日", "mobilisation_on": "宣传动员日期", "registration_on": "选民名单公布日期",
    "candidates_on": "候选人名单公布日期", "final_list_on": "正式候选人名单公布日期",
    "credentials_on": "资格审查日期", "population": "人口数", "voters": "登记选民数",
    "nominated_by": "推荐单位", "nominators": "联名选民数", "final": "是否正式候选人", "round": "轮次",
    "held_on": "投票日期", "confirmed": "资格确认", "confirmed_on": "确认日期",
})
# Issue 8: a candidate's outcome in a general election round (statuses of rdtool.rules.direct_elections).
ENUMS["ge_outcome"] = {
    "elected": ("当选", ()),
    "tie": ("票数相等须再次投票", ("票数相等",)),
    "not_elected": ("未当选", ()),
    "void": ("本轮无效", ()),
    "initial": ("初步候选人", ()),
}

# Issue 3 additions: election outcomes, and Chinese numerals for formal titles.
ENUMS["election_outcome"] = {
    "filled": ("选满", ()),
    "tie": ("票数相等，须再次投票", ("再次投票",)),
    "shortfall": ("未选满，须另行选举", ("另行选举",)),
    "void": ("本轮选举无效，须重新投票", ("无效",)),
    "no_quorum": ("不足法定人数，不能选举", ("不足法定人数",)),
}
ENUMS["candidate_status"] = {
    "elected": ("当选", ()),
    "tie": ("票数相等，须再次投票", ()),
    "not_elected": ("未当选", ()),
    "void": ("本轮无效", ()),
}
FIELD_ZH.update({"round": "轮次", "rule": "适用规则", "meeting_code": "会议编号", "item_id": "事项ID",
                 "outcome": "结果", "elected": "是否当选", "missing": "缺少的程序"})

# Proposals (issue 4): the state a proposal is in, and the columns rdtool adds to the proposals contract.
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


def chinese_date(iso: str | None) -> str:
    """A date as written in a document: 2017-01-05 → 2017年1月5日 (a month 1979-08 → 1979年8月)."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso)
    if m is None:
        return iso
    year, month, day = m.groups()
    return f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")


# Issue 16: the database's tables and the columns the CSV contract does not name, in Chinese (docs/schema.md and
# the Datasette metadata, `rdtool db datasette-metadata`). A column not here takes its FIELD_ZH label.
TABLE_ZH: dict[str, str] = {
    "settings": "设置", "terms": "届次", "deputies": "代表", "presidium_members": "主席团成员任职",
    "meetings": "会议", "attendance": "出席记录", "items": "议程事项与表决", "election_contests": "选举",
    "candidates": "候选人与得票", "appointments": "任免", "proposals": "议案、建议",
    "proposal_cosigners": "附议代表", "proposal_rounds": "办理轮次", "proposals_fts": "议案建议全文检索",
    "activities": "代表活动", "activity_participants": "活动参加人员", "general_elections": "换届选举",
    "ge_constituencies": "换届选举选区", "ge_candidates": "换届选举候选人", "ge_rounds": "换届选举投票轮次",
    "ge_votes": "换届选举得票", "change_log": "修改记录", "commands": "修改记录的命令",
    "mandate_ends": "代表资格终止", "post_ends": "职务终止（罢免、辞职）", "meeting_numbering": "会议编号起点",
    "_sqlite_migrations": "数据库结构版本",
}
COLUMN_ZH: dict[str, str] = {
    "meeting_numbering.first": "本届最早一次会议的序号", "meeting_numbering.kind": "会议类别",
    "key": "设置项", "value": "值", "voided_at": "作废时间", "void_reason": "作废原因", "meeting_id": "会议ID",
    "activity_id": "活动ID", "proposal_id": "建议ID", "contest_id": "选举ID", "election_id": "换届选举ID",
    "constituency_id": "选区ID", "candidate_id": "候选人ID", "round_id": "轮次ID", "roster": "应到人数（名册）",
    "role": "职务", "from_date": "开始日期", "to_date": "结束日期", "by_election": "是否补选",
    "confirm_note": "资格审查说明", "revote": "是否另行选举", "valid": "是否有效", "void": "是否无效",
    "shortfall": "是否未选满", "tie_seats": "票数相等的名额", "vacant": "空缺名额", "explanation": "说明",
    "at": "时间", "table_name": "表", "row_id": "记录", "before": "修改前", "after": "修改后",
    "migration_set": "迁移集", "applied_at": "应用时间", "lead_id": "领衔代表ID",
    "command_id": "命令ID", "hash": "校验值", "argv": "命令行", "reason": "原因", "undoes": "撤销的命令",
    "first_log_id": "首条修改记录", "last_log_id": "末条修改记录", "last_hash": "末条校验值",
    "ended_by_contest": "因选举结束任职（选举ID）",
    # (table.column where a name means something else in that table)
    "_sqlite_migrations.name": "迁移名称", "ge_constituencies.name": "选区名称",
}


def column_zh(name: str, table: str = "") -> str:
    return COLUMN_ZH.get(f"{table}.{name}") or COLUMN_ZH.get(name) or FIELD_ZH.get(name, "")


# Issue 14: the term's calendar, mandates and posts ending, by-elections.
FIELD_ZH.update({
    "notified_on": "通知代表日期", "requesters": "提议代表人数", "tie_revote": "再次投票",
    "letter_on": "辞职书面提出日期", "accepted_by": "接受辞职的表决", "petitioners": "要求罢免选民数",
    "recall_yes": "同意罢免票数", "post_announced_on": "职务终止公告日期", "motion_by": "罢免案提出方",
    "movers": "联名代表人数",
})
ENUMS["post_end_action"] = {
    "recalled": ("罢免", ()),
    "resigned": ("辞职", ("接受辞职",)),
}
ENUMS["motion_by"] = {
    "presidium": ("主席团", ()),
    "deputies": ("代表联名", ("代表", "五分之一以上代表联名")),
}


# Issue 13: a motion's way through the presidium and the congress (组织法 第二十二条第二款、第三款), and the states a
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
TABLE_ZH.update({  # the report's views (rdtool.store.report_views; docs/figures.md)
    "report_periods": "统计期间", "report_meetings": "会议（是否召开）", "report_deputy_counts": "代表人数（按期间）",
    "report_proposal_totals": "议案建议计数（按期间）", "report_presidium": "报告：主席团", "report_congress": "报告：人代会",
    "report_deputies": "报告：代表", "report_proposals": "报告：议案和建议",
    "report_proposals_by_unit": "报告：议案和建议（按承办单位）", "report_activities": "报告：代表活动",
    "report_activities_by_kind": "报告：代表活动（按类别）", "proposal_states": "议案建议今天的状态",
})
# the views' columns, qualified by view (a figure's label as docs/report.md has it)
_VIEW_COLUMNS = {
    "kind": "期间类别", "year": "年份", "date_from": "期间开始", "date_to": "期间结束", "as_of": "统计日",
    "state_day": "在任判断日", "held": "是否计为召开", "decisions": "决定事项（项）", "decisions_passed": "其中通过（项）",
    "congress_decisions": "人代会审议决定事项（项）", "meetings": "主席团会议（次）",
    "meetings_without_quorum": "不足法定人数的主席团会议（次）", "appointments": "任免（人次）",
    "sessions": "人民代表大会会议（次）", "sessions_without_quorum": "不足法定人数的人民代表大会会议（次）",
    "extraordinary": "其中临时会议（次）", "elected": "选举产生（人次）", "township": "镇人大代表（人）",
    "county": "县人大代表（人）", "active_township": "在任镇人大代表（人）", "active_county": "在任县人大代表（人）",
    "party": "党员（人）", "women": "妇女代表（人）", "re_elected": "连任代表（人）", "ethnicity_known": "民族已填（人）",
    "minority": "少数民族代表（人）", "county_party": "县代表中党员（人）", "county_women": "县代表中妇女（人）",
    "county_re_elected": "县代表中连任（人）", "presidium_members": "主席团成员（人）",
    "presidium_party": "主席团成员中党员（人）", "party_share": "党员比例", "women_share": "妇女代表比例",
    "re_elected_share": "连任代表比例", "presidium_party_share": "主席团成员中党员比例",
    "minority_share": "少数民族代表比例", "counts": "各项计数（JSON）", "received": "收到议案、建议（件）",
    "motions": "议案（件）", "suggestions": "建议、批评和意见（条）", "motions_on_agenda": "列入会议议程的议案（件）",
    "motions_as_suggestions": "作为建议办理的议案（件）", "motions_not_on_agenda": "不列入会议议程的议案（件）",
    "handled": "交有关单位办理（件）", "assigned": "已交办", "replied": "已答复", "closed": "已办结",
    "overdue": "逾期未答复", "on_time": "按期答复", "late_unanswered": "超过第一轮期限未答复", "with_feedback": "有代表反馈",
    "satisfied": "满意和基本满意", "implemented": "已解决和正在解决（A+B）", "reply_rate": "答复率",
    "on_time_rate": "按期答复率", "satisfaction_rate": "满意率", "implementation_rate": "解决落实率（A+B）",
    "total": "活动总数（次）", "training": "学习培训（次）", "activity_kind": "活动类别", "n": "次数", "state": "状态",
}
for _view in ("report_periods", "report_meetings", "report_deputy_counts", "report_proposal_totals", "report_presidium",
              "report_congress", "report_deputies", "report_proposals", "report_proposals_by_unit", "report_activities",
              "report_activities_by_kind", "proposal_states"):
    COLUMN_ZH.update({f"{_view}.{c}": zh for c, zh in _VIEW_COLUMNS.items()})
COLUMN_ZH.update({"report_activities.township": "镇人大代表活动（次）", "report_activities.county": "县人大代表活动（次）",
                  "report_meetings.decisions": "重大事项（项）"})
COLUMN_ZH.update({"quorum_met": "是否达到法定人数", "decision_meeting_id": "决定会议ID",
                  "outcome_meeting_id": "审议会议ID", "items.subject": "议题"})
# The archive's attendance at a session the deputy was due at: the roll call's status, or 未记录 without one.
ENUMS["attendance_record"] = {**ENUMS["attendance"], "unrecorded": ("未记录", ())}
# Issue 17: what `db check` finds and the tables a record lives in, named in Chinese where a person reads them
# (the codes stay in JSON and CSV). A code without a label here is shown as the code.
ENUMS["check"] = {
    "integrity": ("数据库文件损坏", ()),
    "foreign_key": ("引用了不存在的记录", ()),
    "change_log_triggers": ("修改记录触发器缺失", ()),
    "change_log_chain": ("修改记录链条断开", ()),
    "change_log_unsealed": ("修改记录尚未封存", ()),
    "schema_incomplete": ("数据库结构不完整", ()),
    "stored_value": ("存储的值不符合规则", ()),
    "meeting_no_quorum": ("会议不足法定人数", ()),
    "meeting_roster_stale": ("会议的当日名单已过时", ()),
    "meeting_entitled_differs": ("填写的应到人数与当日名单不符", ()),
    "meeting_number": ("会议次序与日期不符", ()),
    "attendance_not_entitled": ("点名中有当日不应到的人", ()),
    "attendance_missing": ("点名缺少当日应到的人", ()),
    "meeting_quorum_mismatch": ("记录的法定人数情况与计算不符", ()),
    "report_views": ("统计视图缺失或与本版本不同", ()),
    "deputy_absent_twice": ("两次未经批准不出席", ()),
    "vote_counts_invalid": ("票数不合理", ()),
    "vote_result_mismatch": ("表决结果与票数不符", ()),
    "election_counts_invalid": ("选票数不合理", ()),
    "election_result_mismatch": ("当选结果与得票不符", ()),
    "election_unfinished": ("选举未完成", ()),
    "election_candidates_irregular": ("候选人名单不合规定", ()),
    "election_results_not_applied": ("选举结果未记入任职", ()),
    "presidium_vice_chairs": ("副主席人数不合规定", ()),
    "appointment_no_oath": ("任命未宪法宣誓", ()),
    "appointment_steps_missing": ("任免程序不全", ()),
    "composition_target": ("代表结构未达目标", ()),
    "proposal_overdue": ("建议逾期未答复", ()),
    "general_election_plan": ("换届选举日程", ()),
    "general_election_ratio": ("候选人差额比例", ()),
    "general_election_credentials": ("代表资格未审查", ()),
    "general_election_seating": ("当选代表未列入名单", ()),
    "general_election_nomination_limit": ("推荐候选人超过名额", ()),
    "by_election_unseated": ("补选当选人未列入名单", ()),
    "post_end_vote_invalid": ("罢免或辞职表决不合规定", ()),
    "congress_session_yearly": ("当年未举行人代会", ()),
    "congress_sessions_twice": ("人代会每年不足两次", ()),
    "congress_sessions_half_year": ("人代会间隔过长", ()),
    "presidium_meetings_three_months": ("主席团会议间隔超过三个月", ()),
    "presidium_meetings_quarterly": ("季度内未召开主席团会议", ()),
    "first_session_late": ("首次会议未按期举行", ()),
    "extraordinary_session_request": ("临时会议提议不合规定", ()),
    "presidium_size": ("主席团人数不合规定", ()),
    "session_notice_late": ("会议通知晚于规定", ()),
}
# …and the tables, as issue 16 names them.
ENUMS["table"] = {table: (zh, ()) for table, zh in TABLE_ZH.items()}
