"""Finalizing a sitting: from then on it is locked (sittings.ensure_editable), and a
backup is taken. Corrections are amendments (services.sitting.amendments)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.installation import backups
from kzcommission.services.sitting import review
from kzcommission.services.sitting.sittings import SittingView, ensure_editable, get_sitting
from kzcommission.services.trust import history
from kzcommission.services.trust.sealed_record import RECORD_KEY, record_digests
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models


@dataclass(frozen=True)
class FinalizeResult:
    sitting: SittingView
    backup: Path | None  # the backup taken right after, if one could be
    backup_problem: str  # why not, in plain words ("" when it was taken)
    chain_head: str  # the mac of the sitting's last history entry, for the minutes


@write("sitting.finalize")
def _finalize(sitting_id: int) -> None:
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}", key="not_found_sitting", params={"id": sitting_id}
        )
    ensure_editable(sitting)  # finalized already: refused, with the usual message
    if sitting.status == "planned":
        raise ServiceError(
            "a sitting that was never opened cannot be finalized",
            field="status",
            key="finalize_never_opened",
        )
    still_open = (
        models.VoteRound.select(models.VoteRound, models.Case)
        .join(models.Case)
        .where((models.Case.sitting == sitting) & (models.VoteRound.status == "open"))
        .first()
    )
    if still_open is not None:
        raise ServiceError(
            f"round {still_open.number} of the case of {still_open.case.person.full_name} "
            "is still open: close it first",
            field="rounds",
            key="finalize_round_open",
            params={"number": still_open.number, "person": still_open.case.person.full_name},
        )
    blocking = review.blocking_findings(sitting_id)
    if blocking:  # the chair's review: resolve or explain every finding first
        raise ServiceError(
            "the chair's review has unresolved findings: " + review.describe_blocking(blocking),
            field="review",
            rule_id=blocking[0][1].finding.rule_id,
            key="review_unresolved_findings",
            params={"cases": review.blocking_cases(blocking)},
        )
    before = sitting.status
    sitting.status = "finalized"
    if sitting.closed_at is None:
        sitting.closed_at = models.now()
    sitting.save()
    record_history(
        "sitting.finalize",
        "sitting",
        sitting.uuid,
        sitting=sitting.uuid,
        before={"status": before},
        # Issue 17: the sealed state of the whole record, for verify-db to compare.
        after={"status": "finalized", RECORD_KEY: record_digests(sitting.id)},
    )


@read("sitting.finalize")
def finalize_sitting(sitting_id: int, *, backup: bool = True) -> FinalizeResult:
    """Lock the sitting (chair or secretary), then back the database up (after the commit)."""
    _finalize(sitting_id)
    view = get_sitting(sitting_id)
    path: Path | None = None
    problem = ""
    if backup:
        try:
            path = backups.backup_now(reason="finalize", automatic=True)
        except backups.BackupError as exc:
            problem = str(exc)  # the sitting stays finalized; the user is told
    return FinalizeResult(view, path, problem, history.chain_head(view.uuid))
