"""v10 "Specialty and special rank": two facts of a person that the extraordinary
certification sheet prints (Decree 490 Appendix 3, items 4 and 6; R-DOC-3).

* ``person.specialty``: the specialty by education ("мамандығы", "специальность").
* ``person.special_rank``: the special rank held ("атағы", "специальное звание").

Both default to empty text: a sheet of a person without them keeps the line blank
to be filled by hand.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

VERSION = 10

COLUMNS: tuple[str, ...] = ("specialty", "special_rank")


def apply(db: Database, migrator: SchemaMigrator) -> None:
    # Plain ALTER TABLE with its default: SQLite and PostgreSQL both fill the existing
    # rows, and SQLite need not rebuild the table (which other tables reference).
    for name in COLUMNS:
        db.execute_sql(f"ALTER TABLE person ADD COLUMN {name} VARCHAR(255) NOT NULL DEFAULT ''")
