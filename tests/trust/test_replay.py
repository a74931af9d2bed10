"""Issue 17 item 1: every fact is covered. verify-db replays the row images the history
sealed and compares them with every tracked table: a single row changed, inserted or
deleted behind the application's back is named (table, row, field, history entry), on
SQLite and on PostgreSQL; a legitimate session verifies OK."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
)

from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.trust import history, integrity
from kzcommission.store import migrations, models, row_journal
from kzcommission.store.models import DecimalText
from tests.trust.test_finalized_record import _finalized_sitting

BACKENDS = ["sqlite", "postgresql"]


def _value(field, n: int, seeded: dict[str, int]):  # noqa: ANN001, ANN202
    """A valid value for one column of a seeded row (its parent: the row seeded before)."""
    if isinstance(field, ForeignKeyField):
        return seeded[field.rel_model._meta.table_name]
    if isinstance(field, DecimalText):
        return Decimal("1.5")
    for kind, value in (
        (BooleanField, True),
        (IntegerField, n),
        (FloatField, 1.5),
        (DateTimeField, datetime(2025, 1, 2, 3, 4, 5)),
        (DateField, date(2025, 1, 2)),
        (BlobField, b"seeded bytes"),
    ):
        if isinstance(field, kind):
            return value
    return f"seed-{n}"[: getattr(field, "max_length", None) or None]


def seed_every_table() -> dict[str, int]:
    """One row in every tracked table, written the way the application writes (its own
    connection, one transaction with its history entry): table -> the row's id."""
    by_table = {m._meta.table_name: m for m in migrations.all_models()}
    seeded: dict[str, int] = {}
    for n, table in enumerate(row_journal.TRACKED, start=1):
        model = by_table[table]
        values = {
            f.name: _value(f, n, seeded)
            for f in model._meta.sorted_fields
            if f.name != "id" and not callable(f.default)
        }
        with models.database.atomic():
            row = model.create(**values)
            seeded[table] = row.id
            entry = {"action": "test.seed", "entity_id": str(row.id), "after": ""}
            if table == "ballot":  # the ballots are also checked against their cast entries
                entry = _cast_entry(row)
            history.append(
                actor="test", entity=table, sitting="", before="", **entry
            )  # fmt: skip
    return seeded


def _cast_entry(ballot: models.Ballot) -> dict[str, str]:
    r = ballot.round
    after = {
        "round": r.number,
        "subject": r.subject,
        "seat": ballot.seat_id,
        "option": ballot.option,
    }
    return {"action": "ballot.cast", "entity_id": r.case.uuid, "after": json.dumps(after)}


class Template:
    """The database of a legitimate session, built once per backend and copied per test."""

    def __init__(self) -> None:
        self.built: dict[str, tuple[str, dict[str, int], dict]] = {}


TEMPLATE = Template()


@pytest.fixture(scope="module", autouse=True)
def drop_templates():  # noqa: ANN201
    """The PostgreSQL template database is dropped after the module's tests."""
    yield
    built = TEMPLATE.built.pop("postgresql", None)
    if built is not None:
        _pg_admin(f'DROP DATABASE IF EXISTS "{built[0].rsplit("/", 1)[1]}" WITH (FORCE)')


def _pg_url(name: str) -> str:
    from tests.postgres import server_url

    return server_url().rsplit("/", 1)[0] + "/" + name


def _pg_admin(sql: str) -> None:
    import psycopg2

    from tests.postgres import server_url

    conn = psycopg2.connect(server_url())
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


def _build(backend: str, tmp_path_factory, keyring) -> tuple[str, dict[str, int], dict]:  # noqa: ANN001
    if backend == "sqlite":
        target = str(tmp_path_factory.mktemp("replay") / "template.sqlite3")
    else:
        from tests.postgres import server_url

        server_url()  # skips or fails as the other PostgreSQL variants do
        name = f"kz_replay_{uuid.uuid4().hex[:10]}"
        _pg_admin(f'CREATE DATABASE "{name}"')
        target = _pg_url(name)
    open_database(target)
    _finalized_sitting()
    seeded = seed_every_table()
    report = integrity.verify_database()
    assert report.outcome == integrity.INTACT, report.problems[:5]
    close_database()
    history.forget_key()
    return target, seeded, dict(keyring.values)


