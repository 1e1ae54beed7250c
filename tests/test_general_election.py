"""The general election (换届选举) through the real CLI: plan → constituencies → candidates → results →
credentials → deputies (idempotent), summary in every format, imports and the 2016 sample election."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import SAMPLE, add_deputy, dump, write_csv

GE = "general-election"


def plan(cli, *extra, level="镇"):
    cli(GE, "plan", "3", "--level", level, "--election-day", "2016-11-15", "--mobilisation", "2016-07-15",
        "--registration", "2016-10-21", "--candidates", "2016-10-28", "--final-list", "2016-11-05",
        "--credentials", "2016-12-06", *extra)


def cand(cli, name, const, *extra, gender="男"):
    cli(GE, "candidate", "3", name, "--constituency", const, "--gender", gender, *extra)


def setup_town(cli):
    """Two constituencies: 一 (2 seats, 1000 voters), 二 (1 seat, 600 voters), final lists lawful."""
    plan(cli, "--population", "3000")
    cli(GE, "constituency", "3", "第一选区", "--seats", "2", "--voters", "1000")
    cli(GE, "constituency", "3", "第二选区", "--seats", "1", "--voters", "600")
    cand(cli, "张一", "第一选区", "--nominated-by", "中共三川镇委员会", "--birth-date", "1970-01-01", "--final")
    cand(cli, "李二", "第一选区", "--nominators", "10", "--birth-date", "1975-02-02", "--final", gender="女")
    cand(cli, "王三", "第一选区", "--nominators", "15", "--birth-date", "1980-03-03", "--final")
    cand(cli, "赵四", "第二选区", "--nominated-by", "三川镇妇女联合会", "--birth-date", "1966-04-04", "--final",
         gender="女")
    cand(cli, "钱五", "第二选区", "--nominators", "11", "--final")


# --------------------------------------------------------------------------------------- plan


def test_plan_lead_times_at_the_boundary(cli):
    # 20 days (voter list), 15 (candidates), 7 (formal list) before 2016-11-15: exactly on time
    r = cli(GE, "plan", "3", "--election-day", "2016-11-15", "--registration", "2016-10-26",
            "--candidates", "2016-10-31", "--final-list", "2016-11-08")
    assert "注意" not in r.stderr
    # one day late each
    r = cli(GE, "plan", "3", "--registration", "2016-10-27", "--candidates", "2016-11-01",
            "--final-list", "2016-11-09")
    assert "已修改" in r.stdout
    assert "19天" in r.stderr and "第二十八条" in r.stderr
    assert "14天" in r.stderr and "6天" in r.stderr
    data = cli.json(GE, "show", "3")
    assert len(data) == 1 and len(data[0]["warnings"]) == 3
    assert [p["phase"] for p in data[0]["phases"]] == ["mobilisation_on", "registration_on", "candidates_on",
                                                      "final_list_on", "election_day", "credentials_on"]


def test_plan_errors_change_nothing(cli):
    cli.fails(GE, "plan", "9", "--election-day", "2016-11-15")  # no such term
    cli.fails(GE, "plan", "3", "--election-day", "2016-11-15", "--credentials", "2016-11-14")
    cli.fails(GE, "plan", "3", "--level", "市", "--election-day", "2016-11-15", code=1)
    cli.fails(GE, "constituency", "3", "第一选区", "--seats", "2", "--voters", "100")  # no plan yet


def test_credentials_after_term_start_warns(cli):
    r = cli(GE, "plan", "3", "--election-day", "2016-11-15", "--credentials", "2017-01-05")
    assert "第四十七条" in r.stderr


# ------------------------------------------------------------------------------ constituencies


def test_constituency_seats_one_to_three(cli):
    plan(cli)
    cli.fails(GE, "constituency", "3", "甲", "--seats", "0", "--voters", "100")
    r = cli.fails(GE, "constituency", "3", "甲", "--seats", "4", "--voters", "100")
    assert "第二十五条" in r.stderr
    for seats in ("1", "3"):
        cli(GE, "constituency", "3", f"选区{seats}", "--seats", seats, "--voters", "100")
    cli.fails(GE, "constituency", "3", "选区1", "--seats", "1", "--voters", "100")  # duplicate


def test_township_quota_check(cli):
    # 45 + 1499 // 1500 = 45 seats allowed; 46 is one too many (选举法第十二条)
    plan(cli, "--population", "1499")
    for i in range(15):
        cli(GE, "constituency", "3", f"选区{i}", "--seats", "3", "--voters", "100")
    assert cli.json(GE, "show", "3")[0]["quota"]["ok"] is True
    r = cli(GE, "constituency", "3", "选区x", "--seats", "1", "--voters", "100")
    assert "超过" in r.stderr and "45" in r.stderr
    q = cli.json(GE, "show", "3")[0]["quota"]
    assert q == {"population": 1499, "quota": 45, "seats": 46, "ok": False, "warning": q["warning"],
                 "may_be_smaller": True}

    # the population setting serves when the plan has none; county elections have no such quota
    cli("term", "add", "4", "--start", "2022-01-06")
    cli(GE, "plan", "4", "--election-day", "2021-11-18")
    cli(GE, "constituency", "4", "甲", "--seats", "3", "--voters", "100")
    assert cli.json(GE, "show", "4")[0]["quota"] is None
    cli("config", "population", "1500")
    assert cli.json(GE, "show", "4")[0]["quota"]["quota"] == 46
    cli(GE, "plan", "3", "--level", "县", "--election-day", "2016-11-15")
    assert cli.json(GE, "show", "3", "--level", "县")[0]["quota"] is None


# ---------------------------------------------------------------------------------- candidates


def test_nomination_needs_ten_voters_or_an_organisation(cli):
    plan(cli)
    cli(GE, "constituency", "3", "第一选区", "--seats", "1", "--voters", "100")
    r = cli.fails(GE, "candidate", "3", "甲", "--constituency", "第一选区", "--gender", "男", "--nominators", "9")
    assert "第三十条" in r.stderr
    cli.fails(GE, "candidate", "3", "甲", "--constituency", "第一选区", "--gender", "男")
    cand(cli, "甲", "第一选区", "--nominators", "10")
    cli.fails(GE, "candidate", "3", "甲", "--constituency", "第一选区", "--gender", "男", "--nominators", "10")
    cli.fails(GE, "candidate", "3", "乙", "--constituency", "第九选区", "--gender", "男", "--nominators", "10")


def test_final_list_contest_ratio(cli):
    plan(cli)
    cli(GE, "constituency", "3", "第一选区", "--seats", "3", "--voters", "100")
    for n in "甲乙丙丁戊己庚":
        cand(cli, n, "第一选区", "--nominators", "10")
    r = cli(GE, "finalize", "3", "甲", "乙", "丙", "--constituency", "第一选区")
    assert "第三十一条" in r.stderr  # 3 for 3 seats: uncontested
    r = cli(GE, "finalize", "3", "丁", "--constituency", "第一选区")  # 4 = exactly 1/3 more
    assert r.stderr == ""
    r = cli(GE, "finalize", "3", "戊", "己", "--constituency", "第一选区")  # 6 = exactly 1x more
    assert r.stderr == ""
    r = cli(GE, "finalize", "3", "庚", "--constituency", "第一选区")  # 7: over
    assert "超过" in r.stderr
    rows = cli.json(GE, "constituencies", "3")
    assert rows[0]["final_candidates"] == 7 and "4至6人" in rows[0]["ratio_warning"]
    cli.fails(GE, "finalize", "3", "无名", "--constituency", "第一选区")


# ------------------------------------------------------------------------------------ results


def test_round_rules_through_the_cli(cli):
    setup_town(cli)
    # a vote for a candidate not on the formal list, or an unknown one, is refused
    cli.fails(GE, "result", "3", "--constituency", "第二选区", "--issued", "500", "--returned", "500",
              "--vote", "孙六=300")
    # over-returned ballots void the round (art. 44)
    r = cli.json(GE, "result", "3", "--constituency", "第二选区", "--issued", "400", "--returned", "401",
                 "--vote", "赵四=300", "--vote", "钱五=90")
    assert r["void"] and not r["valid"] and r["elected"] == []
    # exactly half of the 600 voters: invalid (art. 45¶1)
    r = cli.json(GE, "result", "3", "--constituency", "第二选区", "--issued", "300", "--returned", "300",
                 "--vote", "赵四=250", "--vote", "钱五=40")
    assert not r["valid"] and r["round"] == 2 and not r["revote"]
    # a valid round: exactly half the votes is not enough, half + 1 is (art. 45¶1)
    r = cli.json(GE, "result", "3", "--constituency", "第二选区", "--issued", "400", "--returned", "400",
                 "--vote", "赵四=201", "--vote", "钱五=180")
    assert r["elected"] == ["赵四"] and r["round"] == 3
    cli.fails(GE, "result", "3", "--constituency", "第二选区", "--issued", "400", "--returned", "400",
              "--vote", "钱五=300")  # seat already filled

    # 2 seats: 张一 > half, 李二 exactly half → 另行选举 for one seat, where exactly 1/3 suffices
    r = cli.json(GE, "result", "3", "--constituency", "第一选区", "--issued", "800", "--returned", "800",
                 "--invalid", "5", "--vote", "张一=600", "--vote", "李二=400", "--vote", "王三=350")
    assert r["elected"] == ["张一"] and r["shortfall"] == 1
    cli.fails(GE, "result", "3", "--constituency", "第一选区", "--issued", "600", "--returned", "600",
              "--vote", "张一=300", "--vote", "李二=200")  # 张一 is already elected
    r = cli.json(GE, "result", "3", "--constituency", "第一选区", "--issued", "600", "--returned", "600",
                 "--vote", "李二=200", "--vote", "王三=199")
    assert r["revote"] and r["elected"] == ["李二"] and r["vacant"] == 0
    rows = cli.json(GE, "results", "3")
    assert [(x["constituency"], x["round"], x["candidate"], x["status"]) for x in rows if x["round"] == 2] == [
        ("第一选区", 2, "李二", "elected"), ("第一选区", 2, "王三", "not_elected"),
        ("第二选区", 2, "赵四", "void"), ("第二选区", 2, "钱五", "void")]
    text = cli(GE, "results", "3", "--explain").stdout
    assert "另行选举" in text and "第四十四条第一款" in text


def test_tie_then_revote_then_vacant(cli):
    plan(cli)
    cli(GE, "constituency", "3", "一", "--seats", "1", "--voters", "1000")
    cand(cli, "甲", "一", "--nominators", "10", "--final")
    cand(cli, "乙", "一", "--nominators", "10", "--final")
    r = cli.json(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
                 "--vote", "甲=440", "--vote", "乙=440")
    assert r["elected"] == [] and r["shortfall"] == 1  # neither over half: 另行选举
    r = cli.json(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
                 "--vote", "甲=400", "--vote", "乙=400")
    assert r["revote"] and r["tie"] == ["甲", "乙"] and r["vacant"] == 0  # tie: vote again among them
    r = cli.json(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
                 "--vote", "甲=299", "--vote", "乙=299")
    assert r["tie_revote"] and r["tie"] == ["甲", "乙"] and r["vacant"] == 0  # tied again: never broken
    r = cli.json(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
                 "--vote", "甲=299", "--vote", "乙=250")
    # the re-vote elects the one with more votes, under one third or not (选举法 art. 45¶3)
    assert r["tie_revote"] and r["elected"] == ["甲"] and r["vacant"] == 0
    cli.fails(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
              "--vote", "甲=500")  # the seat is filled
    row = cli.json(GE, "constituencies", "3")[0]
    assert row["elected"] == 1 and row["vacant"] == 0 and row["pending"] == 0


def test_revote_after_a_tie_lists_only_the_tied_and_elects_the_most_votes(cli):
    plan(cli)
    cli(GE, "constituency", "3", "二", "--seats", "2", "--voters", "1000")
    for name in ("甲", "乙", "丙", "丁"):
        cand(cli, name, "二", "--nominators", "10", "--final")
    r = cli.json(GE, "result", "3", "--constituency", "二", "--issued", "600", "--returned", "600",
                 "--vote", "甲=400", "--vote", "乙=350", "--vote", "丙=350", "--vote", "丁=100")
    assert r["elected"] == ["甲"] and r["tie"] == ["乙", "丙"] and r["shortfall"] == 0
    bad = cli.fails(GE, "result", "3", "--constituency", "二", "--issued", "600", "--returned", "600",
                    "--vote", "乙=300", "--vote", "丙=250", "--vote", "丁=40")
    assert "丁不能列入" in bad.stderr and "第四十五条第三款" in bad.stderr
    bad = cli.fails(GE, "result", "3", "--constituency", "二", "--issued", "600", "--returned", "600",
                    "--vote", "乙=300")
    assert "缺少丙的得票" in bad.stderr
    # B=300 of 600 is not over half, but the tied already had their majority: the most votes win
    r = cli.json(GE, "result", "3", "--constituency", "二", "--issued", "600", "--returned", "600",
                 "--vote", "乙=300", "--vote", "丙=250")
    assert r["tie_revote"] and not r["revote"] and r["seats"] == 1 and r["elected"] == ["乙"]
    assert "以得票多的当选" in r["explanation"]
    text = cli(GE, "result", "--help").stdout.replace("\n", "").replace(" ", "")
    assert "第四十五条第三款" in text
    assert [x["candidate"] for x in cli.json(GE, "results", "3") if x["status"] == "elected"] == ["甲", "乙"]


def test_a_revote_without_the_turnout_is_void_and_held_again(cli):
    plan(cli)
    cli(GE, "constituency", "3", "二", "--seats", "2", "--voters", "1000")
    for name in ("甲", "乙", "丙"):
        cand(cli, name, "二", "--nominators", "10", "--final")
    cli(GE, "result", "3", "--constituency", "二", "--issued", "600", "--returned", "600",
        "--vote", "甲=400", "--vote", "乙=350", "--vote", "丙=350")
    r = cli.json(GE, "result", "3", "--constituency", "二", "--issued", "500", "--returned", "500",
                 "--vote", "乙=300", "--vote", "丙=200")  # exactly half voted: not valid (art. 45¶1)
    assert not r["valid"] and r["elected"] == []
    r = cli.json(GE, "result", "3", "--constituency", "二", "--issued", "501", "--returned", "501",
                 "--vote", "乙=200", "--vote", "丙=201")
    assert r["tie_revote"] and r["elected"] == ["丙"]


def test_impossible_counts_are_refused(cli):
    setup_town(cli)
    r = cli.fails(GE, "result", "3", "--constituency", "第二选区", "--issued", "700", "--returned", "600",
                  "--vote", "赵四=300")
    assert "多于选区选民总数" in r.stderr
    cli.fails(GE, "result", "3", "--constituency", "第二选区", "--issued", "500", "--returned", "500",
              "--vote", "赵四300", code=1)
    cli.fails(GE, "result", "3", "--constituency", "第二选区", "--issued", "500", "--returned", "500",
              "--vote", "赵四=501")


# --------------------------------------------------------------------- credentials and seating


def elect_all(cli):
    setup_town(cli)
    cli(GE, "result", "3", "--constituency", "第一选区", "--issued", "800", "--returned", "800",
        "--vote", "张一=600", "--vote", "李二=500", "--vote", "王三=300")
    cli(GE, "result", "3", "--constituency", "第二选区", "--issued", "500", "--returned", "500",
        "--vote", "赵四=400", "--vote", "钱五=90")


def test_end_to_end_credentials_and_deputies_idempotent(cli):
    # the previous term's roster decides re_elected: 张一 (same birth date) was a deputy of term 2
    cli("term", "add", "2", "--start", "2012-01-05", "--end", "2016-12-31")
    add_deputy(cli, "张一", "--birth-date", "1970-01-01", term=2)
    add_deputy(cli, "王三", "--birth-date", "1950-01-01", term=2)  # same name, another person
    # 李二 is already on the term-3 roster (entered by hand): linked, not duplicated
    add_deputy(cli, "李二", "--birth-date", "1975-02-02", "--constituency", "第一选区", gender="女")
    elect_all(cli)
    cli.fails(GE, "credentials", "3", "王三", "--date", "2016-12-06")  # not elected
    cli.fails(GE, "credentials", "3", "--all", "--date", "2016-11-01")  # before election day
    cli.fails(GE, "credentials", "3", "--date", "2016-12-06", code=2)  # neither names nor --all
    r = cli(GE, "deputies", "3")
    assert "新列入代表0名" in r.stdout and "3名当选人尚待资格审查" in r.stdout
    cli(GE, "credentials", "3", "--all", "--date", "2016-12-06")
    before = {d["name"] for d in cli.json("deputy", "list", "--term", "3")}
    assert before == {"李二"}
    r = cli.json(GE, "deputies", "3")
    assert r == {"created": 2, "linked": 1, "already": 0, "pending": 0, "rejected": 0}
    once = dump(cli.db)
    r = cli.json(GE, "deputies", "3")
    assert r == {"created": 0, "linked": 0, "already": 3, "pending": 0, "rejected": 0}
    assert dump(cli.db) == once
    rows = {d["name"]: d for d in cli.json("deputy", "list", "--term", "3")}
    assert sorted(rows) == sorted(["张一", "李二", "赵四"])
    assert rows["张一"]["re_elected"] is True and rows["赵四"]["re_elected"] is False
    assert rows["张一"]["constituency"] == "第一选区" and rows["张一"]["elected_on"] == "2016-11-15"
    assert rows["赵四"]["level"] == "township" and rows["赵四"]["gender"] == "female"
    cands = {c["name"]: c for c in cli.json(GE, "candidates", "3")}
    assert cands["李二"]["deputy_id"] == rows["李二"]["id"] and cands["张一"]["confirmed"] is True
    assert cands["王三"]["outcome"] == "not_elected" and cands["王三"]["deputy_id"] is None


def test_rejected_winner_is_not_seated(cli):
    elect_all(cli)
    cli.fails(GE, "credentials", "3", "赵四", "--date", "2016-12-06", "--reject", code=2)  # reason needed
    cli(GE, "credentials", "3", "赵四", "--date", "2016-12-06", "--reject", "--reason", "不符合代表基本条件")
    cli(GE, "credentials", "3", "张一", "李二", "--date", "2016-12-06")
    r = cli.json(GE, "deputies", "3")
    assert r["created"] == 2 and r["rejected"] == 1
    assert "赵四" not in {d["name"] for d in cli.json("deputy", "list", "--term", "3")}


def test_summary_in_every_format(cli):
    elect_all(cli)
    cli(GE, "credentials", "3", "--all", "--date", "2016-12-06")
    cli(GE, "deputies", "3")
    data = cli.json(GE, "summary", "3")
    lv = data["levels"][0]
    assert (lv["seats"], lv["elected"], lv["confirmed"], lv["seated"], lv["voters"], lv["voted"]) == (
        3, 3, 3, 3, 1600, 1300)
    assert "新一届镇代表3名的换届选举工作" in data["text"] and "参选率81.3%" in data["text"]  # 1300/1600 = 0.8125, half up
    assert data["composition"]["township"]["total"] == 3
    assert [t["constituency"] for t in data["turnout"]] == ["第一选区", "第二选区"]
    assert data["turnout"][0]["turnout"] == 0.8
    for fmt in ("table", "csv", "tsv", "jsonl", "md"):
        out = cli(GE, "summary", "3", "--format", fmt).stdout
        assert out.strip()
    rows = list(csv.DictReader(io.StringIO(cli(GE, "summary", "3", "--format", "csv").stdout)))
    assert rows[1]["constituency"] == "第二选区" and rows[1]["turnout"] == str(500 / 600)
    md = cli(GE, "summary", "3", "--format", "md").stdout
    assert md.startswith("## 第3届换届选举总结") and "| 第一选区 |" in md
    for cmd in ("constituencies", "candidates", "results", "show"):
        for fmt in ("table", "csv", "tsv", "json", "jsonl", "md"):
            assert cli(GE, cmd, "3", "--format", fmt).stdout.strip()
    cli.fails(GE, "summary", "3", "--format", "xml", code=2)
    cli.fails(GE, "summary", "4")


def test_checks_report_pending_credentials(cli):
    elect_all(cli)
    from rdtool.services.admin import checks
    from rdtool.store.opening import open_store

    store = open_store(cli.db)
    found = [f["check"] for f in checks.run_all(store, "2016-12-31")]
    assert "general_election_credentials" in found
    store.close()


# ------------------------------------------------------------------------------------ imports


def test_import_export_round_trip(cli, tmp_path):
    elect_all(cli)
    cli(GE, "credentials", "3", "--all", "--date", "2016-12-06")
    files = {}
    for kind in ("ge_plan", "ge_constituencies", "ge_candidates"):
        files[kind] = cli("export", kind, "--format", "csv").stdout
    other = tmp_path / "other.db"
    from tests.helpers import Cli

    o = Cli(other)
    o("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
    for kind, text in files.items():
        o("import", kind, str(write_csv(tmp_path / f"{kind}.csv", text)))
    for kind, text in files.items():
        assert o("export", kind, "--format", "csv").stdout == text
    assert o.json(GE, "summary", "3")["levels"] == cli.json(GE, "summary", "3")["levels"]


def test_import_errors_name_rows_and_write_nothing(cli, tmp_path):
    plan(cli)
    cli(GE, "constituency", "3", "一", "--seats", "1", "--voters", "1000")
    bad = write_csv(tmp_path / "c.csv",
                    "term,level,constituency,name,gender,nominators,round,votes,ballots_issued,ballots_returned\n"
                    "3,镇,一,甲,男,10,1,600,900,900\n"
                    "3,镇,一,乙,男,9,1,200,900,800\n")
    r = cli.fails("import", "ge_candidates", str(bad))
    assert "第3行" in r.stderr and "nominators" in r.stderr and "ballots_returned" in r.stderr
    too_many = write_csv(tmp_path / "d.csv",
                         "term,level,constituency,name,gender,nominators,round,votes,ballots_issued,ballots_returned\n"
                         "3,镇,一,甲,男,10,1,600,900,901\n")
    cli("import", "ge_candidates", str(too_many))  # more returned than issued: stored as a void round (art. 44)
    assert [r["status"] for r in cli.json(GE, "results", "3")] == ["void"]
    seats = write_csv(tmp_path / "k.csv", "term,level,constituency,seats,voters\n3,镇,二,4,100\n")
    assert "第二十五条" in cli.fails("import", "ge_constituencies", str(seats)).stderr


# ------------------------------------------------------------------------------------- sample


def test_sample_election_winners_are_the_term3_deputies(sample):
    deputies = sample.json("deputy", "list", "--term", "3")
    assert (sum(d["level"] == "township" for d in deputies), sum(d["level"] == "county" for d in deputies)) == (82, 23)
    winners = set()
    for level in ("township", "county"):
        for c in sample.json(GE, "candidates", "3", "--level", level):
            if c["outcome"] == "elected":
                assert c["confirmed"] is True and c["deputy_id"] is not None
                winners.add(c["deputy_id"])
            else:
                assert c["deputy_id"] is None
    assert winners == {d["id"] for d in deputies}
    r = sample.json(GE, "deputies", "3")
    assert r == {"created": 0, "linked": 0, "already": 105, "pending": 0, "rejected": 0}
    assert len(sample.json("deputy", "list", "--term", "3")) == 105
    data = sample.json(GE, "summary", "3")
    assert "按时按质按量完成了新一届镇代表82名，县代表23名的换届选举工作" in data["text"]
    assert data["text"].startswith("2016年7月至12月")
    for lv in data["levels"]:
        assert lv["warnings"] == [] and lv["vacant"] == 0 and lv["pending"] == 0
        assert 0.9 < lv["turnout"] < 0.98
    assert all(t["ratio_warning"] is None for t in data["turnout"])
    comp = data["composition"]["township"]
    assert comp["total"] == 82 and all(t["met"] is not False for t in comp["targets"])
    revotes = [r for r in sample.json(GE, "results", "3") if r["revote"]]
    assert len({r["constituency"] for r in revotes}) == 2 and sum(r["status"] == "elected" for r in revotes) == 2


def test_sample_files_equal_their_export(sample):
    for kind in ("ge_plan", "ge_constituencies", "ge_candidates"):
        assert sample("export", kind, "--format", "csv").stdout == (SAMPLE / f"{kind}.csv").read_text("utf-8")


@pytest.mark.parametrize("cmd,article", [("plan", "第二十八条"), ("constituency", "第二十五条"),
                                         ("candidate", "第三十条"), ("finalize", "第三十一条"),
                                         ("result", "第四十五条"), ("credentials", "第四十七条")])
def test_help_cites_the_law(cli, cmd, article):
    out = cli(GE, cmd, "--help").stdout
    assert article in out.replace("\n", "").replace(" ", "")


def test_json_is_parseable_for_plan_show(cli):
    plan(cli)
    assert json.loads(cli(GE, "show", "3", "--format", "json").stdout)[0]["level"] == "township"


def test_one_party_nominating_two_for_one_seat_is_flagged(cli):
    plan(cli)
    cli(GE, "constituency", "3", "一", "--seats", "1", "--voters", "1000")
    r = cli(GE, "candidate", "3", "甲", "--constituency", "一", "--gender", "男", "--nominated-by", "中共三川镇委员会")
    assert "注意" not in r.stderr
    r = cli(GE, "candidate", "3", "乙", "--constituency", "一", "--gender", "男", "--nominated-by", "中共三川镇委员会")
    assert "推荐代表候选人2人，超过本选区应选代表名额1名" in r.stderr and "第三十条第三款" in r.stderr
    row = cli.json(GE, "constituencies", "3")[0]
    assert "第三十条第三款" in row["nomination_warning"]
    found = [f for f in cli.json("db", "check") if f["check"] == "general_election_nomination_limit"]
    assert [f["record"] for f in found] == ["一"]
    assert "第三十条第三款" in cli(GE, "candidate", "--help").stdout


def _additional_findings(cli):
    return [f["message"] for f in cli.json("db", "check", "--as-of", "2026-12-01")
            if f["check"] == "general_election_additional_list"]


def test_an_additional_round_off_the_first_rounds_ranking_is_flagged(cli):
    """选举法 第四十五条第四款: the 另行选举 list is the first round's next by votes; one seat → two candidates."""
    plan(cli)
    cli(GE, "constituency", "3", "一", "--seats", "1", "--voters", "1000")
    for n in ("甲", "乙", "丙"):
        cand(cli, n, "一", "--nominators", "10", "--final")
    r = cli.json(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
                 "--vote", "甲=440", "--vote", "乙=430", "--vote", "丙=30")
    assert r["elected"] == [] and r["shortfall"] == 1
    cli(GE, "result", "3", "--constituency", "一", "--issued", "900", "--returned", "900",
        "--vote", "甲=500", "--vote", "丙=300")
    [finding] = _additional_findings(cli)
    assert "一第2轮（另行选举）" in finding and "未列入得票更多的乙" in finding and "第四十五条第四款" in finding
    # the lawful list draws no finding; a one-candidate 另行选举 does
    cli(GE, "constituency", "3", "二", "--seats", "1", "--voters", "1000")
    for n in ("丁", "戊"):
        cand(cli, n, "二", "--nominators", "10", "--final")
    cli(GE, "result", "3", "--constituency", "二", "--issued", "900", "--returned", "900",
        "--vote", "丁=440", "--vote", "戊=430")
    cli(GE, "result", "3", "--constituency", "二", "--issued", "900", "--returned", "900", "--vote", "丁=500")
    assert [f for f in _additional_findings(cli) if "二第2轮" in f] == [
        "第3届镇(乡)人大代表换届选举二第2轮（另行选举）：另行选举应选1名，候选人应为二人，本轮1人"
        "（《全国人民代表大会和地方各级人民代表大会选举法》（2020）第四十五条第四款）"]
