"""Quorum of a sitting (R-QUO-1, R-QUO-2).

Reading of R-QUO-1 (Decree 490 §12): the composition is the voting members,
chair included and secretary not; a sitting is valid when at least two thirds
of them attend, computed in integers as ``3 * present >= 2 * members``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from kzcommission.domain.errors import RuleError
from kzcommission.domain.seats import SeatId

# The fraction of the composition that must attend (R-QUO-1): two thirds.
QUORUM_NUMERATOR = 2
QUORUM_DENOMINATOR = 3
# Attendance marks that put a member in the room (R-QUO-2); "absent" and "left" do not.
IN_ROOM: frozenset[str] = frozenset({"present", "late"})


def _check_members(members: int) -> None:
    if members < 1:
        raise RuleError(
            f"a commission needs at least one voting member, got {members}",
            rule_id="R-QUO-1",
            field="members",
            key="quo_no_voting_member",
            params={"members": members},
        )


def required_quorum(members: int) -> int:
    """How many voting members must attend: ceil(2n/3) (R-QUO-1)."""
    _check_members(members)
    return -(-QUORUM_NUMERATOR * members // QUORUM_DENOMINATOR)


def has_quorum(present: int, members: int) -> bool:
    """True when ``present`` of ``members`` voting members make a valid sitting (R-QUO-1)."""
    _check_members(members)
    if present < 0 or present > members:
        raise RuleError(
            f"present must lie between 0 and {members}, got {present}",
            rule_id="R-QUO-1",
            field="present",
            key="quo_present_out_of_range",
            params={"members": members, "present": present},
        )
    return QUORUM_DENOMINATOR * present >= QUORUM_NUMERATOR * members


@dataclass(frozen=True)
class QuorumState:
    """What the quorum indicator shows; recomputed on every attendance change (R-QUO-2)."""

    present: int
    members: int
    required: int
    valid: bool

    @classmethod
    def of(cls, present: int, members: int) -> QuorumState:
        return cls(present, members, required_quorum(members), has_quorum(present, members))


def check_quorum_for_vote(state: QuorumState) -> None:
    """Refuse a ballot while quorum is missing (R-QUO-2)."""
    if not state.valid:
        raise RuleError(
            f"quorum is missing: {state.present} of {state.members} present, "
            f"{state.required} needed; no vote may be recorded",
            rule_id="R-QUO-2",
            key="quo_missing",
            params={
                "present": state.present,
                "members": state.members,
                "required": state.required,
            },
        )


def in_room_when(events: Iterable[tuple[SeatId, str, datetime]], moment: datetime) -> set[SeatId]:
    """The seats in the room at ``moment``, from the attendance log (R-QUO-2).

    ``events`` are (seat, kind, at); the last event of a seat at or before the
    moment says whether he was in the room. Events are taken in time order,
    ties in the order given (the store's insertion order).
    """
    latest: dict[SeatId, str] = {}
    for seat, kind, at in sorted(events, key=lambda e: e[2]):
        if at > moment:
            break
        latest[seat] = kind
    return {seat for seat, kind in latest.items() if kind in IN_ROOM}
