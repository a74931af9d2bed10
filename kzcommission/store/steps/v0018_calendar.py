"""v18 "Calendar decisions": the transfers of days off and confirmed Kurban Ait dates
an administrator imports for a year the shipped table does not cover (R-DL-9).

Kept in the database, not beside it, so every desk of a shared office computes the
same deadlines; one row per line of the imported file, replaced year by year.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.store.steps import ddl

VERSION = 18

# The tables this step adds, as they were at this version (see ddl.py).
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS "calendar_decision" (
        "id" {ID},
        "kind" VARCHAR(255) NOT NULL,
        "year" VARCHAR(255) NOT NULL,
        "on_date" DATE NOT NULL,
        "day_off" DATE,
        "decree" VARCHAR(500) NOT NULL,
        "source" VARCHAR(500) NOT NULL,
        "imported_at" {TIMESTAMP} NOT NULL,
        "imported_by" VARCHAR(255) NOT NULL
    )""",
    'CREATE INDEX IF NOT EXISTS "calendar_decision_year" ON "calendar_decision" ("year")',
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    ddl.run(db, DDL)
