"""Schema versions. A new database gets the latest schema at once; an older one
is brought forward step by step, each step in its own transaction with its
version stamp, so an interrupted upgrade leaves a consistent earlier version.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from peewee import Database, IntegerField, SqliteDatabase
from playhouse.migrate import SchemaMigrator, migrate

from kzcommission.store import models

Step = Callable[[Database, SchemaMigrator], None]


def _v2_case_version_and_resume(db: Database, migrator: SchemaMigrator) -> None:
    """v2: optimistic concurrency on cases; the sitting remembers its current case."""
    migrate(
        migrator.add_column("case", "version", IntegerField(default=0)),
        migrator.add_column("sitting", "current_case_id", IntegerField(null=True)),
    )


# Later steps live in kzcommission/store/steps/<module>.py, each with VERSION (int) and
# apply(db, migrator), optionally on_create(db). A step never uses the live model
# classes: it writes out what it adds as it was at its version (steps/ddl.py), while
# every table is declared in store/models.py and a new database is created from there
# (tests/store/test_schema_parity.py proves both end up with the same schema).
# A feature adds its module name here, in version order.
STEP_MODULES: tuple[str, ...] = (
    "v0003_trust",
    "v0004_personnel",
    "v0005_evaluation",
    "v0006_reports",
    "v0007_review",
    "v0008_presiding",
    "v0010_person_rank",
    "v0012_file_digest",
    "v0013_names",
    "v0014_person_iin_sex",
    "v0017_row_images",
    "v0018_calendar",
)


@cache
def _step_modules() -> tuple:
    loaded = tuple(
        importlib.import_module(f"kzcommission.store.steps.{name}") for name in STEP_MODULES
    )
    versions = [m.VERSION for m in loaded]
    if versions != sorted(set(versions)) or (versions and versions[0] <= 2):
        raise RuntimeError(f"schema steps out of order: {versions}")
    return loaded


def steps() -> list[tuple[int, Step]]:
    """(version reached, step). Version 1 is the first released schema."""
    return [(2, _v2_case_version_and_resume), *((m.VERSION, m.apply) for m in _step_modules())]


def latest_version() -> int:
    return max(version for version, _ in steps())


def all_models() -> list[type[models.BaseModel]]:
    """Every table of the latest schema, in creation order."""
    return list(models.ALL_MODELS)


def read_version(db: Database) -> int:
    row = models.SchemaMeta.get_or_none(models.SchemaMeta.key == "schema_version")
    return int(row.value) if row else 0


def _write_version(version: int) -> None:
    models.SchemaMeta.insert(key="schema_version", value=str(version)).on_conflict(
        conflict_target=[models.SchemaMeta.key], update={models.SchemaMeta.value: str(version)}
    ).execute()


def create_schema(db: Database, stamp: Callable[[Database], None] | None = None) -> None:
    """The latest schema in one transaction; ``stamp`` marks the file inside it."""
    with db.atomic():
        if stamp is not None:
            stamp(db)
        db.create_tables(all_models())
        # What create_tables cannot express (backend-specific indexes), per step.
        for module in _step_modules():
            hook = getattr(module, "on_create", None)
            if hook is not None:
                hook(db)
        models.SchemaMeta.insert(key="application", value="kzcommission").execute()
        _write_version(latest_version())


def upgrade(db: Database) -> list[int]:
    """Run every step above the file's version; return the versions reached.

    On SQLite, a step that changes a column rebuilds its table (copy, drop,
    rename); with foreign keys on, dropping the old ``case`` table would cascade
    and delete every recusal and voting round. So foreign keys are off while the
    steps run (SQLite ignores the pragma inside a transaction, hence here), each
    step ends with a foreign-key check, and they are on again afterwards.
    """
    current = read_version(db)
    reached: list[int] = []
    migrator = SchemaMigrator.from_database(db)
    sqlite = isinstance(db, SqliteDatabase)
    pending = [(v, step) for v, step in steps() if v > current]
    # A step merged after a later one (v13 after v18) and missing from a file stamped
    # in between: it runs too, without lowering the file's version.
    missed = [
        (m.VERSION, m.apply)
        for m in _step_modules()
        if m.VERSION <= current and getattr(m, "missing", None) and m.missing(db)
    ]
    if not pending and not missed:
        return reached
    if sqlite:
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for version, step in [*missed, *pending]:
            with db.atomic():
                step(db, migrator)
                if sqlite and db.execute_sql("PRAGMA foreign_key_check").fetchone():
                    raise RuntimeError(f"schema step {version} broke a foreign key")
                if version > current:
                    _write_version(version)
            reached.append(version)
    finally:
        if sqlite:
            db.execute_sql("PRAGMA foreign_keys = ON")
    return reached
