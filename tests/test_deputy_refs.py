"""One "name#ID" reference parser (rdtool.services.deputies.refs.parse_ref) for proposals, activities, elections."""

from __future__ import annotations

import pytest

from rdtool.errors import FieldError
from rdtool.services.deputies.refs import parse_ref


@pytest.mark.parametrize("text, expected", [
    ("王建国#20", ("王建国", 20)), ("王建国(20)", ("王建国", 20)), ("王建国（20）", ("王建国", 20)),
    ("王建国(ID20)", ("王建国", 20)), ("#31", ("", 31)), ("张三", ("张三", None)), ("王 建国", ("王建国", None)),
])
def test_both_spellings_of_a_reference(text, expected):
    assert parse_ref(text) == expected


@pytest.mark.parametrize("text", ["王建国()", "王建国（）", "王建国#", "王建国#abc", "王建国(ID)"])
def test_an_empty_or_bad_id_is_an_error_not_a_name(text):
    with pytest.raises(FieldError, match="ID"):
        parse_ref(text)


def test_the_three_commands_read_the_same_references(sample):
    # the sample's third term has two deputies named 王建国 (ids 20 and 25)
    sample("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "--issued", "79", "-c", "王建国（25）=61",
           "--by-election")  # the four 副镇长 seats were filled: another round is a 补选
    ids = {r["deputy_id"] for r in sample.json("election", "list") if r["candidate"] == "王建国"}
    assert ids == {25}
    sample("activity", "add", "视察便民桥", "--kind", "视察", "--date", "2018-05-02", "-p", "王建国（20）、王建国#25")
    act = [a for a in sample.json("activity", "list", "--deputy", "20") if a["title"] == "视察便民桥"]
    assert len(act) == 1 and act[0]["participants"] == "王建国、王建国"
    sample("proposal", "submit", "关于修缮便民桥的建议", "--lead", "唐兴旺", "--date", "2018-05-03",
           "--cosigners", "王建国(20)、王建国#25")
    assert {r["title"] for r in sample.json("proposal", "list", "--deputy", "25")} >= {"关于修缮便民桥的建议"}


@pytest.mark.parametrize("args", [
    ("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "--issued", "79", "-c", "王建国()=61"),
    ("activity", "add", "视察", "--kind", "视察", "--date", "2018-05-02", "-p", "王建国()"),
    ("proposal", "submit", "关于修缮便民桥的建议", "--lead", "唐兴旺", "--date", "2018-05-03", "--cosigners", "王建国()"),
])
def test_an_empty_id_is_refused_everywhere(sample, args):
    # before, the election stored a candidate named “王建国()”
    result = sample.fails(*args)
    assert "王建国()" in result.stderr and "ID 是空的" in result.stderr
