"""Opening files: ours, not a database, someone else's, damaged, newer. Nothing is changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kzcommission.store import db as store_db
from kzcommission.store import migrations, models
from kzcommission.store.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_durable_pragmas(tmp_path):
    db = store_db.open_sqlite(tmp_path / "new.sqlite3")
    try:
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == store_db.BUSY_TIMEOUT_MS
        assert migrations.read_version(db) == migrations.latest_version()
    finally:
        store_db.close()


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("minutes of the last sitting\n" * 50)
    before = digest(path)
    with pytest.raises(NotADatabaseError, match="not a database"):
        store_db.open_sqlite(path)
    assert digest(path) == before


def test_foreign_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ForeignDatabaseError, match="invoices"):
        store_db.open_sqlite(path)
    assert digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_damaged_database_is_refused_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    store_db.open_sqlite(path)
    from kzcommission.services.installation.demo import create_demo

    create_demo()
    store_db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    # Scribble over the middle pages (b-tree content), keeping the header intact.
    for offset in range(4096 * 3, min(len(data), 4096 * 6), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DamagedDatabaseError):
        store_db.open_sqlite(path)
    assert digest(path) == before


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    store_db.open_sqlite(path)
    models.SchemaMeta.update(value="999").where(models.SchemaMeta.key == "schema_version").execute()
    store_db.close()
    with pytest.raises(NewerSchemaError, match="999"):
        store_db.open_sqlite(path)


def test_newer_schema_is_refused_without_a_byte_changed(tmp_path):
    """Issue 18: refused on the read-only look, before any journal-mode switch."""
    path = tmp_path / "future.sqlite3"
    store_db.open_sqlite(path)
    store_db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")  # as a newer version might leave it
    conn.close()
    before = digest(path)
    with pytest.raises(NewerSchemaError, match="999"):
        store_db.open_sqlite(path)
    assert digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_a_kill_while_creating_leaves_no_half_made_file(tmp_path, monkeypatch):
    """Issue 18: schema and application id are one transaction on first start."""
    path = tmp_path / "first.sqlite3"

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt("killed while creating the tables")

    with monkeypatch.context() as patch:
        patch.setattr(store_db.SqliteDatabase, "create_tables", killed)
        with pytest.raises(KeyboardInterrupt):
            store_db.open_sqlite(path)
    store_db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    conn.close()
    store_db.open_sqlite(path)  # the next start simply creates it
    try:
        assert models.database.pragma("application_id") == store_db.APPLICATION_ID
    finally:
        store_db.close()


def test_a_file_left_without_its_mark_by_an_old_kill_opens(tmp_path):
    """A schema committed without its application id (the old crash window) is ours."""
    path = tmp_path / "unmarked.sqlite3"
    store_db.open_sqlite(path)
    store_db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    store_db.open_sqlite(path)
    try:
        assert models.database.pragma("application_id") == store_db.APPLICATION_ID
    finally:
        store_db.close()


def test_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    store_db.open_sqlite(path)
    try:
        assert migrations.read_version(models.database) == migrations.latest_version()
    finally:
        store_db.close()


def test_a_folder_is_named_as_a_folder(tmp_path):
    from kzcommission.store.errors import NotAFileError

    with pytest.raises(NotAFileError, match="is a folder"):
        store_db.open_sqlite(tmp_path)


def test_a_read_only_file_is_called_read_only_not_damaged(tmp_path, monkeypatch):
    from kzcommission.store.errors import ReadOnlyDatabaseError

    path = tmp_path / "ro.sqlite3"
    store_db.open_sqlite(path)
    store_db.close()
    before = digest(path)
    # Root may write anything, so the permission is what os.access reports for a user.
    monkeypatch.setattr(store_db.os, "access", lambda p, mode: Path(p) != path)
    with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
        store_db.open_sqlite(path)
    assert digest(path) == before


def test_a_restore_copy_orphaned_by_a_kill_is_swept_when_stale(tmp_path):
    """Issue 18: a restore killed before its swap was journalled leaves its decrypted copy;
    the next start removes it once it is an hour old, and keeps a fresh one (a restore
    under way elsewhere)."""
    import os
    import time

    path = tmp_path / "office.sqlite3"
    stale = tmp_path / ".restore-abc123.sqlite3"
    fresh = tmp_path / ".restore-def456.sqlite3"
    for copy in (stale, fresh, Path(str(stale) + "-wal")):
        copy.write_bytes(b"SQLite format 3\x00")
    old = time.time() - store_db.STALE_COPY_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(Path(str(stale) + "-wal"), (old, old))
    store_db.open_sqlite(path)
    store_db.close()
    assert sorted(p.name for p in tmp_path.glob(".restore-*")) == [fresh.name]
