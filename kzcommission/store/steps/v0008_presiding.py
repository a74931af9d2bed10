"""v8 "Presiding per case" (R-VOTE-4 Reading): who presides is a fact of each case.

* ``case.presiding_id``: the member named to preside over the case where the
  chair is recused or absent. Each counted round already records who presided
  (``vote_round.presiding_id``), so the minutes of old sittings keep their facts.
* ``sitting.acting_chair_id`` (one stand-in for the whole sitting) is no longer
  read by the application; its value is copied onto the cases of a sitting not
  yet finalized, so an open sitting keeps its naming for the votes to come.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

VERSION = 8

# The column as this version added it: nullable (no default), so neither backend
# rewrites the table, with its foreign key and index as a new database has them.
DDL: tuple[str, ...] = (
    'ALTER TABLE "case" ADD COLUMN "presiding_id" INTEGER REFERENCES "seat" ("id")',
    'CREATE INDEX IF NOT EXISTS "case_presiding_id" ON "case" ("presiding_id")',
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    for statement in DDL:
        db.execute_sql(statement)
    # Not where the stand-in is recused on the case: he cannot preside over it.
    db.execute_sql(
        'UPDATE "case" SET presiding_id = (SELECT s.acting_chair_id FROM sitting s '
        'WHERE s.id = "case".sitting_id) WHERE sitting_id IN '
        "(SELECT id FROM sitting WHERE acting_chair_id IS NOT NULL AND status <> 'finalized') "
        'AND NOT EXISTS (SELECT 1 FROM recusal r JOIN sitting s ON s.id = "case".sitting_id '
        'WHERE r.case_id = "case".id AND r.seat_id = s.acting_chair_id)'
    )
