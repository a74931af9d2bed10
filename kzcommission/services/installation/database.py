"""Opening and closing the database for the app and the CLI."""

from __future__ import annotations

from pathlib import Path

from kzcommission import paths
from kzcommission.store import db as store_db
from kzcommission.store.errors import StoreError

APP_NAME = paths.APP_NAME
DEFAULT_FILE = paths.DATABASE_FILE

__all__ = [
    "StoreError",
    "default_database_path",
    "open_database",
    "close_database",
    "generation",
]

_generation = 0  # bumped on every open: caches of the roster know when they are stale


def generation() -> int:
    """Which opening of a database is current; a cache built under another is stale."""
    return _generation


def default_database_path() -> Path:
    """The embedded default: an SQLite file in the data folder (kzcommission.paths)."""
    return paths.database_file()


def open_database(target: str | Path | None = None) -> str:
    """Open a path or URL (``postgresql://...``); return what was opened, for display."""
    from kzcommission.services.permissions import forget_accounts_check

    global _generation
    _generation += 1
    forget_accounts_check()
    if target is None:
        target = default_database_path()
    text = str(target)
    if "://" in text:
        store_db.open_url(text)
    else:
        store_db.open_sqlite(Path(text))
    from kzcommission.services.preparation import calendar

    calendar.install()  # this database's imported years of transfers (R-DL-9)
    from kzcommission.services.trust.row_baseline import seal_if_pending

    seal_if_pending()  # rows written before v17 get their first sealed images (issue 17)
    return text


def close_database() -> None:
    store_db.close()


def release_thread_connection() -> None:
    """Close the calling worker thread's connection after its work (one per thread).

    The UI's background helper calls this so pool threads do not keep connections
    to a database the app has since closed.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        store_db.close()
