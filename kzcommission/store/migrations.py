"""Schema versions. A new database gets the latest schema at once; an older one
is brought forward step by step, each step in its own transaction with its
version stamp, so an interrupted upgrade leaves a consistent earlier version.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database, IntegerField
from playhouse.migrate import SchemaMigrator, migrate

from kzcommission.store import models

Step = Callable[[Database, SchemaMigrator], None]


def _v2_case_version_and_resume(db: Database, migrator: SchemaMigrator) -> None:
    """v2: optimistic concurrency on cases; the sitting remembers its current case."""
    migrate(
        migrator.add_column("case", "version", IntegerField(default=0)),
        migrator.add_column("sitting", "current_case_id", IntegerField(null=True)),
    )


# (version reached, step). Version 1 is the first released schema.
STEPS: list[tuple[int, Step]] = [
    (2, _v2_case_version_and_resume),
]

LATEST_VERSION = max([1, *(version for version, _ in STEPS)])


def all_models() -> list[type[models.BaseModel]]:
    """Every table of the latest schema, in creation order."""
    return list(models.CORE_MODELS)


def read_version(db: Database) -> int:
    row = models.SchemaMeta.get_or_none(models.SchemaMeta.key == "schema_version")
    return int(row.value) if row else 0


def _write_version(version: int) -> None:
    models.SchemaMeta.insert(key="schema_version", value=str(version)).on_conflict(
        conflict_target=[models.SchemaMeta.key], update={models.SchemaMeta.value: str(version)}
    ).execute()


def create_schema(db: Database) -> None:
    with db.atomic():
        db.create_tables(all_models())
        models.SchemaMeta.insert(key="application", value="kzcommission").execute()
        _write_version(LATEST_VERSION)


def upgrade(db: Database) -> list[int]:
    """Run every step above the file's version; return the versions reached."""
    current = read_version(db)
    reached: list[int] = []
    migrator = SchemaMigrator.from_database(db)
    for version, step in STEPS:
        if version <= current:
            continue
        with db.atomic():
            step(db, migrator)
            _write_version(version)
        reached.append(version)
    return reached