@pytest.fixture
def session(request, tmp_path, tmp_path_factory, memory_keyring):  # noqa: ANN001, ANN201
    """(target, seeded ids, raw connection maker): a copy of the legitimate session, open."""
    backend = request.param
    if backend not in TEMPLATE.built:
        TEMPLATE.built[backend] = _build(backend, tmp_path_factory, memory_keyring)
    source, seeded, keys = TEMPLATE.built[backend]
    memory_keyring.values.update(keys)
    history.forget_key()
    set_actor(Actor(name="seed-13", role="administrator"))  # the seeded account signed in
    if backend == "sqlite":
        target = str(tmp_path / "copy.sqlite3")
        shutil.copy(source, target)
        open_database(target)
        yield target, seeded, lambda: sqlite3.connect(target)
        close_database()
        reset_actor()
        return
    import psycopg2

    name = f"kz_replay_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{source.rsplit("/", 1)[1]}"')
    target = _pg_url(name)
    open_database(target)

    def raw():  # noqa: ANN202
        conn = psycopg2.connect(target)
        # As a psql user would; foreign keys not enforced, so one row alone can be cut.
        conn.cursor().execute("SET session_replication_role = replica")
        return conn

    try:
        yield target, seeded, raw
    finally:
        close_database()
        reset_actor()
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def behind_the_back(connect, *sql: str) -> None:  # noqa: ANN001
    conn = connect()
    cur = conn.cursor()
    for statement in sql:
        cur.execute(statement)
    conn.commit()
    conn.close()


def _column(connect, table: str, row_id: int) -> tuple[str, str, str]:  # noqa: ANN001
    """(column, SQL value, as verify-db shows it): a text the tester retypes, or else a
    number he changes, or else a yes he turns to no."""
    conn = connect()
    cur = conn.cursor()
    cur.execute(f'SELECT * FROM "{table}" WHERE id = {row_id}')
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    conn.close()
    left_out = row_journal.LEFT_OUT.get(table, frozenset())
    values = [(n, v) for n, v in zip(names, row, strict=True) if n != "id" and n not in left_out]
    text = [n for n, v in values if isinstance(v, str)]
    if text:
        return text[0], "'tampered'", "tampered"
    number = [n for n, v in values if type(v) is int and not n.endswith("_id")]
    if number:
        return number[0], "4242", "4242"
    return next(n for n, v in values if v is True), "false", "0"


def _raw(target):  # noqa: ANN001, ANN202
    """A plain connection to the database the `database` fixture opened (sqlite3, psycopg2)."""
    if str(target).startswith("postgresql"):
        import psycopg2

        return lambda: psycopg2.connect(str(target))
    return lambda: sqlite3.connect(target)


def row_problems(report: integrity.IntegrityReport, table: str) -> list[integrity.Problem]:
    return [p for p in report.tampered if p.kind == integrity.ROW and p.table == table]


def test_every_table_is_tracked_or_excluded():
    """A new table must say whether it is a fact (replayed) or why not."""
    tables = {m._meta.table_name for m in migrations.all_models()}
    listed = set(row_journal.TRACKED) | set(row_journal.EXCLUDED)
    assert tables - listed == set(), "neither tracked nor excluded"
    assert set(row_journal.TRACKED) & set(row_journal.EXCLUDED) == set()
    assert set(row_journal.TRACKED) <= tables


def test_every_table_of_a_new_database_is_tracked_or_excluded(database):
    listed = set(row_journal.TRACKED) | set(row_journal.EXCLUDED)
    assert set(models.database.get_tables()) <= listed


@pytest.mark.parametrize("session", BACKENDS, indirect=True)
def test_a_legitimate_session_verifies(session):
    report = integrity.verify_database()
    assert report.outcome == integrity.INTACT and report.exit_code == 0, report.problems[:3]
    assert not [p for p in report.problems if p.kind == integrity.ROW]


@pytest.mark.parametrize("table", row_journal.TRACKED)
@pytest.mark.parametrize("session", BACKENDS, indirect=True)
def test_a_field_changed_behind_the_back_is_named(session, table):
    _target, seeded, connect = session
    row_id = seeded[table]
    column, value, shown = _column(connect, table, row_id)
    behind_the_back(connect, f'UPDATE "{table}" SET "{column}" = {value} WHERE id = {row_id}')
    report = integrity.verify_database()
    assert report.outcome == "altered" and report.exit_code == 1
    first = row_problems(report, table)[0]
    assert (first.table, first.row, first.field) == (table, str(row_id), column)
    assert first.seq is not None and f"history entry #{first.seq}" in first.message
    assert f"reads {shown!r}" in first.message


