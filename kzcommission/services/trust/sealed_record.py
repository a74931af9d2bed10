"""The sealed record of a finalized sitting (issue 17): what finalize froze, checkable later.

Finalize writes, in its sealed history entry, a digest of every row of the
sitting's record: the sitting itself, its attendance events, its cases, their
recusals, rounds, ballots, scorecards, recordings, corrections, the chair's
confirmations and explanations (amendments come later, each with its own
history entry, and change nothing of this record). ``verify-db`` recomputes
them and names the table and row that differ, were inserted or were deleted;
the services refuse to change a sitting whose history says it was finalized,
whatever its status column says now. A sitting imported from an office is
sealed the same way by its import entry, naming the office.

Rows are read with plain SQL per table (never the live models), each as its
columns in name order; the sitting's navigation state (``current_case_id``)
is left out, as it moves when a finalized sitting is only browsed.
"""

from __future__ import annotations

import hashlib
import json

from kzcommission.services.unit import read
from kzcommission.store import models

FINALIZE = "sitting.finalize"
IMPORT = "exchange.import"  # a sitting received from an office, sealed as received
RECORD_KEY = "record"

_CASES = 'SELECT id FROM "case" WHERE sitting_id = {p}'
# table -> the WHERE clause that selects the sitting's rows ({p} is the parameter).
TABLES: dict[str, str] = {
    "sitting": "id = {p}",
    "attendance_event": "sitting_id = {p}",
    "case": "sitting_id = {p}",
    "recusal": f"case_id IN ({_CASES})",
    "vote_round": f"case_id IN ({_CASES})",
    "ballot": f"round_id IN (SELECT id FROM vote_round WHERE case_id IN ({_CASES}))",
    "scorecard": f"case_id IN ({_CASES})",
    "recording": f"case_id IN ({_CASES})",
    "case_correction": f"case_id IN ({_CASES})",
    "review_confirmation": f"case_id IN ({_CASES})",
    "review_explanation": f"case_id IN ({_CASES})",
}
LEFT_OUT = {"sitting": frozenset({"current_case_id"})}


def _digest(columns: list[str], row: tuple, skip: frozenset[str]) -> str:
    pairs = sorted(
        (name, "" if value is None else str(value))
        for name, value in zip(columns, row, strict=True)
        if name not in skip
    )
    text = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@read("records.view")
def record_digests(sitting_id: int) -> dict[str, dict[str, str]]:
    """table -> {row id: digest} for every row of the sitting's record."""
    db = models.database
    result: dict[str, dict[str, str]] = {}
    for table, where in TABLES.items():
        clause = where.format(p=db.param)
        cursor = db.execute_sql(
            f'SELECT * FROM "{table}" WHERE {clause}', (sitting_id,) * clause.count(db.param)
        )
        columns = [d[0] for d in cursor.description]
        skip = LEFT_OUT.get(table, frozenset())
        rows = {}
        for row in cursor.fetchall():
            values = dict(zip(columns, row, strict=True))
            rows[str(values["id"])] = _digest(columns, row, skip)
        result[table] = rows
    return result


def differences(
    sealed: dict[str, dict[str, str]], now: dict[str, dict[str, str]]
) -> list[tuple[str, str, str]]:
    """Each way the record differs from what was sealed: (table, row, "deleted",
    "inserted" or "altered")."""
    found: list[tuple[str, str, str]] = []
    for table in sorted(set(sealed) | set(now)):
        before, after = sealed.get(table, {}), now.get(table, {})
        for row in sorted(set(before) | set(after), key=lambda r: (len(r), r)):
            if row not in after:
                found.append((table, row, "deleted"))
            elif row not in before:
                found.append((table, row, "inserted"))
            elif before[row] != after[row]:
                found.append((table, row, "altered"))
    return found


@read("records.view")
def finalized_in_history(sitting_uuid: str) -> bool:
    """True once the history holds the sitting's finalize entry (the status column aside)."""
    p = models.database.param
    row = models.database.execute_sql(
        f"SELECT 1 FROM history_entry WHERE sitting = {p} AND action = {p} LIMIT 1",
        (sitting_uuid, FINALIZE),
    ).fetchone()
    return row is not None
