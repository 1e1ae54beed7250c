"""The schema, as numbered migrations applied in order through sqlite_utils.Migrations("rdtool").

Tables are readable by sqlite3, sqlite-utils and Datasette: real foreign keys, ISO dates, codes not labels, one
row per fact. Each file NNNN_name.py is one migration as it shipped: ``NAME`` is what a database records having
applied (kept as it was: ``m801_general_election`` runs before ``m601_report_indexes`` because it shipped
first), ``migrate(db)`` receives a sqlite_utils Database inside the one transaction that migrates the file.

A migration is frozen: never edited once released, and it imports nothing of rdtool.services (its result must
not change when a service does); it may use rdtool.rules (the law), rdtool.store.changelog (the log's triggers)
and plain data. To change the schema, add the next file and append it to ORDER (docs/architecture.md).
"""

from __future__ import annotations

import importlib

# (file, the name a database records) in the order they apply. Append only. The names are read without
# importing the files (every command checks them); a test checks each file's NAME against its line.
ORDER = [
    ("0001_initial", "m001_initial"),
    ("0002_by_election", "m301_by_election"),
    ("0003_proposals", "m401_proposals"),
    ("0004_change_log", "m701_change_log"),
    ("0005_general_election", "m801_general_election"),
    ("0006_report_indexes", "m601_report_indexes"),
    ("0007_commands", "m1100_commands"),
    ("0008_congress_election_results", "m1401_congress_election_results"),
    ("0009_normalise_names", "m1501_normalise_names"),
    ("0010_fts_detectable", "m1601_fts_detectable"),
    ("0011_mandates_and_calendar", "m1402_mandates_and_calendar"),
    ("0012_meeting_numbering", "m1101_meeting_numbering"),
    ("0013_figures", "m1301_figures"),
    ("0014_meeting_stated_numbers", "m2351_meeting_stated_numbers"),
    ("0015_election_dates", "m2352_election_dates"),
    ("0016_opening_totals", "m2353_opening_totals"),
    ("0017_people_mandates", "m2301_people_mandates"),
    ("0018_voter_list_appeals", "m2601_voter_list_appeals"),
    ("0019_law_records", "m2602_law_records"),
    ("0020_short_word_search", "m2501_short_word_search"),
    ("0021_list_order_index", "m2851_list_order_index"),
    ("0022_inquiry_reanswers", "m2603_inquiry_reanswers"),
]


class Migration:
    """A migration's function, its file imported only when it runs."""

    def __init__(self, file: str):
        self.file = file

    def __call__(self, db) -> None:
        importlib.import_module(f"{__name__}.{self.file}").migrate(db)

    def __repr__(self) -> str:
        return f"Migration({self.file!r})"


# (name, function) in the order they apply.
MIGRATIONS: list[tuple[str, object]] = [(name, Migration(file)) for file, name in ORDER]
