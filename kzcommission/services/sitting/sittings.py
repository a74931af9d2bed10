"""Sittings, attendance and the live quorum (R-QUO-1, R-QUO-2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN, fn

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Role
from kzcommission.domain.names import Names
from kzcommission.domain.quorum import IN_ROOM, QuorumState
from kzcommission.domain.rulesets import ruleset_for
from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr
from kzcommission.services.errors import LockedError, NotFound, ServiceError
from kzcommission.services.inputs import check_names
from kzcommission.services.installation import database
from kzcommission.services.trust.sealed_record import finalized_in_history
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models, raw
from kzcommission.store.names import name_values, names_of, set_names

ATTENDANCE_KINDS: tuple[str, ...] = ("present", "absent", "late", "left")
# After these events the member is in the room and counts for quorum.
SITTING_STATUSES: tuple[str, ...] = ("planned", "open", "closed", "finalized")


@dataclass(frozen=True)
class SeatAttendance:
    seat_id: int
    kind: str | None  # last event, None when nothing recorded yet
    at: datetime | None
    acting_person: str

    @property
    def in_room(self) -> bool:
        return self.kind in IN_ROOM


@dataclass(frozen=True)
class SittingView:
    id: int
    uuid: str
    commission_id: int
    number: str
    held_on: date
    place: str
    status: str
    current_case_id: int | None
    closed_at: datetime | None = None  # the elapsed clock stops here
    places: Names = Names()  # v13: the place per language

    def place_in(self, lang: str) -> str:
        return self.places.pick(lang)


def _sitting(sitting_id: int) -> models.Sitting:
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}", key="not_found_sitting", params={"id": sitting_id}
        )
    return sitting


def ensure_editable(sitting: models.Sitting) -> None:
    """A finalized sitting refuses every change; corrections are amendments."""
    check_editable(sitting.status, sitting.number or str(sitting.id), sitting.uuid)


def check_editable(status: str, number: str, uuid: str = "", finalized: bool | None = None) -> None:
    """Refuse a finalized sitting: by its status, or by its history when the status
    column was changed back behind the application's back (issue 17). ``finalized``:
    what the history says, when the caller already read it (one statement less)."""
    if status == "finalized":
        raise LockedError(
            f"sitting {number} is finalized and locked",
            key="sitting_locked", params={"number": number},
        )  # fmt: skip
    if finalized is None:
        finalized = bool(uuid) and finalized_in_history(uuid)
    if finalized:
        raise LockedError(
            f"sitting {number} was finalized (its history says so) but its status now reads "
            f"{status!r}: the database was changed behind the application; nothing is changed",
            key="sitting_finalized_in_history", params={"number": number, "status": status},
        )  # fmt: skip


def _view(s: models.Sitting) -> SittingView:
    return SittingView(
        s.id,
        s.uuid,
        s.commission_id,
        s.number,
        s.held_on,
        s.place,
        s.status,
        s.current_case_id,
        s.closed_at,
        names_of(s, "place"),
    )


@read("records.view")
def get_sitting(sitting_id: int) -> SittingView:
    return _view(_sitting(sitting_id))


@read("records.view")
def list_sittings(commission_id: int | None = None, limit: int = 500) -> list[SittingView]:
    query = models.Sitting.select().order_by(
        models.Sitting.held_on.desc(), models.Sitting.id.desc()
    )
    if commission_id is not None:
        query = query.where(models.Sitting.commission == commission_id)
    return [_view(s) for s in query.limit(limit)]


@read("records.view")
def last_active_sitting() -> SittingView | None:
    """The open sitting to resume after a restart, if any."""
    sitting = (
        models.Sitting.select()
        .where(models.Sitting.status == "open")
        .order_by(models.Sitting.opened_at.desc())
        .first()
    )
    return _view(sitting) if sitting else None


@write("sitting.edit")
def create_sitting(
    commission_id: int, held_on: date, *, place: str | Names = "", number: str = ""
) -> SittingView:
    """A planned sitting; its place per language (v13), by default the commission's."""
    commission = models.Commission.get_or_none(models.Commission.id == commission_id)
    if commission is None:
        raise NotFound(
            f"no commission {commission_id}",
            field="commission",
            key="not_found_commission",
            params={"id": commission_id},
        )
    if not number:
        count = models.Sitting.select().where(models.Sitting.commission == commission).count()
        number = str(count + 1)
    places = names_of(commission, "place")
    # A place typed as one string that is the commission's in some language keeps them all.
    if place and (isinstance(place, Names) or place.strip() not in places.variants().values()):
        places = Names.of(place)
    check_names({"place": places})
    sitting = models.Sitting.create(
        commission=commission, held_on=held_on, number=number, **name_values("place", places)
    )
    record_history(
        "sitting.create",
        "sitting",
        sitting.uuid,
        sitting=sitting.uuid,
        after={"held_on": held_on, "number": number},
    )
    return _view(sitting)


