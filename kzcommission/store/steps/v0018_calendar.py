"""v18 "Calendar decisions": the transfers of days off and confirmed Kurban Ait dates
an administrator imports for a year the shipped table does not cover (R-DL-9).

Kept in the database, not beside it, so every desk of a shared office computes the
same deadlines; one row per line of the imported file, replaced year by year.
"""

from __future__ import annotations

from peewee import CharField, Database, DateField, DateTimeField
from playhouse.migrate import SchemaMigrator

from kzcommission.store import models


class CalendarDecision(models.BaseModel):
    kind = CharField()  # transfer | kurban_ait | no_transfer (domain.calendar_data.KINDS)
    year = CharField(index=True)
    on_date = DateField()
    day_off = DateField(null=True)
    decree = CharField(max_length=500)
    source = CharField(max_length=500, default="")
    imported_at = DateTimeField(default=models.now)
    imported_by = CharField(default="")


VERSION = 18
MODELS: tuple[type[models.BaseModel], ...] = (CalendarDecision,)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    db.create_tables(MODELS)
