"""Opening the database: checks first, read-only, then the pragmas that make every
write durable (WAL, synchronous=FULL, foreign keys, a busy timeout).

A file that is not ours, or is damaged, is reported and left untouched: the
checks run on a read-only connection before anything could write to it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import Database, SqliteDatabase

from kzcommission.files import remove_stale, write_atomic
from kzcommission.store import migrations, models, row_journal
from kzcommission.store.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    NotAFileError,
    ReadOnlyDatabaseError,
    StoreError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
# 'KZCM': marks the file as ours for `file(1)` and for the checks below.
APPLICATION_ID = 0x4B5A434D
BUSY_TIMEOUT_MS = 10_000
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a commit survives a power cut, not only a crash
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def _inspect_existing(path: Path) -> bool:
    """Check an existing file without writing to it; True when it holds our schema."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        return False  # an empty file: treat as a new database
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not a database file (it does not start as SQLite)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabaseError(f"{path} cannot be opened: {exc}") from exc
    try:
        try:
            check = conn.execute("PRAGMA quick_check").fetchall()
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabaseError(f"{path} is damaged: {exc}") from exc
        if check != [("ok",)]:
            problems = "; ".join(str(r[0]) for r in check[:5])
            raise DamagedDatabaseError(f"{path} fails the integrity check: {problems}")
        if not tables:
            return False
        ours = app_id == APPLICATION_ID or (
            # Written by an older version that stamped the id after the schema's commit
            # and was killed in between: the marker row says whose it is.
            app_id == 0 and "schema_meta" in tables and _marker(conn) == "kzcommission"
        )
        if not ours or "schema_meta" not in tables:
            raise ForeignDatabaseError(
                f"{path} is an SQLite database, but not a kzcommission one "
                f"(tables: {', '.join(sorted(tables)[:6])})"
            )
        # A newer file is refused here, read-only: opening it for writing would switch
        # its journal mode and change its header before the refusal.
        version = _schema_version(conn)
        if version > migrations.latest_version():
            raise NewerSchemaError(
                f"the database has schema version {version}; this kzcommission knows up to "
                f"{migrations.latest_version()}. Update the application."
            )
        return True
    finally:
        conn.close()


