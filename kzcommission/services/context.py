"""Who is acting. A desktop process has one signed-in user at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    name: str
    role: str  # administrator / secretary / chair / member / viewer
    seat_uuid: str | None = None  # the member's own seat, for his scorecards
    user_id: int | None = None


# Before any account exists the installation is run by its administrator-secretary.
LOCAL_OPERATOR = Actor(name="local", role="administrator")

_current: Actor = LOCAL_OPERATOR


def current_actor() -> Actor:
    return _current


def set_actor(actor: Actor) -> None:
    global _current
    _current = actor


def reset_actor() -> None:
    set_actor(LOCAL_OPERATOR)


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """One act done by another person at this desk; the signed-in user is back after."""
    previous = _current
    set_actor(actor)
    try:
        yield actor
    finally:
        set_actor(previous)
