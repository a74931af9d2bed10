"""The state the history implies, row by row, and its comparison with the tables (issue 17).

Every history entry seals the images of the rows its write touched (the
database's triggers note them: ``store.row_journal``). Replaying the history in
order gives, for every tracked (table, row id), its last sealed image and the
entry that sealed it; ``verify-db`` compares that with every row of every
tracked table and names each row missing, extra or differing, with its field.

An image is the row's columns as text; a long text or a file's bytes is kept
as its SHA-256, which is enough to say which field changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from kzcommission.store import models, row_journal

LONG = 64  # a value longer than this is kept as its digest
DIGEST = "sha256:"

Image = dict[str, str | None]
Images = dict[str, dict[str, Image | None]]  # table -> row id -> image (None: deleted)


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return DIGEST + hashlib.sha256(bytes(value)).hexdigest()[:32]
    text = str(value)
    if len(text) > LONG:
        return DIGEST + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return text


def image(table: str, columns: list[str], row: tuple) -> Image:
    skip = row_journal.LEFT_OUT.get(table, frozenset())
    return {c: _plain(v) for c, v in zip(columns, row, strict=True) if c not in skip}


def images_by_id(
    table: str, columns: list[str], rows: Iterable[tuple]
) -> Iterable[tuple[str, Image]]:
    """(row id, image) of each whole row of ``table`` (its columns named ``columns``)."""
    index = columns.index("id")
    for row in rows:
        yield str(row[index]), image(table, columns, row)


def _select(table: str, where: str = "", params: tuple = ()) -> Iterable[tuple[str, Image]]:
    cursor = models.database.execute_sql(f'SELECT * FROM "{table}"{where}', params)
    return images_by_id(table, [d[0] for d in cursor.description], cursor)


def images_of(touched: dict[str, list[int]]) -> Images:
    """The current images of the rows a write touched (None for a row it deleted)."""
    result: Images = {}
    p = models.database.param
    for table in sorted(touched):
        ids = sorted(set(touched[table]))
        found = dict(_select(table, f" WHERE id IN ({', '.join([p] * len(ids))})", tuple(ids)))
        result[table] = {str(i): found.get(str(i)) for i in ids}
    return result


def table_images(table: str) -> dict[str, Image | None]:
    """Every row of one table (the baseline of a database written before v17)."""
    return dict(_select(table))


def merge(first: Images, then: Images) -> Images:
    """Both sets of images, row by row (``then`` wins for a row in both)."""
    merged = {table: dict(rows) for table, rows in first.items()}
    for table, rows in then.items():
        merged.setdefault(table, {}).update(rows)
    return merged


def encode(images: Images) -> str:
    if not images:
        return ""
    return json.dumps(images, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


State = dict[tuple[str, str], tuple[Image | None, int]]


def fold(state: State, seq: int, text: str) -> None:
    """Replay one entry's images into ``state``: (table, row id) -> (last sealed image,
    seq of the entry that sealed it). Folded entry by entry, so only the last image of
    each row is kept in memory, not the whole history's."""
    try:
        images = json.loads(text)
    except ValueError:
        return  # a damaged entry is reported by the chain check
    if not isinstance(images, dict):
        return
    for table, rows in images.items():
        if isinstance(rows, dict):
            for row_id, img in rows.items():
                state[(table, str(row_id))] = (img if isinstance(img, dict) else None, seq)


def _short(value: str | None, limit: int = 60) -> str:
    if value is None:
        return "empty"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


INSERTED, INSERTED_AFTER_DELETE, ALTERED, DELETED = (
    "inserted",
    "inserted_after_delete",
    "altered",
    "deleted",
)


class Difference(NamedTuple):
    """A row that differs from its sealed image: ``what`` in English (verify-db), ``how``
    one of the four codes above and, for an altered row, (column, now, sealed) each."""

    table: str
    row: str
    field: str
    seq: int | None
    what: str
    how: str
    changes: tuple[tuple[str, str | None, str | None], ...] = ()


def differences(state: State, present: Iterable[str]) -> list[Difference]:
    """Each row that differs from its sealed image, table by table."""
    found: list[Difference] = []
    state = dict(state)
    tables = [t for t in row_journal.TRACKED if t in set(present)]
    for table in tables:
        for row_id, now in _select(table, " ORDER BY id"):
            sealed, seq = state.pop((table, row_id), (None, None))
            if sealed is None:
                how = f"history entry #{seq} deleted it" if seq else "no history entry wrote it"
                code = INSERTED_AFTER_DELETE if seq else INSERTED
                what = f"it is in the table, but {how}: inserted"
                found.append(Difference(table, row_id, "", seq, what, code))
                continue
            changed = [n for n in sorted(set(sealed) | set(now)) if sealed.get(n) != now.get(n)]
            if changed:
                what = "; ".join(
                    f"{n} reads {_short(now.get(n))}, sealed {_short(sealed.get(n))}"
                    for n in changed
                )
                changes = tuple((n, now.get(n), sealed.get(n)) for n in changed)
                what = f"{what} (history entry #{seq}): altered"
                found.append(Difference(table, row_id, changed[0], seq, what, ALTERED, changes))
    for (table, row_id), (sealed, seq) in sorted(
        state.items(), key=lambda item: (item[0][0], len(item[0][1]), item[0][1])
    ):
        if sealed is not None and table in tables:
            what = f"history entry #{seq} sealed it, it is gone: deleted"
            found.append(Difference(table, row_id, "", seq, what, DELETED))
    return found
