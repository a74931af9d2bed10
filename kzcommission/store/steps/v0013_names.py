"""v13 "Names per language": commission names, places, units, positions and seat
titles in Kazakh, Russian and English (issue 15 item 6; domain.names).

Each named thing gains three columns beside its old single one (``<field>_kk``,
``_ru``, ``_en``). The old value is copied into the variant of the language it
was most likely typed in (:func:`domain.names.guess_language`: a Kazakh-only
letter or a common Kazakh title word makes it Kazakh, mostly Cyrillic Russian,
mostly Latin English); a value without letters ("101") is copied nowhere. The
old column itself is left as it was: a wrong guess loses nothing, since every
language falls back to it where its variants are empty.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.domain.names import LANGS, guess_language

VERSION = 13

# (table, column holding the single value) for every name kept per language.
NAMED: tuple[tuple[str, str], ...] = (
    ("commission", "name"),
    ("commission", "place"),
    ("seat", "position_title"),
    ("sitting", "place"),
    ("person", "position"),
    ("person", "unit"),
    ("case", "position"),
)


def missing(db: Database) -> bool:
    """True when the file has a later version but not these columns: v13 was merged after
    v18, so a file stamped 14-18 before the merge never ran it (migrations.upgrade asks)."""
    return any(_absent(db, table, column) for table, column in NAMED)


def _absent(db: Database, table: str, column: str) -> list[str]:
    present = {c.name for c in db.get_columns(table)}
    return [lang for lang in LANGS if f"{column}_{lang}" not in present]


def apply(db: Database, migrator: SchemaMigrator) -> None:
    # Plain ALTER TABLE with its default (as v10): SQLite need not rebuild the tables.
    # Only the columns not there yet (see missing): the step may run on a later file.
    for table, column in NAMED:
        for lang in _absent(db, table, column):
            db.execute_sql(
                f'ALTER TABLE "{table}" ADD COLUMN {column}_{lang} '
                "VARCHAR(255) NOT NULL DEFAULT ''"
            )
    p = db.param
    for table, column in NAMED:
        empty = " AND ".join(f"{column}_{lang} = ''" for lang in LANGS)
        rows = db.execute_sql(
            f"SELECT id, {column} FROM \"{table}\" WHERE {column} <> '' AND {empty}"
        )
        for row_id, value in list(rows):
            lang = guess_language(value)
            if lang:
                sql = f'UPDATE "{table}" SET {column}_{lang} = {p} WHERE id = {p}'
                db.execute_sql(sql, (value, row_id))
