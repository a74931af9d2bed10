"""A new database (created from store/models.py) and a version-1 database brought
forward by the schema steps end up with the same schema, on SQLite and PostgreSQL:
the same tables, columns (type, nullability, primary key), indexes (columns,
uniqueness) and foreign keys (target and ON DELETE).

The steps write out what they add as it was at their version, never through the
live models; this is the test that catches a model changed without a step (or a
step that does not match the model), so a migrated office never runs on a schema
that differs from a fresh installation's.
"""

from __future__ import annotations

from pathlib import Path

import psycopg2
from peewee import Database

from kzcommission.store import db as store_db
from kzcommission.store import migrations, models
from tests.postgres import fresh_database
from tests.store.test_migrations import make_v1, v1_schema_for_postgresql
from tests.test_layers import imported_modules

Schema = dict[str, dict[str, object]]

# The constraint letters of pg_constraint.confdeltype, in SQLite's words.
PG_ON_DELETE = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "c": "CASCADE",
    "n": "SET NULL",
    "d": "SET DEFAULT",
}


def _columns(db: Database, table: str) -> dict[str, tuple]:
    return {c.name: (c.data_type.upper(), c.null, c.primary_key) for c in db.get_columns(table)}


def _indexes(db: Database, table: str) -> set[tuple]:
    # By name, columns and uniqueness; the text of each index's definition too on
    # PostgreSQL, which prints it in one canonical form (so a collation counts).
    postgres = not _is_sqlite(db)
    return {
        (i.name, tuple(i.columns), i.unique, i.sql if postgres else "")
        for i in db.get_indexes(table)
    }


def _is_sqlite(db: Database) -> bool:
    return db.__class__.__name__.startswith("Sqlite")


def _foreign_keys(db: Database, table: str) -> set[tuple]:
    if _is_sqlite(db):
        rows = db.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()
        # (id, seq, table, from, to, on_update, on_delete, match)
        return {(r[3], r[2], r[4], r[6]) for r in rows}
    rows = db.execute_sql(
        "SELECT a.attname, ct.relname, af.attname, c.confdeltype "
        "FROM pg_constraint c "
        "JOIN pg_class t ON t.oid = c.conrelid "
        "JOIN pg_class ct ON ct.oid = c.confrelid "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND t.relname = %s",
        (table,),
    ).fetchall()
    return {(r[0], r[1], r[2], PG_ON_DELETE[r[3]]) for r in rows}


def describe(db: Database) -> Schema:
    """The schema of every table: columns, indexes, foreign keys."""
    return {
        table: {
            "columns": _columns(db, table),
            "indexes": _indexes(db, table),
            "foreign_keys": _foreign_keys(db, table),
        }
        for table in sorted(db.get_tables())
    }


def model_tables() -> set[str]:
    return {model._meta.table_name for model in models.ALL_MODELS}


def _described_sqlite(path: Path, prepare=None) -> Schema:
    if prepare is not None:
        prepare(path)
    store_db.open_sqlite(path)
    try:
        return describe(models.database.obj)
    finally:
        store_db.close()


def _assert_same(new: Schema, migrated: Schema) -> None:
    assert sorted(new) == sorted(migrated)
    differences = [
        (table, part, new[table][part], migrated[table][part])
        for table in new
        for part in ("columns", "indexes", "foreign_keys")
        if new[table][part] != migrated[table][part]
    ]
    assert differences == []


def test_new_and_migrated_sqlite_databases_have_the_same_schema(tmp_path):
    new = _described_sqlite(tmp_path / "new.sqlite3")
    migrated = _described_sqlite(tmp_path / "v1.sqlite3", make_v1)
    assert model_tables() <= set(new)  # every table of the models (and any a step adds)
    _assert_same(new, migrated)


def _described_postgres(statements: list[str]) -> Schema:
    with fresh_database() as url:
        if statements:
            conn = psycopg2.connect(url)
            with conn, conn.cursor() as cur:
                for statement in statements:
                    cur.execute(statement)
            conn.close()
        store_db.open_url(url)
        try:
            return describe(models.database.obj)
        finally:
            store_db.close()


def test_new_and_migrated_postgresql_databases_have_the_same_schema():
    new = _described_postgres([])
    migrated = _described_postgres(v1_schema_for_postgresql())
    assert model_tables() <= set(new)
    _assert_same(new, migrated)


def test_the_comparison_sees_a_difference(tmp_path):
    """The description is fine enough to catch a column's nullability and an index."""
    path = tmp_path / "new.sqlite3"
    before = _described_sqlite(path)
    store_db.open_sqlite(path)
    try:
        db = models.database.obj
        db.execute_sql('CREATE INDEX "person_birth_date" ON "person" ("birth_date")')
        db.execute_sql('ALTER TABLE "calendar_decision" ADD COLUMN "extra" TEXT')
        after = describe(db)
    finally:
        store_db.close()
    assert before["person"]["indexes"] != after["person"]["indexes"]
    assert before["calendar_decision"]["columns"] != after["calendar_decision"]["columns"]


def test_no_schema_step_uses_the_live_models():
    """A step that used today's classes would create yesterday's table in today's shape."""
    steps = Path(migrations.__file__).with_name("steps")
    users = {
        path.name: sorted(name for name in imported_modules(path) if ".store.models" in name)
        for path in sorted(steps.glob("*.py"))
    }
    assert {name: found for name, found in users.items() if found} == {}
    assert len(users) > len(migrations.STEP_MODULES)  # every step read (and ddl.py)
