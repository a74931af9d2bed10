"""v3 "Trust": local accounts, amendments, and the keyed chain of the history.

The chain columns are declared on the core model ``HistoryEntry``; a new
database gets them from ``create_tables``, an older one from :func:`apply`.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateTimeField,
    ForeignKeyField,
    TextField,
)
from playhouse.migrate import SchemaMigrator, migrate

from kzcommission.store import models

VERSION = 3

# The chain columns are declared on the core model; an older file gets them here.
CHAIN_COLUMNS: tuple[str, ...] = ("seq", "mac", "tags")


class UserAccount(models.BaseModel):
    """A local account. The password is kept only as an argon2id hash."""

    name = CharField(unique=True)
    role = CharField()  # administrator / secretary / chair / member / viewer
    password_hash = CharField()
    seat_uuid = CharField(null=True)  # a member's own seat (his scorecards only)
    full_name = CharField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=models.now)
    password_changed_at = DateTimeField(default=models.now)


class Amendment(models.BaseModel):
    """A correction of a finalized sitting; the original record stays unchanged."""

    uuid = CharField(unique=True, default=models.new_uuid)
    sitting = ForeignKeyField(models.Sitting, backref="amendments", on_delete="CASCADE")
    case = ForeignKeyField(models.Case, null=True, backref="amendments", on_delete="CASCADE")
    field = CharField()
    old = TextField(default="")
    new = TextField(default="")
    reason = TextField()
    requested_by = CharField()
    requested_at = DateTimeField(default=models.now)
    signed_by = CharField(null=True)
    signed_at = DateTimeField(null=True)


MODELS: tuple[type[models.BaseModel], ...] = (UserAccount, Amendment)


def apply(db: Database, migrator: SchemaMigrator) -> None:
    migrate(
        *(
            migrator.add_column(
                "history_entry", name, models.HistoryEntry._meta.fields[name].clone()
            )
            for name in CHAIN_COLUMNS
        )
    )
    # Entries written before v3 get their places in the chain now; they are
    # sealed (given their MACs) once the installation's history key is open.
    rows = db.execute_sql("SELECT id FROM history_entry ORDER BY id").fetchall()
    sql = f"UPDATE history_entry SET seq = {db.param} WHERE id = {db.param}"
    for seq, (entry_id,) in enumerate(rows, start=1):
        db.execute_sql(sql, (seq, entry_id))
    db.create_tables(MODELS)
