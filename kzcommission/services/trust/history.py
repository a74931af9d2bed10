"""The tamper-evident history: each entry chained to the previous one by a keyed hash.

mac(n) = HMAC-SHA256(key, mac(n-1) | canonical(entry n)), the first entry chained
to the installation's id. The key is the installation's history key, kept in the
secrets store (never in the database). Each entry also carries short per-field
tags, so a check can say which field of an altered entry changed. The head
(last sequence number and mac) is kept in ``schema_meta`` with its own MAC, so
entries cut from the end are noticed too.

When no key can be had (no keyring and no secrets file opened), entries are
still written in order but unsealed (empty mac). They are never sealed later by
an ordinary write, or a row forged while the key was away would be laundered:
an unsealed stretch stays "unverified" until an administrator, signed in and
shown the entries, adopts it (``services.trust.integrity.adopt``); the adoption is a
sealed entry naming the stretch, who adopted it and the digest of its entries.
A sealed entry that follows an unsealed one chains to the empty mac.

Since schema v17 each entry also seals the images of the rows its transaction
touched (noted by the database's triggers, ``store.row_journal``), so
``verify-db`` can replay the history into the state it implies and compare it
with the tables (``services.trust.row_state``). Rows a service changes after its last
entry are sealed at the end of its transaction (``seal_trailing``).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import PostgresqlDatabase

from kzcommission.services.trust import row_state, secrets
from kzcommission.store import models, raw, row_journal

# The fields covered by the chain, in serialization order.
FIELDS: tuple[str, ...] = (
    "seq",
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "sitting",
    "before",
    "after",
)
# The images of the rows the write touched (schema v17, services.trust.row_state): covered
# by the mac and given a tag only when the entry has some, so older entries verify as
# they were sealed.
IMAGES = "row_images"
COLUMNS: tuple[str, ...] = (*FIELDS, IMAGES)
TAG_CHARS = 8
INSTALLATION = "installation"
KEY_ID = "history_key_id"
HEAD = "history_head"


def sealed_fields(values: dict[str, Any]) -> tuple[str, ...]:
    """The fields an entry's mac covers: the row images only where it has some."""
    return COLUMNS if values.get(IMAGES) else FIELDS


def canonical(values: dict[str, Any]) -> bytes:
    """The bytes an entry's mac covers: its fields in fixed order, as compact JSON text;
    then, where it has row images, a record separator and the images' own JSON text (not
    quoted again: escaping them cost more than the mac)."""
    plain = [values["seq"], *(str(values[f]) if values[f] is not None else "" for f in FIELDS[1:])]
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    images = values.get(IMAGES)
    return text + b"\x1e" + str(images).encode("utf-8") if images else text


@functools.cache
def _keyed(key: bytes) -> Any:
    """The HMAC state after the key, copied for each entry (cheaper than a new one)."""
    return hmac.new(key, digestmod=hashlib.sha256)


def entry_mac(key: bytes, prev: str, values: dict[str, Any]) -> str:
    mac = _keyed(key).copy()
    mac.update(prev.encode("ascii") + b"|" + canonical(values))
    return mac.hexdigest()


def field_tags(key: bytes, values: dict[str, Any]) -> str:
    return ",".join(field_tag(key, f, values[f]) for f in sealed_fields(values))


def field_tag(key: bytes, name: str, value: Any) -> str:
    text = f"{name}={'' if value is None else value}".encode()
    return hmac.new(key, text, hashlib.sha256).hexdigest()[:TAG_CHARS]


def head_mac(key: bytes, seq: int, mac: str) -> str:
    return hmac.new(key, f"head|{seq}|{mac}".encode("ascii"), hashlib.sha256).hexdigest()[:32]


def genesis(installation: str) -> str:
    return f"genesis:{installation}"


def _meta(key: str) -> str | None:
    row = models.SchemaMeta.get_or_none(models.SchemaMeta.key == key)
    return row.value if row else None


