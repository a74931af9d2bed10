"""v12 "File digest": the register of issued documents keeps the SHA-256 of each
file's bytes as it was issued, beside the digest of its data; and the history
is indexed by sitting and action, so a service can ask at every write whether
the sitting was finalized (the sealed record of a finalized sitting).

``verify FILE.pdf`` calls a file intact when its bytes match a registered file;
the data digest printed in the footer stays for paper copies. Rows registered
before v12 have an empty file digest (their files can only be checked by a
signature).
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

VERSION = 12


INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS issued_document_file_sha256 ON issued_document (file_sha256)",
    "CREATE INDEX IF NOT EXISTS history_entry_sitting_action ON history_entry (sitting, action)",
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    # Plain ALTER TABLE with its default, so SQLite need not rebuild the table.
    db.execute_sql(
        "ALTER TABLE issued_document ADD COLUMN file_sha256 VARCHAR(64) NOT NULL DEFAULT ''"
    )
    on_create(db)


def on_create(db: Database) -> None:
    for statement in INDEXES:
        db.execute_sql(statement)
