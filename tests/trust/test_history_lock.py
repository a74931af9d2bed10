"""Clients of one server append to the history one at a time: on PostgreSQL each append
takes the append lock, held to the end of its transaction; a ballot's upsert takes it in its
own statement (issue 20), and a lock taken in a savepoint rolled back since is taken again."""

from __future__ import annotations

import contextlib

from kzcommission.services.sitting import cases, voting
from kzcommission.services.trust import integrity
from kzcommission.services.unit import record_history
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk
from tests.statements import counted

LOCK = "pg_advisory_xact_lock(7384215001)"


def _free_elsewhere(url: str) -> bool:
    """Whether another client of the server could take the append lock now."""
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True  # a lock taken here ends with its statement
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT pg_try_{LOCK.removeprefix('pg_')}")
            return bool(cur.fetchone()[0])
    finally:
        conn.close()


def _lock_statements(statements: list[str]) -> list[str]:
    return [sql for sql in statements if LOCK in sql]


def test_each_append_takes_the_lock_and_holds_it_to_the_end_of_its_transaction(database, backend):
    postgres = backend == "postgresql"
    make_desk()
    with counted() as statements, models.database.atomic():
        record_history("test.one", "test", "1")
        with contextlib.suppress(RuntimeError), models.database.atomic():  # a savepoint
            record_history("test.undone", "test", "2")
            raise RuntimeError("rolled back, and the lock it took with it")
        record_history("test.two", "test", "3")  # takes it again
        if postgres:
            assert not _free_elsewhere(str(database))
    assert len(_lock_statements(statements)) == (3 if postgres else 0)
    if postgres:
        assert _free_elsewhere(str(database))  # released with the commit
    assert integrity.verify_database().outcome == "intact"


def test_ballots_take_the_lock_in_their_own_statement_and_seal_their_rows(database, backend):
    """A show of hands: each ballot's upsert takes the lock (PostgreSQL), no statement of its
    own; every ballot's row sealed as written (R-VOTE-1)."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee(grade="2").id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    with counted() as statements:
        view = voting.cast_all(r.id, r.options[0])
    assert set(view.ballots) == set(desk.voting)
    upserts = [sql for sql in statements if sql.startswith("INSERT INTO ballot")]
    assert len(upserts) == len(desk.voting)
    locks = _lock_statements(statements)
    assert locks == (upserts if backend == "postgresql" else [])
    assert not any(sql.startswith('SELECT * FROM "ballot"') for sql in statements)
    assert integrity.verify_database().outcome == "intact"
