"""Deputies through the real CLI: add, list order, masking, edit, end, role, composition."""

from __future__ import annotations

import json

from tests.helpers import add_deputy

VALID_ID = "110101198003020028"  # fictional; check digit valid (GB 11643), born 1980-03-02, female


def test_add_accepts_labels_codes_and_date_spellings(cli):
    add_deputy(cli, "陈小红", "--birth-date", "1980年3月2日", "--party", "党员", "--education", "高中",
               "--occupation", "农民", gender="female", level="镇(乡)人大代表")
    add_deputy(cli, "郑大山", "--birth-date", "1975/1/5", "--party", "masses", gender="男", level="township")
    rows = cli.json("deputy", "list")
    by_name = {r["name"]: r for r in rows}
    assert by_name["陈小红"]["birth_date"] == "1980-03-02"
    assert by_name["陈小红"]["party"] == "cpc"
    assert by_name["陈小红"]["education"] == "senior"
    assert by_name["陈小红"]["level"] == "township"
    assert by_name["郑大山"]["birth_date"] == "1975-01-05"


def test_bad_values_name_the_field_and_change_nothing(cli):
    result = cli.fails("deputy", "add", "王五", "--gender", "男性", "--level", "镇", "--term", "3")
    assert "性别" in result.stderr and "gender" not in result.stderr and "男性" in result.stderr
    result = cli.fails("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "3",
                       "--birth-date", "2023-02-30")
    assert "2023-02-30" in result.stderr
    result = cli.fails("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "3",
                       "--id-number", VALID_ID[:-1] + "7")
    assert "校验位" in result.stderr
    cli.fails("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "9")


def test_id_number_must_agree_with_birth_date_and_gender(cli):
    result = cli.fails("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "3",
                       "--id-number", VALID_ID)
    assert "性别" in result.stderr
    result = cli.fails("deputy", "add", "王芳", "--gender", "女", "--level", "镇", "--term", "3",
                       "--id-number", VALID_ID, "--birth-date", "1980-03-03")
    assert "1980-03-02" in result.stderr
    add_deputy(cli, "王芳", "--id-number", VALID_ID, "--birth-date", "1980-03-02", gender="女")


def test_list_is_in_mainland_stroke_order(cli):
    for name in ["郑一", "陈二", "邓三", "阮四", "王五", "丁六"]:
        add_deputy(cli, name)
    names = [r["name"] for r in cli.json("deputy", "list")]
    # 丁2 王4 邓4 阮6 陈7 郑8 (阝 counts two strokes on the mainland)
    assert names.index("丁六") < names.index("王五") < names.index("阮四") < names.index("陈二") < names.index("郑一")
    assert names.index("邓三") < names.index("阮四")
    pinyin = [r["name"] for r in cli.json("deputy", "list", "--sort", "pinyin")]
    assert pinyin[0] == "陈二" and pinyin[-1] == "郑一"


def test_id_and_phone_masked_unless_asked(cli):
    add_deputy(cli, "王芳", "--id-number", VALID_ID, "--phone", "170 0000 1234", gender="女")
    masked = cli("deputy", "list", "--format", "csv").stdout
    assert VALID_ID not in masked and "1101**********0028" in masked
    assert "17000001234" not in masked and "170****1234" in masked
    full = cli("deputy", "list", "--format", "csv", "--show-id", "--show-phone").stdout
    assert VALID_ID in full and "17000001234" in full
    shown = cli("deputy", "show", "王芳").stdout
    assert VALID_ID not in shown


def test_piped_table_has_no_ansi_or_box_drawing(cli):
    add_deputy(cli, "王五")
    out = cli("deputy", "list").stdout
    assert "王五" in out and "姓名" in out
    assert "\x1b[" not in out
    assert not any(ch in out for ch in "─│┃━┏┓└┘╭╮")


def test_formats(cli):
    add_deputy(cli, "王五")
    assert cli("deputy", "list", "--format", "md").stdout.startswith("| ID | 姓名")
    tsv = cli("deputy", "list", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:2] == ["id", "name"]
    lines = cli("deputy", "list", "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0])["name"] == "王五"
    cli.fails("deputy", "list", "--format", "xml", code=2)


def test_edit_and_end_keep_history(cli):
    add_deputy(cli, "王五", "--presidium-role", "成员", "--elected-on", "2016-11-15")
    cli("deputy", "edit", "王五", "--workplace", "三川村村委会")
    cli("deputy", "end", "王五", "--status", "调离", "--date", "2019-03-10", "--reason", "工作调动")
    row = cli.json("deputy", "show", "王五")
    assert row["workplace"] == "三川村村委会"
    assert row["status"] == "moved" and row["status_date"] == "2019-03-10"
    assert row["memberships"][0]["to_date"] == "2019-03-10"
    cli.fails("deputy", "end", "王五", "--status", "辞职", "--date", "2019-04-01")
    cli.fails("deputy", "end", "王五", "--status", "在任", "--date", "2019-04-01")
    assert [r["name"] for r in cli.json("deputy", "list", "--status", "moved")] == ["王五"]
    assert cli.json("deputy", "list", "--in-office") == []


def test_same_name_is_an_error_listing_both(cli):
    add_deputy(cli, "王建国", "--birth-date", "1970-01-01")
    add_deputy(cli, "王建国", "--birth-date", "1980-01-01")
    result = cli.fails("deputy", "show", "王建国")
    assert "ID 1" in result.stderr and "ID 2" in result.stderr
    assert cli.json("deputy", "show", "2")["birth_date"] == "1980-01-01"
    cli.fails("deputy", "add", "王建国", "--gender", "男", "--level", "镇", "--term", "3",
              "--birth-date", "1980-01-01")


def test_composition_counts_and_targets(cli):
    # 3 of 5 party members = 60% (target 60%: met exactly); 1 of 5 re-elected < 1/3
    for i, party in enumerate(["党员", "党员", "预备党员", "群众", "群众"]):
        add_deputy(cli, f"王{'一二三四五'[i]}", "--party", party, "--re-elected", "是" if i == 0 else "否",
                   gender="女" if i < 2 else "男")
    data = cli.json("deputy", "composition", "--term", "3", "--as-of", "2020-01-01")
    assert data["total"] == 5
    targets = {t["key"]: t for t in data["targets"]}
    assert targets["party_share"]["count"] == 3 and targets["party_share"]["met"] is True
    assert targets["re_elected_share"]["met"] is False
    assert targets["women_share"]["share"] == 0.4 and targets["women_share"]["met"] is None
    genders = {g["code"]: g["count"] for g in data["dimensions"]["gender"]}
    assert genders == {"male": 3, "female": 2}
    cli("config", "target_party_share", "61%")
    data = cli.json("deputy", "composition", "--term", "3", "--as-of", "2020-01-01")
    assert {t["key"]: t for t in data["targets"]}["party_share"]["met"] is False
    text = cli("deputy", "composition", "--term", "3", "--as-of", "2020-01-01").stdout
    assert "✗" in text and "党员比例" in text


def test_birth_date_in_the_future_is_refused(cli):
    result = cli.fails("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "3",
                       "--birth-date", "2999-01-01")
    assert "出生日期" in result.stderr


def test_a_departure_cannot_be_in_the_future_or_before_the_term(cli, db):
    from tests.helpers import dump

    add_deputy(cli, "周强")
    before = dump(db)
    assert "晚于今天" in cli.fails("deputy", "end", "周强", "--status", "辞职", "--date", "2999-01-01").stderr
    assert "早于第3届的开始日期 2017-01-05" in cli.fails("deputy", "end", "周强", "--status", "辞职",
                                                         "--date", "2016-12-31").stderr
    assert dump(db) == before
    cli("deputy", "end", "周强", "--status", "辞职", "--date", "2018-03-01")
    assert "晚于今天" in cli.fails("deputy", "edit", "周强", "--status-date", "2999-01-01").stderr


def test_a_second_deputy_of_the_same_name_is_added_with_a_warning(cli):
    from tests.helpers import add_deputy

    add_deputy(cli, "王桂芳", "--birth-date", "1970-05-01")
    r = cli("deputy", "add", "王桂芳", "--gender", "女", "--level", "镇", "--term", "3")
    assert "已增加代表 王桂芳（ID 2）" in r.stdout and "第3届已有同名代表 王桂芳#1" in r.stderr
    assert len(cli.json("deputy", "list", "--name", "王桂芳")) == 2
