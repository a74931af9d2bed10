"""v5: performance evaluation under Order 13 (corps "A", corps "B", calibration sessions).

Scores and percentages are stored as TEXT holding the exact two-decimal
``Decimal`` ("4.75"), never as REAL: SQLite gives a NUMERIC or DECIMAL column
numeric affinity and would keep 4.99 as an inexact binary float. Text compares
and round-trips identically on SQLite and PostgreSQL.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.store.steps import ddl

VERSION = 5

# The tables this step adds, as they were at this version (see ddl.py).
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS "corps_a_agreement" (
        "id" {ID},
        "uuid" VARCHAR(255) NOT NULL,
        "person_id" INTEGER NOT NULL,
        "year" INTEGER NOT NULL,
        "category" INTEGER NOT NULL,
        "procedure" VARCHAR(255) NOT NULL,
        "edition" VARCHAR(255) NOT NULL,
        "authorised_name" VARCHAR(255) NOT NULL,
        "authorised_position" VARCHAR(255) NOT NULL,
        "agreed_on" DATE,
        "evaluated_on" DATE,
        "days_worked" INTEGER,
        "final_score" TEXT,
        "band" VARCHAR(255),
        "review" TEXT NOT NULL,
        "additional_info" TEXT NOT NULL,
        "decision" VARCHAR(255),
        "decided_on" DATE,
        "created_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id")
    )""",
    'CREATE UNIQUE INDEX IF NOT EXISTS "corps_a_agreement_uuid" ON "corps_a_agreement" ("uuid")',
    'CREATE INDEX IF NOT EXISTS "corps_a_agreement_person_id" ON "corps_a_agreement" ("person_id")',
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "corps_a_agreement_person_id_year"'
        ' ON "corps_a_agreement" ("person_id", "year")'
    ),
    """CREATE TABLE IF NOT EXISTS "corps_a_kpi" (
        "id" {ID},
        "agreement_id" INTEGER NOT NULL,
        "number" INTEGER NOT NULL,
        "title" TEXT NOT NULL,
        "instructions" {BOOL} NOT NULL,
        "link" TEXT NOT NULL,
        "unit" VARCHAR(255) NOT NULL,
        "plan" VARCHAR(255) NOT NULL,
        "due" VARCHAR(255) NOT NULL,
        "result" TEXT NOT NULL,
        "actual" VARCHAR(255) NOT NULL,
        "percent" TEXT,
        "score" TEXT,
        FOREIGN KEY ("agreement_id") REFERENCES "corps_a_agreement" ("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS "corps_a_kpi_agreement_id" ON "corps_a_kpi" ("agreement_id")',
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "corps_a_kpi_agreement_id_number"'
        ' ON "corps_a_kpi" ("agreement_id", "number")'
    ),
    """CREATE TABLE IF NOT EXISTS "corps_b_sheet" (
        "id" {ID},
        "uuid" VARCHAR(255) NOT NULL,
        "person_id" INTEGER NOT NULL,
        "evaluator_id" INTEGER NOT NULL,
        "year" INTEGER NOT NULL,
        "quarter" INTEGER NOT NULL,
        "form" VARCHAR(255) NOT NULL,
        "edition" VARCHAR(255) NOT NULL,
        "p1" TEXT NOT NULL,
        "p2" TEXT NOT NULL,
        "p3" TEXT NOT NULL,
        "p4" TEXT NOT NULL,
        "p5" TEXT NOT NULL,
        "c1" TEXT NOT NULL,
        "c2" TEXT NOT NULL,
        "c3" TEXT NOT NULL,
        "c4" TEXT NOT NULL,
        "c5" TEXT NOT NULL,
        "penalty" VARCHAR(255),
        "final_score" TEXT NOT NULL,
        "band" VARCHAR(255) NOT NULL,
        "evaluated_on" DATE NOT NULL,
        "days_worked" INTEGER NOT NULL,
        "created_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id"),
        FOREIGN KEY ("evaluator_id") REFERENCES "person" ("id")
    )""",
    'CREATE UNIQUE INDEX IF NOT EXISTS "corps_b_sheet_uuid" ON "corps_b_sheet" ("uuid")',
    'CREATE INDEX IF NOT EXISTS "corps_b_sheet_person_id" ON "corps_b_sheet" ("person_id")',
    'CREATE INDEX IF NOT EXISTS "corps_b_sheet_evaluator_id" ON "corps_b_sheet" ("evaluator_id")',
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "corps_b_sheet_person_id_year_quarter"'
        ' ON "corps_b_sheet" ("person_id", "year", "quarter")'
    ),
    """CREATE TABLE IF NOT EXISTS "calibration_session" (
        "id" {ID},
        "uuid" VARCHAR(255) NOT NULL,
        "sheet_id" INTEGER NOT NULL,
        "result_received" DATE NOT NULL,
        "request_received" DATE NOT NULL,
        "composition_approved_on" DATE,
        "held_on" DATE,
        "disputed_score" TEXT NOT NULL,
        "adopted_score" TEXT,
        "adopted_band" VARCHAR(255),
        "rounds" INTEGER NOT NULL,
        "status" VARCHAR(255) NOT NULL,
        "protocol_signed_on" DATE,
        "protocol_uploaded_on" DATE,
        "created_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("sheet_id") REFERENCES "corps_b_sheet" ("id") ON DELETE CASCADE
    )""",
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "calibration_session_uuid"'
        ' ON "calibration_session" ("uuid")'
    ),
    (
        'CREATE INDEX IF NOT EXISTS "calibration_session_sheet_id"'
        ' ON "calibration_session" ("sheet_id")'
    ),
    """CREATE TABLE IF NOT EXISTS "calibration_member" (
        "id" {ID},
        "session_id" INTEGER NOT NULL,
        "person_id" INTEGER NOT NULL,
        "is_evaluator" {BOOL} NOT NULL,
        "is_personnel_officer" {BOOL} NOT NULL,
        "order" INTEGER NOT NULL,
        FOREIGN KEY ("session_id") REFERENCES "calibration_session" ("id") ON DELETE CASCADE,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id")
    )""",
    (
        'CREATE INDEX IF NOT EXISTS "calibration_member_session_id"'
        ' ON "calibration_member" ("session_id")'
    ),
    (
        'CREATE INDEX IF NOT EXISTS "calibration_member_person_id"'
        ' ON "calibration_member" ("person_id")'
    ),
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "calibration_member_session_id_person_id"'
        ' ON "calibration_member" ("session_id", "person_id")'
    ),
    """CREATE TABLE IF NOT EXISTS "calibration_vote" (
        "id" {ID},
        "session_id" INTEGER NOT NULL,
        "round" INTEGER NOT NULL,
        "person_id" INTEGER NOT NULL,
        "score" TEXT NOT NULL,
        "cast_at" {TIMESTAMP} NOT NULL,
        FOREIGN KEY ("session_id") REFERENCES "calibration_session" ("id") ON DELETE CASCADE,
        FOREIGN KEY ("person_id") REFERENCES "person" ("id")
    )""",
    'CREATE INDEX IF NOT EXISTS "calibration_vote_session_id" ON "calibration_vote" ("session_id")',
    'CREATE INDEX IF NOT EXISTS "calibration_vote_person_id" ON "calibration_vote" ("person_id")',
    (
        'CREATE UNIQUE INDEX IF NOT EXISTS "calibration_vote_session_id_round_person_id"'
        ' ON "calibration_vote" ("session_id", "round", "person_id")'
    ),
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    """Create the evaluation tables (the caller holds the transaction)."""
    ddl.run(db, DDL)
