"""A version-1 database is migrated to the latest schema and keeps its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kzcommission.store import db as store_db
from kzcommission.store import migrations, models

FIXTURES = Path(__file__).parent / "fixtures"


def columns(path: Path) -> dict[str, set[str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}
    finally:
        conn.close()


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.execute(
        "INSERT INTO commission (uuid, name, level, place, created_at) "
        "VALUES ('c-1', 'Old commission', 'central', 'Astana', '2024-01-01 10:00:00')"
    )
    conn.execute(
        "INSERT INTO person (uuid, surname, given_name, patronymic, position, unit, "
        "grade, education, created_at) VALUES ('p-1', 'Әлиев', 'Тимур', '', '', '', '', "
        "'', '2024-01-01 10:00:00')"
    )
    conn.execute(
        "INSERT INTO person (uuid, surname, given_name, patronymic, position, unit, "
        "grade, education, created_at) VALUES ('p-2', 'Ахметова', 'Айгүл', 'Маратқызы', "
        "'', '', '', '', '2024-01-01 10:00:00')"
    )
    conn.execute(
        "INSERT INTO sitting (uuid, commission_id, number, held_on, place, status) "
        "VALUES ('s-1', 1, '1', '2024-02-01', 'Astana', 'open')"
    )
    conn.execute(
        'INSERT INTO "case" (uuid, sitting_id, person_id, kind, ruleset, "order", '
        "position, status, appearance, absence_reason, restricted, materials, "
        "questions, comments, opinion, supervisor_assessment, recommendations, "
        "candidate_grade, decision_rule) VALUES ('k-1', 1, 1, 'regular', 'ORDER_880', "
        "0, '', 'open', 'present', '', 0, '', 'Q?', '', '', '', '', '', '')"
    )
    conn.commit()
    conn.close()


def test_v1_database_migrates_to_latest(tmp_path):
    old = tmp_path / "v1.sqlite3"
    make_v1(old)
    store_db.open_sqlite(old)
    try:
        assert migrations.read_version(models.database) == migrations.latest_version()
        case = models.Case.get(models.Case.uuid == "k-1")
        assert case.version == 0 and case.questions == "Q?"
        assert models.Sitting.get(models.Sitting.uuid == "s-1").current_case_id is None
        # v10: an existing person gets an empty specialty and special rank (Decree 490 App. 3).
        person = models.Person.get_by_id(1)
        assert (person.specialty, person.special_rank) == ("", "")
        # v14: no IIN yet; the sex from the patronymic where it tells, else unknown.
        assert (person.iin, person.sex) == (None, "")
        assert models.Person.get(models.Person.uuid == "p-2").sex == "f"
        # v13: the single value goes into the variant of its language and stays where it was.
        commission = models.Commission.get(models.Commission.uuid == "c-1")
        assert (commission.name_en, commission.name_kk, commission.name_ru) == (
            "Old commission",
            "",
            "",
        )
        assert commission.name == "Old commission" and commission.place_en == "Astana"
        sitting = models.Sitting.get(models.Sitting.uuid == "s-1")
        assert (sitting.place, sitting.place_en) == ("Astana", "Astana")
    finally:
        store_db.close()
    fresh = tmp_path / "fresh.sqlite3"
    store_db.open_sqlite(fresh)
    store_db.close()
    assert columns(old) == columns(fresh)


def test_v1_upgrade_keeps_recusals_and_rounds(tmp_path):
    """Rebuilding the case table (v2) must not cascade-delete the rows that point to it."""
    old = tmp_path / "v1.sqlite3"
    make_v1(old)
    conn = sqlite3.connect(old)
    conn.execute(
        "INSERT INTO seat (uuid, commission_id, role, holder_id, position_title, is_public, "
        "\"order\") VALUES ('seat-1', 1, 'member', 1, '', 0, 1)"
    )
    conn.execute("INSERT INTO recusal (case_id, seat_id, reason) VALUES (1, 1, 'relative')")
    conn.execute(
        "INSERT INTO vote_round (case_id, subject, number, options, status, adopted, "
        "casting_vote_used, runoff, opened_at) "
        "VALUES (1, 'decision', 1, 'fits', 'open', NULL, 0, '', '2024-02-01 10:00:00')"
    )
    conn.commit()
    conn.close()
    store_db.open_sqlite(old)
    try:
        assert models.Recusal.select().count() == 1
        assert models.VoteRound.select().count() == 1
        assert models.database.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
    finally:
        store_db.close()


def test_reopening_runs_no_step_twice(tmp_path):
    path = tmp_path / "again.sqlite3"
    make_v1(path)
    store_db.open_sqlite(path)
    store_db.close()
    store_db.open_sqlite(path)
    try:
        assert migrations.upgrade(models.database) == []
    finally:
        store_db.close()


def v1_schema_for_postgresql() -> list[str]:
    """The version-1 schema as PostgreSQL got it: the SQLite fixture in PG's types."""
    sql = (FIXTURES / "schema_v1.sql").read_text()
    sql = sql.replace("INTEGER NOT NULL PRIMARY KEY", "SERIAL PRIMARY KEY")
    # peewee gives a FloatField REAL on both backends, so REAL stays as it is.
    sql = sql.replace(" DATETIME", " TIMESTAMP")
    for flag in ("is_public", "restricted", "casting_vote_used"):
        sql = sql.replace(f'"{flag}" INTEGER', f'"{flag}" BOOLEAN')
    statements = [s.strip() for s in sql.split(";")]
    return [s for s in statements if s and not s.startswith("PRAGMA")]


