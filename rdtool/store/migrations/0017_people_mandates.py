"""Migration m2301_people_mandates, as it shipped: applied once to a database, in the order of
rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file.

Issue 23, one person, two mandates: a deputies row is one mandate (level, term, constituency, elected on,
re-elected, status); `person_id` groups the mandates one person holds (the 人大主席 as a township and a county
deputy of the term), the id of the person's first mandate row. Rows on record become one person each: the migration
merges no one, since two rows of one name could be two people.

A row inserted without a person (a row added with sqlite-utils or another tool) is a person of its own: a trigger
sets its person_id to its id (rdtool writes it with the row).

The mandate stays the row that attendance, co-signers, participants and roles point at, so no other table changes:
a roll call at a township congress names the township mandate, a county activity the county one.
"""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2301_people_mandates"

SQL = """
ALTER TABLE deputies ADD COLUMN person_id INTEGER REFERENCES deputies(id);
UPDATE deputies SET person_id = id;
CREATE INDEX deputies_person ON deputies(person_id);
CREATE TRIGGER deputies_person_of_its_own AFTER INSERT ON deputies WHEN new.person_id IS NULL BEGIN
    UPDATE deputies SET person_id = new.id WHERE id = new.id;
END;
"""


def migrate(db) -> None:
    run_sql(db, SQL)
