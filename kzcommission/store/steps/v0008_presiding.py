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
from playhouse.migrate import SchemaMigrator, migrate

from kzcommission.store import models

VERSION = 8

MODELS: tuple[type[models.BaseModel], ...] = ()


def apply(db: Database, migrator: SchemaMigrator) -> None:
    migrate(migrator.add_column("case", "presiding_id", models.Case.presiding.clone()))
    # Not where the stand-in is recused on the case: he cannot preside over it.
    db.execute_sql(
        'UPDATE "case" SET presiding_id = (SELECT s.acting_chair_id FROM sitting s '
        'WHERE s.id = "case".sitting_id) WHERE sitting_id IN '
        "(SELECT id FROM sitting WHERE acting_chair_id IS NOT NULL AND status <> 'finalized') "
        "AND NOT EXISTS (SELECT 1 FROM recusal r JOIN sitting s ON s.id = \"case\".sitting_id "
        'WHERE r.case_id = "case".id AND r.seat_id = s.acting_chair_id)'
    )
