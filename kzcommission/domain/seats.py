"""The one type of a seat's id, from the database through the services to the rules.

A seat id is the seat's database key (an int). The rules take it as it is; the
exchange import numbers a package's seats before it recounts them, so no seat
reaches the rules as a string (issue 20).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

SeatId: TypeAlias = int


def check_seat_ids(seats: Iterable[object]) -> None:
    """Refuse a seat id that is not a SeatId: a caller's mistake, never a rule's refusal.

    The type checker sees the annotated callers; this catches the ones it cannot,
    such as ids read from a package's JSON.
    """
    for seat in seats:
        if not isinstance(seat, int) or isinstance(seat, bool):
            raise TypeError(f"a seat id is an int (SeatId), got {seat!r}")


def seat_text(seat: SeatId | None) -> str:
    """A seat as the rules' English messages name it ('12'), so the services can put
    the member's name in its place."""
    return repr(None if seat is None else str(seat))
