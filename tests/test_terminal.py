"""A terminal at 60, 80, 100 and 120 columns: no date, code or number split, no line wider than the screen.

Commands run for real on the sample database with TTY_COMPATIBLE=1 (draw for a terminal) and COLUMNS=W; what
they print is measured again by rich's recording console, which would re-wrap any line wider than W.
"""

from __future__ import annotations

import io
import re

import pytest

from rdtool import terminal

WIDTHS = (60, 80, 100, 120)
AS_OF = "2026-11-28"
NO_START = "。，、；：？！）」』】》"
NUMBER = re.compile(r"\d+(?:[.,:/\-]\d+)*%?")


def on_terminal(cli, monkeypatch, width, *args):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(width))
    return cli(*args).stdout


def check_fits(text: str, width: int) -> list[str]:
    """Every line fits; rich's recording console, given the same text at the same width, wraps nothing."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    lines = text.rstrip("\n").splitlines()
    for line in lines:
        assert Text.from_ansi(line).cell_len <= width, f"{cell_len(line)} > {width}: {line!r}"
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(Text.from_ansi(text.rstrip("\n")), overflow="fold", no_wrap=False)
    plain = [Text.from_ansi(line).plain for line in lines]
    assert [line.rstrip() for line in console.export_text().splitlines()] == [line.rstrip() for line in plain]
    return plain


LISTS = [
    # (command, JSON command whose values must each appear whole, keys of the values that are never left out)
    (("deputy", "list", "--term", "3"), ("deputy", "list", "--term", "3"), ("name",)),
    (("meeting", "list", "--term", "3"), ("meeting", "list", "--term", "3"), ("code", "date")),
    (("vote", "list", "--term", "3"), ("vote", "list", "--term", "3"), ("meeting_code",)),
    (("proposal", "list", "--term", "3"), ("proposal", "list", "--term", "3"), ("code", "lead")),
    (("proposal", "overdue", "--as-of", AS_OF), ("proposal", "overdue", "--as-of", AS_OF),
     ("code", "due_on", "days_late")),
    (("election", "list"), ("election", "list"), ("meeting_code", "candidate", "votes")),
    (("appointment", "list"), ("appointment", "list"), ("person", "decided_on")),
    (("activity", "list", "--term", "3"), ("activity", "list", "--term", "3"), ("code", "date")),
]


@pytest.mark.parametrize("width", WIDTHS)
def test_lists_fit_and_split_nothing(sample, monkeypatch, width):
    for command, source, keys in LISTS:
        rows = sample.json(*source)
        assert rows, command
        text = on_terminal(sample, monkeypatch, width, *command)
        check_fits(text, width)
        lines = text.splitlines()
        for row in rows:
            for key in keys:
                value = str(row[key])
                assert any(value in line for line in lines), f"{command} @{width}: {key} {value!r} split or missing"
        assert not any(line.lstrip().startswith(tuple(NO_START)) for line in lines), command


@pytest.mark.parametrize("width", WIDTHS)
def test_records_settings_checks_and_composition_fit(sample, monkeypatch, width):
    for command in (("config",), ("db", "check", "--as-of", AS_OF), ("deputy", "composition", "--term", "3"),
                    ("deputy", "show", "王桂芳"), ("meeting", "show", "C3-1"), ("proposal", "show", "三届一次-002"),
                    ("db", "log", "--limit", "20"), ("deputy", "scores", "--term", "3")):
        check_fits(on_terminal(sample, monkeypatch, width, *command), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_report_prose_keeps_numbers_whole_and_no_line_starts_with_closing_punctuation(sample, monkeypatch, width):
    plain = sample("report", "term", "--term", "3", "--as-of", AS_OF).stdout
    text = on_terminal(sample, monkeypatch, width, "report", "term", "--term", "3", "--as-of", AS_OF)
    lines = check_fits(text, width)
    prose_plain = plain.split("\n附表1")[0]
    prose = text.split("\n附表1")[0]
    assert len(prose) < len(text) and len(prose_plain) < len(plain)
    assert "38" in prose_plain or "%" in prose_plain
    # The same numbers, each on one line: a number cut in two would count as two different ones.
    assert sorted(NUMBER.findall(prose)) == sorted(NUMBER.findall(prose_plain))
    assert not any(line.startswith(tuple(NO_START)) for line in lines)
    assert "".join(line.strip() for line in prose.splitlines()) == "".join(
        line.strip() for line in prose_plain.splitlines())


def test_narrow_terminal_leaves_out_the_declared_columns_first_and_says_so(sample, monkeypatch):
    wide = on_terminal(sample, monkeypatch, 120, "deputy", "list", "--term", "3")
    narrow = on_terminal(sample, monkeypatch, 60, "deputy", "list", "--term", "3")
    assert "代表构成" in wide.splitlines()[0] and "选区" in wide.splitlines()[0]
    head = narrow.splitlines()[0]
    assert "代表构成" not in head and "选区" not in head and "姓名" in head and "状态" in head
    assert narrow.count("未显示") == 1
    note = "".join(narrow.split("（终端宽度不够")[1].splitlines())
    assert "代表构成" in note and "--wide" in note and "--format md" in note
    # --wide shows them all, however wide; md has every column too.
    assert "代表构成" in on_terminal(sample, monkeypatch, 60, "deputy", "list", "--term", "3", "--wide").splitlines()[0]
    assert "代表构成" in sample("deputy", "list", "--term", "3", "--format", "md").stdout


def test_tables_use_short_labels_and_headers(sample, monkeypatch):
    text = on_terminal(sample, monkeypatch, 120, "deputy", "list", "--term", "3")
    assert "镇(乡)人大代表" not in text and " 镇 " in text and "层级" in text.splitlines()[0]
    meetings = on_terminal(sample, monkeypatch, 120, "meeting", "list", "--term", "3")
    assert "人代会" in meetings and "主席团" in meetings and "人民代表大会会议 " not in meetings
    # documents and files keep the full label
    assert "镇(乡)人大代表" in sample("deputy", "list", "--term", "3", "--format", "md").stdout


@pytest.mark.parametrize("width", [80, 120])
def test_settings_show_their_values_even_when_one_is_long_json(sample, monkeypatch, width):
    head = on_terminal(sample, monkeypatch, width, "config").splitlines()[0]
    assert "设置项" in head and "名称" in head and "当前值" in head
    assert terminal.longest_unit('{"congress_present":2,"presidium_present":1,"proposal_lead":3}') < 30


def test_composition_bars_have_a_chinese_header_and_fit(sample, monkeypatch):
    text = on_terminal(sample, monkeypatch, 80, "deputy", "composition", "--term", "3")
    assert "bar" not in text and "比例图" in text and "█" in text


def test_vote_titles_take_the_width_left(sample, monkeypatch):
    text = on_terminal(sample, monkeypatch, 120, "vote", "list", "--term", "3")
    head = text.splitlines()[0]
    start, end = head.index("标题"), head.index("类别")
    assert end - start > 30


def test_styles_do_not_count_towards_the_width(sample, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    text = on_terminal(sample, monkeypatch, 80, "meeting", "list", "--term", "3")
    assert "\x1b[1m" in text
    check_fits(text, 80)


# --- the line breaker and the layout, directly --------------------------------------------------------


@pytest.mark.parametrize("width", [6, 8, 10, 12, 14, 20, 30])
def test_wrap_never_splits_a_number_date_or_code(width):
    text = "共召开会议21次，出席率为98.3%。其中2019年1月9日的P3-08#3议程（见附件“第3号”）……通过；会期2019-01-09至2019-01-10。"
    lines = terminal.wrap(text, width)
    from rich.cells import cell_len

    for line in lines:
        assert cell_len(line) <= width
        assert not line.startswith(tuple(NO_START))
        assert not line.endswith(("（", "“", "「"))
    if width >= 12:  # every number, date and code fits on a line: none is cut
        for atom in ("21", "98.3%", "2019年1月9日", "P3-08#3", "2019-01-09", "2019-01-10"):
            assert any(atom in line for line in lines), (width, atom, lines)
    assert "".join(lines) == text


def test_wrap_keeps_spaces_between_words_and_given_line_breaks():
    assert terminal.wrap("用 --reason 说明理由", 8) == ["用", "--reason", "说明理由"]
    assert terminal.wrap("第一行\n第二行", 40) == ["第一行", "第二行"]
    assert terminal.wrap("缩进的段落，第二行不缩进", 16, "    ") == ["    缩进的段落，", "第二行不缩进"]


def test_plan_leaves_out_by_priority_then_by_position():
    head = ["编号", "标题", "日期", "备注"]
    table = [["P3-01", "一个很长很长很长很长很长的标题", "2019-01-09", "很长很长很长很长很长的备注"]]
    atomic = [True, False, True, False]
    p = terminal.plan(head, table, atomic, [0, 0, 0, 1], 40)
    assert 3 in p.left_out and 2 in p.kept and 0 in p.kept
    narrow = terminal.plan(head, table, atomic, [0, 0, 0, 0], 24)
    assert narrow.kept[0] == 0 and sum(narrow.widths) + 2 * (len(narrow.kept) - 1) <= 24
    unlimited = terminal.plan(head, table, atomic, [0, 0, 0, 1], None)
    assert unlimited.left_out == [] and unlimited.widths[1] == 30


@pytest.mark.parametrize("width", (60, 80))
def test_what_a_correction_says_fits_the_terminal(sample, monkeypatch, width):
    """A correction's report (a meeting's number, code and title corrected): lines that fit, none starting with
    closing punctuation, a continuation indented under its line. (A void no longer renumbers the sample's
    meetings: their numbers are stated by their codes, issue 23.)"""
    out = on_terminal(sample, monkeypatch, width, "meeting", "edit", "P3-21", "--number", "25", "--reason", "次序录错")
    check_fits(out, width)
    lines = out.rstrip("\n").splitlines()
    assert len(lines) >= 2 and not any(line.lstrip().startswith(tuple(NO_START)) for line in lines)
    assert lines[1].startswith("  ")  # the continuation, indented under its line
    assert "三川镇第三届人大主席团第二十五次会议" in "".join(line.strip() for line in lines)
