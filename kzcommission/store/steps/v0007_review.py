"""v7 "Chair's review": the chair's confirmations, written explanations, corrections.

* ``review_confirmation``: the chair confirmed a case as reviewed; ``digest``
  fingerprints what he saw, so a later change to the case shows the
  confirmation as out of date instead of silently carrying it over.
* ``review_explanation``: a finding of the review explained in writing; it no
  longer blocks finalizing (one per case and finding key, replaced when edited).
* ``case_correction``: a decided case opened again for a correction, with the
  reason given, so the review lists it (the reason also stays in the comments).
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.store.steps import ddl

VERSION = 7

# The tables this step adds, as they were at this version (see ddl.py).
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS "review_confirmation" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "digest" VARCHAR(255) NOT NULL,
        "chair_name" VARCHAR(255) NOT NULL,
        "entered_by" VARCHAR(255) NOT NULL,
        "confirmed_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "review_confirmation_case_id" ON "review_confirmation" ("case_id")',
    """CREATE TABLE IF NOT EXISTS "review_explanation" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "finding_key" VARCHAR(255) NOT NULL,
        "rule_id" VARCHAR(255) NOT NULL,
        "text" TEXT NOT NULL,
        "written_by" VARCHAR(255) NOT NULL,
        "written_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "review_explanation_case_id" ON "review_explanation" ("case_id")',
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "review_explanation_case_id_finding_key"'
        ' ON "review_explanation" ("case_id", "finding_key")'
    ),
    """CREATE TABLE IF NOT EXISTS "case_correction" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "reason" TEXT NOT NULL,
        "made_by" VARCHAR(255) NOT NULL,
        "made_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "case_correction_case_id" ON "case_correction" ("case_id")',
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    ddl.run(db, DDL)
