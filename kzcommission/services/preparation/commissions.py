"""Commissions and their composition by seat (R-COMP-1 to R-COMP-3, R-QUO-3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kzcommission.domain.composition import SeatInfo, check_composition
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Role
from kzcommission.domain.names import Names
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.inputs import check_names
from kzcommission.services.preparation.templates import seat_titles
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.names import name_values, names_of, set_names


@dataclass(frozen=True)
class SeatSpec:
    """A seat to create: its role and position, and who fills it."""

    role: str
    position_title: str = ""
    holder_id: int | None = None
    deputy_id: int | None = None
    is_public: bool = False
    valid_from: date | None = None
    # The title per language (v13); None: from ``position_title`` (a Decree position
    # with its catalogue translations, any other text by its language).
    titles: Names | None = None

    def title_names(self) -> Names:
        return self.titles if self.titles is not None else seat_titles(self.position_title)


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
    titles: Names = Names()

    def title(self, lang: str) -> str:
        return self.titles.pick(lang)

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
    names: Names = Names()  # v13: the name per language
    places: Names = Names()

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
        titles=names_of(seat, "position_title"),
    )


def _validate(seats: Sequence[SeatSpec]) -> None:
    for index, spec in enumerate(seats, start=1):
        if spec.role not in {r.value for r in Role}:
            raise ServiceError(
                f"seat {index}: unknown role {spec.role!r}",
                field="role",
                key="commission_seat_role_unknown",
                params={"seat": index, "role": spec.role},
            )
        check_names({"position_title": spec.title_names()})
    try:
        check_composition(
            [
                SeatInfo(i, Role(s.role), str(s.holder_id) if s.holder_id else None, s.is_public)
                for i, s in enumerate(seats)
            ]
        )
    except RuleError as exc:
        raise ServiceError(  # refusal: passes on
            str(exc), field=exc.field, rule_id=exc.rule_id, key=exc.key, params=exc.params
        ) from exc


def _create_seats(
    commission: models.Commission, seats: Sequence[SeatSpec], default_from: date | None
) -> None:
    for order, spec in enumerate(seats):
        models.Seat.create(
            commission=commission,
            role=spec.role,
            **name_values("position_title", spec.title_names()),
            holder=spec.holder_id,
            deputy=spec.deputy_id,
            is_public=spec.is_public,
            order=order,
            valid_from=spec.valid_from or default_from,
        )


@write("commission.edit")
def create_commission(
    name: str | Names, seats: Sequence[SeatSpec], *, level: str = "other", place: str | Names = ""
) -> CommissionView:
    """Create a commission with its whole composition, checked against R-COMP-1; its name
    and place in one language or per language (v13)."""
    names, places = _checked_names(name, place)
    _validate(seats)
    commission = models.Commission.create(
        level=level, **name_values("name", names), **name_values("place", places)
    )
    _create_seats(commission, seats, None)
    record_history(
        "commission.create",
        "commission",
        commission.uuid,
        after={"name": commission.name, "seats": len(seats)},
    )
    return get_commission(commission.id)


def _checked_names(name: str | Names, place: str | Names) -> tuple[Names, Names]:
    names, places = Names.of(name), Names.of(place)
    check_names({"name": names, "place": places})
    if not names:
        raise ServiceError(
            "the commission needs a name", field="name", key="commission_name_missing"
        )
    return names, places


@write("commission.edit")
def rename_commission(commission_id: int, name: str | Names, place: str | Names) -> CommissionView:
    """The commission's name and place per language (issue 15 item 6)."""
    _rename(_commission(commission_id), *_checked_names(name, place))
    return get_commission(commission_id)


def _commission(commission_id: int) -> models.Commission:
    commission = models.Commission.get_or_none(models.Commission.id == commission_id)
    if commission is None:
        raise NotFound(
            f"no commission {commission_id}",
            key="not_found_commission",
            params={"id": commission_id},
        )
    return commission


def _rename(commission: models.Commission, names: Names, places: Names) -> None:
    before = {"name": names_of(commission, "name"), "place": names_of(commission, "place")}
    set_names(commission, "name", names)
    set_names(commission, "place", places)
    after = {"name": names_of(commission, "name"), "place": names_of(commission, "place")}
    if after != before:
        commission.save()
        record_history(
            "commission.rename",
            "commission",
            commission.uuid,
            before={k: v.variants() for k, v in before.items()},
            after={k: v.variants() for k, v in after.items()},
        )


@write("commission.edit")
def replace_composition(
    commission_id: int,
    seats: Sequence[SeatSpec],
    *,
    name: str | Names | None = None,
    place: str | Names | None = None,
) -> CommissionView:
    """Replace the composition; seats that already sat in a sitting are kept and closed.
    With ``name`` and ``place``, the commission is renamed in the same transaction."""
    renamed = _checked_names(name, place or "") if name is not None else None
    _validate(seats)
    commission = _commission(commission_id)
    if renamed is not None:
        _rename(commission, *renamed)
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
    commission = _commission(commission_id)
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
        names=names_of(commission, "name"),
        places=names_of(commission, "place"),
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
        raise NotFound(f"no seat {seat_id}", key="not_found_seat", params={"id": seat_id})
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
            titles=names_of(s, "position_title"),
        )
        for s in seats
    ]
