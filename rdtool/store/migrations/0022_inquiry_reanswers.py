"""Migration m2603_inquiry_reanswers, as it shipped: applied once to a database, in the order of
rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2603_inquiry_reanswers"

M2603 = """
-- 再作答复 (代表法 2025 第二十条第五款): half or more of the deputies who lodged an inquiry, unsatisfied with the
-- answer, ask the organ questioned to answer again.
ALTER TABLE inquiries ADD COLUMN reanswer_requested_on TEXT;   -- the unsatisfied deputies' request
ALTER TABLE inquiries ADD COLUMN reanswer_method TEXT;         -- presidium | plenary | written, as answer_method
ALTER TABLE inquiries ADD COLUMN reanswered_on TEXT;
ALTER TABLE inquiries ADD COLUMN reanswered_by TEXT;           -- 受质询机关的负责人
ALTER TABLE inquiries ADD COLUMN reanswer TEXT;
ALTER TABLE inquiry_signers ADD COLUMN unsatisfied INTEGER NOT NULL DEFAULT 0;  -- 1: unsatisfied with the answer
"""


def migrate(db) -> None:
    """Columns for an inquiry answered again; no data changes."""
    run_sql(db, M2603)
