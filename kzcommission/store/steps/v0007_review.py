"""v7 "Chair's review": the chair's confirmations, written explanations, corrections.

* ``review_confirmation``: the chair confirmed a case as reviewed; ``digest``
  fingerprints what he saw, so a later change to the case shows the
  confirmation as out of date instead of silently carrying it over.
* ``review_explanation``: a finding of the review explained in writing; it no
  longer blocks finalizing (one per case and finding key, replaced when edited).
* ``case_correction``: a decided case opened again for a correction, with the
  reason given, so the review lists it (the reason also stays in the comments).
"""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, ForeignKeyField, TextField
from playhouse.migrate import SchemaMigrator

from kzcommission.store import models

VERSION = 7


class ReviewConfirmation(models.BaseModel):
    case = ForeignKeyField(models.Case, backref="confirmations", on_delete="CASCADE")
    digest = CharField()  # sha256 of the review line as confirmed
    chair_name = CharField()  # who presided and confirmed (R-VOTE-4: the acting chair)
    entered_by = CharField()  # the account that entered it
    confirmed_at = DateTimeField(default=models.now)


class ReviewExplanation(models.BaseModel):
    case = ForeignKeyField(models.Case, backref="explanations", on_delete="CASCADE")
    finding_key = CharField()
    rule_id = CharField()
    text = TextField()
    written_by = CharField()
    written_at = DateTimeField(default=models.now)

    class Meta:
        indexes = ((("case", "finding_key"), True),)


class CaseCorrection(models.BaseModel):
    case = ForeignKeyField(models.Case, backref="corrections", on_delete="CASCADE")
    reason = TextField()
    made_by = CharField()
    made_at = DateTimeField(default=models.now)


MODELS: tuple[type[models.BaseModel], ...] = (ReviewConfirmation, ReviewExplanation, CaseCorrection)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    db.create_tables(MODELS)
