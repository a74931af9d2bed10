"""Which rows a write touched, noted by the database itself (issue 17, schema v17).

Every table that holds a fact has triggers that note (table, row id) of each
row inserted, updated or deleted in a small journal; ``history.append`` takes
the notes of its own transaction and seals the images of those rows into its
entry, so ``verify-db`` can replay the history into the state it implies and
compare it with the tables. Nothing here lists the fields of a service: the
triggers see every write.

SQLite: TEMP triggers and a TEMP journal, created on each of the application's
connections. A change made with another program (``sqlite3``) fires nothing
and leaves no note, so an ordinary write can never seal it as if it were its
own; it is found by comparing the row with its last sealed image.
PostgreSQL: a plpgsql trigger function and a journal table (created by the
step); each note carries the transaction id, and only notes of the appending
transaction are sealed (a note left by a psql session is dropped unsealed).
"""

from __future__ import annotations

import sqlite3

from peewee import Database, PostgresqlDatabase

JOURNAL = "kz_row_journal"

# Every table whose rows are facts the product prints or decides from. A new table
# must be added here or to EXCLUDED (tests/trust/test_replay.py fails otherwise).
TRACKED: tuple[str, ...] = (
    "person",
    "commission",
    "seat",
    "sitting",
    "attendance_event",
    "case",
    "recusal",
    "vote_round",
    "ballot",
    "scorecard",
    "recording",
    "issued_document",
    "user_account",
    "amendment",
    "personnel_leave",
    "certification_record",
    "category_application",
    "restricted_fact",
    "case_step",
    "case_file",
    "head_decision",
    "appeal",
    "case_move",
    "corps_a_agreement",
    "corps_a_kpi",
    "corps_b_sheet",
    "calibration_session",
    "calibration_member",
    "calibration_vote",
    "review_confirmation",
    "review_explanation",
    "case_correction",
    "calendar_decision",
)

# Tables that are not facts, and why they are not replayed.
EXCLUDED: dict[str, str] = {
    "schema_meta": "settings of the file (version, installation, key id, chain head), "
    "each checked on its own by the chain check",
    "history_entry": "the history itself, checked by its keyed chain",
    JOURNAL: "the notes of the open transaction, emptied by every history entry",
}

# Columns that move without a history entry and are no fact: left out of the images.
LEFT_OUT: dict[str, frozenset[str]] = {
    "sitting": frozenset({"current_case_id"}),  # where the secretary is (set_current_case)
}


def _sqlite_statements(tables: list[str]) -> list[str]:
    statements = [
        # No unique key: an upsert's conflict policy would override a trigger's OR IGNORE
        # (SQLite applies the outer statement's), so a row noted twice is noted twice.
        f"CREATE TEMP TABLE IF NOT EXISTS {JOURNAL} (tbl TEXT NOT NULL, row_id TEXT NOT NULL)"
    ]
    for table in tables:
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            notes = " ".join(f"INSERT INTO {JOURNAL} VALUES ('{table}', {row}.id);" for row in rows)
            statements.append(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "kz_{table}_{event.lower()}" '
                f'AFTER {event} ON main."{table}" BEGIN {notes} END'
            )
    return statements


def install_sqlite(conn: sqlite3.Connection) -> None:
    """The temp journal and triggers on one connection, for the tracked tables it has."""
    present = {
        row[0] for row in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
    }
    for statement in _sqlite_statements([t for t in TRACKED if t in present]):
        conn.execute(statement)


_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kz_note_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO {JOURNAL} (tbl, row_id) VALUES (TG_TABLE_NAME, OLD.id::text)
      ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO {JOURNAL} (tbl, row_id) VALUES (TG_TABLE_NAME, NEW.id::text)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$
"""


def install_postgres(db: Database) -> None:
    """The journal table, the trigger function and a trigger on every tracked table."""
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {JOURNAL} (tx BIGINT NOT NULL DEFAULT txid_current(), "
        "tbl TEXT NOT NULL, row_id TEXT NOT NULL, PRIMARY KEY (tx, tbl, row_id))"
    )
    db.execute_sql(_PG_FUNCTION)
    present = set(db.get_tables())
    for table in TRACKED:
        if table in present:
            # Dropped and made again rather than CREATE OR REPLACE, which needs PostgreSQL 14.
            db.execute_sql(f'DROP TRIGGER IF EXISTS kz_note_row ON "{table}"')
            db.execute_sql(
                "CREATE TRIGGER kz_note_row AFTER INSERT OR UPDATE OR DELETE "
                f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION kz_note_row()'
            )


def install(db: Database) -> None:
    """Journal and triggers for the backend at hand (after the schema was made or upgraded)."""
    if isinstance(db, PostgresqlDatabase):
        install_postgres(db)
    else:
        install_sqlite(db.connection())


# The notes of the appending transaction, taken and emptied in one statement; notes of
# other transactions (a psql session's edit) are dropped on PostgreSQL, never sealed.
_TAKE_SQLITE = f"DELETE FROM {JOURNAL} RETURNING tbl, row_id, 1"
_TAKE_POSTGRES = f"DELETE FROM {JOURNAL} RETURNING tbl, row_id, tx = txid_current()"


def take(db: Database, also: str = "") -> tuple[dict[str, list[int]], tuple | None]:
    """(table -> row ids this transaction touched, the values of ``also``): the journal
    is left empty. ``also``: more expressions to read in the same statement (a caller's
    next read, to save a statement per write); None when the journal was empty."""
    sql = _TAKE_POSTGRES if isinstance(db, PostgresqlDatabase) else _TAKE_SQLITE
    rows = db.execute_sql(f"{sql}, {also}" if also else sql).fetchall()
    touched: dict[str, list[int]] = {}
    for table, row_id, ours, *_ in rows:
        if ours:
            touched.setdefault(table, []).append(int(row_id))
    return touched, (tuple(rows[0][3:]) if rows else None)
