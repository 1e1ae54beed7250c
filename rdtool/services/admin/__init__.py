"""Looking after the database: init and settings, db check (checks, integrity, stored values), the change log and voiding (safety), undo, Datasette metadata, the demo."""
