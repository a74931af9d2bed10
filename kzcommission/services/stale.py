"""Saving from a form over the version of the record it loaded (issue 22 item 8).

Two desks on one PostgreSQL server may open the same record. A form keeps what it
loaded: that is its version. Its save goes through :func:`save_over`, inside the save's
own transaction: the record's row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite
writes one at a time), the record is read again as it now is and compared part by part
with what the form loaded. A part that differs was saved on another desk since: the
save is refused with :class:`ChangedElsewhere`, naming those parts and carrying the
record as it now is for the form to reload, and nothing is written. Otherwise the
change runs in the same transaction, so nobody can slip in between the check and it.

The personnel record, a case's interview texts and the evaluation sheets (corps A and
corps B) all save this way; each says which of its parts count (``facts``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

from peewee import Model

from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr
from kzcommission.services.errors import NotFound, ServiceError

V = TypeVar("V")
R = TypeVar("R")
_ABSENT = object()


class ChangedElsewhere(ServiceError):
    """Someone saved the record since this form loaded it. ``changed``: the parts that
    differ (by name); ``current``: the record as it now is (None: there is none now)."""

    def __init__(self, record: str, changed: tuple[str, ...], current: object) -> None:
        self.record = record
        self.changed = changed
        self.current = current
        super().__init__(
            f"{changed[0]}: changed on another desk since you opened the {record} "
            f"({', '.join(changed)}); nothing saved, reload it",
            field=changed[0],
        )

    def detail_in(self, lang: str) -> str:
        """The refusal in ``lang``: each changed part by its field's name where it has one."""
        known = catalogue(REFERENCE_LANGUAGE)
        names = (tr(f"field.{p}", lang) if f"field.{p}" in known else p for p in self.changed)
        return tr("changed.text", lang, parts=", ".join(dict.fromkeys(names)))


def parts_of(view: object, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """A view's parts by field name (a dataclass), without ``leave_out``; None has none."""
    if view is None:
        return {}
    assert is_dataclass(view), type(view)
    return {f.name: getattr(view, f.name) for f in fields(view) if f.name not in leave_out}


def changed_parts(loaded: Mapping[str, object], current: Mapping[str, object]) -> tuple[str, ...]:
    """The parts whose value differs between two versions, in the order they are listed
    (a part one version has and the other has not differs)."""
    names = dict.fromkeys([*loaded, *current])
    return tuple(n for n in names if loaded.get(n, _ABSENT) != current.get(n, _ABSENT))


def save_over(
    loaded: Mapping[str, object],
    table: type[Model],
    row_id: int,
    current: Callable[[], V],
    facts: Callable[[V], Mapping[str, object]],
    change: Callable[[], R],
    *,
    record: str,
) -> R:
    """Run ``change`` only if the record is still as the form loaded it.

    ``loaded``: the parts the form loaded (``facts`` of the view it showed); ``table``
    and ``row_id``: the row that stands for the record (locked before reading it);
    ``current``: the record as it now is; ``record``: what it is called in the refusal.
    Call it inside the save's transaction (a ``@write`` service)."""
    from kzcommission.store.raw import is_postgres

    key = table._meta.primary_key
    lock = table.select(key).where(key == row_id)
    if is_postgres():
        lock = lock.for_update()
    if lock.first() is None:
        raise NotFound(
            f"the {record} to save does not exist",
            field=record,
            key="not_found_record_to_save",
            params={"record_key": f"refusal.entry.{record}"},
        )
    now = current()
    changed = changed_parts(loaded, facts(now))
    if changed:
        raise ChangedElsewhere(record, changed, now)
    return change()
