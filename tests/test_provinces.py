"""The province as a profile, through the CLI: init --province, config, citations, deadlines, overrides."""

from __future__ import annotations

from tests.helpers import Cli


def init(tmp_path, *extra) -> Cli:
    cli = Cli(tmp_path / "p.db")
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", *extra)
    return cli


def test_init_province_sets_the_profile_and_a_bad_one_creates_nothing(tmp_path):
    bad = Cli(tmp_path / "bad.db")("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05",
                                    "--province", "四川", expect=1)
    assert "四川" in bad.stderr and "浙江省" in bad.stderr and not (tmp_path / "bad.db").exists()
    cli = init(tmp_path, "--province", "重庆")
    data = cli.json("province")
    assert data["province"] == "chongqing"
    rows = {r["key"]: r for r in data["rows"]}
    assert rows["reply_months"]["value"] == 2 and "第十六条" in rows["reply_months"]["article"]
    assert rows["rehandle_months"]["source"] == "tool"  # 重庆's text sets none: said so
    assert {r["key"]: r["value"] for r in cli.json("config")}["proposal_reply_months"] == "2"
    other = cli.json("province", "北京")  # another province's rules, without changing this one's
    assert other["province"] == "beijing" and cli.json("province")["province"] == "chongqing"


def test_presidium_citation_names_only_the_province_in_force(tmp_path):
    cli = init(tmp_path, "--province", "河南")
    out = cli("province", "--help").stdout
    assert "第二十四条" in out and "第三十四条" in out  # the --help cites the articles
    for i, name in enumerate(["甲一", "乙二", "丙三", "丁四", "戊五"]):
        cli("deputy", "add", name, "--gender", "男", "--level", "镇", "--term", "3", "--presidium-role",
            "主席" if i == 0 else "成员")
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-03-01")
    cli("meeting", "roll", "P3-01", "--absent", "甲一、乙二")
    q = cli.json("meeting", "show", "P3-01")["quorum"]
    assert q["article"] == "《河南省乡镇人民代表大会主席团工作条例》第五条第二款" and q["met"] is True
    cli("config", "province", "山东")
    q = cli.json("meeting", "show", "P3-01")["quorum"]
    assert "山东" in q["article"] and "河南" not in q["article"] and "浙江" not in q["article"]
    cli("config", "presidium_quorum", "two_thirds")  # one value overridden locally
    q = cli.json("meeting", "show", "P3-01")["quorum"]
    assert q["met"] is False and q["rule"] == "presidium_two_thirds_quorum" and "本地设置" in q["article"]


def test_suggestion_deadlines_follow_the_profile_until_a_setting_overrides_one(tmp_path):
    cli = init(tmp_path, "--province", "重庆")
    cli("deputy", "add", "甲一", "--gender", "男", "--level", "镇", "--term", "3")

    def due(assigned, *flags):
        out = cli("proposal", "submit", f"建议{assigned}{flags}", "--lead", "甲一", "--date", "2017-01-06").stdout
        code = out.split()[1].split("（")[0]
        cli("proposal", "assign", code, "--unit", "镇卫生院", "--date", assigned, *flags)
        return cli.json("proposal", "show", code)["due_on"]

    assert due("2017-01-10") == "2017-03-10"                 # 重庆 第十六条: two months
    assert due("2017-01-10", "--complex") == "2017-05-10"    # at most four
    cli("config", "province", "上海")
    assert due("2017-01-10", "--complex") == "2017-07-10"    # 上海 第十九条: three, extended by at most three
    cli("config", "proposal_reply_months", "1")
    assert due("2017-01-10") == "2017-02-10"                 # the local setting wins over the profile
    rows = {r["key"]: r for r in cli.json("config")}
    assert rows["proposal_reply_months"]["value"] == "1" and "按省份规则" in rows["proposal_complex_months"]["help"]