@pytest.mark.parametrize("table", row_journal.TRACKED)
@pytest.mark.parametrize("session", BACKENDS, indirect=True)
def test_a_row_deleted_behind_the_back_is_named(session, table):
    _target, seeded, connect = session
    row_id = seeded[table]
    behind_the_back(connect, f'DELETE FROM "{table}" WHERE id = {row_id}')
    report = integrity.verify_database()
    assert report.outcome == "altered" and report.exit_code == 1
    named = [p for p in row_problems(report, table) if p.row == str(row_id)]
    assert named and "deleted" in named[0].message and named[0].seq is not None


@pytest.mark.parametrize("table", row_journal.TRACKED)
@pytest.mark.parametrize("session", BACKENDS, indirect=True)
def test_a_row_inserted_behind_the_back_is_named(session, table):
    """A copy of a row under a new id (the original removed, so no unique key stands
    in the way): the new row is named as inserted."""
    _target, seeded, connect = session
    row_id, new_id = seeded[table], seeded[table] + 1000
    behind_the_back(
        connect,
        f'CREATE TEMP TABLE forged AS SELECT * FROM "{table}" WHERE id = {row_id}',
        f"UPDATE forged SET id = {new_id}",
        f'DELETE FROM "{table}" WHERE id = {row_id}',
        f'INSERT INTO "{table}" SELECT * FROM forged',
    )
    report = integrity.verify_database()
    assert report.outcome == "altered" and report.exit_code == 1
    first = row_problems(report, table)[0]
    assert (first.table, first.row) == (table, str(new_id))
    assert "inserted" in first.message


@pytest.mark.parametrize("session", ["sqlite"], indirect=True)
def test_the_next_write_does_not_seal_a_change_made_behind_the_back(session):
    """sqlite3 fires none of the application's triggers: a later ordinary write seals only
    its own rows, so the forged name stays named."""
    from kzcommission.services.preparation import persons

    _target, seeded, connect = session
    person = seeded["person"]
    behind_the_back(connect, f"UPDATE person SET surname = 'Forged' WHERE id = {person}")
    persons.add_person("Later", "Write", personnel_number="L-1")
    first = row_problems(integrity.verify_database(), "person")[0]
    assert (first.row, first.field) == (str(person), "surname")


@pytest.mark.parametrize("session", ["postgresql"], indirect=True)
def test_a_psql_note_is_never_sealed_by_the_next_write(session):
    """On PostgreSQL the triggers fire for psql too; the note carries its transaction,
    and the next write of the application drops it unsealed."""
    from kzcommission.services.preparation import persons

    _target, seeded, connect = session

    def plain():  # noqa: ANN202 - triggers on, as an ordinary psql session
        import psycopg2

        return psycopg2.connect(_target)

    person = seeded["person"]
    behind_the_back(plain, f"UPDATE person SET surname = 'Forged' WHERE id = {person}")
    persons.add_person("Later", "Write", personnel_number="L-1")
    first = row_problems(integrity.verify_database(), "person")[0]
    assert (first.row, first.field) == (str(person), "surname")


def test_verify_db_exit_code_for_a_changed_row(sqlite_database, capsys):
    from tests.trust.test_tamper import cli

    _finalized_sitting()
    close_database()
    behind_the_back(
        lambda: sqlite3.connect(sqlite_database),
        "UPDATE seat SET holder_id = NULL WHERE id = (SELECT max(id) FROM seat)",
    )
    args = cli(Path(sqlite_database), "verify-db")
    assert args.handler(args) == 1
    assert "seat row" in capsys.readouterr().out


def _old_database(backend: str, tmp_path: Path):  # noqa: ANN202
    """(target, raw connection maker) of a version-1 database with one commission, person,
    sitting and case, written before any row had a sealed image."""
    from tests.store.test_migrations import make_v1, v1_schema_for_postgresql

    if backend == "sqlite":
        path = tmp_path / "v1.sqlite3"
        make_v1(path)
        return str(path), lambda: sqlite3.connect(path), None
    import psycopg2

    from tests.postgres import fresh_database

    holder = fresh_database()
    url = holder.__enter__()
    conn = psycopg2.connect(url)
    with conn, conn.cursor() as cur:
        for statement in v1_schema_for_postgresql():
            cur.execute(statement)
        cur.execute(
            "INSERT INTO person (uuid, surname, given_name, patronymic, position, unit, grade, "
            "education, created_at) VALUES ('p-1', 'Әлиев', 'Тимур', '', '', '', '', '', now())"
        )
    conn.close()
    return url, lambda: psycopg2.connect(url), holder


