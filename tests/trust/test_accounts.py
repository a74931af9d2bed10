"""Local accounts: argon2 hashes, sign-in, and sign-in required once accounts exist."""

from __future__ import annotations

import pytest

from kzcommission.services.context import LOCAL_OPERATOR, current_actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.installation import accounts
from kzcommission.services.preparation import persons
from kzcommission.store import models
from tests.services.helpers import make_desk


def test_first_account_must_be_an_administrator(database):
    with pytest.raises(ServiceError, match="first account"):
        accounts.create_user("sec", "password-1", "secretary")
    admin = accounts.create_user("admin", "password-1", "administrator")
    assert admin.role == "administrator"


def test_password_is_hashed_and_never_in_history(database):
    accounts.create_user("admin", "password-1", "administrator")
    row = models.database.execute_sql("SELECT password_hash FROM user_account").fetchone()
    assert row[0].startswith("$argon2id$") and "password-1" not in row[0]
    history = models.database.execute_sql("SELECT before || after FROM history_entry")
    assert all("argon2" not in text and "password-1" not in text for (text,) in history)


def test_login_is_required_once_accounts_exist(database):
    desk = make_desk(members=5)
    persons.add_person("Before", "Accounts")  # the local administrator, as before
    accounts.create_user("admin", "password-1", "administrator")
    accounts.authenticate("admin", "password-1")  # from now on, only signed-in users
    seat = next(s for s in desk.commission.seats if s.role == "member")
    accounts.create_user("m1", "password-2", "member", seat_uuid=seat.uuid)
    set_actor(LOCAL_OPERATOR)
    with pytest.raises(PermissionDenied, match="sign in"):
        persons.add_person("Anonymous", "Write")
    with pytest.raises(accounts.AuthenticationFailed, match="wrong name or password"):
        accounts.authenticate("admin", "nope")
    with pytest.raises(accounts.AuthenticationFailed, match="wrong name or password"):
        accounts.authenticate("nobody", "password-1")
    actor = accounts.authenticate("m1", "password-2")
    assert current_actor() == actor and actor.seat_uuid == seat.uuid and actor.role == "member"
    with pytest.raises(PermissionDenied):
        persons.add_person("Member", "Cannot")
    accounts.sign_out()
    with pytest.raises(PermissionDenied):
        persons.add_person("Signed", "Out")
    accounts.authenticate("admin", "password-1")
    assert [u.name for u in accounts.list_users()] == ["admin", "m1"]


def test_member_account_needs_his_seat(database):
    accounts.create_user("admin", "password-1", "administrator")
    accounts.authenticate("admin", "password-1")
    with pytest.raises(ServiceError, match="seat"):
        accounts.create_user("m", "password-2", "member")


def test_change_password_own_and_by_admin(database):
    accounts.create_user("admin", "password-1", "administrator")
    accounts.authenticate("admin", "password-1")
    accounts.create_user("view", "password-2", "viewer")
    accounts.authenticate("view", "password-2")
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.change_password("view", "password-3", old_password="wrong-one")
    accounts.change_password("view", "password-3", old_password="password-2")
    with pytest.raises(PermissionDenied):
        accounts.change_password("admin", "hijacked-1")
    accounts.authenticate("admin", "password-1")
    accounts.change_password("view", "password-4")
    with pytest.raises(ServiceError, match="at least"):
        accounts.change_password("view", "short")
    accounts.authenticate("view", "password-4")


def test_last_administrator_stays_active(database):
    accounts.create_user("admin", "password-1", "administrator")
    accounts.authenticate("admin", "password-1")
    with pytest.raises(ServiceError, match="last administrator"):
        accounts.set_active("admin", False)