class SittingHasFacts(ServiceError):
    """A sitting that holds recorded facts is not edited or deleted as a plan (``facts``)."""

    def __init__(self, message: str, facts: tuple[str, ...]) -> None:
        super().__init__(message, field="sitting")
        self.facts = facts

    def detail_in(self, lang: str) -> str:
        """The refusal in ``lang``, naming each recorded fact in words."""
        facts = "; ".join(_fact_label(fact, lang) for fact in self.facts)
        return tr("sitting.has_facts", lang, facts=facts)


def _fact_label(fact: str, lang: str) -> str:
    """A recorded fact (a code of :func:`recorded_facts`) as the user reads it."""
    key = f"sitting.fact.{fact}"
    return (
        tr(key, lang)
        if key in catalogue(REFERENCE_LANGUAGE)
        else tr("sitting.fact.other", lang, table=fact)
    )


# Planning leaves these rows; everything else that points at a sitting or its cases
# (attendance, rounds, scorecards, recordings, documents, amendments, files...) is a fact.
_PLANNING_TABLES = frozenset({"sitting", "case", "recusal"})


@read("records.view")
def recorded_facts(sitting_id: int) -> tuple[str, ...]:
    """What a sitting holds beyond its plan, as codes (``status``, ``decided``, a table...).

    Empty for a planned sitting with only its list of cases: that one may still be
    re-dated or deleted.
    """
    sitting = _sitting(sitting_id)
    facts: list[str] = []
    if sitting.status != "planned" or sitting.opened_at is not None:
        facts.append("status")
    case_ids = [
        c.id for c in models.Case.select(models.Case.id).where(models.Case.sitting == sitting)
    ]
    cases_q = models.Case.select().where(models.Case.sitting == sitting)
    if cases_q.where(
        (models.Case.status != "pending")
        | (models.Case.appearance != "pending")
        | models.Case.decision.is_null(False)
        | models.Case.grade_result.is_null(False)
    ).exists():
        facts.append("decided")
    from kzcommission.services.sitting.cases import INTERVIEW_TEXTS  # cases imports this module

    texts = [getattr(models.Case, name) != "" for name in INTERVIEW_TEXTS]
    condition = texts[0]
    for more in texts[1:]:
        condition |= more
    if cases_q.where(condition).exists():
        facts.append("texts")
    for table, links in _fact_links():
        for column, dest in links:
            ids = [sitting.id] if dest == "sitting" else case_ids
            if ids and _any_row(table, column, ids):
                facts.append(table)
                break
    return tuple(facts)


_links: tuple[int, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]] | None = None


