"""A fresh PostgreSQL database per test, on the server `./dev.sh test` starts.

Where no server is configured the PostgreSQL variants fail loudly, unless the
developer opts out explicitly with KZ_SKIP_POSTGRES=1 (never set in CI).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

URL_VARIABLE = "KZ_TEST_POSTGRES_URL"


def server_url() -> str:
    url = os.environ.get(URL_VARIABLE)
    if url:
        return url
    if os.environ.get("KZ_SKIP_POSTGRES") == "1":
        pytest.skip("PostgreSQL variants skipped: KZ_SKIP_POSTGRES=1")
    pytest.fail(f"no PostgreSQL server: {URL_VARIABLE} is not set (./dev.sh test starts one)")


def _admin(url: str):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


@contextmanager
def fresh_database() -> Iterator[str]:
    """Create an empty database, yield its URL, drop it afterwards."""
    url = server_url()
    name = f"kz_test_{uuid.uuid4().hex[:12]}"
    conn = _admin(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()
