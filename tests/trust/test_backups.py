"""Backups: encrypted, rotated, restored with a preview; a bad one is never restored."""

from __future__ import annotations

import argparse
import sqlite3

import pytest

from kzcommission import commands_trust
from kzcommission.services.installation import backups, restore
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.preparation import persons
from kzcommission.services.sitting import finalize, sittings
from tests.services.helpers import make_desk


def counts(path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("SELECT COUNT(*) FROM person").fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM sitting").fetchone()[0],
        )
    finally:
        conn.close()


def test_round_trip_with_the_stored_key(sqlite_database, tmp_path):
    folder = tmp_path / "bk"
    backups.configure(folder, keep=3)
    desk = make_desk(members=5)
    saved = backups.backup_now()
    assert b"SQLite format" not in saved.read_bytes()
    wanted = counts(sqlite_database)
    persons.add_person("After", "Backup")
    sittings.create_sitting(desk.commission.id, sittings.get_sitting(desk.sitting_id).held_on)
    close_database()
    preview = restore.preview_restore(saved, sqlite_database)
    assert preview.in_backup.sittings == 1 and preview.current.sittings == 2
    assert "current database" in preview.describe()
    kept = restore.restore_backup(saved, sqlite_database)
    assert kept is not None and kept.exists()
    assert counts(sqlite_database) == wanted
    # Issue 18: the checked copy's -wal and -shm (left by its read-only look) are gone too.
    assert not list(sqlite_database.parent.glob(".restore-*"))
    open_database(sqlite_database)


def test_passphrase_backup_and_cli_preview_then_yes(sqlite_database, tmp_path, monkeypatch, capsys):
    make_desk(members=5)
    saved = backups.backup_now(folder=tmp_path, passphrase="a long passphrase")
    persons.add_person("Later", "One")
    close_database()
    monkeypatch.setenv(commands_trust.BACKUP_PASSPHRASE, "a long passphrase")
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    args = parser.parse_args(["--db", str(sqlite_database), "restore", str(saved)])
    assert args.handler(args) == 1  # preview only
    out = capsys.readouterr().out
    assert "commissions" in out and "--yes" in out
    args = parser.parse_args(["--db", str(sqlite_database), "restore", str(saved), "--yes"])
    assert args.handler(args) == 0
    assert counts(sqlite_database)[0] == 6
    open_database(sqlite_database)


def test_corrupted_backup_is_refused(sqlite_database, tmp_path):
    make_desk(members=5)
    saved = backups.backup_now(folder=tmp_path)
    blob = bytearray(saved.read_bytes())
    blob[-40] ^= 0x01
    saved.write_bytes(bytes(blob))
    close_database()
    before = sqlite_database.read_bytes()
    with pytest.raises(backups.BackupError, match="does not decrypt"):
        restore.preview_restore(saved, sqlite_database)
    with pytest.raises(backups.BackupError, match="will not be restored"):
        restore.restore_backup(saved, sqlite_database)
    assert sqlite_database.read_bytes() == before
    assert not list(sqlite_database.parent.glob(".restore-*"))
    open_database(sqlite_database)


def test_wrong_passphrase_and_foreign_file_are_refused(sqlite_database, tmp_path):
    make_desk(members=5)
    saved = backups.backup_now(folder=tmp_path, passphrase="the right one")
    with pytest.raises(backups.BackupError, match="does not decrypt"):
        backups.decrypt(saved, "the wrong one")
    other = tmp_path / "kzcommission-x.kzbak"
    other.write_bytes(b"hello")
    with pytest.raises(backups.BackupError, match="not a kzcommission backup"):
        backups.decrypt(other)


def test_rotation_keeps_the_last_n(sqlite_database, tmp_path):
    backups.configure(tmp_path, keep=2)
    made = [backups.backup_now() for _ in range(4)]
    assert backups.list_backups(tmp_path) == made[-2:]


def test_backups_of_two_databases_are_kept_apart(sqlite_database, tmp_path):
    """Issue 18: another --db's backups share the folder but never rotate these away."""
    from kzcommission.services.installation.database import close_database, open_database

    folder = tmp_path / "shared"
    backups.configure(folder, keep=2)
    first = [backups.backup_now() for _ in range(3)]
    close_database()
    other = tmp_path / "portable" / "kzcommission.sqlite3"
    other.parent.mkdir()
    open_database(other)
    second = [backups.backup_now() for _ in range(3)]
    close_database()
    open_database(sqlite_database)
    assert backups.list_backups(folder, sqlite_database) == first[-2:]
    assert backups.list_backups(folder, other) == second[-2:]
    assert len(backups.list_backups(folder)) == 4
    assert all(p.name.startswith(backups.backup_prefix(other)) for p in second)
    assert backups.backup_prefix(other) != backups.backup_prefix(sqlite_database)


def test_finalize_and_exit_take_a_backup(sqlite_database, tmp_path):
    backups.configure(tmp_path, keep=5)
    desk = make_desk(members=5)
    result = finalize.finalize_sitting(desk.sitting_id)
    assert result.backup is not None and result.backup.exists() and not result.backup_problem
    assert len(result.chain_head) == 64
    path, problem = backups.backup_on_exit()
    assert path is not None and not problem
    assert len(backups.list_backups(tmp_path)) == 2


def test_without_any_key_no_backup_is_written_in_clear(sqlite_database, tmp_path):
    import keyring
    from keyring.backends import fail

    from kzcommission.services.trust import history, secrets

    backups.configure(tmp_path / "bk")
    keyring.set_keyring(fail.Keyring())
    secrets.reset()
    history.forget_key()
    desk = make_desk(members=5)
    result = finalize.finalize_sitting(desk.sitting_id)
    assert result.backup is None and "no key is available" in result.backup_problem
    assert result.sitting.status == "finalized"
    assert not backups.list_backups(tmp_path / "bk")
