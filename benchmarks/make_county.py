"""Generate a county-sized rdtool database for benchmarks (fictional, deterministic).

    python benchmarks/make_county.py OUT.db [--townships 30] [--findings]

30 townships' worth of records over two terms, kept in one file as a county office would: about 3,000 deputies,
12,000 meetings, 50,000 agenda items, 45,000 proposals and 210,000 attendance rows, written with plain SQL in one
transaction (the point is the size of the tables, not the import path, which has its own benchmark).

The records are consistent as rdtool reads them, so `rdtool db check` finds (almost) nothing: rdtool keeps one
township per file, so the file's deputies are one body. Each meeting's roll call is its roster on its date (a
presidium meeting: the presidium's 11 members; a congress: every township-level deputy of the term), its quorum,
each vote's result and rule are what rdtool.rules gives for its counts, meetings are numbered in date order, and
the change log is sealed as rdtool's own writes leave it (so `db check` verifies its whole chain).
`--findings` stores each vote's rule and each meeting's quorum as an older tool would have (a finding per item and
per meeting: ≈ 62,000 at 30 townships), for measuring `db check` with many findings.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdtool.rules.majority import decide_vote, quorum  # noqa: E402  (pure functions: the rules themselves)
from rdtool.store import changelog  # noqa: E402

BIN = Path(sys.executable).parent
TERMS = {3: date(2017, 1, 5), 4: date(2022, 1, 6)}
PER_TOWN = 50          # deputies per township and term (45 township-level, 5 county-level) → 3,000 at 30
MEETINGS = 200         # meetings per township and term → 12,000 at 30
PRESIDIUM = 11


def day(rng: random.Random, start: date, span_days: int) -> str:
    return (start + timedelta(days=rng.randrange(span_days))).isoformat()


def build(out: Path, townships: int = 30, seed: int = 2024, findings: bool = False) -> None:
    rng = random.Random(seed)
    subprocess.run([str(BIN / "rdtool"), "--db", str(out), "init", "--town", "示例县（汇总）", "--term", "3",
                    "--term-start", "2017-01-05", "--term-end", "2021-12-31"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(BIN / "rdtool"), "--db", str(out), "term", "add", "4", "--start", "2022-01-06",
                    "--end", "2026-12-31", "--current"], check=True, stdout=subprocess.DEVNULL)
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    started = changelog.last_id(conn)
    for term, start in TERMS.items():
        township = _deputies(conn, rng, townships, term, start)
        presidium = township[:PRESIDIUM]
        for k, deputy_id in enumerate(presidium):
            conn.execute("INSERT INTO presidium_members (deputy_id, role, from_date) VALUES (?, ?, ?)",
                         (deputy_id, "chair" if k == 0 else "member", start.isoformat()))
        _meetings(conn, rng, townships, term, start, township, presidium, findings)
        _proposals_and_activities(conn, rng, townships, term, start, township)
    changelog.seal(conn, started)  # the log sealed, as rdtool's own writes leave it
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _deputies(conn: sqlite3.Connection, rng: random.Random, townships: int, term: int, start: date) -> list[int]:
    """Every township's deputies of a term; returns the township-level ones' ids."""
    township = []
    for town in range(townships):
        for k in range(PER_TOWN):
            level = "township" if k < 45 else "county"
            cur = conn.execute(
                "INSERT INTO deputies (name, gender, birth_date, party, occupation, level, constituency, term, "
                "elected_on, re_elected, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')",
                (f"代表{town:02d}{term}{k:02d}", rng.choice(["male", "female"]), day(rng, date(1960, 1, 1), 365 * 30),
                 rng.choice(["cpc", "cpc", "masses"]), rng.choice(["farmer", "worker", "cadre", "technician"]), level,
                 f"第{k % 15 + 1}选区", term, (start - timedelta(days=50)).isoformat(), rng.random() < 0.4))
            if level == "township":
                township.append(cur.lastrowid)
    return township


def _meetings(conn: sqlite3.Connection, rng: random.Random, townships: int, term: int, start: date,
              township: list[int], presidium: list[int], findings: bool) -> None:
    """The term's meetings, numbered in date order within their kind, each with its whole roster's roll call and
    its items decided by the rules (a congress: 10 a term, or one per township's share when more)."""
    congresses = max(1, -(-10 // townships))
    plan = []
    for town in range(townships):
        for m in range(MEETINGS):
            kind = "congress" if m < congresses else "presidium"
            plan.append((day(rng, start, 365 * 5 - 10), kind, f"T{town:02d}-{term}-{m:03d}"))
    plan.sort()
    seq = {"congress": 0, "presidium": 0}
    for mdate, kind, code in plan:
        seq[kind] += 1
        roll = presidium if kind == "presidium" else township
        statuses = [("present" if rng.random() < 0.95 else "leave") for _ in roll]
        present = statuses.count("present")
        met = quorum(kind, len(roll), present).met
        mid = conn.execute(
            "INSERT INTO meetings (code, kind, extraordinary, term, seq, date, title, roster, quorum_met) "
            "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)",
            (code, kind, term, seq[kind], mdate, f"第{seq[kind]}次会议", len(roll),
             None if findings else int(met))).lastrowid
        conn.executemany("INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (?, ?, ?)",
                         [(mid, d, status) for d, status in zip(roll, statuses)])
        for item in range(4 if seq[kind] % 6 else 5):  # ≈ 50,000 items
            no = rng.randrange(3)
            yes = max(0, present - no - rng.randrange(3))
            outcome = decide_vote(kind, len(roll), present, yes, no)
            conn.execute(
                "INSERT INTO items (meeting_id, seq, title, kind, method, yes, no, abstain, not_voting, result, rule) "
                "VALUES (?, ?, ?, ?, 'hands', ?, ?, 0, 0, ?, ?)",
                (mid, item + 1, f"议题{item + 1}", rng.choice(["decision", "decision", "report", "budget"]), yes, no,
                 outcome.result, "generated" if findings else outcome.rule))


def _proposals_and_activities(conn: sqlite3.Connection, rng: random.Random, townships: int, term: int, start: date,
                              township: list[int]) -> None:
    for town in range(townships):
        for p in range(750):  # 750 per township and term → 45,000 proposals
            submitted = day(rng, start, 365 * 5 - 120)
            assigned = (date.fromisoformat(submitted) + timedelta(days=10)).isoformat()
            due = (date.fromisoformat(assigned) + timedelta(days=90)).isoformat()
            replied = (date.fromisoformat(assigned) + timedelta(days=rng.randrange(20, 90))).isoformat()
            result, feedback = rng.choice("AABCD"), rng.choice(["satisfied", "basic"])
            pid = conn.execute(
                "INSERT INTO proposals (code, kind, title, body, category, submitted_on, lead_id, unit, "
                "assigned_on, due_on, replied_on, result, feedback, feedback_on, closed_on) "
                "VALUES (?, 'suggestion', ?, ?, '城乡建设', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"T{town:02d}-{term}-P{p:04d}", f"关于改善第{p}村道路的建议", "建议硬化村道，安装路灯。",
                 submitted, rng.choice(township), f"单位{p % 12}", assigned, due, replied,
                 result, feedback, replied, replied)).lastrowid
            conn.execute(
                "INSERT INTO proposal_rounds (proposal_id, round, unit, started_on, due_on, replied_on, result, "
                "feedback, feedback_on) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
                (pid, f"单位{p % 12}", assigned, due, replied, result, feedback, replied))
        for a in range(50):
            conn.execute("INSERT INTO activities (code, kind, level, date, title) VALUES (?, ?, ?, ?, ?)",
                         (f"T{town:02d}-{term}-A{a:03d}", rng.choice(["inspection", "survey", "training"]),
                          rng.choice(["township", "county"]), day(rng, start, 365 * 5 - 10), f"活动{a}"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--findings", action="store_true", help="votes' rules and quorums as an older tool stored "
                                                                 "them: a finding per item and per meeting")
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out} exists; choose a new path", file=sys.stderr)
        return 2
    build(args.out, args.townships, findings=args.findings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
