"""The tables. One model per recorded fact; identities exchanged between offices are UUIDs.

Every table of the latest schema is declared here and nowhere else: a new database is
created from these classes (``ALL_MODELS``), an older one is brought forward by the
steps in ``store/steps``, which write out what they add as it was at their version and
never use these classes. tests/store/test_schema_parity.py proves both end up the same.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal, InvalidOperation

from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database = DatabaseProxy()


def new_uuid() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaMeta(BaseModel):
    """Key/value facts about the file itself: application marker, schema version."""

    key = CharField(primary_key=True)
    value = TextField()


class Person(BaseModel):
    """An employee (certified person) or a commission member; often both (R-SIT-6)."""

    uuid = CharField(unique=True, default=new_uuid)
    personnel_number = CharField(null=True, unique=True)
    surname = CharField()
    given_name = CharField()
    patronymic = CharField(default="")
    birth_date = DateField(null=True)
    position = CharField(default="")
    unit = CharField(default="")
    # v13: position and unit per language (domain.names); the columns above keep the
    # single value (the one printed where every variant is empty).
    position_kk = CharField(default="")
    position_ru = CharField(default="")
    position_en = CharField(default="")
    unit_kk = CharField(default="")
    unit_ru = CharField(default="")
    unit_en = CharField(default="")
    grade = CharField(default="")
    appointed_on = DateField(null=True)
    service_start = DateField(null=True)
    education = TextField(default="")
    specialty = CharField(default="")  # by education; Decree 490 App. 3 item 4 (v10)
    special_rank = CharField(default="")  # "атағы"; Decree 490 App. 3 item 6 (v10)
    iin = CharField(null=True, unique=True, max_length=12)  # checked by domain.iin (v14)
    sex = CharField(default="", max_length=1)  # "m" / "f" / "" unknown (v14)
    created_at = DateTimeField(default=now)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


class Commission(BaseModel):
    uuid = CharField(unique=True, default=new_uuid)
    name = CharField()
    level = CharField(default="other")  # central / regional / other (Decree 490 appendices)
    place = CharField(default="")
    created_at = DateTimeField(default=now)
    # v13: name and place per language (domain.names); name/place keep the single value.
    name_kk = CharField(default="")
    name_ru = CharField(default="")
    name_en = CharField(default="")
    place_kk = CharField(default="")
    place_ru = CharField(default="")
    place_en = CharField(default="")


class Seat(BaseModel):
    """A seat by position, filled by a person for a period (R-COMP-3)."""

    uuid = CharField(unique=True, default=new_uuid)
    commission = ForeignKeyField(Commission, backref="seats", on_delete="CASCADE")
    role = CharField()  # chair / member / secretary (R-COMP-1)
    position_title = CharField(default="")
    # v13: the seat's title per language.
    position_title_kk = CharField(default="")
    position_title_ru = CharField(default="")
    position_title_en = CharField(default="")
    holder = ForeignKeyField(Person, null=True, backref="seats")
    deputy = ForeignKeyField(Person, null=True, backref="deputy_seats")
    is_public = BooleanField(default=False)  # R-QUO-3
    order = IntegerField(default=0)
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)


class Sitting(BaseModel):
    uuid = CharField(unique=True, default=new_uuid)
    commission = ForeignKeyField(Commission, backref="sittings", on_delete="CASCADE")
    number = CharField(default="")
    held_on = DateField()
    place = CharField(default="")
    # v13: place per language.
    place_kk = CharField(default="")
    place_ru = CharField(default="")
    place_en = CharField(default="")
    status = CharField(default="planned")  # planned / open / closed / finalized
    opened_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    # Before v8 one member presided in the chair's place for the whole sitting; v8
    # moved the naming onto each case (Case.presiding). Kept so old data stays readable.
    acting_chair = ForeignKeyField(Seat, null=True)
    # The case in focus, so a restarted app reopens the sitting where it was (v2).
    current_case_id = IntegerField(null=True)


class AttendanceEvent(BaseModel):
    """One change of a seat's presence, with its time (R-QUO-2)."""

    sitting = ForeignKeyField(Sitting, backref="attendance", on_delete="CASCADE")
    seat = ForeignKeyField(Seat, on_delete="CASCADE")
    kind = CharField()  # present / absent / late / left
    at = DateTimeField(default=now)
    acting_person = ForeignKeyField(Person, null=True)  # a deputy acting for the holder
    note = TextField(default="")


