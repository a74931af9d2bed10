"""An in-memory prefix index of the roster, so filtering 100,000 names stays under 30 ms.

The store has no index on names and a LIKE over every row costs 50-200 ms; the
index is built once in the background (``persons.name_keys``) and answers a
prefix with a bisection. Until it is ready the model falls back to the service.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable

from kzcommission.services.installation import database
from kzcommission.services.preparation import persons
from kzcommission.ui.tasks import TaskContext, run_task


class NameIndex:
    def __init__(
        self, rows: list[tuple[int, str, str, str]], stamp: tuple[int, int] = (0, 0)
    ) -> None:
        self.stamp = stamp  # the opening of the database and the roster it was built from
        entries: list[tuple[str, int, int]] = []
        for person_id, surname, given, number in rows:
            # "surname given" also answers a prefix of the surname alone.
            entries.append((f"{surname} {given}".casefold(), person_id, 1))
            entries.append((given.casefold(), person_id, 0))
            if number:
                entries.append((number.casefold(), person_id, 0))
        entries.sort()
        self.keys = [key for key, _, _ in entries]
        self.ids = array("q", (person_id for _, person_id, _ in entries))
        self.full = bytes(full for _, _, full in entries)  # 1 on the "surname given" keys

    def search(self, text: str, limit: int) -> list[int]:
        prefix = " ".join(text.split()).casefold()
        start = bisect_left(self.keys, prefix)
        found: dict[int, None] = {}
        for index in range(start, len(self.keys)):
            if not self.keys[index].startswith(prefix) or len(found) >= limit:
                break
            if prefix or self.full[index]:  # nothing typed: the roster in surname order
                found.setdefault(self.ids[index])
        return list(found)


_index: NameIndex | None = None
_building = False
_waiting: list[Callable[[], None]] = []
_epoch = 0  # bumped when the roster changes: an index built before is stale


def _stamp() -> tuple[int, int]:
    return database.generation(), _epoch


def when_ready(callback: Callable[[], None]) -> None:
    """Call ``callback`` once the index is built (at once if it is); a lister refreshes."""
    if current() is not None:
        callback()
    else:
        _waiting.append(callback)


def current() -> NameIndex | None:
    global _index
    if _index is not None and _index.stamp != _stamp():
        _index = None  # built from a database since closed, or before an import
    return _index


def invalidate() -> None:
    """After the roster changed: the next search goes to the database until rebuilt."""
    global _index, _epoch
    _index = None
    _epoch += 1


def build_in_background() -> None:
    global _building
    if current() is not None or _building:
        return
    _building = True

    stamp = _stamp()

    def work(_ctx: TaskContext) -> NameIndex:
        return NameIndex(persons.name_keys(), stamp)

    def done(index: NameIndex) -> None:
        global _index, _building
        _index, _building = index, False
        if current() is None:  # the roster changed while it was built: once more
            build_in_background()
            return
        callbacks = list(_waiting)
        _waiting.clear()
        for callback in callbacks:
            try:
                callback()
            except RuntimeError:  # its widget went meanwhile
                pass

    def failed(_exc: BaseException) -> None:
        global _building
        _building = False  # the service search keeps working without the index

    run_task(work, done, on_error=failed)


def search(text: str, limit: int) -> list[persons.PersonView]:
    index = current()
    if index is None:
        # Before the index is ready an empty filter lists nobody rather than sort everyone.
        return persons.search_persons(text, limit=limit) if text.strip() else []
    views = persons.get_persons(index.search(text, limit))
    return sorted(views, key=lambda p: (p.full_name.casefold(), p.personnel_number))