def test_migrations_run_on_postgresql():
    """The same steps bring a version-1 PostgreSQL database to the latest schema."""
    import psycopg2

    from tests.postgres import fresh_database

    with fresh_database() as url:
        conn = psycopg2.connect(url)
        with conn, conn.cursor() as cur:
            for statement in v1_schema_for_postgresql():
                cur.execute(statement)
            cur.execute(
                "INSERT INTO commission (uuid, name, level, place, created_at) "
                "VALUES ('c-1', 'Old', 'central', 'Astana', now())"
            )
        conn.close()
        store_db.open_url(url)
        try:
            db = models.database.obj
            assert migrations.read_version(db) == migrations.latest_version()
            assert "version" in {c.name for c in db.get_columns("case")}
            assert "current_case_id" in {c.name for c in db.get_columns("sitting")}
            old = models.Commission.get(models.Commission.uuid == "c-1")
            assert (old.name, old.name_en, old.place_en) == ("Old", "Old", "Astana")  # v13
            models.Commission.create(name="New after migration")  # sequences still work
        finally:
            store_db.close()
        store_db.open_url(url)  # reopened: no step runs again (v13's missing() says so)
        try:
            assert migrations.upgrade(models.database.obj) == []
        finally:
            store_db.close()


def _through(steps: tuple[str, ...], last: str) -> tuple[str, ...]:
    """The migration steps up to and including ``last`` (later ones are added by others)."""
    return steps[: steps.index(last) + 1]


