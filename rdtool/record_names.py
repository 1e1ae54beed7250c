"""The database in Chinese: its tables, the columns the CSV contract does not name, the report's views and what
`db check` finds (docs/schema.md, the Datasette metadata, db check's table). Plain data, registered as enums by
rdtool.labels; a column not here takes its CSV field's label (rdtool.labels.FIELD_ZH).
"""

from __future__ import annotations

# (CHANGES.md “Files for office software”) the database's tables and the columns the CSV contract does not name, in Chinese (docs/schema.md and
# the Datasette metadata, `rdtool db datasette-metadata`). A column not here takes its FIELD_ZH label.
TABLE_ZH: dict[str, str] = {
    "settings": "设置", "terms": "届次", "deputies": "代表", "presidium_members": "主席团成员任职",
    "meetings": "会议", "attendance": "出席记录", "items": "议程事项与表决", "election_contests": "选举",
    "candidates": "候选人与得票", "appointments": "任免", "proposals": "议案、建议",
    "proposal_cosigners": "附议代表", "proposal_rounds": "办理轮次", "proposals_fts": "议案建议全文检索",
    "proposals_ngram_fts": "议案建议全文检索（一至二十四字的词）",
    "activities": "代表活动", "activity_participants": "活动参加人员", "general_elections": "换届选举",
    "ge_constituencies": "换届选举选区", "ge_candidates": "换届选举候选人", "ge_rounds": "换届选举投票轮次",
    "ge_votes": "换届选举得票", "ge_appeals": "选民名单申诉", "change_log": "修改记录", "commands": "修改记录的命令",
    "mandate_ends": "代表资格终止", "post_ends": "职务终止（罢免、辞职）", "meeting_numbering": "会议编号起点",
    "opening_totals": "录入前结转（届中开始使用时此前纸面记录的合计）",
    "suspensions": "暂停执行代表职务", "inquiries": "质询案", "inquiry_signers": "质询案联名代表",
    "nominations": "候选人提名（人代会选举）", "nominees": "提名的候选人", "nomination_signers": "联合提名的代表",
    "primaries": "预选得票", "ge_proxies": "委托投票",
    "_sqlite_migrations": "数据库结构版本",
}
COLUMN_ZH: dict[str, str] = {
    "change_log.action": "操作（insert 增加、update 更正、void 作废、delete 删除）",
    "meeting_numbering.first": "本届最早一次会议的序号", "meeting_numbering.kind": "会议类别",
    "seq_stated": "次序为写明的（1）或按前一次推出的（0）", "held_on": "选举日期（空：会议第一天）",
    "opening_totals.until": "结转截止日期", "opening_totals.presidium_meetings": "主席团会议次数",
    "opening_totals.congress_sessions": "人代会会议次数", "opening_totals.decisions": "主席团决定事项件数",
    "opening_totals.appointments": "任免人次", "opening_totals.suggestions": "代表建议件数",
    "opening_totals.replied": "其中已答复", "opening_totals.with_feedback": "其中有代表意见",
    "opening_totals.satisfied": "其中满意或基本满意", "opening_totals.activities": "代表活动次数",
    "opening_totals.training": "学习培训次数",
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
    "filed_on": "申诉日期", "decision": "处理决定", "court_filed_on": "起诉日期", "court_decided_on": "判决日期",
    # (table.column where a name means something else in that table)
    "_sqlite_migrations.name": "迁移名称", "ge_constituencies.name": "选区名称",
}

# (CHANGES.md “The report document and the county's tools”) which glossary enum (rdtool.labels.ENUMS) each coded
# column stores, and the yes/no columns (1/0): the Chinese views show labels and 是/否 (rdtool.store.label_views)
COLUMN_ENUMS: dict[str, str] = {
    "deputies.gender": "gender", "deputies.party": "party", "deputies.education": "education",
    "deputies.occupation": "occupation", "deputies.level": "level", "deputies.status": "deputy_status",
    "ge_candidates.gender": "gender", "ge_candidates.party": "party", "ge_candidates.education": "education",
    "ge_candidates.occupation": "occupation", "presidium_members.role": "presidium_role",
    "meetings.kind": "meeting_kind", "attendance.status": "attendance", "items.kind": "item_kind",
    "items.method": "vote_method", "items.result": "vote_result", "election_contests.outcome": "election_outcome",
    "appointments.action": "appointment_action", "proposals.kind": "proposal_kind",
    "proposals.result": "proposal_result", "proposals.feedback": "feedback",
    "proposals.disposition": "motion_disposition", "proposals.outcome": "motion_outcome",
    "proposal_rounds.result": "proposal_result", "proposal_rounds.feedback": "feedback",
    "activities.kind": "activity_kind", "activities.level": "activity_level", "general_elections.level": "level",
    "ge_votes.status": "ge_outcome", "post_ends.action": "post_end_action", "post_ends.motion_by": "motion_by",
}
BOOL_COLUMNS = frozenset({"re_elected", "extraordinary", "quorum_met", "seq_stated", "complex", "by_election",
                          "elected", "final", "confirmed", "revote", "valid", "void", "shortfall", "tie_revote"})

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
    "township_by_elected": "其中补选的镇人大代表（人）", "county_by_elected": "其中补选的县人大代表（人）",
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

