"""The law layer: pure functions of the rules rdtool applies, each citing its article.

Nothing here does I/O, prints, or touches the database; every function takes plain
integers, strings and dates and returns plain values (or frozen dataclasses). All
thresholds use integer arithmetic: "more than half" is ``2 * x > base``, "at least
two thirds" is ``3 * x >= 2 * base``; exactly half is never a majority.

Modules (import them directly; this package imports nothing heavy):

- ``rdtool.rules.majority`` — quorum and majorities of the township congress
  (组织法 第十四条第四款、第二十五条), of the presidium (两个过半, the article passed in from the
  province profile) and of other meetings; ``ImpossibleCounts`` for figures that cannot be true.
- ``rdtool.rules.provinces`` — the province profiles (浙江、河南、山东、北京、重庆、上海 and the national
  default): presidium quorum, suggestion deadlines, notice days, presidium size and meetings, sessions.
- ``rdtool.rules.congress_elections`` — elections held by the township congress
  (主席、副主席、乡镇长、副乡镇长、主席团成员): contest sizes (组织法 第二十七条),
  counting a round (组织法 第二十五条、第二十九条; ballots 选举法 第四十四条).
- ``rdtool.rules.direct_elections`` — direct election of township deputies
  (选举法 2020: 第十二条 quota, 第二十五条 constituencies, 第二十八条 voter list,
  第三十条 nomination, 第三十一条 contest ratio, 第三十二条 candidate list,
  第四十四条、第四十五条 counting, 第四十五条第三款 the re-vote among the tied).
- ``rdtool.rules.direct_candidates`` — who may stand in a direct election's 另行选举 (选举法 第四十五条第四款).
- ``rdtool.rules.nominations`` — a party or organisation nominating more candidates than the seats
  (选举法 第三十条第三款).
- ``rdtool.rules.mandates`` — resignation accepted by the congress (选举法 第五十五条), recall of deputies
  (第五十条、第五十三条), announcements (代表法 2025 第六十三条), recall of the chair and town heads
  (组织法 第三十一条第二款).
- ``rdtool.rules.term_calendar`` — sessions a year (组织法 第十四条第一款), presidium meetings, notice,
  the first session within two months (第二十条), the presidium's size, under the province's articles.
- ``rdtool.rules.deadlines`` — month arithmetic and the handling deadlines of deputies'
  suggestions (代表法 2025 第五十一条; re-handling after an unsatisfied reply).
- ``rdtool.rules.suspensions`` — 暂时停止执行代表职务 (代表法 2025 第六十一条): counts in 应到, cannot attend, report,
  resumption.
- ``rdtool.rules.inquiries`` — 质询案 (组织法 第二十四条; 北京 组织条例 第十二条): signers, session, answer.
- ``rdtool.rules.congress_nominations`` — nominations for the congress's elections (组织法 第二十六条第二款、第三款)
  and the 预选 (第二十七条第一款).
- ``rdtool.rules.proxy_votes`` — 委托投票 (选举法 第四十二条): at most three per proxy.
- ``rdtool.rules.deputies`` — motion signatures (组织法 第二十二条第二款), loss of mandate
  for absence (代表法 2025 第六十二条第三项), extraordinary sessions (组织法 第十四条第三款),
  term length (组织法 第九条).

Short names used in docstrings: 组织法 = 中华人民共和国地方各级人民代表大会和地方各级人民政府
组织法 (2022年修正); 选举法 = 中华人民共和国全国人民代表大会和地方各级人民代表大会选举法
(2020年修正); 代表法 = 中华人民共和国全国人民代表大会和地方各级人民代表大会代表法
(2025年修正 unless a year is given). Every rule, with its article: docs/rules.md.
"""


class ImpossibleCounts(ValueError):
    """Figures that cannot all be true (negative, more votes than people present, …).

    The message is Chinese and names what is impossible, so the CLI can show it as is. (Defined here, with the
    package, so that a rule module raises it without importing rdtool.rules.majority and its result types;
    majority re-exports it: the same class.)
    """
