"""The sample data through `rdtool demo`, and the kinds meetings/attendance/items/elections/appointments."""

from __future__ import annotations

from collections import Counter

from rdtool.store.opening import open_store
from tests.helpers import Cli, dump, write_csv
from tests.meeting_helpers import township

KINDS = ["meetings", "attendance", "items", "elections", "appointments"]


def test_sample_reproduces_the_seed_figures(sample):
    meetings = sample.json("meeting", "list", "--term", "3")
    kinds = Counter(m["kind"] for m in meetings)
    assert kinds["presidium"] == 21 and kinds["congress"] == 6
    assert sum(m["extraordinary"] for m in meetings) == 1
    assert all(m["quorum_met"] for m in meetings)
    votes = sample.json("vote", "list", "--term", "3")
    pres = [v for v in votes if v["meeting_kind"] == "presidium" and v["kind"] == "decision"]
    assert len(pres) == 54
    assert [v["meeting_code"] for v in pres if v["result"] == "failed"] == ["P3-08"]
    assert sum(v["meeting_kind"] == "congress" and v["kind"] in ("decision", "report", "budget") for v in votes) == 35
    assert all(v["result"] in ("passed", None) for v in votes if v["meeting_code"] != "P3-08")
    c1 = [v for v in votes if v["meeting_code"] == "C3-1" and v["result"]]
    assert {(v["entitled"], v["present"]) for v in c1} == {(82, 79)}
    assert len(sample.json("election", "list", "--elected")) == 15
    appointments = sample.json("appointment", "list")
    assert sum(a["action"] != "elect" for a in appointments) == 11  # 任免人次; the congress's elected are 选举产生
    assert {a["person"]: a["position"] for a in appointments if a["action"] == "elect"} == {
        "陈世平": "主席", "刘峰": "镇长", "于玉林": "副镇长", "何佳琪": "副镇长", "许勇": "副镇长", "何志明": "副镇长"}
    incomplete = sample.json("appointment", "list", "--incomplete")
    assert [(a["person"], a["missing_text"]) for a in incomplete] == [("姚德华", "表态发言")]
    out = sample("vote", "show", "P3-08#3").stdout
    assert "赞成4票，未超过主席团全体成员9人的半数（至少5票），未通过" in out
    c1 = sample.json("meeting", "show", "C3-1")
    assert {e["post"]: len(e["elected"]) for e in c1["elections"]} == {"主席团成员": 9, "主席": 1, "镇长": 1, "副镇长": 4}
    assert "选举" in sample("meeting", "show", "C3-1").stdout
    for same_name in ("20", "25"):  # the same-name pair 王建国, told apart by deputy_id in attendance.csv
        rows = sample.json("deputy", "show", same_name)["attendance"]
        assert [r["code"] for r in rows if r["kind"] == "congress"] == [f"C3-{n}" for n in range(1, 7)]


def test_kinds_round_trip(sample, tmp_path):
    files = {}
    for kind in ["terms", "deputies"] + KINDS:
        path = tmp_path / f"{kind}.csv"
        extra = ["--show-id"] if kind == "deputies" else []
        sample("export", kind, "--output", path, *extra)
        files[kind] = path
    fresh = tmp_path / "fresh.db"
    open_store(fresh, create=True).close()
    cli = Cli(fresh)
    for kind, path in files.items():
        cli("import", kind, path)
    for kind in KINDS:
        assert cli("export", kind).stdout == sample("export", kind).stdout, kind
    for cmd in (["vote", "list"], ["election", "list"], ["meeting", "list"], ["appointment", "list"]):
        a, b = cli.json(*cmd), sample.json(*cmd)
        assert a == b, cmd


def test_import_errors_name_the_row_and_write_nothing(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("deputy", "end", people[11], "--status", "辞职", "--date", "2017-05-01")
    meetings = write_csv(tmp_path / "m.csv", "code,kind,date,title\nC3-1,congress,2018-01-10,\n"
                                            "P3-01,主席团会议,2018-02-01,\n")
    cli("import", "meetings", meetings)
    assert cli.json("meeting", "show", "C3-1")["title"] == "三川镇第三届人民代表大会第一次会议"
    bad = write_csv(tmp_path / "m2.csv", "code,kind,date\nC3-1,congress,2018-01-10\nX-1,presidium,2018-1-1\n"
                                        "X-2,主席团,2030-01-01\n")
    r = cli.fails("import", "meetings", bad)
    assert "第2行" in r.stderr and "第4行" in r.stderr
    lines = ["meeting,deputy,status"] + [f"C3-1,{n},出席" for n in people[:11]]
    att = write_csv(tmp_path / "a.csv", "\n".join(lines + [f"C3-1,{people[11]},出席"]) + "\n")
    r = cli.fails("import", "attendance", att)
    assert "第13行" in r.stderr and people[11] in r.stderr
    r = cli.fails("import", "attendance", write_csv(tmp_path / "a2.csv", f"meeting,deputy,status\nP3-01,{people[10]},出席\n"))
    assert "主席团成员" in r.stderr
    cli("import", "attendance", write_csv(tmp_path / "a3.csv", "\n".join(lines) + "\n"))
    assert cli.json("meeting", "show", "C3-1")["present"] == 11
    items = write_csv(tmp_path / "i.csv", "meeting,seq,title,kind,method,yes,no,abstain,not_voting\n"
                                         "C3-1,1,预算,预决算,举手,10,1,0,0\nC3-1,2,决议,decision,hands,11,1,0,0\n")
    before = dump(cli.db)
    r = cli("import", "items", items, expect=1)
    assert "第3行" in r.stderr and dump(cli.db) == before
    elections = write_csv(tmp_path / "e.csv", "meeting,post,seats,candidate,votes,ballots_issued,ballots_returned\n"
                                             f"C3-1,镇长,1,{people[0]},9,11,11\nC3-1,镇长,2,{people[1]},1,11,11\n")
    r = cli.fails("import", "elections", elections)
    assert "第3行" in r.stderr
    elections = write_csv(tmp_path / "e2.csv", "meeting,post,seats,candidate,votes,ballots_issued,ballots_returned\n"
                                              f"C3-1,镇长,1,{people[0]},9,11,12\n")
    cli("import", "elections", elections)
    assert cli.json("election", "show", "1")["outcome"] == "void"
    r = cli.fails("import", "elections", elections)  # the same contest again
    assert "round" in r.stderr