def _set_meta(key: str, value: str) -> None:
    # Raw SQL: this runs on every history write, and building it through the query
    # builder cost more than the write itself. Upsert syntax of SQLite and PostgreSQL.
    p = models.database.param
    models.database.execute_sql(
        f'INSERT INTO schema_meta ("key", "value") VALUES ({p}, {p}) '
        'ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"',
        (key, value),
    )


def installation_id() -> str:
    """This database's identity: names its keys in the secrets store."""
    value = _meta(INSTALLATION)
    if value is None:
        # Two clients of one server may race here: the first id written wins.
        models.SchemaMeta.insert(
            key=INSTALLATION, value=str(uuid.uuid4())
        ).on_conflict_ignore().execute()
        value = _meta(INSTALLATION) or ""
    return value


def key_name(installation: str) -> str:
    return f"history-key:{installation}"


def key_id(key: bytes) -> str:
    return hmac.new(key, b"kzcommission history key id", hashlib.sha256).hexdigest()[:16]


@dataclass
class _Cache:
    db: object = None
    generation: int = -1
    installation: str = ""
    key: bytes | None = None
    problem: str = ""
    could_create: bool = False


_cache = _Cache()
# Why the key is not there (verify-db names them; a screen says them in words).
NO_KEY = "the history key of this database is not in the secrets store"
OTHER_KEY = "the secrets store holds a different history key than this database's"


def forget_key() -> None:
    """Drop the cached key (after the secrets store changed, or a database was swapped)."""
    global _cache
    _cache = _Cache()


def _load_key(create: bool) -> tuple[bytes | None, str]:
    installation = installation_id()
    try:
        store = secrets.current_store()
        text = store.get(key_name(installation))
    except secrets.SecretsError as exc:
        return None, str(exc)
    known = _meta(KEY_ID)
    if text is None:
        if known is not None or not create:
            return None, NO_KEY
        text = secrets.new_key_text()
        store.set(key_name(installation), text)
    key = secrets.key_bytes(text)
    if known is None:
        _set_meta(KEY_ID, key_id(key))
    elif known != key_id(key):
        return None, OTHER_KEY
    return key, ""


def history_key(create: bool = True) -> tuple[bytes | None, str]:
    """(key, problem): the installation's history key, created on first use when possible."""
    db = models.database.obj
    stale = _cache.db is not db or _cache.generation != secrets.generation()
    # A look that did not create (verify-db) must not stop a later write from creating.
    if stale or (_cache.key is None and create and not _cache.could_create):
        key, problem = _load_key(create)
        _cache.db, _cache.generation, _cache.key, _cache.problem = (
            db,
            secrets.generation(),
            key,
            problem,
        )
        _cache.could_create = create
    return _cache.key, _cache.problem


def _last() -> tuple[int, str] | None:
    return _last_and_head()[0]


def _last_and_head() -> tuple[tuple[int, str] | None, str | None]:
    """The last entry (seq, mac) and the head record, read together: one statement on
    every write (issue 20: a ballot key costs at most 10)."""
    row = models.database.execute_sql(
        'SELECT seq, mac, (SELECT "value" FROM schema_meta WHERE "key" = '
        f"{models.database.param}) FROM history_entry WHERE seq IS NOT NULL "
        "ORDER BY seq DESC LIMIT 1",
        (HEAD,),
    ).fetchone()
    if not row:
        return None, None
    return (int(row[0]), row[1] or ""), row[2]


def stretch_digest(rows: list[dict[str, Any]]) -> str:
    """SHA-256 over the canonical bytes of consecutive entries (an adopted stretch)."""
    digest = hashlib.sha256()
    for values in rows:
        digest.update(canonical(values))
        digest.update(b"\n")
    return digest.hexdigest()


ANOMALY = "history.anomaly"


