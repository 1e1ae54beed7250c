"""Every option and argument that more than one command takes, declared once: its flag, default, placeholder and
help. A command names it as a parameter's default (`db: Optional[str] = DbOpt`); one that only a single command
module repeats is declared at the top of that module (`proposal.CodeArg`, `appointment._STEP_OPTS`).

typer's default-value form (`typer.Option(default, …)`) rather than `Annotated[…, typer.Option(…)]`: typer
refuses a default inside an Annotated option, so every use would repeat it (`fmt: Format = "table"`); here the
default is declared once with the rest."""

from __future__ import annotations

from typing import Any

import typer

# ------------------------------------------------------------------------------------------- every command
DB_HELP = "数据库文件（默认：环境变量 RDTOOL_DB，或用户数据目录中的 rdtool.db）"
FORMAT_HELP = "输出格式：table（终端表格，管道中为纯文本）、csv、tsv、json、jsonl、md"
VERBOSE_HELP = "成功时也在 stderr 说明写了什么（终端上默认显示；cron 和脚本中默认不输出）"

DbOpt = typer.Option(None, "--db", help=DB_HELP)
FormatOpt = typer.Option("table", "--format", "-f", help=FORMAT_HELP)
VerboseOpt = typer.Option(False, "--verbose", "-v", help=VERBOSE_HELP)
ForceOpt = typer.Option(False, "--force", help="输出文件已存在时覆盖它（不加时：在终端中会先询问，在脚本中不覆盖）")

# ------------------------------------------------------------------------------------------- add and edit
NotesOpt = typer.Option(None, "--notes", help="备注")
LocationOpt = typer.Option(None, "--location", help="地点")
REASON_HELP = "更正的原因（记入修改记录，rdtool db log 可查），如 录入时写错"
ReasonOpt = typer.Option(None, "--reason", help=REASON_HELP, metavar="<原因>")
# the shorter wording of the general election's and the term's corrections
EditReasonOpt = typer.Option(None, "--reason", metavar="<原因>", help="更正的原因（记入修改记录）")


def optional(name: str, metavar: str, help_text: str = "") -> Any:
    """An option of an edit command: not given means not changed."""
    return typer.Option(None, name, metavar=metavar, help=help_text)


EditNotesOpt = typer.Option(None, "--notes", metavar="<备注>")
EditTitleOpt = typer.Option(None, "--title", metavar="<标题>")
EditSeatsOpt = typer.Option(None, "--seats", metavar="<名额>")

# ------------------------------------------------------------------------------------------- lists
TermOpt = typer.Option(None, "--term", help="届次")
CurrentTermOpt = typer.Option(None, "--term", help="届次（默认本届）")
YearOpt = typer.Option(None, "--year", help="年份")
AnnualYearOpt = typer.Option(None, "--year", help="年度，如 2019")  # (activities, supervision, a deputy's archive)
ToOpt = typer.Option(None, "--to", help="截止日期")
MeetingOpt = typer.Option(None, "--meeting", help="会议编号")
# a congress session as the lists show it or as its documents print it (三届一次 = C3-1)
SESSION_HELP = "人代会的编号或名称，如 C3-1、三届一次"

LevelOpt = typer.Option("镇", "--level", help="代表层级：镇/县")  # (a township deputy unless told)

# ------------------------------------------------------------------------------------------- a deputy by name
NameTermOpt = typer.Option(None, "--term", help="同名时限定届次")
RefTermOpt = typer.Option(None, "--term", metavar="<届次>", help="同名时限定届次")
DeputyArg = typer.Argument(..., help="代表姓名或 ID")
DeputyRefArg = typer.Argument(..., help="代表姓名、姓名#ID 或 ID")  # (姓名#ID picks one of two namesakes)

# ------------------------------------------------------------------------------------------- candidates
# (a general election's and a by-election's: the same facts of a person)
CandidateArg = typer.Argument(..., help="候选人姓名")
GenderOpt = typer.Option(..., "--gender", help="性别：男/女")
EthnicityOpt = typer.Option(None, "--ethnicity", help="民族")
PartyOpt = typer.Option(None, "--party", help="政治面貌")
EducationOpt = typer.Option(None, "--education", help="文化程度")
OccupationOpt = typer.Option(None, "--occupation", help="代表构成")
WorkplaceOpt = typer.Option(None, "--workplace", help="工作单位及职务")
