"""Sittings, attendance and the live quorum (R-QUO-1, R-QUO-2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN, fn

from kzcommission.domain.kinds import Role
from kzcommission.domain.quorum import IN_ROOM, QuorumState
from kzcommission.services.errors import LockedError, NotFound, ServiceError
from kzcommission.services.unit import record_history, write
from kzcommission.store import models, raw

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


def _sitting(sitting_id: int) -> models.Sitting:
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(f"no sitting {sitting_id}")
    return sitting


def ensure_editable(sitting: models.Sitting) -> None:
    """A finalized sitting refuses every change; corrections are amendments."""
    check_editable(sitting.status, sitting.number or str(sitting.id))


def check_editable(status: str, number: str) -> None:
    if status == "finalized":
        raise LockedError(f"sitting {number} is finalized and locked")


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
    )


def get_sitting(sitting_id: int) -> SittingView:
    return _view(_sitting(sitting_id))


def list_sittings(commission_id: int | None = None, limit: int = 500) -> list[SittingView]:
    query = models.Sitting.select().order_by(
        models.Sitting.held_on.desc(), models.Sitting.id.desc()
    )
    if commission_id is not None:
        query = query.where(models.Sitting.commission == commission_id)
    return [_view(s) for s in query.limit(limit)]


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
    commission_id: int, held_on: date, *, place: str = "", number: str = ""
) -> SittingView:
    commission = models.Commission.get_or_none(models.Commission.id == commission_id)
    if commission is None:
        raise NotFound(f"no commission {commission_id}", field="commission")
    if not number:
        count = models.Sitting.select().where(models.Sitting.commission == commission).count()
        number = str(count + 1)
    sitting = models.Sitting.create(
        commission=commission, held_on=held_on, place=place or commission.place, number=number
    )
    record_history(
        "sitting.create",
        "sitting",
        sitting.uuid,
        sitting=sitting.uuid,
        after={"held_on": held_on, "number": number},
    )
    return _view(sitting)


@write("sitting.edit")
def set_status(sitting_id: int, status: str) -> SittingView:
    if status not in SITTING_STATUSES or status == "finalized":
        raise ServiceError(f"status {status!r} cannot be set here", field="status")
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
        raise ServiceError(f"unknown attendance {kind!r}", field="kind")
    sitting = _sitting(sitting_id)
    ensure_editable(sitting)
    seat = models.Seat.get_or_none(models.Seat.id == seat_id)
    if seat is None or seat.commission_id != sitting.commission_id:
        raise ServiceError(f"seat {seat_id} is not in this sitting's commission", field="seat")
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


def attendance_log(sitting_id: int) -> list[tuple[int, str, datetime]]:
    """Every change in order, for the minutes (R-QUO-2)."""
    query = (
        models.AttendanceEvent.select()
        .where(models.AttendanceEvent.sitting == sitting_id)
        .order_by(models.AttendanceEvent.at, models.AttendanceEvent.id)
    )
    return [(e.seat_id, e.kind, e.at) for e in query]


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
_PRESENCE_SQL = (
    "SELECT s.id, (SELECT e.kind FROM attendance_event e WHERE e.sitting_id = ? "
    "AND e.seat_id = s.id ORDER BY e.id DESC LIMIT 1) FROM seat s "
    "WHERE s.commission_id = ? AND s.\"order\" >= 0 AND s.role IN ('chair', 'member') "
    'ORDER BY s."order"'
)


@dataclass(frozen=True)
class Presence:
    """The composition's voting seats and those of them in the room now (R-QUO-1, R-QUO-2)."""

    voting: tuple[int, ...]
    present: tuple[int, ...]

    @property
    def quorum(self) -> QuorumState:
        return QuorumState.of(len(self.present), len(self.voting))


def presence_at(sitting_id: int, commission_id: int) -> Presence:
    """Who is in the room, in one query: asked on every ballot (R-QUO-2)."""
    rows = raw.fetch(_PRESENCE_SQL, (sitting_id, commission_id))
    return Presence(
        tuple(seat for seat, _ in rows), tuple(seat for seat, kind in rows if kind in IN_ROOM)
    )


def presence(sitting: models.Sitting) -> Presence:
    return presence_at(sitting.id, sitting.commission_id)


def present_voting_seats(sitting_id: int) -> list[int]:
    return list(presence(_sitting(sitting_id)).present)


def quorum_state(sitting_id: int) -> QuorumState:
    """Present voting members against the composition (R-QUO-1 Reading)."""
    return presence(_sitting(sitting_id)).quorum


def opened_at(sitting_id: int) -> datetime | None:
    """When the sitting was opened: the origin of the sitting clock for recording marks."""
    return _sitting(sitting_id).opened_at
