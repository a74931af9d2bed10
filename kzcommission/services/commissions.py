"""Commissions and their composition by seat (R-COMP-1 to R-COMP-3, R-QUO-3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kzcommission.domain.composition import SeatInfo, check_composition
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Role
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.inputs import check_names
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models


@dataclass(frozen=True)
class SeatSpec:
    """A seat to create: its role and position, and who fills it."""

    role: str
    position_title: str = ""
    holder_id: int | None = None
    deputy_id: int | None = None
    is_public: bool = False
    valid_from: date | None = None


@dataclass(frozen=True)
class SeatView:
    id: int
    uuid: str
    role: str
    position_title: str
    holder_id: int | None
    holder_name: str
    deputy_name: str
    is_public: bool
    order: int

    @property
    def votes(self) -> bool:
        return self.role in (Role.CHAIR, Role.MEMBER)


@dataclass(frozen=True)
class CommissionView:
    id: int
    uuid: str
    name: str
    level: str
    place: str
    seats: tuple[SeatView, ...]

    @property
    def voting_seats(self) -> tuple[SeatView, ...]:
        return tuple(s for s in self.seats if s.votes)

    @property
    def chair(self) -> SeatView:
        return next(s for s in self.seats if s.role == Role.CHAIR)


def _seat_view(seat: models.Seat) -> SeatView:
    return SeatView(
        id=seat.id,
        uuid=seat.uuid,
        role=seat.role,
        position_title=seat.position_title,
        holder_id=seat.holder_id,
        holder_name=seat.holder.full_name if seat.holder_id else "",
        deputy_name=seat.deputy.full_name if seat.deputy_id else "",
        is_public=seat.is_public,
        order=seat.order,
    )


def _validate(seats: Sequence[SeatSpec]) -> None:
    for index, spec in enumerate(seats, start=1):
        if spec.role not in {r.value for r in Role}:
            raise ServiceError(f"seat {index}: unknown role {spec.role!r}", field="role")
    try:
        check_composition(
            [
                SeatInfo(
                    str(i), Role(s.role), str(s.holder_id) if s.holder_id else None, s.is_public
                )
                for i, s in enumerate(seats)
            ]
        )
    except RuleError as exc:
        raise ServiceError(str(exc), field=exc.field, rule_id=exc.rule_id) from exc


def _create_seats(
    commission: models.Commission, seats: Sequence[SeatSpec], default_from: date | None
) -> None:
    for order, spec in enumerate(seats):
        models.Seat.create(
            commission=commission,
            role=spec.role,
            position_title=spec.position_title,
            holder=spec.holder_id,
            deputy=spec.deputy_id,
            is_public=spec.is_public,
            order=order,
            valid_from=spec.valid_from or default_from,
        )


@write("commission.edit")
def create_commission(
    name: str, seats: Sequence[SeatSpec], *, level: str = "other", place: str = ""
) -> CommissionView:
    """Create a commission with its whole composition, checked against R-COMP-1."""
    check_names({"name": name, "place": place})
    if not name.strip():
        raise ServiceError("the commission needs a name", field="name")
    _validate(seats)
    commission = models.Commission.create(name=name.strip(), level=level, place=place)
    _create_seats(commission, seats, None)
    record_history(
        "commission.create",
        "commission",
        commission.uuid,
        after={"name": commission.name, "seats": len(seats)},
    )
    return get_commission(commission.id)


@write("commission.edit")
def replace_composition(commission_id: int, seats: Sequence[SeatSpec]) -> CommissionView:
    """Replace the composition; seats that already sat in a sitting are kept and closed."""
    _validate(seats)
    commission = models.Commission.get_or_none(models.Commission.id == commission_id)
    if commission is None:
        raise NotFound(f"no commission {commission_id}")
    today = date.today()
    used = {
        row.seat_id
        for row in models.AttendanceEvent.select(models.AttendanceEvent.seat)
        .join(models.Sitting)
        .where(models.Sitting.commission == commission)
    }
    for seat in commission.seats:
        if seat.id in used:
            seat.valid_to = today
            seat.order = -1
            seat.save()
        else:
            seat.delete_instance()
    _create_seats(commission, seats, today)
    record_history("commission.compose", "commission", commission.uuid, after={"seats": len(seats)})
    return get_commission(commission_id)


@read("records.view")
def get_commission(commission_id: int) -> CommissionView:
    commission = models.Commission.get_or_none(models.Commission.id == commission_id)
    if commission is None:
        raise NotFound(f"no commission {commission_id}")
    seats = (
        models.Seat.select()
        .where((models.Seat.commission == commission) & (models.Seat.order >= 0))
        .order_by(models.Seat.order)
    )
    return CommissionView(
        id=commission.id,
        uuid=commission.uuid,
        name=commission.name,
        level=commission.level,
        place=commission.place,
        seats=tuple(_seat_view(s) for s in seats),
    )


@read("records.view")
def list_commissions() -> list[CommissionView]:
    ids = [
        c.id
        for c in models.Commission.select(models.Commission.id).order_by(models.Commission.name)
    ]
    return [get_commission(i) for i in ids]


@read("records.view")
def seat_view(seat_id: int) -> SeatView:
    seat = models.Seat.get_or_none(models.Seat.id == seat_id)
    if seat is None:
        raise NotFound(f"no seat {seat_id}")
    return _seat_view(seat)


@read("records.view")
def composition_specs(commission_id: int) -> list[SeatSpec]:
    """The current seats as specs, deputies included, for editing the composition."""
    seats = (
        models.Seat.select()
        .where((models.Seat.commission == commission_id) & (models.Seat.order >= 0))
        .order_by(models.Seat.order)
    )
    return [
        SeatSpec(
            role=s.role,
            position_title=s.position_title,
            holder_id=s.holder_id,
            deputy_id=s.deputy_id,
            is_public=s.is_public,
            valid_from=s.valid_from,
        )
        for s in seats
    ]
