"""Issue 20 item 6: one ballot key press costs at most 10 SQL statements, on SQLite and on
PostgreSQL: the panel shows the round the service returned instead of reading it again, the
history entry seals the ballot's row as the upsert returned it, and on PostgreSQL the upsert
takes the history's append lock itself.

Counted: every statement peewee runs (``tests.statements``); the transaction's BEGIN and
COMMIT come on top (2)."""

from __future__ import annotations

import pytest

from kzcommission.services.sitting import voting
from kzcommission.services.trust import history, integrity
from kzcommission.store import raw
from tests.statements import counted
from tests.ui.test_console_keys import DIGIT, K, ballots_of, regular_case

BUDGET = 10


@pytest.mark.both_backends
@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "sealed"])
def test_a_ballot_key_costs_at_most_ten_statements(qtbot, window, request, sealed: bool) -> None:
    if sealed:  # with the history key: the chain head is checked and written on every write
        request.getfixturevalue("keyring_in_memory")
    else:  # whatever keyring an earlier test left as the default, no key here
        monkeypatch = request.getfixturevalue("monkeypatch")
        monkeypatch.setattr(history, "history_key", lambda create=True: (None, "no key (test)"))
    desk, case, console, keys, table = regular_case(qtbot, window)
    keys.press(K.Key_F5)
    keys.press(DIGIT[1], widget=table)  # the round is open and shown
    with counted() as statements:
        keys.press(DIGIT[2], widget=table)
    assert 0 < len(statements) <= BUDGET, "\n".join(statements)
    # The head record written (the journal's read names schema_meta too, in a sub-select).
    sealing = [sql for sql in statements if sql.startswith("INSERT INTO schema_meta")]
    assert bool(sealing) is sealed  # the sealed path was the one measured
    # One transaction: the ballot, then the read of the last entry, then the entry itself;
    # on PostgreSQL the ballot's statement took the append lock, so the last entry was read
    # after it was held (two desks never take the same seq).
    upsert = next(i for i, sql in enumerate(statements) if sql.startswith("INSERT INTO ballot"))
    last = next(i for i, sql in enumerate(statements) if "FROM history_entry WHERE seq" in sql)
    entry = next(i for i, sql in enumerate(statements) if sql.startswith("INSERT INTO history"))
    assert upsert < last < entry
    locks = [i for i, sql in enumerate(statements) if "pg_advisory_xact_lock" in sql]
    assert locks == ([upsert] if raw.is_postgres() else [])
    # The entry sealed the ballot's row as it is: the replay finds nothing altered.
    assert integrity.verify_database().tampered == []
    # ... and the screen shows what the database holds, for the right member.
    second = desk.voting[1]
    assert ballots_of(case.id)[second] == voting.rounds_of(case.id)[-1].options[1]
    row = next(i for i, s in enumerate(console.commission.seats) if s.id == second)
    assert table.item(row, 1).text() != ""
