"""v4: personnel records, campaign steps and follow-up (issue 6).

Tables:

* ``personnel_leave``, ``certification_record``, ``category_application``: the
  history the eligibility rules read (R-ELIG-1..6); position, appointment date,
  start of service and grade stay on ``person``.
* ``restricted_fact``: the pregnancy exclusion of R-ELIG-1, in its own table so
  that only services checking ``personnel.restricted`` ever read it.
* ``case_step``: when each preparation or follow-up step of a case was done
  (R-DL-1..R-DL-8), one row per (case, step).
* ``case_file``: files attached to a step (the performance report, the letter of
  disagreement of R-DL-8). The bytes are stored in the database (a BLOB in
  SQLite, ``bytea`` in PostgreSQL) with their SHA-256, so a backup of the one
  database file carries them and a server installation needs no shared folder.
* ``head_decision``, ``appeal``: after the sitting (R-DOC-8).
* ``case_move``: a postponed case (R-SIT-3) moved onto a later sitting; the old
  case stays in its (possibly finalized) sitting untouched.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.store.steps import ddl

VERSION = 4

# The tables this step adds, as they were at this version (see ddl.py).
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS "personnel_leave" (
        "id" {ID},
        "person_id" INTEGER NOT NULL,
        "kind" VARCHAR(255) NOT NULL,
        "start" DATE NOT NULL,
        "end" DATE,
        "note" TEXT NOT NULL,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "personnel_leave_person_id" ON "personnel_leave" ("person_id")',
    """CREATE TABLE IF NOT EXISTS "certification_record" (
        "id" {ID},
        "person_id" INTEGER NOT NULL,
        "on" DATE NOT NULL,
        "kind" VARCHAR(255) NOT NULL,
        "result" VARCHAR(255) NOT NULL,
        "note" TEXT NOT NULL,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
    )""",
    (
        'CREATE INDEX IF NOT EXISTS "certification_record_person_id"'
        ' ON "certification_record" ("person_id")'
    ),
    (
        'CREATE INDEX IF NOT EXISTS "certification_record_person_id_on"'
        ' ON "certification_record" ("person_id", "on")'
    ),
    """CREATE TABLE IF NOT EXISTS "category_application" (
        "id" {ID},
        "person_id" INTEGER NOT NULL,
        "applied_on" DATE NOT NULL,
        "grade" VARCHAR(255) NOT NULL,
        "note" TEXT NOT NULL,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
    )""",
    (
        'CREATE INDEX IF NOT EXISTS "category_application_person_id"'
        ' ON "category_application" ("person_id")'
    ),
    (
        'CREATE INDEX IF NOT EXISTS "category_application_person_id_applied_on"'
        ' ON "category_application" ("person_id", "applied_on")'
    ),
    """CREATE TABLE IF NOT EXISTS "restricted_fact" (
        "id" {ID},
        "person_id" INTEGER NOT NULL,
        "pregnant" {BOOL} NOT NULL,
        "updated_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
    )""",
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "restricted_fact_person_id"'
        ' ON "restricted_fact" ("person_id")'
    ),
    """CREATE TABLE IF NOT EXISTS "case_step" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "step" VARCHAR(255) NOT NULL,
        "done_on" DATE NOT NULL,
        "note" TEXT NOT NULL,
        "recorded_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "case_step_case_id" ON "case_step" ("case_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "case_step_case_id_step" ON "case_step" ("case_id", "step")',
    """CREATE TABLE IF NOT EXISTS "case_file" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "step" VARCHAR(255) NOT NULL,
        "file_name" VARCHAR(255) NOT NULL,
        "sha256" VARCHAR(255) NOT NULL,
        "size" INTEGER NOT NULL,
        "content" {BLOB} NOT NULL,
        "added_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "case_file_case_id" ON "case_file" ("case_id")',
    """CREATE TABLE IF NOT EXISTS "head_decision" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "decided_on" DATE NOT NULL,
        "order_number" VARCHAR(255) NOT NULL,
        "text" TEXT NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE UNIQUE INDEX IF NOT EXISTS "head_decision_case_id" ON "head_decision" ("case_id")',
    """CREATE TABLE IF NOT EXISTS "appeal" (
        "id" {ID},
        "case_id" INTEGER NOT NULL,
        "filed_on" DATE NOT NULL,
        "text" TEXT NOT NULL,
        "outcome" VARCHAR(255) NOT NULL,
        "outcome_on" DATE,
        "outcome_note" TEXT NOT NULL,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "appeal_case_id" ON "appeal" ("case_id")',
    """CREATE TABLE IF NOT EXISTS "case_move" (
        "id" {ID},
        "from_case_id" INTEGER NOT NULL,
        "to_case_id" INTEGER NOT NULL,
        "reason" VARCHAR(255) NOT NULL,
        "moved_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("from_case_id") REFERENCES "case" ("id") ON DELETE CASCADE,
        FOREIGN KEY ("to_case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "case_move_from_case_id" ON "case_move" ("from_case_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "case_move_to_case_id" ON "case_move" ("to_case_id")',
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "case_move_from_case_id_reason"'
        ' ON "case_move" ("from_case_id", "reason")'
    ),
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    """Create the new tables (the caller runs this inside the step's transaction)."""
    ddl.run(db, DDL)