# The last entry and the head record, read along with the journal's notes (when there
# are some) in one statement: a write touching rows costs no extra read for them.
_LAST = "FROM history_entry WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
_LAST_AND_HEAD_ALSO = (
    f"(SELECT seq {_LAST}), (SELECT mac {_LAST}), "
    f'(SELECT "value" FROM schema_meta WHERE "key" = \'{HEAD}\')'
)


def _notes_last_and_head() -> tuple[dict[str, list[int]], tuple[int, str] | None, str | None]:
    """(rows this transaction touched, the last entry (seq, mac), the head record)."""
    touched, row = row_journal.take(models.database.obj, also=_LAST_AND_HEAD_ALSO)
    if row is None:  # no notes: the read on its own
        return (touched, *_last_and_head())
    if row[0] is None:
        return touched, None, None
    return touched, (int(row[0]), row[1] or ""), row[2]


def _head_problem(key: bytes, last: tuple[int, str], head: str | None) -> str:
    """Why the head record does not vouch for the last sealed entry ("" when it does)."""
    if head is None:
        return f"the record of the last sealed entry was missing (last entry #{last[0]})"
    try:
        seq_text, mac, anchor = head.split(":")
        seq = int(seq_text)
    except ValueError:
        return "the record of the last sealed entry was damaged"
    if head_mac(key, seq, mac) != anchor:
        return "the record of the last sealed entry was altered"
    if (seq, mac) != last:
        return f"the record of the last sealed entry names #{seq}, the history ends at #{last[0]}"
    return ""


def _insert(
    key: bytes | None, last: tuple[int, str] | None, fields: dict[str, str]
) -> tuple[int, str]:
    seq = last[0] + 1 if last else 1
    values: dict[str, Any] = {"seq": seq, "at": str(models.now()), IMAGES: "", **fields}
    mac = tags = ""
    if key is not None:
        prev = last[1] if last else genesis(installation_id())
        mac, tags = entry_mac(key, prev, values), field_tags(key, values)
    p = models.database.param
    columns = (*COLUMNS, "mac", "tags")
    models.database.execute_sql(
        f"INSERT INTO history_entry ({', '.join(columns)}) "
        f"VALUES ({', '.join([p] * len(columns))})",
        (*(values[f] for f in COLUMNS), mac, tags),
    )
    return seq, mac


# Clients of one server append one at a time, or two would take the same seq: each
# append holds this lock (PostgreSQL) to the end of its transaction and reads the last
# entry only in a statement after the one that took it (READ COMMITTED: a later statement
# sees what the previous holder committed). Every append takes it anew: a lock taken in a
# savepoint that was rolled back since is no longer held.
_LOCK = "pg_advisory_xact_lock(7384215001)"
_LOCK_COLUMN = "kz_history_lock"


def lock() -> None:
    """Take the append lock for the rest of the transaction (PostgreSQL)."""
    if isinstance(models.database.obj, PostgresqlDatabase):
        models.database.execute_sql(f"SELECT {_LOCK}")


@dataclass(frozen=True)
class Written:
    """The rows one write statement returned (their images), and whether that statement
    took the append lock too."""

    images: row_state.Images
    locked: bool


def write_returning(table: str, sql: str, params: Sequence[Any]) -> Written:
    """Run one write of ``table`` (``sql``: an INSERT, UPDATE or upsert with ``?``
    placeholders, no RETURNING clause) and return the rows it wrote as the statement
    itself returned them. Pass them to the append that immediately follows, in the same
    savepoint (``written``): it seals them without reading them again, and needs no
    statement for the lock (issue 20: a ballot key costs at most 10 statements).

    On PostgreSQL the statement takes the append lock after the rows' own locks: the
    order in which every write takes them (its rows, then its entry), so that two writes
    never wait for each other."""
    postgres = isinstance(models.database.obj, PostgresqlDatabase)
    lock_column = f", {_LOCK} AS {_LOCK_COLUMN}" if postgres else ""
    columns, rows = raw.returning(f"{sql} RETURNING *{lock_column}", params)
    if postgres:
        columns, rows = columns[:-1], [row[:-1] for row in rows]
    images = {table: dict(row_state.images_by_id(table, columns, rows))}
    return Written(images, locked=postgres and bool(rows))


