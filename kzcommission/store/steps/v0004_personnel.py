"""v4: personnel records, campaign steps and follow-up (issue 6).

Tables:

* ``personnel_leave``, ``certification_record``, ``category_application``: the
  history the eligibility rules read (R-ELIG-1..6); position, appointment date,
  start of service and grade stay on ``person``.
* ``restricted_fact``: the pregnancy exclusion of R-ELIG-1, in its own table so
  that only services checking ``personnel.restricted`` ever read it.
* ``case_step``: when each preparation or follow-up step of a case was done
  (R-DL-1..R-DL-8), one row per (case, step).
* ``case_file``: files attached to a step (the performance report, the letter of
  disagreement of R-DL-8). The bytes are stored in the database (a BLOB in
  SQLite, ``bytea`` in PostgreSQL) with their SHA-256, so a backup of the one
  database file carries them and a server installation needs no shared folder.
* ``head_decision``, ``appeal``: after the sitting (R-DOC-8).
* ``case_move``: a postponed case (R-SIT-3) moved onto a later sitting; the old
  case stays in its (possibly finalized) sitting untouched.
"""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)
from playhouse.migrate import SchemaMigrator

from kzcommission.store.models import BaseModel, Case, Person, now

VERSION = 4


class PersonnelLeave(BaseModel):
    """A leave from ``start`` to ``end`` inclusive; ``end`` None while open (R-ELIG-3)."""

    person = ForeignKeyField(Person, backref="leaves", on_delete="CASCADE", index=True)
    kind = CharField()  # unpaid / maternity / parental / other
    start = DateField()
    end = DateField(null=True)
    note = TextField(default="")


class CertificationRecord(BaseModel):
    """A past certification entered by the personnel service (R-ELIG-2, R-ELIG-6)."""

    person = ForeignKeyField(Person, backref="certification_records", on_delete="CASCADE")
    on = DateField()
    kind = CharField()  # regular / repeat / extraordinary
    result = CharField(default="")  # a decision option id (fits, recertify, unfit ...)
    note = TextField(default="")

    class Meta:
        indexes = ((("person", "on"), False),)


class CategoryApplication(BaseModel):
    """An application for the next category (qualification grade) (R-ELIG-4)."""

    person = ForeignKeyField(Person, backref="category_applications", on_delete="CASCADE")
    applied_on = DateField()
    grade = CharField(default="")
    note = TextField(default="")

    class Meta:
        indexes = ((("person", "applied_on"), False),)


class RestrictedFact(BaseModel):
    """Facts only some roles may see: the pregnancy exclusion of R-ELIG-1."""

    person = ForeignKeyField(Person, unique=True, on_delete="CASCADE")
    pregnant = BooleanField(default=False)
    updated_at = DateTimeField(default=now)


class CaseStep(BaseModel):
    """A step of a case done on ``done_on`` (R-DL-1..R-DL-8; "minutes" = minutes signed)."""

    case = ForeignKeyField(Case, backref="steps", on_delete="CASCADE")
    step = CharField()
    done_on = DateField()
    note = TextField(default="")
    recorded_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("case", "step"), True),)


class CaseFile(BaseModel):
    """A file attached to a step of a case, its bytes kept here with their SHA-256 (R-DL-8)."""

    case = ForeignKeyField(Case, backref="files", on_delete="CASCADE", index=True)
    step = CharField()
    file_name = CharField()
    sha256 = CharField()
    size = IntegerField()
    content = BlobField()
    added_at = DateTimeField(default=now)


class HeadDecision(BaseModel):
    """The head's decision (order) taken on the commission's decision."""

    case = ForeignKeyField(Case, unique=True, on_delete="CASCADE")
    decided_on = DateField()
    order_number = CharField(default="")
    text = TextField(default="")


class Appeal(BaseModel):
    """An appeal of the employee and its outcome (R-DOC-8)."""

    case = ForeignKeyField(Case, backref="appeals", on_delete="CASCADE", index=True)
    filed_on = DateField()
    text = TextField(default="")
    outcome = CharField(default="pending")  # pending / rejected / cancelled
    outcome_on = DateField(null=True)
    outcome_note = TextField(default="")


class CaseMove(BaseModel):
    """A case moved to a later sitting: postponed (R-SIT-3) or re-certification (R-ELIG-6)."""

    from_case = ForeignKeyField(Case, on_delete="CASCADE")
    to_case = ForeignKeyField(Case, unique=True, on_delete="CASCADE")
    reason = CharField()  # postponed / recertification
    moved_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("from_case", "reason"), True),)


MODELS: tuple[type[BaseModel], ...] = (
    PersonnelLeave,
    CertificationRecord,
    CategoryApplication,
    RestrictedFact,
    CaseStep,
    CaseFile,
    HeadDecision,
    Appeal,
    CaseMove,
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    """Create the new tables (the caller runs this inside the step's transaction)."""
    db.create_tables(MODELS)
