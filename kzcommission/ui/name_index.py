"""An in-memory prefix index of the roster, so filtering 100,000 names stays under 30 ms.

The store has no index on names and a LIKE over every row costs 50-200 ms; the
index is built once in the background (``persons.name_keys``) and answers a
prefix with a bisection. Until it is ready the model falls back to the service.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from kzcommission.services import persons
from kzcommission.ui.tasks import TaskContext, run_task


class NameIndex:
    def __init__(self, rows: list[tuple[int, str, str, str]]) -> None:
        entries: list[tuple[str, int]] = []
        for person_id, surname, given, number in rows:
            # "surname given" also answers a prefix of the surname alone.
            entries.append((f"{surname} {given}".casefold(), person_id))
            entries.append((given.casefold(), person_id))
            if number:
                entries.append((number.casefold(), person_id))
        entries.sort()
        self.keys = [key for key, _ in entries]
        self.ids = array("q", (person_id for _, person_id in entries))

    def search(self, text: str, limit: int) -> list[int]:
        prefix = " ".join(text.split()).casefold()
        start = bisect_left(self.keys, prefix)
        found: dict[int, None] = {}
        for index in range(start, len(self.keys)):
            if not self.keys[index].startswith(prefix) or len(found) >= limit:
                break
            found.setdefault(self.ids[index])
        return list(found)


_index: NameIndex | None = None
_building = False


def current() -> NameIndex | None:
    return _index


def invalidate() -> None:
    """After the roster changed: the next search goes to the database until rebuilt."""
    global _index
    _index = None


def build_in_background() -> None:
    global _building
    if _index is not None or _building:
        return
    _building = True

    def work(_ctx: TaskContext) -> NameIndex:
        return NameIndex(persons.name_keys())

    def done(index: NameIndex) -> None:
        global _index, _building
        _index, _building = index, False

    def failed(_exc: BaseException) -> None:
        global _building
        _building = False  # the service search keeps working without the index

    run_task(work, done, on_error=failed)


def search(text: str, limit: int) -> list[persons.PersonView]:
    index = _index
    if index is None:
        # Before the index is ready an empty filter lists nobody rather than sort everyone.
        return persons.search_persons(text, limit=limit) if text.strip() else []
    views = persons.get_persons(index.search(text, limit))
    return sorted(views, key=lambda p: (p.full_name.casefold(), p.personnel_number))
