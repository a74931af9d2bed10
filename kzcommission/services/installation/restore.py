"""Restoring a backup: a preview of what would be replaced, then the replacement.

Nothing is replaced unless the backup decrypts, passes SQLite's integrity check
and is a kzcommission database. The replaced file is kept beside the restored
one (``*.replaced-<time>``), so a restore can itself be undone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kzcommission.services.installation.backups import BackupError, decrypt, write_temp_database
from kzcommission.store.db import APPLICATION_ID


@dataclass(frozen=True)
class DatabaseSummary:
    commissions: int
    sittings: int
    cases: int
    history_entries: int
    last_sitting: str  # date of the latest sitting, "" if none
    last_change: str  # time of the latest history entry
    schema_version: str


@dataclass(frozen=True)
class RestorePreview:
    backup: Path
    created_at: str
    reason: str
    in_backup: DatabaseSummary
    current: DatabaseSummary | None  # None when the target file does not exist yet

    def describe(self) -> str:
        lines = [f"backup {self.backup.name}, made {self.created_at} ({self.reason})"]
        rows = [("", "current database", "backup")]
        b, c = self.in_backup, self.current
        for label, attr in (
            ("commissions", "commissions"),
            ("sittings", "sittings"),
            ("cases", "cases"),
            ("history entries", "history_entries"),
            ("latest sitting", "last_sitting"),
            ("latest change", "last_change"),
            ("schema version", "schema_version"),
        ):
            rows.append((label, str(getattr(c, attr)) if c else "(none)", str(getattr(b, attr))))
        lines += [f"  {a:<16} {x:>20}   {y:>20}" for a, x, y in rows]
        return "\n".join(lines)


def summarize(path: Path) -> DatabaseSummary:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:

        def one(sql: str) -> str:
            try:
                row = conn.execute(sql).fetchone()
            except sqlite3.DatabaseError:
                return "?"
            return "" if row is None or row[0] is None else str(row[0])

        return DatabaseSummary(
            commissions=int(one("SELECT COUNT(*) FROM commission") or 0),
            sittings=int(one("SELECT COUNT(*) FROM sitting") or 0),
            cases=int(one('SELECT COUNT(*) FROM "case"') or 0),
            history_entries=int(one("SELECT COUNT(*) FROM history_entry") or 0),
            last_sitting=one("SELECT MAX(held_on) FROM sitting"),
            last_change=one("SELECT MAX(at) FROM history_entry"),
            schema_version=one("SELECT value FROM schema_meta WHERE key = 'schema_version'"),
        )
    finally:
        conn.close()


def _check(path: Path, name: str) -> None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            check = conn.execute("PRAGMA integrity_check").fetchall()
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{name}: the database inside is damaged ({exc})") from exc
    finally:
        conn.close()
    if check != [("ok",)]:
        raise BackupError(f"{name}: the database inside fails its integrity check")
    if app_id != APPLICATION_ID:
        raise BackupError(f"{name}: the database inside is not a kzcommission database")


def _without_side_files(temp: Path) -> None:
    """A read-only look at a WAL-mode copy leaves an empty -wal and -shm beside it (a
    read-only connection may not remove them); they go, so nothing outlives the copy."""
    for suffix in ("-wal", "-shm"):
        temp.with_name(temp.name + suffix).unlink(missing_ok=True)


def _open_checked(backup: Path, target: Path, passphrase: str | None) -> tuple[dict, Path]:
    header, data = decrypt(backup, passphrase)
    temp = write_temp_database(data, target.parent)
    try:
        _check(temp, backup.name)
    except BackupError:
        temp.unlink(missing_ok=True)
        raise
    finally:
        _without_side_files(temp)
    return header, temp


def preview_restore(
    backup: Path | str, target: Path | str, passphrase: str | None = None
) -> RestorePreview:
    backup, target = Path(backup), Path(target)
    header, temp = _open_checked(backup, target, passphrase)
    try:
        in_backup = summarize(temp)
    finally:
        _without_side_files(temp)
        temp.unlink(missing_ok=True)
    current = summarize(target) if target.exists() and target.stat().st_size else None
    return RestorePreview(
        backup,
        str(header.get("created_at", "?")),
        str(header.get("reason", "")),
        in_backup,
        current,
    )


def restore_backup(
    backup: Path | str, target: Path | str, passphrase: str | None = None
) -> Path | None:
    """Replace ``target`` with the backup's database; return where the old file was kept.

    The caller closes the database first (the app: close_database()).
    """
    from kzcommission.store import db as store_db
    from kzcommission.store import models

    backup, target = Path(backup), Path(target)
    db = models.database.obj
    if db is not None and not db.is_closed() and Path(getattr(db, "database", "")) == target:
        raise BackupError("close the database before restoring over it")
    _header, temp = _open_checked(backup, target, passphrase)
    kept = target.with_name(f"{target.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}")
    # Issue 18: the swap is journalled, so a kill between its moves is finished by the
    # next start (store.db.finish_restore) instead of leaving no database at all.
    store_db.begin_restore(target, temp, kept)
    store_db.finish_restore(target)
    return kept if kept.exists() else None
