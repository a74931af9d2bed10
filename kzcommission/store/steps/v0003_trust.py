"""v3 "Trust": local accounts, amendments, and the keyed chain of the history.

The chain columns are declared on the model ``HistoryEntry`` (store/models.py);
a new database gets them from there, an older one from :func:`apply`, which
names them as they were at this version.
"""

from __future__ import annotations

from peewee import CharField, Database, Field, IntegerField
from playhouse.migrate import SchemaMigrator, migrate

from kzcommission.store.steps import ddl

VERSION = 3

# The tables this step adds, as they were at this version (see ddl.py).
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS "user_account" (
        "id" {ID},
        "name" VARCHAR(255) NOT NULL,
        "role" VARCHAR(255) NOT NULL,
        "password_hash" VARCHAR(255) NOT NULL,
        "seat_uuid" VARCHAR(255),
        "full_name" VARCHAR(255) NOT NULL,
        "active" {BOOL} NOT NULL,
        "created_at" {TIMESTAMP} NOT NULL,
        "password_changed_at" {TIMESTAMP} NOT NULL
    )""",
    'CREATE UNIQUE INDEX IF NOT EXISTS "user_account_name" ON "user_account" ("name")',
    """CREATE TABLE IF NOT EXISTS "amendment" (
        "id" {ID},
        "uuid" VARCHAR(255) NOT NULL,
        "sitting_id" INTEGER NOT NULL,
        "case_id" INTEGER,
        "field" VARCHAR(255) NOT NULL,
        "old" TEXT NOT NULL,
        "new" TEXT NOT NULL,
        "reason" TEXT NOT NULL,
        "requested_by" VARCHAR(255) NOT NULL,
        "requested_at" {TIMESTAMP} NOT NULL,
        "signed_by" VARCHAR(255),
        "signed_at" {TIMESTAMP},
        FOREIGN KEY ("sitting_id") REFERENCES "sitting" ("id") ON DELETE CASCADE,
        FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE
    )""",
    'CREATE UNIQUE INDEX IF NOT EXISTS "amendment_uuid" ON "amendment" ("uuid")',
    'CREATE INDEX IF NOT EXISTS "amendment_sitting_id" ON "amendment" ("sitting_id")',
    'CREATE INDEX IF NOT EXISTS "amendment_case_id" ON "amendment" ("case_id")',
)


def chain_columns() -> dict[str, Field]:
    """The keyed chain's columns on ``history_entry`` as this version added them:
    seq 1, 2, 3... (unique), the entry's MAC and its per-field tags."""
    return {
        "seq": IntegerField(null=True, unique=True),
        "mac": CharField(default=""),
        "tags": CharField(default=""),
    }


def apply(db: Database, migrator: SchemaMigrator) -> None:
    migrate(
        *(
            migrator.add_column("history_entry", name, field)
            for name, field in chain_columns().items()
        )
    )
    # Entries written before v3 get their places in the chain now; they are
    # sealed (given their MACs) once the installation's history key is open.
    rows = db.execute_sql("SELECT id FROM history_entry ORDER BY id").fetchall()
    sql = f"UPDATE history_entry SET seq = {db.param} WHERE id = {db.param}"
    for seq, (entry_id,) in enumerate(rows, start=1):
        db.execute_sql(sql, (seq, entry_id))
    ddl.run(db, DDL)
