"""Changes made behind the application's back (plain sqlite3) are found, and placed."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from kzcommission import commands_trust
from kzcommission.services.sitting import cases, voting
from kzcommission.services.trust import history, integrity
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
    assert "OK: the whole history was verified" in capsys.readouterr().out


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
    from kzcommission.services.sitting.sittings import get_sitting

    head = history.chain_head(get_sitting(sitting_id).uuid)
    assert len(head) == 64 and head == history._last()[1]


def _no_key_then_key(memory_keyring) -> None:
    """Write while no key can be had, then give the key back (the laundering set-up)."""
    import keyring
    from keyring.backends import fail

    from kzcommission.services.trust import secrets

    keyring.set_keyring(fail.Keyring())
    secrets.reset()
    history.forget_key()
    make_desk(members=5)
    report = integrity.verify_database()
    assert report.ok and report.sealed == 0 and report.outcome == "unverified"
    assert report.problems[0].kind == "key" and report.exit_code == 2
    keyring.set_keyring(memory_keyring)
    secrets.reset()
    history.forget_key()


def test_entries_written_without_a_key_stay_unverified_until_adopted(
    sqlite_database, memory_keyring, capsys
):
    _no_key_then_key(memory_keyring)
    add_employee("After", "A1")  # an ordinary write with the key seals nothing earlier
    report = integrity.verify_database()
    assert report.ok and report.outcome == "unverified" and report.exit_code == 2
    (unsealed,) = [p for p in report.problems if p.kind == "unsealed"]
    (stretch,) = integrity.unsealed_stretches()
    assert (stretch.first, unsealed.seq) == (1, 1) and stretch.last == len(stretch.entries) > 5
    args = cli(sqlite_database, "verify-db", "--list-unsealed")
    assert args.handler(args) == 2
    out = capsys.readouterr().out
    assert "NOT VERIFIED" in out and "OK:" not in out
    assert f"#{stretch.last} " in out  # the entries are listed for the administrator

    args = cli(sqlite_database, "adopt-history", "1", str(stretch.last), "--yes")
    assert args.handler(args) == 0
    report = integrity.verify_database()
    assert report.outcome == "intact" and report.sealed == report.entries
    adoption = history._last()
    assert adoption is not None and adoption[1]  # the adoption itself is sealed


def test_a_row_forged_while_the_key_was_away_is_never_laundered(sqlite_database, memory_keyring):
    """Issue 17: a forged entry appended without a seal is not sealed by the next write."""
    _no_key_then_key(memory_keyring)
    tamper(
        sqlite_database,
        "INSERT INTO history_entry (seq, at, actor, action, entity, entity_id, sitting, before, "
        "after, mac, tags) SELECT max(seq) + 1, '2026-01-01', 'forger', 'ballot.cast', 'case', "
        "'x', '', '', '{}', '', '' FROM history_entry",
    )
    add_employee("After", "A2")  # ordinary write with the key
    report = integrity.verify_database()
    assert report.outcome != "intact" and report.exit_code != 0
    (stretch,) = integrity.unsealed_stretches()
    assert "forger" in [e[2] for e in stretch.entries]  # shown before any adoption


def test_adopted_stretch_changed_afterwards_is_altered(sqlite_database, memory_keyring):
    _no_key_then_key(memory_keyring)
    (stretch,) = integrity.unsealed_stretches()
    integrity.adopt(stretch.first, stretch.last)
    assert integrity.verify_database().outcome == "intact"
    tamper(sqlite_database, "UPDATE history_entry SET actor = 'someone' WHERE seq = 2")
    report = integrity.verify_database()
    assert report.outcome == "altered" and report.exit_code == 1
    assert report.tampered[0].seq == stretch.first


def test_only_an_administrator_adopts(sqlite_database, memory_keyring):
    from kzcommission.services.context import Actor, reset_actor, set_actor
    from kzcommission.services.errors import PermissionDenied

    _no_key_then_key(memory_keyring)
    (stretch,) = integrity.unsealed_stretches()
    for role in ("secretary", "chair", "member", "viewer"):
        set_actor(Actor(name=role, role=role))
        try:
            with pytest.raises(PermissionDenied):
                integrity.adopt(stretch.first, stretch.last)
        finally:
            reset_actor()
    assert integrity.verify_database().outcome == "unverified"


STRIPPING = [
    ("every seal emptied", ["UPDATE history_entry SET mac = '', tags = ''"]),
    (
        "every seal emptied and the head deleted",
        [
            "UPDATE history_entry SET mac = '', tags = ''",
            "DELETE FROM schema_meta WHERE key = 'history_head'",
        ],
    ),
    ("the head deleted", ["DELETE FROM schema_meta WHERE key = 'history_head'"]),
    ("installation renamed", ["UPDATE schema_meta SET value = 'other' WHERE key = 'installation'"]),
    ("key id changed", ["UPDATE schema_meta SET value = 'ffff' WHERE key = 'history_key_id'"]),
    ("one seal stripped", ["UPDATE history_entry SET mac = '' WHERE seq = 5"]),
]


@pytest.mark.parametrize(("what", "sql"), STRIPPING, ids=[s[0] for s in STRIPPING])
def test_stripping_seals_or_renaming_never_verifies(sqlite_database, capsys, what, sql):
    record_sitting()
    tamper(sqlite_database, *sql)
    history.forget_key()
    add_employee("After", "A3")  # the next ordinary write must not launder anything
    report = integrity.verify_database()
    assert report.outcome in ("altered", "unverified") and report.exit_code in (1, 2), what
    args = cli(sqlite_database, "verify-db")
    assert args.handler(args) in (1, 2)
    assert "OK:" not in capsys.readouterr().out


def test_chain_verifies_on_every_backend(database):
    record_sitting()
    assert integrity.verify_database().ok
