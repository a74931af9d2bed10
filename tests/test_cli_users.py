"""Accounts from the command line, and --user for headless commands once they exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzcommission import cli
from kzcommission.services.context import current_actor, reset_actor
from kzcommission.services.installation import accounts
from kzcommission.services.installation.database import close_database


@pytest.fixture
def db(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("KZCOMMISSION_PASSWORD", raising=False)
    path = tmp_path / "desk.sqlite3"
    assert cli.main(["--db", str(path), "demo"]) == 0
    yield path
    reset_actor()
    close_database()


def run(db: Path, *args: str) -> int:
    return cli.main(["--db", str(db), *args])


def test_first_administrator_then_accounts_need_a_sign_in(db, monkeypatch, capsys):
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "admin-password")
    assert run(db, "user", "add", "admin", "--role", "administrator") == 0
    reset_actor()
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "chair-password")
    # Accounts exist now: without --user the door refuses (exit 2), nothing is created.
    assert run(db, "user", "add", "chair", "--role", "chair", "--seat", "1") == 2
    assert "sign in" in capsys.readouterr().err
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "wrong-password")
    assert run(db, "--user", "admin", "user", "list") == 1
    assert "wrong name or password" in capsys.readouterr().err
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "admin-password")
    assert run(db, "--user", "admin", "user", "add", "chair", "--role", "chair", "--seat", "1") == 0
    assert run(db, "--user", "admin", "user", "list") == 0
    out = capsys.readouterr().out
    assert "admin: administrator" in out and "chair: chair" in out
    # The chair's account is linked to the chair's seat (his own scorecards only).
    chair = next(u for u in accounts.list_users() if u.name == "chair")
    assert chair.seat_uuid


def test_a_member_needs_a_seat_and_a_bad_seat_is_named(db, monkeypatch, capsys):
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "admin-password")
    run(db, "user", "add", "admin", "--role", "administrator")
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "admin-password")
    assert run(db, "--user", "admin", "user", "add", "m", "--role", "member") == 1
    assert "linked to his seat" in capsys.readouterr().err
    assert run(db, "--user", "admin", "user", "add", "m", "--role", "member", "--seat", "999") == 1
    assert "no seat 999" in capsys.readouterr().err


def test_password_disable_enable(db, monkeypatch, capsys):
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "admin-password")
    run(db, "user", "add", "admin", "--role", "administrator")
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "admin-password")
    run(db, "--user", "admin", "user", "add", "sec", "--role", "secretary")
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "short")
    assert run(db, "--user", "admin", "user", "password", "sec") == 1
    assert "at least" in capsys.readouterr().err
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "secretary-new-password")
    assert run(db, "--user", "admin", "user", "password", "sec") == 0
    assert accounts.verify_credentials("sec", "secretary-new-password").role == "secretary"
    assert run(db, "--user", "admin", "user", "disable", "sec") == 0
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.verify_credentials("sec", "secretary-new-password")
    assert run(db, "--user", "admin", "user", "enable", "sec") == 0
    assert run(db, "--user", "admin", "user", "disable", "admin") == 1  # the last one
    assert "last administrator" in capsys.readouterr().err
    assert current_actor().name == "admin"