def _marker(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM schema_meta WHERE key = 'application'").fetchone()
    return row[0] if row else ""


def _schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM schema_meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except ValueError:
        return 0


def _check_writable(path: Path) -> None:
    """A folder, or a file this user may not write, is named as such before anything else
    (a read-only file is intact, not damaged; WAL also needs the folder writable)."""
    if path.exists() and not path.is_file():
        raise NotAFileError(f"{path} is a folder, not a database file: name a file inside it")
    folder = path.parent if path.parent != Path("") else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyDatabaseError(
            f"{path} is read-only: it can be copied or backed up, but nothing can be recorded "
            "in it here (make it writable, or open a copy)"
        )
    if folder.exists() and not os.access(folder, os.W_OK):
        raise ReadOnlyDatabaseError(
            f"the folder {folder} is read-only: the database needs to write its journal there"
        )


def _journal(target: Path) -> Path:
    return target.with_name(target.name + ".restoring")


def begin_restore(target: Path, restored: Path, kept: Path) -> None:
    """Write down a restore's swap before it starts (durably), for finish_restore."""
    plan = {"restored": str(restored), "kept": str(kept)}
    write_atomic(_journal(target), json.dumps(plan).encode("utf-8"))


def finish_restore(target: Path) -> str:
    """Carry a journalled restore through to its end; "" when none was pending.

    Each move is done only if it is still to do, so a restore interrupted at any
    point (or this function itself) ends with the restored database in place and
    the replaced one kept beside it.
    """
    journal = _journal(target)
    if not journal.exists():
        _sweep_stale_copies(target.parent)
        return ""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        restored, kept = Path(plan["restored"]), Path(plan["kept"])
    except (ValueError, KeyError, OSError):
        journal.unlink(missing_ok=True)  # written only partly: the swap had not begun
        return ""
    if not restored.exists():  # the swap is already done, only the journal is left
        journal.unlink(missing_ok=True)
        return f"a restore of {target.name} had been completed"
    if target.exists() and not kept.exists():
        os.replace(target, kept)
    # A WAL or shared-memory file of the old database would be applied to the restored
    # one and corrupt it: they go with the replaced file.
    for suffix in ("-wal", "-shm"):
        leftover = target.with_name(target.name + suffix)
        if leftover.exists():
            os.replace(leftover, kept.with_name(kept.name + suffix))
    os.replace(restored, target)
    journal.unlink(missing_ok=True)
    return f"an interrupted restore of {target.name} was completed; the old file is {kept.name}"


RESTORE_COPY_PREFIX = (
    ".restore-"  # the decrypted copy a restore swaps in (services.installation.backups)
)
STALE_COPY_SECONDS = 3600


def _sweep_stale_copies(folder: Path) -> None:
    """Remove the decrypted copies of restores killed before their swap was journalled:
    nothing refers to them, and each is as large as the database. Only those an hour
    old, so a restore under way in another process keeps its copy."""
    remove_stale(folder, f"{RESTORE_COPY_PREFIX}*.sqlite3*", STALE_COPY_SECONDS)


class SqliteJournalledDatabase(SqliteDatabase):
    """Each connection of the application gets the temp triggers that note the rows a
    write touches (store.row_journal); another program's connection has none."""

    def _initialize_connection(self, conn: sqlite3.Connection) -> None:
        row_journal.install_sqlite(conn)


def open_sqlite(path: Path | str) -> SqliteDatabase:
    """Open (creating if needed) a kzcommission SQLite file and bind the models to it."""
    path = Path(path)
    _check_writable(path)
    note = finish_restore(path)
    if note:
        logging.getLogger(__name__).warning(note)
    existing = path.exists() and _inspect_existing(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = SqliteJournalledDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    _bind_and_prepare(db, existing, _stamp_sqlite)
    if existing and db.pragma("application_id") != APPLICATION_ID:
        db.pragma("application_id", APPLICATION_ID)  # finish what a killed first start began
    return db


def _stamp_sqlite(db: Database) -> None:
    """Mark a new file as ours inside the transaction that creates its schema, so a kill
    on first start leaves either no schema or a schema with its mark (issue 18)."""
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def open_url(url: str) -> Database:
    """Open a database named by URL (``sqlite:///...`` or ``postgresql://...``)."""
    if url.startswith("sqlite:///"):
        return open_sqlite(url[len("sqlite:///") :])
    from playhouse.db_url import connect

    try:
        db = connect(url)
        db.connect()
        tables = set(db.get_tables())
    except Exception as exc:  # the driver's own error types differ per server
        raise StoreError(f"cannot connect to {_redact(url)}: {exc}") from exc
    if tables and "schema_meta" not in tables:
        db.close()
        raise ForeignDatabaseError(
            f"{_redact(url)} holds tables, but not a kzcommission schema "
            f"({', '.join(sorted(tables)[:6])})"
        )
    _bind_and_prepare(db, bool(tables))
    return db


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or "://" not in head:
        return url
    scheme, _, credentials = head.partition("://")
    return f"{scheme}://{credentials.split(':')[0]}@{tail}"


def _bind_and_prepare(
    db: Database, existing: bool, stamp: Callable[[Database], None] | None = None
) -> None:
    models.database.initialize(db)
    db.connect(reuse_if_open=True)
    if not existing:
        migrations.create_schema(db, stamp)
        return
    version = migrations.read_version(db)
    if version > migrations.latest_version():
        db.close()
        raise NewerSchemaError(
            f"the database has schema version {version}; this kzcommission knows up to "
            f"{migrations.latest_version()}. Update the application."
        )
    if migrations.upgrade(db):
        # A step that rebuilt a table dropped its SQLite temp triggers on this connection,
        # and a table made by a step after v17 has none yet.
        row_journal.install(db)


def close() -> None:
    db = models.database.obj
    if db is not None and not db.is_closed():
        db.close()
