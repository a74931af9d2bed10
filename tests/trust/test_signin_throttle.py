"""Password guessing is slowed and stopped (issue 18): growing delays per desk, a lockout per
name after MAX_FAILURES failures in a row, a history entry per attempt, and unknown names
checked against a hash like known ones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kzcommission.services.context import LOCAL_OPERATOR, set_actor
from kzcommission.services.installation import accounts
from kzcommission.store import models

PASSWORD = "correct horse 1"


@pytest.fixture
def slept(monkeypatch) -> list[float]:
    delays: list[float] = []
    monkeypatch.setattr(accounts, "_sleep", delays.append)
    monkeypatch.setattr(accounts, "_desk_failures", 0)
    return delays


def _admin() -> None:
    set_actor(LOCAL_OPERATOR)
    accounts.create_user("admin", PASSWORD, "administrator")


def _entries(action: str, name: str) -> int:
    h = models.HistoryEntry
    return h.select().where((h.action == action) & (h.entity_id == name)).count()


def test_delays_grow_then_the_name_is_locked(database, slept):
    _admin()
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(accounts.AuthenticationFailed) as caught:
            accounts.verify_credentials("admin", "wrong password")
        assert not isinstance(caught.value, accounts.SignInLocked)
    assert slept == list(accounts.DESK_DELAYS_S[: accounts.MAX_FAILURES])
    assert _entries(accounts.FAILED, "admin") == accounts.MAX_FAILURES
    # Locked now, even with the right password: guessing cannot go on.
    with pytest.raises(accounts.SignInLocked) as caught:
        accounts.verify_credentials("admin", PASSWORD)
    assert 1 <= caught.value.minutes <= 15
    # After the lockout has passed, the right password works and resets the desk's delays.
    h = models.HistoryEntry
    h.update(at=models.now() - accounts.LOCKOUT - timedelta(minutes=1)).where(
        h.action == accounts.FAILED
    ).execute()
    assert accounts.verify_credentials("admin", PASSWORD).name == "admin"
    assert accounts._desk_failures == 0 and _entries(accounts.SIGNED_IN, "admin") == 1


def test_a_success_ends_the_run_of_failures(database, slept):
    _admin()
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(accounts.AuthenticationFailed):
            accounts.verify_credentials("admin", "wrong password")
    accounts.verify_credentials("admin", PASSWORD)
    with pytest.raises(accounts.AuthenticationFailed) as caught:
        accounts.verify_credentials("admin", "wrong again")
    assert not isinstance(caught.value, accounts.SignInLocked)


def test_unknown_names_are_checked_against_a_hash_and_refused_alike(database, slept, monkeypatch):
    _admin()
    checked: list[str] = []
    real = accounts._hasher

    class Counting:
        def verify(self, stored: str, given: str) -> bool:
            checked.append(stored)
            return real.verify(stored, given)

        def __getattr__(self, name: str):  # noqa: ANN204
            return getattr(real, name)

    monkeypatch.setattr(accounts, "_hasher", Counting())
    with pytest.raises(accounts.AuthenticationFailed) as unknown:
        accounts.verify_credentials("nobody", PASSWORD)
    with pytest.raises(accounts.AuthenticationFailed) as known:
        accounts.verify_credentials("admin", "wrong password")
    assert str(unknown.value) == str(known.value)  # one message for both
    assert len(checked) == 2 and checked[0] == accounts._DUMMY_HASH  # the same work for both
    assert _entries(accounts.FAILED, "nobody") == 1