def append(
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    sitting: str,
    before: str,
    after: str,
    images: row_state.Images | None = None,
    written: Written | None = None,
) -> None:
    """Append one entry to the chain (inside the caller's transaction).

    Before sealing, the head record must vouch for the last sealed entry; if it
    does not (entries cut from the end and the head removed or rewritten), a
    sealed anomaly entry is written first, so the next write cannot hide it.
    The entry seals the images of the rows this transaction touched since the
    previous entry (the database's triggers noted them), and ``images`` if given.
    ``written``: what the write just before returned (``write_returning``): those rows
    are not read again, nor is the lock taken again if its statement took it.
    """
    key, _problem = history_key()
    if written is None or not written.locked:
        lock()
    touched, last, head = _notes_last_and_head()
    returned = written.images if written else {}
    unread = {
        table: [i for i in ids if str(i) not in returned.get(table, {})]
        for table, ids in touched.items()
    }
    unread = {table: ids for table, ids in unread.items() if ids}
    now = row_state.merge(returned, row_state.images_of(unread) if unread else {})
    sealed = row_state.merge(images or {}, now)
    if key is not None and last is not None and last[1]:
        problem = _head_problem(key, last, head)
        if problem:
            anomaly = {
                "actor": actor, "action": ANOMALY, "entity": "history", "entity_id": "",
                "sitting": "", "before": "", "after": json.dumps({"problem": problem}),
            }  # fmt: skip
            last = _insert(key, last, anomaly)
    fields = {
        "actor": actor, "action": action, "entity": entity, "entity_id": entity_id,
        "sitting": sitting, "before": before, "after": after,
        IMAGES: row_state.encode(sealed),
    }  # fmt: skip
    seq, mac = _insert(key, last, fields)
    if key is not None:
        _set_meta(HEAD, f"{seq}:{mac}:{head_mac(key, seq, mac)}")
    _appended.last = (actor, sitting, _changes())


# What the last append of this thread left: (actor, sitting, the connection's change
# count after it), so the end of the transaction knows whether rows changed since.
_appended = threading.local()
TRAILING = "history.rows"


def _changes() -> int | None:
    """SQLite's count of changed rows on this connection (triggers' notes included), read
    without a statement; None on PostgreSQL."""
    conn = models.database.connection()
    return getattr(conn, "total_changes", None)


def begin_write() -> None:
    """A service's transaction starts: no entry of it appended yet (a service called
    inside another's transaction keeps what the outer one appended)."""
    if models.database.transaction_depth() <= 1:
        _appended.last = None


def seal_trailing() -> None:
    """At the end of a service's transaction: rows it changed after its last history entry
    (a service that records first and deletes after) are sealed in one more entry, so no
    legitimate write is left for verify-db to call altered. On SQLite the change count
    tells, without a statement, whether there can be any."""
    last = getattr(_appended, "last", None)
    if last is None:
        return  # wrote no entry: such a write changes no fact (or verify-db names it)
    actor, sitting, changes = last
    if changes is not None and changes == _changes():
        return
    touched, _also = row_journal.take(models.database.obj)
    if touched:
        append(
            actor=actor, action=TRAILING, entity="rows", entity_id="", sitting=sitting,
            before="", after="", images=row_state.images_of(touched),
        )  # fmt: skip


def chain_head(sitting_uuid: str) -> str:
    """The mac of the sitting's last history entry, for the minutes ("" if none or unsealed)."""
    row = models.database.execute_sql(
        "SELECT mac FROM history_entry WHERE sitting = "
        f"{models.database.param} AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
        (sitting_uuid,),
    ).fetchone()
    return (row[0] or "") if row else ""
