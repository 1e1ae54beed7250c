"""Generate a county-sized rdtool database for benchmarks (fictional, deterministic).

    python benchmarks/make_county.py OUT.db [--townships 30]

30 townships' worth of records over two terms: about 3,000 deputies, 12,000 meetings, 50,000 agenda
items, 45,000 proposals and 150,000 attendance rows, written with plain SQL in one transaction (the
point is the size of the tables the report aggregates, not the import path, which has its own benchmark).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent


def day(rng: random.Random, start: date, span_days: int) -> str:
    return (start + timedelta(days=rng.randrange(span_days))).isoformat()


def build(out: Path, townships: int = 30, seed: int = 2024) -> None:
    rng = random.Random(seed)
    subprocess.run([str(BIN / "rdtool"), "--db", str(out), "init", "--town", "示例县（汇总）", "--term", "3",
                    "--term-start", "2017-01-05", "--term-end", "2021-12-31"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(BIN / "rdtool"), "--db", str(out), "term", "add", "4", "--start", "2022-01-06",
                    "--end", "2026-12-31", "--current"], check=True, stdout=subprocess.DEVNULL)
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    terms = {3: date(2017, 1, 5), 4: date(2022, 1, 6)}
    deputy_ids: dict[tuple[int, int], list[int]] = {}
    meeting_no = 0
    for town in range(townships):
        for term, start in terms.items():
            ids = []
            for k in range(50):  # 50 deputies per township and term → 3,000
                level = "township" if k < 45 else "county"
                cur = conn.execute(
                    "INSERT INTO deputies (name, gender, birth_date, party, occupation, level, constituency, term, "
                    "elected_on, re_elected, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')",
                    (f"代表{town:02d}{term}{k:02d}", rng.choice(["male", "female"]),
                     day(rng, date(1960, 1, 1), 365 * 30), rng.choice(["cpc", "cpc", "masses"]),
                     rng.choice(["farmer", "worker", "cadre", "technician"]), level, f"第{k % 15 + 1}选区", term,
                     (start - timedelta(days=50)).isoformat(), rng.random() < 0.4))
                ids.append(cur.lastrowid)
                if k < 11:  # a presidium of 11
                    conn.execute("INSERT INTO presidium_members (deputy_id, role, from_date) VALUES (?, ?, ?)",
                                 (cur.lastrowid, "chair" if k == 0 else "member", start.isoformat()))
            deputy_ids[(town, term)] = ids
            for m in range(200):  # 200 meetings per township and term → 12,000
                meeting_no += 1
                kind = "congress" if m % 20 == 0 else "presidium"
                mdate = day(rng, start, 365 * 5 - 10)
                mid = conn.execute(
                    "INSERT INTO meetings (code, kind, extraordinary, term, seq, date, title, roster) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (f"T{town:02d}-{term}-{m:03d}", kind, int(m == 100), term, m + 1, mdate,
                     f"第{m + 1}次会议", 45 if kind == "congress" else 11)).lastrowid
                roll = ids[:11] if kind == "presidium" else ids[:45]
                for seq in range(4 if m % 6 else 5):  # ≈ 50,000 items
                    conn.execute(
                        "INSERT INTO items (meeting_id, seq, title, kind, method, yes, no, abstain, not_voting, "
                        "result, rule) VALUES (?, ?, ?, ?, 'hands', ?, 0, 0, 0, 'passed', 'generated')",
                        (mid, seq + 1, f"议题{seq + 1}", rng.choice(["decision", "decision", "report", "budget"]),
                         len(roll) - 1))
                # every meeting has its roll call: ≈ 150,000 attendance rows
                conn.executemany("INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (?, ?, ?)",
                                 [(mid, d, "present" if rng.random() < 0.95 else "leave") for d in roll])
            for p in range(750):  # 750 per township and term → 45,000 proposals
                submitted = day(rng, start, 365 * 5 - 120)
                assigned = (date.fromisoformat(submitted) + timedelta(days=10)).isoformat()
                due = (date.fromisoformat(assigned) + timedelta(days=90)).isoformat()
                replied = (date.fromisoformat(assigned) + timedelta(days=rng.randrange(20, 100))).isoformat()
                result, feedback = rng.choice("AABCD"), rng.choice(["satisfied", "basic"])
                pid = conn.execute(
                    "INSERT INTO proposals (code, kind, title, body, category, submitted_on, lead_id, unit, "
                    "assigned_on, due_on, replied_on, result, feedback, feedback_on, closed_on) "
                    "VALUES (?, 'suggestion', ?, ?, '城乡建设', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (f"T{town:02d}-{term}-P{p:04d}", f"关于改善第{p}村道路的建议", "建议硬化村道，安装路灯。",
                     submitted, rng.choice(ids), f"单位{p % 12}", assigned, due, replied,
                     result, feedback, replied, replied)).lastrowid
                conn.execute(
                    "INSERT INTO proposal_rounds (proposal_id, round, unit, started_on, due_on, replied_on, result, "
                    "feedback, feedback_on) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
                    (pid, f"单位{p % 12}", assigned, due, replied, result, feedback, replied))
            for a in range(50):
                conn.execute("INSERT INTO activities (code, kind, level, date, title) VALUES (?, ?, ?, ?, ?)",
                             (f"T{town:02d}-{term}-A{a:03d}", rng.choice(["inspection", "survey", "training"]),
                              rng.choice(["township", "county"]), day(rng, start, 365 * 5 - 10), f"活动{a}"))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--townships", type=int, default=30)
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out} exists; choose a new path", file=sys.stderr)
        return 2
    build(args.out, args.townships)
    return 0


if __name__ == "__main__":
    sys.exit(main())
