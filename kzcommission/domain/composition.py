"""Who sits on a commission and who counts (R-COMP-1 to R-COMP-3, R-QUO-3)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Role
from kzcommission.domain.seats import SeatId


@dataclass(frozen=True)
class SeatInfo:
    """A seat as the rules see it: a position, filled by a person (R-COMP-3).

    ``is_public`` marks a public or academic representative; such a seat counts
    as a member when the composition order names it as one (R-QUO-3).
    """

    seat_id: SeatId
    role: Role
    holder: str | None = None
    is_public: bool = False


def voting_seats(seats: Iterable[SeatInfo]) -> list[SeatInfo]:
    """The composition for quorum and votes: chair and members, never the secretary.

    R-COMP-2 (the secretary does not vote); R-QUO-1 Reading; R-QUO-3.
    """
    return [s for s in seats if s.role in (Role.CHAIR, Role.MEMBER)]


def check_composition(seats: Sequence[SeatInfo]) -> None:
    """R-COMP-1: exactly one chair (a member), at least one other member, one secretary."""
    chairs = [s for s in seats if s.role == Role.CHAIR]
    secretaries = [s for s in seats if s.role == Role.SECRETARY]
    members = [s for s in seats if s.role == Role.MEMBER]
    if len(chairs) != 1:
        raise RuleError(
            f"a commission has exactly one chair, found {len(chairs)}",
            rule_id="R-COMP-1",
            field="chair",
            key="comp_one_chair",
            params={"found": len(chairs)},
        )
    if len(secretaries) != 1:
        raise RuleError(
            f"a commission has exactly one secretary, found {len(secretaries)}",
            rule_id="R-COMP-1",
            field="secretary",
            key="comp_one_secretary",
            params={"found": len(secretaries)},
        )
    if not members:
        raise RuleError(
            "a commission needs members besides its chair",
            rule_id="R-COMP-1",
            field="members",
            key="comp_members_needed",
        )
    holders = [s.holder for s in seats if s.holder]
    doubled = sorted({h for h in holders if holders.count(h) > 1})
    if doubled:
        raise RuleError(
            f"one person holds several seats: {', '.join(doubled)}",
            rule_id="R-COMP-3",
            field="holder",
            key="comp_person_holds_several_seats",
            params={"holders": ", ".join(doubled)},
        )
