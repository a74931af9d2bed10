"""One service call = one transaction, its permission check, and its history entries."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ParamSpec, TypeVar

from peewee import OperationalError

from kzcommission.services import permissions
from kzcommission.services.context import current_actor
from kzcommission.services.errors import ServiceError
from kzcommission.services.trust import history
from kzcommission.store import models

P = ParamSpec("P")
T = TypeVar("T")


def write(action: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Run the service in a transaction after checking ``action`` for the actor.

    The commit happens before the call returns, so whatever the screen shows as
    saved is on disk (synchronous=FULL).
    """

    def decorate(func: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            permissions.require(action)
            try:
                with models.database.atomic():
                    history.begin_write()
                    result = func(*args, **kwargs)
                    history.seal_trailing()
                    return result
            except OperationalError as exc:
                raise _storage_refusal(exc) from exc

        return guarded(run, action)

    return decorate


class StorageFull(ServiceError):
    """The disk (or the server's) is full: the transaction was rolled back."""


def _storage_refusal(exc: Exception) -> Exception:
    """A full disk in words; SQLite's own rollback after SQLITE_FULL makes the driver's
    rollback fail with "no transaction is active", which hid the real cause before."""
    text = str(exc).lower()
    if "full" in text or "no transaction is active" in text or "no space" in text:
        return StorageFull("the disk is full; nothing was changed", field="disk", key="disk_full")
    return exc


def read(action: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Check ``action`` before a read of confidential data (R-CAL-4); no transaction."""

    def decorate(func: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            permissions.require(action)
            return func(*args, **kwargs)

        return guarded(run, action)

    return decorate


def guarded(func: Callable[P, T], action: str) -> Callable[P, T]:
    """Mark ``func`` as checking ``action`` first: the suite lists every public service
    function and accepts only marked ones or those its allow-list explains (issue 18)."""
    func.__permission__ = action  # type: ignore[attr-defined]
    return func


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(fields: dict[str, Any] | None) -> str:
    if not fields:
        return ""
    return json.dumps({k: _plain(v) for k, v in fields.items()}, ensure_ascii=False, sort_keys=True)


def record_history(
    action: str,
    entity: str,
    entity_id: str,
    *,
    sitting: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    written: history.Written | None = None,
) -> None:
    """Append who did what, with the values before and after (inside the caller's transaction).

    The entry joins the keyed chain of the history (see services.trust.history); ``written``:
    what the write just before returned (``history.write_returning``), sealed unread.
    """
    history.append(
        actor=current_actor().name,
        action=action,
        entity=entity,
        entity_id=entity_id,
        sitting=sitting,
        before=snapshot(before),
        after=snapshot(after),
        written=written,
    )
