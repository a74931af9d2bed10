"""Why a database could not be opened. Each says what was found; none repairs anything."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every problem with the database file or server."""


class NotADatabaseError(StoreError):
    """The file exists but is not an SQLite database at all."""


class ForeignDatabaseError(StoreError):
    """An SQLite database, but not one kzcommission made."""


class DamagedDatabaseError(StoreError):
    """A kzcommission database that fails SQLite's integrity check."""


class NotAFileError(StoreError):
    """The path names a folder (or something else that is not a file)."""


class ReadOnlyDatabaseError(StoreError):
    """The file or its folder cannot be written: nothing could be recorded."""


class NewerSchemaError(StoreError):
    """Written by a newer version of kzcommission than this one."""


class ConflictError(StoreError):
    """Someone else changed the same record since it was read."""
