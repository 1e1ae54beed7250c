"""Issue 18: an empty list says so in Chinese for people, and stays empty for machines."""

import json

import pytest

LISTS = {
    ("appointment", "list", "--incomplete"): "没有缺少程序的任免记录",
    ("appointment", "list"): "没有符合条件的任免记录",
    ("deputy", "list"): "没有符合条件的代表",
    ("meeting", "list"): "没有符合条件的会议",
    ("vote", "list"): "没有符合条件的表决事项",
    ("election", "list"): "没有符合条件的选举",
    ("proposal", "list"): "没有符合条件的议案或建议",
    ("activity", "list"): "没有符合条件的代表活动",
    ("proposal", "due"): "没有需要催办的建议",
    ("post", "list"): "没有罢免或辞去职务的记录",
    ("by-election", "list"): "没有补选记录",
    ("proposal", "search", "张三"): "没有找到相符的议案或建议",
    ("deputy", "flags", "--year", "2019"): "没有需要跟进的代表",
    ("supervision", "--year", "2019"): "这一期间没有监督工作的记录",
}


@pytest.mark.parametrize("args", list(LISTS), ids=" ".join)
def test_an_empty_list_says_so_for_people_and_stays_empty_for_machines(cli, args):
    out = cli(*args).stdout
    assert LISTS[args] in out and "|" not in out
    data = json.loads(cli(*args, "--format", "json").stdout)  # [] (supervision: its period, and items [])
    assert data == [] or (isinstance(data, dict) and data["items"] == [])
    csv = cli(*args, "--format", "csv").stdout
    assert len(csv.splitlines()) == 1 and LISTS[args] not in csv  # the header only


def test_a_list_with_rows_prints_them_not_the_message(sample):
    out = sample("appointment", "list").stdout
    assert "没有符合条件" not in out and len(out.splitlines()) > 2
