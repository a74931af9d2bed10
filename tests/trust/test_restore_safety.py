"""Restore (issue 18): only an administrator replaces a database, and a kill between the
moves of the swap is finished by the next start, never a new empty database."""

from __future__ import annotations

import argparse
import os
import sqlite3

import pytest

from kzcommission import commands_trust
from kzcommission.services.context import LOCAL_OPERATOR, reset_actor, set_actor
from kzcommission.services.installation import accounts, backups, restore
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.preparation import persons
from kzcommission.store import db as store_db
from tests.services.helpers import make_desk


def _people(path) -> int:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        conn.close()


def _cli(db, *argv):  # noqa: ANN001, ANN202
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    return parser.parse_args(["--db", str(db), *argv])


def test_restore_needs_an_administrator_once_accounts_exist(sqlite_database, tmp_path, capsys):
    make_desk(members=3)
    set_actor(LOCAL_OPERATOR)
    accounts.create_user("admin", "correct horse 1", "administrator")
    accounts.authenticate("admin", "correct horse 1")
    saved = backups.backup_now(folder=tmp_path, passphrase="a long passphrase")
    persons.add_person("After", "Backup")
    before = _people(sqlite_database)
    close_database()
    reset_actor()  # nobody signed in
    os.environ[commands_trust.BACKUP_PASSPHRASE] = "a long passphrase"
    try:
        args = _cli(sqlite_database, "restore", str(saved), "--yes")
        assert args.handler(args) == 2
        assert "REFUSED" in capsys.readouterr().err
        assert _people(sqlite_database) == before  # nothing replaced
        open_database(sqlite_database)
        accounts.authenticate("admin", "correct horse 1")  # as `--user admin` does
        close_database()
        assert args.handler(args) == 0  # the administrator's restore closes and swaps
        assert _people(sqlite_database) == before - 1
    finally:
        del os.environ[commands_trust.BACKUP_PASSPHRASE]
        reset_actor()
        open_database(sqlite_database)


@pytest.mark.parametrize("moves_done", [0, 1])  # before the first move; between the two
def test_a_kill_inside_the_swap_is_finished_by_the_next_start(
    sqlite_database, tmp_path, monkeypatch, moves_done
):
    make_desk(members=3)
    saved = backups.backup_now(folder=tmp_path / "bk")
    persons.add_person("After", "Backup")
    wanted = _people(sqlite_database) - 1
    close_database()
    real_replace = os.replace
    done = []

    def killed_after_some_moves(src, dst):  # noqa: ANN001, ANN202
        if str(dst).endswith(".restoring"):
            return real_replace(src, dst)  # the journal itself is written
        if len(done) == moves_done:
            raise KeyboardInterrupt("killed")
        done.append(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(store_db.os, "replace", killed_after_some_moves)
    with pytest.raises(KeyboardInterrupt):
        restore.restore_backup(saved, sqlite_database)
    monkeypatch.setattr(store_db.os, "replace", real_replace)
    open_database(sqlite_database)  # the next start
    close_database()
    assert _people(sqlite_database) == wanted  # the backup's database, never a new empty one
    assert not sqlite_database.with_name(sqlite_database.name + ".restoring").exists()
    assert list(sqlite_database.parent.glob(sqlite_database.name + ".replaced-*"))
    open_database(sqlite_database)


def test_a_journal_left_after_a_complete_swap_is_cleared(tmp_path):
    target = tmp_path / "kz.sqlite3"
    target.write_bytes(b"")
    store_db.begin_restore(target, tmp_path / "gone.sqlite3", tmp_path / "kept")
    assert "completed" in store_db.finish_restore(target)
    assert not (tmp_path / "kz.sqlite3.restoring").exists() and target.exists()
