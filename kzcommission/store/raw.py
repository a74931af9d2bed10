"""Plain SQL for the few hot paths where building the query costs more than running it.

Recording a ballot runs a handful of small reads; peewee's query builder spent
most of the call composing them. These statements are written once, portable
between SQLite and PostgreSQL (quoted identifiers, ``?`` placeholders adapted
to the driver's style).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from peewee import Database, PostgresqlDatabase

from kzcommission.store import models


def is_postgres(db: Database | None = None) -> bool:
    """Whether ``db`` (by default the bound database) is a PostgreSQL server."""
    return isinstance(db or models.database.obj, PostgresqlDatabase)


@cache
def _adapted(sql: str, param: str) -> str:
    return sql if param == "?" else sql.replace("?", param)


def fetch(sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Rows of a read, in the caller's transaction."""
    db = models.database.obj
    return db.execute_sql(_adapted(sql, db.param), tuple(params)).fetchall()


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    """Run a write; the number of rows it touched."""
    db = models.database.obj
    return db.execute_sql(_adapted(sql, db.param), tuple(params)).rowcount


def returning(sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
    """Run a write with a RETURNING clause: the names of the columns it returned, its rows."""
    db = models.database.obj
    cursor = db.execute_sql(_adapted(sql, db.param), tuple(params))
    return [d[0] for d in cursor.description], cursor.fetchall()
