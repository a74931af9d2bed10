"""The tables. One model per recorded fact; identities exchanged between offices are UUIDs."""

from __future__ import annotations

import uuid
from datetime import datetime

from peewee import (
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
    file_sha256 = CharField(default="")  # the file's bytes as issued (v12)


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
    # The keyed chain (schema v3, services.history): seq 1, 2, 3... without gaps;
    # mac = HMAC-SHA256 over the previous mac and the entry, empty while unsealed;
    # tags = short per-field MACs, so a check can say which field was changed.
    seq = IntegerField(null=True, unique=True)
    mac = CharField(default="")
    tags = CharField(default="")


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
