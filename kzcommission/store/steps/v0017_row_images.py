"""v17 "Row images": every write's history entry seals the rows it touched (issue 17).

The history gets a ``row_images`` column; the tracked tables get the triggers
that note which rows a write touched (``store.row_journal``: on PostgreSQL a
journal table, a plpgsql function and a trigger per table, made here; on
SQLite temp triggers made on each connection, so nothing is stored for them).

Rows written before v17 have no image yet: the step leaves a mark, and the
first opening through the services seals a baseline (one entry per table, with
the history key when it can be had) so they are covered from then on.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.store import row_journal

VERSION = 17

BASELINE_PENDING = "row_images_baseline"


def apply(db: Database, migrator: SchemaMigrator) -> None:
    # Plain ALTER TABLE with its default, so SQLite need not rebuild the table.
    db.execute_sql("ALTER TABLE history_entry ADD COLUMN row_images TEXT NOT NULL DEFAULT ''")
    db.execute_sql(
        f'INSERT INTO schema_meta ("key", "value") VALUES ({db.param}, {db.param}) '
        'ON CONFLICT ("key") DO NOTHING',
        (BASELINE_PENDING, "pending"),
    )
    on_create(db)


def missing(db: Database) -> bool:
    """True for a file that reached v18 before this step existed (it has no row images)."""
    return "row_images" not in {c.name for c in db.get_columns("history_entry")}


def on_create(db: Database) -> None:
    row_journal.install(db)
