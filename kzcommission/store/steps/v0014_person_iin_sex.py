"""v14 "IIN and sex": the person's individual identification number and sex.

* ``person.iin``: the 12-digit IIN (issue 19 item 4), unique where present; NULL
  where not known. Checked by :func:`kzcommission.domain.iin.parse_iin` on every write.
* ``person.sex``: "m", "f" or "" (unknown), which Russian sentences agree with
  (issue 15 item 6). Existing persons get it from their patronymic's ending where
  it tells (-ұлы/-қызы, -ович/-овна...), else it stays unknown until the editor asks.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

from kzcommission.domain.person_sex import sex_from_patronymic

VERSION = 14

# The same name peewee gives the index of ``Person.iin`` (unique=True) in a new database.
INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS person_iin ON person (iin)"


def apply(db: Database, migrator: SchemaMigrator) -> None:
    # Plain ALTER TABLE: SQLite need not rebuild the person table (others reference it).
    db.execute_sql("ALTER TABLE person ADD COLUMN iin VARCHAR(12)")
    db.execute_sql("ALTER TABLE person ADD COLUMN sex VARCHAR(1) NOT NULL DEFAULT ''")
    db.execute_sql(INDEX)
    rows = db.execute_sql("SELECT id, patronymic FROM person WHERE patronymic <> ''").fetchall()
    update = f"UPDATE person SET sex = {db.param} WHERE id = {db.param}"
    for person_id, patronymic in rows:
        sex = sex_from_patronymic(patronymic)
        if sex:
            db.execute_sql(update, (sex, person_id))
