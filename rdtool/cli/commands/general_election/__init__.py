"""rdtool general-election …: the general election of deputies (换届选举, 选举法 2020).

One module per stage (plan, candidates, voting, edits, appeals); this table registers their commands in the order
`rdtool general-election --help` lists them."""

from __future__ import annotations

from rdtool.cli.commands.general_election import appeals, candidates, edits, plan, proxies, voting
from rdtool.cli.common import make_app

app = make_app(
    "换届选举：计划与各阶段日期（选举法第二十八条、第三十二条期限）、选区（第二十五条，一至三名；第十二条名额）、"
    "候选人（第三十条推荐、第三十一条差额比例）、投票结果（第四十四条、第四十五条）、代表资格审查（第四十七条）、"
    "当选代表列入新一届代表名单、总结。")

app.command("plan")(plan.plan)
app.command("show")(plan.show)
app.command("constituency")(plan.constituency)
app.command("constituencies")(plan.constituencies)
app.command("candidate")(candidates.candidate)
app.command("finalize")(candidates.finalize)
app.command("candidates")(candidates.candidates)
app.command("result")(voting.result)
app.command("edit-result")(edits.edit_result)
app.command("edit-candidate")(edits.edit_candidate)
app.command("edit-constituency")(edits.edit_constituency)
app.command("results")(voting.results)
app.command("credentials")(voting.credentials)
app.command("deputies")(voting.deputies)
app.command("summary")(voting.summary)
app.command("appeal")(appeals.appeal)
app.command("appeals")(appeals.appeals)
app.command("proxy")(proxies.proxy)
app.command("proxies")(proxies.proxies)
