"""Appointments (任免) through the real CLI: steps, defaults, --incomplete, checks."""

from __future__ import annotations

from tests.meeting_helpers import township


def test_appointment_steps_and_incomplete(cli, tmp_path):
    township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "presidium", "--date", "2018-03-22")
    cli("meeting", "roll", "P3-01")
    cli("vote", "add", "P3-01", "关于任命吴明为镇财政所所长的决定", "--kind", "personnel", "--method", "票决",
        "--yes", "9")
    out = cli("appointment", "add", "吴明", "--position", "镇财政所所长", "--action", "任命", "--meeting", "P3-01",
              "--party-decision-on", "2018-03-07", "--nomination-on", "2018-03-20", "--discussion-on", "2018-03-22",
              "--vote-on", "2018-03-22", "--statement-on", "2018-03-22", "--announced-on", "2018-03-25").stdout
    assert "宪法宣誓" in out
    rec = cli.json("appointment", "show", "1")
    assert rec["decided_on"] == "2018-03-22" and rec["meeting"] == "P3-01" and rec["item_id"] == 1
    assert rec["missing"] == ["oath_on"]
    cli("appointment", "add", "郑强", "--position", "镇农业服务中心主任", "--action", "免职", "--meeting", "P3-01",
        "--party-decision-on", "2018-03-11", "--discussion-on", "2018-03-22", "--vote-on", "2018-03-22",
        "--announced-on", "2018-03-24")
    cli("appointment", "add", "王华", "--position", "镇村镇建设办主任", "--action", "接受辞职",
        "--decided-on", "2018-12-13", "--party-decision-on", "2018-12-01", "--discussion-on", "2018-12-13",
        "--vote-on", "2018-12-13", "--announced-on", "2018-12-15")
    rows = cli.json("appointment", "list", "--incomplete")
    assert {r["person"]: r["missing_text"] for r in rows} == {"吴明": "宪法宣誓", "王华": "本人申请"}
    assert "宪法宣誓" in cli("appointment", "list", "--incomplete").stdout
    from rdtool.services.admin.checks import run_all
    from rdtool.store.opening import open_store

    found = {f["check"] for f in run_all(open_store(cli.db), "2026-01-01") if f["table"] == "appointments"}
    assert found == {"appointment_no_oath", "appointment_steps_missing"}
    cli("appointment", "edit", "1", "--oath-on", "2018-03-22")
    cli("appointment", "edit", "3", "--application-on", "2018-11-19")
    assert cli.json("appointment", "list", "--incomplete") == []
    assert len(cli.json("appointment", "list", "--year", "2018")) == 3


def test_appointment_values_are_checked(cli):
    cli.fails("appointment", "add", "吴明", "--position", "所长", "--action", "提拔", "--decided-on", "2018-01-01")
    cli.fails("appointment", "add", "吴明", "--position", "所长", "--action", "任命")  # no meeting, no date
    cli.fails("appointment", "add", "吴明", "--position", "所长", "--action", "任命", "--meeting", "P3-09")
    cli.fails("appointment", "add", "吴明", "--position", "所长", "--action", "免职", "--decided-on", "2018-01-01",
              "--oath-on", "2018-01-02")  # a removal has no oath
    cli.fails("appointment", "add", "吴明", "--position", "所长", "--action", "任命", "--decided-on", "2018-01-05",
              "--oath-on", "2018-01-02")  # the oath follows the appointment
    cli.fails("appointment", "show", "99")