class Case(BaseModel):
    """One certified person at one sitting."""

    uuid = CharField(unique=True, default=new_uuid)
    sitting = ForeignKeyField(Sitting, backref="cases", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="cases")
    kind = CharField()  # regular / repeat / extraordinary
    ruleset = CharField()
    order = IntegerField(default=0)
    position = CharField(default="")
    # v13: the position per language, as it was when the case was added.
    position_kk = CharField(default="")
    position_ru = CharField(default="")
    position_en = CharField(default="")
    status = CharField(default="pending")  # pending / open / decided / postponed
    appearance = CharField(default="pending")
    absence_reason = TextField(default="")
    restricted = BooleanField(default=False)  # R-DEC-5
    materials = TextField(default="")
    questions = TextField(default="")
    comments = TextField(default="")
    opinion = TextField(default="")
    supervisor_assessment = TextField(default="")
    recommendations = TextField(default="")
    candidate_grade = CharField(default="")
    decision = CharField(null=True)
    decision_rule = CharField(default="")  # how it was reached: vote / R-SIT-4 / R-SIT-5
    grade_result = CharField(null=True)
    decided_at = DateTimeField(null=True)
    # R-VOTE-4: the member named to preside over this case where the chair does not
    # vote on it (v8); each counted round records who presided (VoteRound.presiding).
    presiding = ForeignKeyField(Seat, null=True, backref="presided_cases")
    # Bumped on every change; a write naming an older version is a conflict (v2).
    version = IntegerField(default=0)


class Recusal(BaseModel):
    """A member who does not vote on a case (R-SIT-6), with the reason."""

    case = ForeignKeyField(Case, backref="recusals", on_delete="CASCADE")
    seat = ForeignKeyField(Seat, on_delete="CASCADE")
    reason = TextField(default="")

    class Meta:
        indexes = ((("case", "seat"), True),)


class VoteRound(BaseModel):
    case = ForeignKeyField(Case, backref="rounds", on_delete="CASCADE")
    subject = CharField(default="decision")  # decision / grade (R-DEC-3)
    number = IntegerField()
    options = TextField()  # option ids, newline separated, in offered order
    status = CharField(default="open")  # open / closed / void / discarded (R-DEC-5)
    adopted = CharField(null=True)
    casting_vote_used = BooleanField(default=False)
    runoff = TextField(default="")
    presiding = ForeignKeyField(Seat, null=True)  # R-VOTE-4
    opened_at = DateTimeField(default=now)
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("case", "subject", "number"), True),)


class Ballot(BaseModel):
    """One member's vote by name in one round (R-VOTE-1)."""

    round = ForeignKeyField(VoteRound, backref="ballots", on_delete="CASCADE")
    seat = ForeignKeyField(Seat, on_delete="CASCADE")
    option = CharField()
    cast_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("round", "seat"), True),)


class Scorecard(BaseModel):
    """A member's scorecard on a case, Order 880 Appendix 2 (R-DOC-4)."""

    case = ForeignKeyField(Case, backref="scorecards", on_delete="CASCADE")
    seat = ForeignKeyField(Seat, on_delete="CASCADE")
    score = CharField()
    decision = CharField(default="")
    grounds = TextField(default="")
    grade = CharField(default="")  # a grade, or "no_grade"
    grade_grounds = TextField(default="")
    entered_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("case", "seat"), True),)


class Recording(BaseModel):
    """The reference to the interview's audio/video recording (R-SIT-2)."""

    case = ForeignKeyField(Case, backref="recordings", unique=True, on_delete="CASCADE")
    media = CharField(default="")  # file name, or the label of the device or carrier
    sha256 = CharField(default="")
    size = IntegerField(null=True)
    starts_at = FloatField(null=True)  # seconds from the start of the media
    ends_at = FloatField(null=True)


class IssuedDocument(BaseModel):
    uuid = CharField(unique=True, default=new_uuid)
    sitting = ForeignKeyField(Sitting, null=True, on_delete="CASCADE")
    case = ForeignKeyField(Case, null=True, on_delete="CASCADE")
    kind = CharField()
    lang = CharField()
    digest = CharField()
    file_name = CharField(default="")
    issued_at = DateTimeField(default=now)
    file_sha256 = CharField(max_length=64, default="")  # the file's bytes as issued (v12)


