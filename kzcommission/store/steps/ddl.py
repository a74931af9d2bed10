"""Fixed DDL for the schema steps.

A step writes out the tables it adds as they were at its version, never through the
live model classes (store/models.py), so that a later change to a model cannot
change what an old step creates. The text is written once for both backends; only
the column types that differ between SQLite and PostgreSQL are named in braces.
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import Database

from kzcommission.store.raw import is_postgres

# What peewee's own schema generator writes for each backend, so a migrated database
# and a new one (created from the models) get the same column types.
SQLITE_TYPES = {
    "ID": "INTEGER NOT NULL PRIMARY KEY",
    "BOOL": "INTEGER",
    "TIMESTAMP": "DATETIME",
    "BLOB": "BLOB",
}
POSTGRES_TYPES = {
    "ID": "SERIAL NOT NULL PRIMARY KEY",
    "BOOL": "BOOLEAN",
    "TIMESTAMP": "TIMESTAMP",
    "BLOB": "BYTEA",
}


def statements_for(db: Database, statements: Iterable[str]) -> list[str]:
    """The statements with the backend's types filled in."""
    types = POSTGRES_TYPES if is_postgres(db) else SQLITE_TYPES
    return [statement.format(**types) for statement in statements]


def run(db: Database, statements: Iterable[str]) -> None:
    """Execute the statements in order (the caller holds the step's transaction)."""
    for statement in statements_for(db, statements):
        db.execute_sql(statement)
