"""Local accounts: who may sign in, with which role, and (for a member) which seat.

Passwords are kept only as argon2id hashes. Before the first account exists the
installation runs as the local administrator; from then on every service asks
for a signed-in user (services.permissions.require).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kzcommission.i18n import refusal_reason
from kzcommission.services import permissions
from kzcommission.services.context import Actor, current_actor, set_actor
from kzcommission.services.errors import NotFound, PermissionDenied, ServiceError
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import UserAccount

MIN_PASSWORD = 8
# After sign-out or the idle lock nobody is acting: every service refuses.
SIGNED_OUT = Actor(name="(signed out)", role="")

_hasher = PasswordHasher()
# Checked when the name is unknown, so a wrong name costs what a wrong password does
# and the time taken does not tell which names exist.
_DUMMY_HASH = _hasher.hash("not a password of anyone here")

# Password guessing (issue 18), declared once: after MAX_FAILURES wrong passwords in a
# row for one name within LOCKOUT, that name is refused until LOCKOUT has passed; on a
# desk, each failure in a row waits longer before its answer (seconds, the last repeats).
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
DESK_DELAYS_S: tuple[float, ...] = (0.0, 0.5, 1.0, 2.0, 4.0)
FAILED, SIGNED_IN = "user.signin_failed", "user.signin"
_sleep = time.sleep  # tests replace it
_desk_failures = 0


class AuthenticationFailed(PermissionDenied):
    """Wrong name or password. One message for both, so names cannot be probed."""


class SignInLocked(AuthenticationFailed):
    """Too many wrong passwords for this name: refused until the lockout has passed."""

    def __init__(self, minutes: int):
        self.minutes = minutes
        super().__init__(
            f"too many wrong passwords for this name: try again in {minutes} minutes",
            field="password",
            key="account_sign_in_locked",
            params={"minutes": minutes},
        )

    def detail_in(self, lang: str) -> str:
        """The reason in the user's language (the catalogue text the refusal names)."""
        return refusal_reason(self, lang) or str(self)


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    role: str
    full_name: str
    seat_uuid: str | None
    active: bool


def _view(u: UserAccount) -> UserView:
    return UserView(u.id, u.name, u.role, u.full_name, u.seat_uuid, u.active)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ServiceError(
            f"a password needs at least {MIN_PASSWORD} characters",
            field="password",
            key="account_password_too_short",
            params={"minimum": MIN_PASSWORD},
        )


def login_required() -> bool:
    return permissions.accounts_exist()


@write("user.manage")
def create_user(
    name: str,
    password: str,
    role: str,
    *,
    seat_uuid: str | None = None,
    full_name: str = "",
) -> UserView:
    name = name.strip()
    if not name:
        raise ServiceError("an account needs a name", field="name", key="account_name_missing")
    if role not in permissions.ROLES:
        raise ServiceError(
            f"unknown role {role!r}; one of {', '.join(permissions.ROLES)}",
            field="role",
            key="account_role_unknown",
            params={"role": role, "roles": ", ".join(permissions.ROLES)},
        )
    if not UserAccount.select().exists() and role != permissions.ADMINISTRATOR:
        # The first account replaces the local administrator: it must be one.
        raise ServiceError(
            "the first account must be an administrator",
            field="role",
            key="account_first_not_administrator",
        )
    if role in (permissions.MEMBER, permissions.CHAIR):
        if not seat_uuid:
            raise ServiceError(
                "a member's account is linked to his seat",
                field="seat",
                key="account_member_needs_seat",
            )
    if seat_uuid and models.Seat.get_or_none(models.Seat.uuid == seat_uuid) is None:
        raise NotFound(
            f"no seat {seat_uuid}", field="seat", key="not_found_seat", params={"id": seat_uuid}
        )
    if UserAccount.get_or_none(UserAccount.name == name) is not None:
        raise ServiceError(
            f"an account named {name!r} exists already",
            field="name",
            key="account_name_taken",
            params={"name": name},
        )
    _check_password(password)
    user = UserAccount.create(
        name=name,
        role=role,
        password_hash=_hasher.hash(password),
        seat_uuid=seat_uuid,
        full_name=full_name,
    )
    permissions.forget_accounts_check()
    # Never the hash in the history: only who, which role, which seat.
    record_history("user.create", "user", name, after={"role": role, "seat": seat_uuid or ""})
    return _view(user)


