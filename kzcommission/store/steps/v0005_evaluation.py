"""v5: performance evaluation under Order 13 (corps "A", corps "B", calibration sessions).

Scores and percentages are stored as TEXT holding the exact two-decimal
``Decimal`` ("4.75"), never as REAL: SQLite gives a NUMERIC or DECIMAL column
numeric affinity and would keep 4.99 as an inexact binary float. Text compares
and round-trips identically on SQLite and PostgreSQL.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from peewee import (
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

from kzcommission.store.models import BaseModel, Person, new_uuid, now

VERSION = 5


class DecimalText(TextField):
    """A ``Decimal`` kept as its exact text; a float is refused before it reaches the file."""

    def db_value(self, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, float | bool):
            raise TypeError(f"{self.name}: a Decimal is required, not {type(value).__name__}")
        return str(Decimal(str(value)))

    def python_value(self, value: object) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation as exc:  # a hand-edited file: say which column
            raise ValueError(f"{self.name}: {value!r} is not a decimal") from exc


class CorpsAAgreement(BaseModel):
    """The annual agreement of a corps "A" servant (Appendices 1-2) and its evaluation."""

    uuid = CharField(unique=True, default=new_uuid)
    person = ForeignKeyField(Person, backref="corps_a_agreements")
    year = IntegerField()
    category = IntegerField(default=1)  # 1 -> Appendix 1, 2 -> Appendix 2
    procedure = CharField(default="standard")  # standard / chapter_5 (transitional)
    edition = CharField()  # Edition.code the agreement was made under
    authorised_name = CharField(default="")
    authorised_position = CharField(default="")
    agreed_on = DateField(null=True)
    evaluated_on = DateField(null=True)
    days_worked = IntegerField(null=True)
    final_score = DecimalText(null=True)  # R-EVA-3
    band = CharField(null=True)
    review = TextField(default="")  # Appendix 6
    additional_info = TextField(default="")
    decision = CharField(null=True)  # R-EVA-5: fits / unfit
    decided_on = DateField(null=True)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("person", "year"), True),)


class CorpsAKpi(BaseModel):
    """One of the five KPIs (R-EVA-1) with its plan, actual value and score (R-EVA-2)."""

    agreement = ForeignKeyField(CorpsAAgreement, backref="kpis", on_delete="CASCADE")
    number = IntegerField()  # 1..5, printed order
    title = TextField()
    instructions = BooleanField(default=False)  # the KPI on executing instructions: Appendix 4
    link = TextField(default="")  # tie to planning documents
    unit = CharField(default="%")
    plan = CharField(default="")
    due = CharField(default="")
    result = TextField(default="")  # expected end result
    actual = CharField(default="")
    percent = DecimalText(null=True)
    score = DecimalText(null=True)

    class Meta:
        indexes = ((("agreement", "number"), True),)


class CorpsBSheet(BaseModel):
    """A quarterly evaluation sheet of corps "B" (Appendix 1 to Appendix 2), either form."""

    uuid = CharField(unique=True, default=new_uuid)
    person = ForeignKeyField(Person, backref="corps_b_sheets")
    evaluator = ForeignKeyField(Person, backref="corps_b_evaluated")
    year = IntegerField()
    quarter = IntegerField()
    form = CharField()  # leading / non_leading
    edition = CharField()
    p1 = DecimalText()
    p2 = DecimalText()
    p3 = DecimalText()
    p4 = DecimalText()
    p5 = DecimalText()
    c1 = TextField(default="")
    c2 = TextField(default="")
    c3 = TextField(default="")
    c4 = TextField(default="")
    c5 = TextField(default="")
    penalty = CharField(null=True)  # R-EVB-4
    final_score = DecimalText()
    band = CharField()
    evaluated_on = DateField()
    days_worked = IntegerField()
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("person", "year", "quarter"), True),)


class CalibrationSession(BaseModel):
    """A calibration session on one disputed sheet (R-CAL-1..3)."""

    uuid = CharField(unique=True, default=new_uuid)
    sheet = ForeignKeyField(CorpsBSheet, backref="calibrations", on_delete="CASCADE")
    result_received = DateField()
    request_received = DateField()
    composition_approved_on = DateField(null=True)
    held_on = DateField(null=True)
    disputed_score = DecimalText()
    adopted_score = DecimalText(null=True)
    adopted_band = CharField(null=True)
    rounds = IntegerField(default=0)
    status = CharField(default="requested")  # requested / composed / no_majority / adopted
    protocol_signed_on = DateField(null=True)
    protocol_uploaded_on = DateField(null=True)
    created_at = DateTimeField(default=now)


class CalibrationMember(BaseModel):
    session = ForeignKeyField(CalibrationSession, backref="members", on_delete="CASCADE")
    person = ForeignKeyField(Person)
    is_evaluator = BooleanField(default=False)
    is_personnel_officer = BooleanField(default=False)
    order = IntegerField(default=0)

    class Meta:
        indexes = ((("session", "person"), True),)


class CalibrationVote(BaseModel):
    """One member's vote by name in one round of the session (R-CAL-3)."""

    session = ForeignKeyField(CalibrationSession, backref="votes", on_delete="CASCADE")
    round = IntegerField()
    person = ForeignKeyField(Person)
    score = DecimalText()
    cast_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("session", "round", "person"), True),)


MODELS: tuple[type[BaseModel], ...] = (
    CorpsAAgreement,
    CorpsAKpi,
    CorpsBSheet,
    CalibrationSession,
    CalibrationMember,
    CalibrationVote,
)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    """Create the evaluation tables (the caller holds the transaction)."""
    db.create_tables(MODELS)