def _fact_links() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Each table beyond the plan with its columns pointing at a sitting or a case.

    Read from the schema once per opened database (PostgreSQL's catalogue takes ~0.5 s).
    """
    global _links
    opened = database.generation()
    if _links is None or _links[0] != opened:
        db = models.database.obj
        found = []
        for table in sorted(db.get_tables()):
            if table in _PLANNING_TABLES:
                continue
            links = tuple(
                (fk.column, fk.dest_table)
                for fk in db.get_foreign_keys(table)
                if fk.dest_table in ("sitting", "case")
            )
            if links:
                found.append((table, links))
        _links = (opened, tuple(found))
    return _links[1]


def _any_row(table: str, column: str, ids: list[int]) -> bool:
    marks = ", ".join("?" for _ in ids)
    sql = f'SELECT 1 FROM "{table}" WHERE "{column}" IN ({marks}) LIMIT 1'
    return bool(raw.fetch(sql, ids))


def _refuse_if_facts(sitting: models.Sitting, what: str) -> None:
    ensure_editable(sitting)
    facts = recorded_facts(sitting.id)
    if facts:
        raise SittingHasFacts(
            f"sitting {sitting.number or sitting.id} cannot be {what}: it holds "
            f"recorded facts ({', '.join(facts)})",
            facts,
        )


@write("sitting.edit")
def update_sitting(
    sitting_id: int, held_on: date, *, place: str | Names, number: str
) -> SittingView:
    """Re-date, move or renumber a sitting that is still only a plan.

    Its cases follow the new date: each takes the rule set in force on it, and a
    date no rule set covers is refused.
    """
    sitting = _sitting(sitting_id)
    _refuse_if_facts(sitting, "edited")
    number = number.strip() or sitting.number
    check_names({"place": place})
    before = {
        "held_on": sitting.held_on,
        "place": names_of(sitting, "place").variants(),
        "number": sitting.number,
    }
    set_names(sitting, "place", place)  # an unchanged single value keeps the variants
    after = {
        "held_on": held_on,
        "place": names_of(sitting, "place").variants(),
        "number": number,
    }
    if before == after:
        return _view(sitting)
    for case in models.Case.select().where(models.Case.sitting == sitting):
        try:
            code = ruleset_for(case.kind, held_on).code
        except RuleError as exc:
            raise ServiceError(  # refusal: passes on
                str(exc), field="held_on", rule_id=exc.rule_id, key=exc.key, params=exc.params
            ) from exc
        if code != case.ruleset:
            case.ruleset = code
            case.version += 1
            case.save()
    sitting.held_on, sitting.number = held_on, number
    sitting.save()
    record_history(
        "sitting.update", "sitting", sitting.uuid, sitting=sitting.uuid, before=before, after=after
    )
    return _view(sitting)


@write("sitting.edit")
def delete_sitting(sitting_id: int) -> None:
    """Delete a sitting planned by mistake, with its list of cases, while it holds no fact."""
    sitting = _sitting(sitting_id)
    _refuse_if_facts(sitting, "deleted")
    case_ids = [
        c.id for c in models.Case.select(models.Case.id).where(models.Case.sitting == sitting)
    ]
    record_history(
        "sitting.delete",
        "sitting",
        sitting.uuid,
        sitting=sitting.uuid,
        before={
            "held_on": sitting.held_on,
            "place": sitting.place,
            "number": sitting.number,
            "cases": len(case_ids),
        },
    )
    if case_ids:
        models.Recusal.delete().where(models.Recusal.case.in_(case_ids)).execute()
        models.Case.delete().where(models.Case.id.in_(case_ids)).execute()
    sitting.delete_instance()


@write("sitting.edit")
def set_status(sitting_id: int, status: str) -> SittingView:
    if status not in SITTING_STATUSES or status == "finalized":
        raise ServiceError(
            f"status {status!r} cannot be set here",
            field="status",
            key="sitting_status_not_settable",
            params={"status": status},
        )
    sitting = _sitting(sitting_id)
    ensure_editable(sitting)
    before = sitting.status
    sitting.status = status
    if status == "open" and sitting.opened_at is None:
        sitting.opened_at = models.now()
    if status == "closed":
        sitting.closed_at = models.now()
    sitting.save()
    record_history(
        "sitting.status",
        "sitting",
        sitting.uuid,
        sitting=sitting.uuid,
        before={"status": before},
        after={"status": status},
    )
    return _view(sitting)


@write("sitting.edit")
def set_current_case(sitting_id: int, case_id: int | None) -> None:
    # Not a fact of the sitting, only where the secretary is: no history entry.
    models.Sitting.update(current_case_id=case_id).where(models.Sitting.id == sitting_id).execute()


@write("attendance.record")
def mark_attendance(
    sitting_id: int,
    seat_id: int,
    kind: str,
    *,
    at: datetime | None = None,
    acting_person_id: int | None = None,
    note: str = "",
) -> QuorumState:
    """Record a change of presence and return the quorum it leaves (R-QUO-2)."""
    if kind not in ATTENDANCE_KINDS:
        raise ServiceError(
            f"unknown attendance {kind!r}",
            field="kind",
            key="attendance_kind_unknown",
            params={"kind": kind},
        )
    sitting = _sitting(sitting_id)
    ensure_editable(sitting)
    seat = models.Seat.get_or_none(models.Seat.id == seat_id)
    if seat is None or seat.commission_id != sitting.commission_id:
        raise ServiceError(
            f"seat {seat_id} is not in this sitting's commission",
            field="seat",
            key="seat_not_in_sitting_commission",
            params={"seat": seat_id},
        )
    event = models.AttendanceEvent.create(
        sitting=sitting,
        seat=seat,
        kind=kind,
        at=at or models.now(),
        acting_person=acting_person_id,
        note=note,
    )
    record_history(
        "attendance.mark",
        "seat",
        seat.uuid,
        sitting=sitting.uuid,
        after={"kind": kind, "at": event.at, "acting_person": acting_person_id},
    )
    return quorum_state(sitting_id)


@read("records.view")
def attendance(sitting_id: int) -> dict[int, SeatAttendance]:
    """The latest event of each seat that has one."""
    latest = (
        models.AttendanceEvent.select(fn.MAX(models.AttendanceEvent.id))
        .where(models.AttendanceEvent.sitting == sitting_id)
        .group_by(models.AttendanceEvent.seat)
    )
    rows = (
        models.AttendanceEvent.select(models.AttendanceEvent, models.Person)
        .join(
            models.Person,
            join_type=JOIN.LEFT_OUTER,
            on=(models.AttendanceEvent.acting_person == models.Person.id),
        )
        .where(models.AttendanceEvent.id.in_(latest))
    )
    result = {}
    for row in rows:
        acting = row.acting_person.full_name if row.acting_person_id else ""
        result[row.seat_id] = SeatAttendance(row.seat_id, row.kind, row.at, acting)
    return result


@read("records.view")
def attendance_log(sitting_id: int) -> list[tuple[int, str, datetime]]:
    """Every change in order, for the minutes (R-QUO-2)."""
    query = (
        models.AttendanceEvent.select()
        .where(models.AttendanceEvent.sitting == sitting_id)
        .order_by(models.AttendanceEvent.at, models.AttendanceEvent.id)
    )
    return [(e.seat_id, e.kind, e.at) for e in query]


@read("records.view")
def voting_seat_ids(commission_id: int) -> list[int]:
    return [
        s.id
        for s in models.Seat.select(models.Seat.id)
        .where(
            (models.Seat.commission == commission_id)
            & (models.Seat.order >= 0)
            & (models.Seat.role.in_([Role.CHAIR.value, Role.MEMBER.value]))
        )
        .order_by(models.Seat.order)
    ]


# Each voting seat of the composition with its latest attendance event at the sitting.
# Each voting seat, its last attendance event, and whether it is recused from the case
# asked about (none: NULL matches no recusal), in one statement: asked on every ballot.
_PRESENCE_SQL = (
    "SELECT s.id, (SELECT e.kind FROM attendance_event e WHERE e.sitting_id = ? "
    "AND e.seat_id = s.id ORDER BY e.id DESC LIMIT 1), "
    "EXISTS (SELECT 1 FROM recusal x WHERE x.case_id = ? AND x.seat_id = s.id) FROM seat s "
    "WHERE s.commission_id = ? AND s.\"order\" >= 0 AND s.role IN ('chair', 'member') "
    'ORDER BY s."order"'
)


@dataclass(frozen=True)
class Presence:
    """The composition's voting seats and those of them in the room now (R-QUO-1, R-QUO-2);
    ``recused``: those of them recused from the case asked about (R-VOTE-2)."""

    voting: tuple[int, ...]
    present: tuple[int, ...]
    recused: tuple[int, ...] = ()

    @property
    def quorum(self) -> QuorumState:
        return QuorumState.of(len(self.present), len(self.voting))


@read("records.view")
def presence_at(sitting_id: int, commission_id: int, case_id: int | None = None) -> Presence:
    """Who is in the room, and who is recused from ``case_id`` if given, in one query:
    asked on every ballot (R-QUO-2, R-VOTE-2)."""
    rows = raw.fetch(_PRESENCE_SQL, (sitting_id, case_id, commission_id))
    return Presence(
        tuple(seat for seat, _, _ in rows),
        tuple(seat for seat, kind, _ in rows if kind in IN_ROOM),
        tuple(seat for seat, _, recused in rows if recused),
    )


@read("records.view")
def presence(sitting: models.Sitting) -> Presence:
    return presence_at(sitting.id, sitting.commission_id)


@read("records.view")
def present_voting_seats(sitting_id: int) -> list[int]:
    return list(presence(_sitting(sitting_id)).present)


@read("records.view")
def quorum_state(sitting_id: int) -> QuorumState:
    """Present voting members against the composition (R-QUO-1 Reading)."""
    return presence(_sitting(sitting_id)).quorum


@read("records.view")
def opened_at(sitting_id: int) -> datetime | None:
    """When the sitting was opened: the origin of the sitting clock for recording marks."""
    return _sitting(sitting_id).opened_at
