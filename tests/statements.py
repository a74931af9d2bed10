"""Counting the SQL statements a piece of work runs (issue 20: a ballot key's cost)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kzcommission.store import models


@contextmanager
def counted() -> Iterator[list[str]]:
    """Every statement the database runs meanwhile (peewee sends each through execute_sql;
    the BEGIN and COMMIT of a transaction it sends through the driver, uncounted)."""
    db = models.database.obj
    seen: list[str] = []
    original = db.execute_sql

    def counting(sql, params=None, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    db.execute_sql = counting
    try:
        yield seen
    finally:
        del db.execute_sql
