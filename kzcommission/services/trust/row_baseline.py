"""The baseline of a database written before v17: every row sealed once (issue 17).

Schema step v17 marks the file; the first opening through the services seals
one history entry per tracked table holding the images of all its rows, with
the history key when it can be had (otherwise the entries stay unsealed until
an administrator adopts them, like any written without the key). From then on
every row is covered: a later change behind the application is named by
``verify-db`` against this baseline or a later write's image.
"""

from __future__ import annotations

from kzcommission.services.trust import history, row_state
from kzcommission.store import models, row_journal
from kzcommission.store.steps.v0017_row_images import BASELINE_PENDING

ACTION = "history.baseline"
ACTOR = "upgrade"


def _pending() -> bool:
    p = models.database.param
    row = models.database.execute_sql(
        f'SELECT 1 FROM schema_meta WHERE "key" = {p}', (BASELINE_PENDING,)
    ).fetchone()
    return row is not None


def seal_if_pending() -> int:
    """Seal the baseline if the upgrade left it to do; the number of entries written."""
    if not _pending():
        return 0
    written = 0
    with models.database.atomic():
        history.lock()  # another client of the server may be sealing it right now
        if not _pending():
            return 0
        present = set(models.database.get_tables())
        for table in row_journal.TRACKED:
            rows = row_state.table_images(table) if table in present else {}
            if not rows:
                continue
            history.append(
                actor=ACTOR, action=ACTION, entity="table", entity_id=table, sitting="",
                before="", after=f'{{"rows": {len(rows)}}}', images={table: rows},
            )  # fmt: skip
            written += 1
        models.SchemaMeta.delete().where(models.SchemaMeta.key == BASELINE_PENDING).execute()
    return written
