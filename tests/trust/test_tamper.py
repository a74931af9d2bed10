"""Changes made behind the application's back (plain sqlite3) are found, and placed."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from kzcommission import commands_trust
from kzcommission.services import cases, history, integrity, voting
from tests.services.helpers import add_employee, make_desk


def record_sitting() -> int:
    desk = make_desk(members=5)
    case = cases.add_case(desk.sitting_id, add_employee("Voted", "V1").id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    return desk.sitting_id


def tamper(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()


def cli(db: Path, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["--db", str(db), *argv])


def test_untouched_database_verifies(sqlite_database, capsys):
    record_sitting()
    report = integrity.verify_database()
    assert report.ok and report.entries == report.sealed > 20
    args = cli(sqlite_database, "verify-db")
    assert args.handler(args) == 0
    assert "OK: the history chain" in capsys.readouterr().out


def test_edited_entry_is_named_with_its_field(sqlite_database, capsys):
    record_sitting()
    tamper(sqlite_database, 'UPDATE history_entry SET after = \'{"option": "x"}\' WHERE seq = 7')
    report = integrity.verify_database()
    first = report.tampered[0]
    assert (first.kind, first.seq) == ("altered", 7)
    assert "after is now" in first.message
    args = cli(sqlite_database, "verify-db")
    assert args.handler(args) == 1
    assert "FIRST PROBLEM: entry #7" in capsys.readouterr().out


def test_deleted_entry_in_the_middle(sqlite_database):
    record_sitting()
    tamper(sqlite_database, "DELETE FROM history_entry WHERE seq = 12")
    first = integrity.verify_database().tampered[0]
    assert (first.kind, first.seq) == ("deleted", 12)
    assert "#12 is missing" in first.message


def test_entries_cut_from_the_end(sqlite_database):
    record_sitting()
    last = history._last()[0]
    tamper(sqlite_database, f"DELETE FROM history_entry WHERE seq >= {last - 1}")
    first = integrity.verify_database().tampered[0]
    assert first.kind == "deleted" and f"#{last - 1} to #{last}" in first.message


def test_inserted_entry(sqlite_database):
    record_sitting()
    last = history._last()[0]
    tamper(
        sqlite_database,
        "INSERT INTO history_entry (at, actor, action, entity, entity_id, sitting, before, "
        f"after, seq, mac, tags) VALUES ('2025-01-01 10:00:00', 'mallory', 'ballot.cast', 'case',"
        f" 'x', '', '', '{{}}', {last + 1}, '{'0' * 64}', '')",
    )
    first = integrity.verify_database().tampered[0]
    assert (first.kind, first.seq) == ("inserted", last + 1)


def test_inserted_entry_without_sequence(sqlite_database):
    record_sitting()
    tamper(
        sqlite_database,
        "INSERT INTO history_entry (at, actor, action, entity, entity_id, sitting, before, after,"
        " mac, tags) VALUES ('2025-01-01', 'mallory', 'x', 'case', 'x', '', '', '', '', '')",
    )
    assert integrity.verify_database().tampered[0].kind == "inserted"


def test_removed_seal_is_not_taken_for_an_unsealed_entry(sqlite_database):
    record_sitting()
    tamper(sqlite_database, "UPDATE history_entry SET mac = '', actor = 'mallory' WHERE seq = 3")
    first = integrity.verify_database().tampered[0]
    assert (first.kind, first.seq) == ("altered", 3)


def test_edited_ballot(sqlite_database):
    record_sitting()
    tamper(sqlite_database, "UPDATE ballot SET option = 'not_fits' WHERE id = 2")
    first = integrity.verify_database().tampered[0]
    assert first.kind == "ballot" and "reads 'not_fits'" in first.message
    assert "case of Voted" in first.message


def test_deleted_ballot(sqlite_database):
    record_sitting()
    tamper(sqlite_database, "DELETE FROM ballot WHERE id = 3")
    first = integrity.verify_database().tampered[0]
    assert first.kind == "ballot" and "missing from the ballots" in first.message


def test_inserted_ballot(sqlite_database):
    record_sitting()
    tamper(
        sqlite_database,
        "INSERT INTO ballot (round_id, seat_id, option, cast_at) "
        "SELECT round_id, (SELECT id FROM seat WHERE role = 'secretary'), 'not_fits', cast_at "
        "FROM ballot LIMIT 1",
    )
    first = integrity.verify_database().tampered[0]
    assert first.kind == "ballot" and "never cast through the application" in first.message


def test_chain_head_names_the_sittings_last_entry(sqlite_database):
    sitting_id = record_sitting()
    from kzcommission.services.sittings import get_sitting

    head = history.chain_head(get_sitting(sitting_id).uuid)
    assert len(head) == 64 and head == history._last()[1]


def test_entries_written_without_a_key_are_sealed_later(sqlite_database, memory_keyring):
    import keyring
    from keyring.backends import fail

    from kzcommission.services import secrets

    keyring.set_keyring(fail.Keyring())
    secrets.reset()
    history.forget_key()
    make_desk(members=5)
    report = integrity.verify_database()
    assert report.ok and report.sealed == 0
    assert report.problems[0].kind == "key"
    keyring.set_keyring(memory_keyring)
    secrets.reset()
    history.forget_key()
    add_employee("After", "A1")
    report = integrity.verify_database()
    assert report.ok and report.sealed == report.entries and not report.problems


def test_chain_verifies_on_every_backend(database):
    record_sitting()
    assert integrity.verify_database().ok
