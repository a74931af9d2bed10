"""The reference to each interview's recording (R-SIT-2), and hashing its file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kzcommission.services.errors import ServiceError
from kzcommission.services.sitting.cases import editable_case
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models

CHUNK = 1 << 20


class HashCancelled(Exception):
    """The user stopped hashing a recording; nothing was recorded."""


@dataclass(frozen=True)
class RecordingView:
    media: str
    sha256: str
    size: int | None
    starts_at: float | None
    ends_at: float | None


def hash_file(
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[str, int]:
    """SHA-256 of a file, reporting bytes done; meant for a worker thread."""
    total = path.stat().st_size
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if cancelled is not None and cancelled():
                raise HashCancelled(str(path))
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    return digest.hexdigest(), total


@write("case.edit")
def set_recording(
    case_id: int,
    *,
    media: str,
    sha256: str = "",
    size: int | None = None,
    starts_at: float | None = None,
    ends_at: float | None = None,
) -> RecordingView:
    case = editable_case(case_id)
    if not media.strip():
        raise ServiceError(
            "name the file or the carrier of the recording",
            field="media",
            rule_id="R-SIT-2",
            key="recording_media_required",
        )
    if sha256 and (len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256)):
        raise ServiceError(
            "SHA-256 must be 64 lowercase hex digits", field="sha256", key="recording_sha256_bad"
        )
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value is not None and value < 0:
            raise ServiceError(
                "a mark in the recording cannot be negative",
                field=name,
                key="recording_mark_negative",
            )
    if starts_at is not None and ends_at is not None and ends_at < starts_at:
        raise ServiceError(
            "the interview cannot end before it starts",
            field="ends_at",
            key="recording_ends_before_start",
        )
    values = dict(
        media=media.strip(), sha256=sha256, size=size, starts_at=starts_at, ends_at=ends_at
    )
    models.Recording.insert(case=case, **values).on_conflict(
        conflict_target=[models.Recording.case], update=values
    ).execute()
    record_history("recording.set", "case", case.uuid, sitting=case.sitting.uuid, after=values)
    return RecordingView(**values)


@read("records.view")
def recording_of(case_id: int) -> RecordingView | None:
    r = models.Recording.get_or_none(models.Recording.case == case_id)
    if r is None:
        return None
    return RecordingView(r.media, r.sha256, r.size, r.starts_at, r.ends_at)