@pytest.mark.parametrize("backend", BACKENDS)
def test_rows_written_before_v17_are_covered_by_the_baseline(backend, tmp_path):
    """Opening an older database seals every row once (one entry per table): it verifies
    OK, and a later change behind the application to an old row is named."""
    target, connect, holder = _old_database(backend, tmp_path)
    try:
        open_database(target)
        report = integrity.verify_database()
        assert report.outcome == integrity.INTACT, report.problems[:3]
        baseline = models.HistoryEntry.select().where(
            models.HistoryEntry.action == "history.baseline"
        )
        assert "person" in {e.entity_id for e in baseline}
        close_database()
        open_database(target)  # a second opening seals nothing again
        assert baseline.count() == len({e.entity_id for e in baseline})
        close_database()
        behind_the_back(connect, "UPDATE person SET surname = 'Forged' WHERE uuid = 'p-1'")
        open_database(target)
        first = row_problems(integrity.verify_database(), "person")[0]
        assert (first.row, first.field) == ("1", "surname")
        close_database()
    finally:
        if holder is not None:
            holder.__exit__(None, None, None)


def test_a_row_changed_after_the_last_entry_of_a_write_is_sealed_too(database):
    """A service that records its entry first and deletes after (delete_sitting) leaves
    nothing unsealed: the end of its transaction seals what changed since."""
    from kzcommission.services.sitting import cases, sittings
    from tests.services.helpers import add_employee, make_desk

    desk = make_desk(members=3)
    planned = sittings.create_sitting(desk.commission.id, date(2025, 5, 1))
    cases.add_case(planned.id, add_employee("Planned", "P-9").id, "regular")
    sittings.delete_sitting(planned.id)
    report = integrity.verify_database()
    assert report.outcome == integrity.INTACT, report.problems[:3]
    assert models.HistoryEntry.select().where(models.HistoryEntry.action == "history.rows").count()


def test_a_file_past_v17_without_row_images_gets_the_step(tmp_path):
    """v17 was merged after v18: a file made in between is at v18 without the step; the
    next opening runs it (column, mark) and seals the baseline, and it verifies OK."""
    from kzcommission.store import db as store_db

    path = tmp_path / "v18.sqlite3"
    store_db.open_sqlite(path)
    models.Person.create(surname="Before", given_name="Step")
    store_db.close()
    behind_the_back(
        lambda: sqlite3.connect(path), "ALTER TABLE history_entry DROP COLUMN row_images"
    )
    open_database(path)
    try:
        report = integrity.verify_database()
        assert report.outcome == integrity.INTACT, report.problems[:3]
        assert models.HistoryEntry.get(models.HistoryEntry.action == "history.baseline")
    finally:
        close_database()


@pytest.mark.parametrize("change", ["update", "delete"])
def test_a_row_change_is_named_in_an_unsealed_history_too(database, change):
    """Written while no history key could be had: the history is unverified (2) until an
    administrator adopts it, but a row changed behind the application is altered (1)."""
    import keyring
    from keyring.backends import fail

    from kzcommission.services.preparation import persons
    from kzcommission.services.trust import secrets

    keyring.set_keyring(fail.Keyring())
    secrets.reset()
    history.forget_key()
    person = persons.add_person("Unsealed", "Write", personnel_number="U-1")
    report = integrity.verify_database()
    assert report.outcome == integrity.UNVERIFIED and report.exit_code == 2
    assert not [p for p in report.problems if p.kind == integrity.ROW]
    sql = {
        "update": f"UPDATE person SET surname = 'Forged' WHERE id = {person.id}",
        "delete": f"DELETE FROM person WHERE id = {person.id}",
    }[change]
    behind_the_back(_raw(database), sql)
    report = integrity.verify_database()
    assert report.outcome == "altered" and report.exit_code == 1
    first = row_problems(report, "person")[0]
    assert first.row == str(person.id)
    assert first.field == ("surname" if change == "update" else "")