# (CHANGES.md “Terminals and Windows”) what `db check` finds and the tables a record lives in, named in Chinese where a person reads them
# (the codes stay in JSON and CSV). A code without a label here is shown as the code.
CHECKS: dict[str, str] = {
    "integrity": "数据库文件损坏",
    "foreign_key": "引用了不存在的记录",
    "change_log_triggers": "修改记录触发器缺失",
    "change_log_chain": "修改记录链条断开",
    "change_log_unsealed": "修改记录尚未封存",
    "schema_incomplete": "数据库结构不完整",
    "stored_value": "存储的值不符合规则",
    "meeting_no_quorum": "会议不足法定人数",
    "meeting_roster_stale": "会议的当日名单已过时",
    "meeting_entitled_differs": "填写的应到人数与当日名单不符",
    "meeting_number": "会议次序与日期不符",
    "meeting_number_order": "会议次序前后矛盾",
    "meeting_number_unknown": "会议次序未定（夹在两个写明的次序之间）",
    "meeting_number_gap": "会议次序有空缺（录入前的会议）",
    "dated_outside_meeting": "日期不在所属会议的会期之内",
    "dated_out_of_order": "任免程序的日期前后矛盾",
    "attendance_not_entitled": "点名中有当日不应到的人",
    "attendance_missing": "点名缺少当日应到的人",
    "meeting_quorum_mismatch": "记录的法定人数情况与计算不符",
    "report_views": "统计视图缺失或与本版本不同",
    "deputy_absent_twice": "两次未经批准不出席",
    "vote_counts_invalid": "票数不合理",
    "vote_result_mismatch": "表决结果与票数不符",
    "election_counts_invalid": "选票数不合理",
    "election_result_mismatch": "当选结果与得票不符",
    "election_unfinished": "选举未完成",
    "election_candidates_irregular": "候选人名单不合规定",
    "election_results_not_applied": "选举结果未记入任职",
    "presidium_vice_chairs": "副主席人数不合规定",
    "appointment_no_oath": "任命未宪法宣誓",
    "appointment_steps_missing": "任免程序不全",
    "composition_target": "代表结构未达目标",
    "person_fields_differ": "同一人的个人信息不一致",
    "person_entered_twice": "同一人可能录成了两个人",
    "proposal_overdue": "建议逾期未答复",
    "general_election_plan": "换届选举日程",
    "general_election_ratio": "候选人差额比例",
    "general_election_credentials": "代表资格未审查",
    "general_election_seating": "当选代表未列入名单",
    "general_election_nomination_limit": "推荐候选人超过名额",
    "general_election_additional_list": "另行选举的候选人不合规定",
    "by_election_unseated": "补选当选人未列入名单",
    "post_end_vote_invalid": "罢免或辞职表决不合规定",
    "congress_session_yearly": "当年未举行人代会",
    "congress_sessions_twice": "人代会每年不足两次",
    "congress_sessions_half_year": "人代会间隔过长",
    "presidium_meetings_three_months": "主席团会议间隔超过三个月",
    "presidium_meetings_quarterly": "季度内未召开主席团会议",
    "first_session_late": "首次会议未按期举行",
    "extraordinary_session_request": "临时会议提议不合规定",
    "presidium_size": "主席团人数不合规定",
    "session_notice_late": "会议通知晚于规定",
    # CHANGES.md “The law, third pass”
    "resignation_wrong_body": "接受辞职的机关不合规定",
    "by_election_lead_time": "补选名单公布晚于规定",
    "term_too_long": "届期超过五年",
    "oath_late": "宪法宣誓晚于一般期限",
    "assignment_late": "建议交办晚于规定",
    "presidium_meeting_request": "临时主席团会议提议不合规定",
    "voter_list_appeal": "选民名单申诉超出期限",
    "under_age": "未满十八周岁",
    "credentials_after_first_session": "代表资格审查晚于第一次会议",
    "incompatible_posts": "主席团成员兼任行政职务",
    # CHANGES.md “The law: suspended duties, inquiries, nominations, proxy votes”
    "suspended_present": "暂停执行代表职务期间记为出席",
    "suspension_unreported": "暂停执行代表职务未向人代会报告",
    "inquiry_problem": "质询案不合规定",
}