def verify_credentials(name: str, password: str) -> Actor:
    """Check a name and password and return who that is, without signing him in.

    For a second person confirming one act at the desk of the signed-in user
    (the chair confirming his review at the secretary's keyboard).
    """
    global _desk_failures
    name = name.strip()
    locked_for = _locked_for(name)
    if locked_for:
        _record(FAILED, name, {"locked": True})
        raise SignInLocked(locked_for)
    _sleep(DESK_DELAYS_S[min(_desk_failures, len(DESK_DELAYS_S) - 1)])
    user = UserAccount.get_or_none((UserAccount.name == name) & UserAccount.active)
    try:
        _hasher.verify(user.password_hash if user is not None else _DUMMY_HASH, password)
        if user is None:
            raise VerificationError("no such user")
    except (VerificationError, InvalidHashError) as exc:
        _desk_failures += 1
        _record(FAILED, name, {"desk_failures": _desk_failures})
        raise AuthenticationFailed(
            "wrong name or password", field="password", key="account_wrong_name_or_password"
        ) from exc
    _desk_failures = 0
    with models.database.atomic():  # the stronger hash is sealed by the sign-in entry
        if _hasher.check_needs_rehash(user.password_hash):
            # Parameters were raised since the hash was made: store a stronger one.
            UserAccount.update(password_hash=_hasher.hash(password)).where(
                UserAccount.id == user.id
            ).execute()
        _record(SIGNED_IN, name, {"role": user.role})
    return Actor(name=user.name, role=user.role, seat_uuid=user.seat_uuid, user_id=user.id)


def _record(action: str, name: str, after: dict) -> None:
    """Every sign-in and every failure is a history entry (never the password)."""
    with models.database.atomic():
        record_history(action, "user", name, after=after)


def _locked_for(name: str) -> int:
    """Minutes left of this name's lockout (0: none): MAX_FAILURES failures in a row
    within LOCKOUT, counted back from the latest entry to the last sign-in."""
    entry = models.HistoryEntry
    recent = (
        entry.select(entry.action, entry.at)
        .where(
            (entry.entity == "user")
            & (entry.entity_id == name)
            & (entry.action.in_((FAILED, SIGNED_IN)))
        )
        .order_by(entry.id.desc())
        .limit(MAX_FAILURES)
    )
    times = []
    for row in recent:
        if row.action != FAILED:
            break
        times.append(row.at)
    if len(times) < MAX_FAILURES:
        return 0
    left = (times[0] + LOCKOUT - models.now()).total_seconds()
    return math.ceil(left / 60) if left > 0 else 0


def authenticate(name: str, password: str) -> Actor:
    """Check the password and make the user the current actor."""
    actor = verify_credentials(name, password)
    set_actor(actor)
    return actor


def sign_out() -> None:
    """Nobody acts until the next sign-in (sign-out, idle lock)."""
    set_actor(SIGNED_OUT)


@read("user.own_password")
def change_password(name: str, new_password: str, *, old_password: str | None = None) -> None:
    """A user changes his own password (with the old one); an administrator anyone's."""
    actor = current_actor()
    own = actor.name == name and actor.user_id is not None
    if own:
        if old_password is None:
            raise ServiceError(
                "give your current password",
                field="old_password",
                key="account_current_password_missing",
            )
        user = UserAccount.get_or_none(UserAccount.name == name)
        try:
            _hasher.verify(user.password_hash if user else "", old_password or "")
        except (VerificationError, InvalidHashError) as exc:
            raise AuthenticationFailed(
                "the current password is wrong",
                field="old_password",
                key="account_current_password_wrong",
            ) from exc
        _set_password(name, new_password)
    else:
        _set_password_as_admin(name, new_password)


def _store_password(name: str, new_password: str) -> None:
    _check_password(new_password)
    updated = (
        UserAccount.update(
            password_hash=_hasher.hash(new_password), password_changed_at=models.now()
        )
        .where(UserAccount.name == name)
        .execute()
    )
    if not updated:
        raise NotFound(
            f"no account {name!r}", field="name", key="account_not_found", params={"name": name}
        )
    record_history("user.password", "user", name, after={"changed": True})


@write("user.own_password")
def _set_password(name: str, new_password: str) -> None:
    _store_password(name, new_password)


@write("user.manage")
def _set_password_as_admin(name: str, new_password: str) -> None:
    _store_password(name, new_password)


@write("user.manage")
def set_active(name: str, active: bool) -> UserView:
    user = UserAccount.get_or_none(UserAccount.name == name)
    if user is None:
        raise NotFound(
            f"no account {name!r}", field="name", key="account_not_found", params={"name": name}
        )
    if not active and user.role == permissions.ADMINISTRATOR:
        others = (
            UserAccount.select()
            .where(
                (UserAccount.role == permissions.ADMINISTRATOR)
                & UserAccount.active
                & (UserAccount.id != user.id)
            )
            .exists()
        )
        if not others:
            raise ServiceError(
                "the last administrator cannot be deactivated",
                field="active",
                key="account_last_administrator",
            )
    before = user.active
    user.active = active
    user.save()
    record_history("user.active", "user", name, before={"active": before}, after={"active": active})
    return _view(user)


@read("user.manage")
def list_users() -> list[UserView]:
    return [_view(u) for u in UserAccount.select().order_by(UserAccount.name)]
