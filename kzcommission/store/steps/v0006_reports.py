"""v6 "Reports": indexes for the consolidated reports and the case search (issue 8).

No table is added. A new database gets the indexes from ``on_create`` right
after its tables; an older one from :func:`apply`.

* ``sitting (held_on)`` and ``sitting (commission_id, held_on)``: every report
  cuts the sittings by period, or by commission and period.
* ``person (unit)``: the unit filter.
* ``person (surname)``, ``person (given_name)``, ``person (personnel_number)``:
  the case search is a prefix range (``>= text`` and ``< text + U+FFFF``). SQLite
  compares in code-point order (BINARY) and uses a plain index. PostgreSQL compares
  in the database's collation, where a range is not a prefix in general (ru_RU
  sorts by letters first, punctuation later), so there the search compares under
  ``COLLATE "C"`` and the index is built in that collation too.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.store.raw import is_postgres

VERSION = 6

# (index name, table, columns); the prefix ones get COLLATE "C" on PostgreSQL.
PLAIN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sitting_held_on", "sitting", ("held_on",)),
    ("sitting_commission_held_on", "sitting", ("commission_id", "held_on")),
    ("person_unit", "person", ("unit",)),
)
PREFIX: tuple[tuple[str, str, str], ...] = (
    ("person_surname_prefix", "person", "surname"),
    ("person_given_name_prefix", "person", "given_name"),
    ("person_number_prefix", "person", "personnel_number"),
)


def statement(
    name: str, table: str, columns: tuple[str, ...], c_collation: bool, postgres: bool
) -> str:
    """CREATE INDEX text for the backend at hand."""
    suffix = ' COLLATE "C"' if postgres and c_collation else ""
    cols = ", ".join(f'"{c}"{suffix}' for c in columns)
    return f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({cols})'


def create_indexes(db: Database) -> None:
    postgres = is_postgres(db)
    for name, table, columns in PLAIN:
        db.execute_sql(statement(name, table, columns, False, postgres))
    for name, table, column in PREFIX:
        db.execute_sql(statement(name, table, (column,), True, postgres))


def apply(db: Database, migrator: SchemaMigrator) -> None:
    create_indexes(db)


# A new database gets the indexes right after its tables (migrations.create_schema).
on_create = create_indexes