def v7_with_a_stand_in(path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A version-7 file: one sitting with a sitting-wide stand-in, two cases, the stand-in
    recused on the second, a recusal and a round on each."""
    make_v1(path)
    with monkeypatch.context() as patch:  # upgrade to v7 only
        patch.setattr(migrations, "STEP_MODULES", _through(migrations.STEP_MODULES, "v0007_review"))
        migrations._step_modules.cache_clear()
        store_db.open_sqlite(path)
        store_db.close()
    migrations._step_modules.cache_clear()
    conn = sqlite3.connect(path)
    assert conn.execute(
        "SELECT value FROM schema_meta WHERE key = 'schema_version'"
    ).fetchone() == ("7",)
    conn.executescript(
        """
        DELETE FROM "case";
        INSERT INTO seat (uuid, commission_id, role, position_title, is_public, "order")
            VALUES ('seat-1', 1, 'chair', 'Chair', 0, 0), ('seat-2', 1, 'member', 'M', 0, 1);
        UPDATE sitting SET acting_chair_id = 2;
        """
    )
    for number, uuid in ((0, "k-1"), (1, "k-2")):
        conn.execute(
            'INSERT INTO "case" (uuid, sitting_id, person_id, kind, ruleset, "order", '
            "position, status, appearance, absence_reason, restricted, materials, questions, "
            "comments, opinion, supervisor_assessment, recommendations, candidate_grade, "
            "decision_rule, version) VALUES (?, 1, 1, 'regular', 'ORDER_880', ?, '', 'open', "
            "'present', '', 0, '', '', '', '', '', '', '', '', 0)",
            (uuid, number),
        )
    conn.executescript(
        """
        INSERT INTO recusal (case_id, seat_id, reason) VALUES (1, 1, 'relative'),
            (2, 2, 'relative');
        INSERT INTO vote_round (case_id, subject, number, options, status, casting_vote_used,
            runoff, opened_at) VALUES (1, 'decision', 1, 'fits', 'open', 0, '',
            '2024-02-01 10:00:00');
        """
    )
    conn.commit()
    conn.close()


def test_v8_moves_the_sittings_stand_in_onto_its_cases(tmp_path, monkeypatch):
    """R-VOTE-4 Reading: the naming is per case; an open sitting keeps its old stand-in,
    except on a case where he is recused; nothing else of the cases is lost."""
    path = tmp_path / "v7.sqlite3"
    v7_with_a_stand_in(path, monkeypatch)
    store_db.open_sqlite(path)
    try:
        assert migrations.read_version(models.database) == migrations.latest_version()
        assert models.Case.get(models.Case.uuid == "k-1").presiding_id == 2
        assert models.Case.get(models.Case.uuid == "k-2").presiding_id is None  # recused there
        assert models.Sitting.get(models.Sitting.uuid == "s-1").acting_chair_id == 2  # kept
        assert models.Recusal.select().count() == 2 and models.VoteRound.select().count() == 1
    finally:
        store_db.close()
    fresh = tmp_path / "fresh.sqlite3"
    store_db.open_sqlite(fresh)
    store_db.close()
    assert columns(path) == columns(fresh)


def test_v13_copies_each_name_into_its_language(tmp_path):
    """Kazakh by its letters or words, Russian by Cyrillic, English by Latin; no letters: none."""
    old = tmp_path / "v1.sqlite3"
    make_v1(old)
    conn = sqlite3.connect(old)
    conn.execute(
        "UPDATE person SET position = 'Бас маман', unit = 'Кадровое управление' WHERE id = 1"
    )
    conn.execute(
        "INSERT INTO seat (uuid, commission_id, role, holder_id, position_title, is_public, "
        "\"order\") VALUES ('seat-1', 1, 'member', 1, 'Заң департаментінің бастығы', 0, 1)"
    )
    conn.execute("UPDATE \"case\" SET position = '101' WHERE id = 1")
    conn.commit()
    conn.close()
    store_db.open_sqlite(old)
    try:
        person = models.Person.get_by_id(1)
        assert (person.position_kk, person.position_ru) == ("Бас маман", "")
        assert (person.unit_ru, person.unit_kk, person.unit) == (
            "Кадровое управление",
            "",
            "Кадровое управление",
        )
        seat = models.Seat.get(models.Seat.uuid == "seat-1")
        assert seat.position_title_kk == "Заң департаментінің бастығы"
        case = models.Case.get(models.Case.uuid == "k-1")
        assert (case.position_kk, case.position_ru, case.position_en, case.position) == (
            "",
            "",
            "",
            "101",
        )
    finally:
        store_db.close()


def test_a_file_stamped_after_v13_without_its_columns_gets_them(tmp_path):
    """v13 was merged after v18: a file stamped 14-18 in between never ran it. Opening it
    adds the columns and places the names, and leaves its version as it was."""
    from kzcommission.store.steps.v0013_names import NAMED

    path = tmp_path / "v18.sqlite3"
    store_db.open_sqlite(path)
    models.Commission.create(name="Орталық комиссия")
    store_db.close()
    conn = sqlite3.connect(path)
    for table, column in NAMED:
        for lang in ("kk", "ru", "en"):
            conn.execute(f'ALTER TABLE "{table}" DROP COLUMN {column}_{lang}')
    conn.commit()
    conn.close()
    store_db.open_sqlite(path)
    try:
        assert migrations.read_version(models.database) == migrations.latest_version()
        commission = models.Commission.get()
        assert (commission.name, commission.name_kk) == ("Орталық комиссия", "Орталық комиссия")
        assert migrations.upgrade(models.database) == []
    finally:
        store_db.close()