class HistoryEntry(BaseModel):
    """Append-only record of every change: who, when, what, before and after."""

    at = DateTimeField(default=now)
    actor = CharField(default="")
    action = CharField()
    entity = CharField()
    entity_id = CharField()
    sitting = CharField(default="")  # sitting uuid, to cut a sitting's segment
    before = TextField(default="")
    after = TextField(default="")
    # The keyed chain (schema v3, services.trust.history): seq 1, 2, 3... without gaps;
    # mac = HMAC-SHA256 over the previous mac and the entry, empty while unsealed;
    # tags = short per-field MACs, so a check can say which field was changed.
    seq = IntegerField(null=True, unique=True)
    mac = CharField(default="")
    tags = CharField(default="")
    # The images of the rows the write touched (schema v17, services.trust.row_state):
    # JSON {table: {row id: {column: value} or null when deleted}}, covered by the mac.
    # A default in SQL too, so an entry written without naming it (older code) is valid.
    row_images = TextField(default="", constraints=[SQL("DEFAULT ''")])


# Trust (added by schema v3).
class UserAccount(BaseModel):
    """A local account. The password is kept only as an argon2id hash."""

    name = CharField(unique=True)
    role = CharField()  # administrator / secretary / chair / member / viewer
    password_hash = CharField()
    seat_uuid = CharField(null=True)  # a member's own seat (his scorecards only)
    full_name = CharField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)
    password_changed_at = DateTimeField(default=now)


class Amendment(BaseModel):
    """A correction of a finalized sitting; the original record stays unchanged."""

    uuid = CharField(unique=True, default=new_uuid)
    sitting = ForeignKeyField(Sitting, backref="amendments", on_delete="CASCADE")
    case = ForeignKeyField(Case, null=True, backref="amendments", on_delete="CASCADE")
    field = CharField()
    old = TextField(default="")
    new = TextField(default="")
    reason = TextField()
    requested_by = CharField()
    requested_at = DateTimeField(default=now)
    signed_by = CharField(null=True)
    signed_at = DateTimeField(null=True)


# Personnel records, campaign steps and follow-up (v4).
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


# Performance evaluation under Order 13 (v5). Scores and percentages are stored as
# TEXT holding the exact two-decimal Decimal ("4.75"), never as REAL: SQLite gives a
# NUMERIC column numeric affinity and would keep 4.99 as an inexact binary float.
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


# The chair's review (v7).
class ReviewConfirmation(BaseModel):
    case = ForeignKeyField(Case, backref="confirmations", on_delete="CASCADE")
    digest = CharField()  # sha256 of the review line as confirmed
    chair_name = CharField()  # who presided and confirmed (R-VOTE-4: the acting chair)
    entered_by = CharField()  # the account that entered it
    confirmed_at = DateTimeField(default=now)


class ReviewExplanation(BaseModel):
    case = ForeignKeyField(Case, backref="explanations", on_delete="CASCADE")
    finding_key = CharField()
    rule_id = CharField()
    text = TextField()
    written_by = CharField()
    written_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("case", "finding_key"), True),)


class CaseCorrection(BaseModel):
    case = ForeignKeyField(Case, backref="corrections", on_delete="CASCADE")
    reason = TextField()
    made_by = CharField()
    made_at = DateTimeField(default=now)


# Calendar decisions imported by an administrator (v18, R-DL-9).
class CalendarDecision(BaseModel):
    kind = CharField()  # transfer | kurban_ait | no_transfer (domain.calendar_data.KINDS)
    year = CharField(index=True)
    on_date = DateField()
    day_off = DateField(null=True)
    decree = CharField(max_length=500)
    source = CharField(max_length=500, default="")
    imported_at = DateTimeField(default=now)
    imported_by = CharField(default="")


CORE_MODELS: tuple[type[BaseModel], ...] = (
    SchemaMeta,
    Person,
    Commission,
    Seat,
    Sitting,
    AttendanceEvent,
    Case,
    Recusal,
    VoteRound,
    Ballot,
    Scorecard,
    Recording,
    IssuedDocument,
    HistoryEntry,
)


# Every table of the latest schema, in creation order (a table after those it refers to).
ALL_MODELS: tuple[type[BaseModel], ...] = (
    *CORE_MODELS,
    UserAccount,
    Amendment,
    PersonnelLeave,
    CertificationRecord,
    CategoryApplication,
    RestrictedFact,
    CaseStep,
    CaseFile,
    HeadDecision,
    Appeal,
    CaseMove,
    CorpsAAgreement,
    CorpsAKpi,
    CorpsBSheet,
    CalibrationSession,
    CalibrationMember,
    CalibrationVote,
    ReviewConfirmation,
    ReviewExplanation,
    CaseCorrection,
    CalendarDecision,
)
