"""The print pack of a sitting: minutes, every certification sheet, every scorecard.

Cancellation returns early, without an exception: ``cancelled()`` is checked
before each file is started and as each one is finished; the files already
written are returned, so the caller can show or delete them. Progress is
reported as (files done, files in total), always on the calling thread.

Scorecards are printed one file per member (all the cases he scored, one card
per page): fonts are embedded once per file instead of 360 times, and each
member signs his own stack. Files are rendered by ``workers`` processes
(default: one per core, at most four) when the pack is large enough to repay
starting them; a frozen build must call ``multiprocessing.freeze_support()``.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Collection
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, Protocol

from kzcommission.documents.base import Renderer, document_digest
from kzcommission.documents.data import SittingDoc
from kzcommission.documents.fonts import register_fonts
from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.documents.scorecard import ScorecardRenderer
from kzcommission.documents.sheet_extraordinary import ExtraordinarySheetRenderer
from kzcommission.documents.sheet_regular import RegularSheetRenderer
from kzcommission.domain.kinds import Kind
from kzcommission.files import remove_stale, sync_folder, write_atomic

_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)
PARALLEL_FROM = 12  # files; below this, starting processes costs more than it saves
STAGING_PREFIX = ".kzcommission-print-"  # the hidden folder a pack is rendered into

# A job is (file stem, document, payload); payloads are picklable documents' data.
Job = tuple[str, str, Any]


def safe_name(text: str, limit: int = 40) -> str:
    """A file-name part: letters (any script), digits, '.', '-', '_'."""
    return _UNSAFE.sub("_", text).strip("_")[:limit] or "x"


class Numbered(Protocol):
    """A sitting as the file names need it: a SittingDoc, or the store's row."""

    @property
    def number(self) -> str: ...


def pack_prefix(sitting: Numbered) -> str:
    """The start of every file name of a sitting's pack (and of one case's papers)."""
    return f"sitting-{safe_name(sitting.number, 20)}"


def pack_jobs(sitting: SittingDoc) -> list[Job]:
    """Every file of the pack, in print order."""
    prefix = pack_prefix(sitting)
    header = dataclasses.replace(sitting, cases=())  # case documents need no other case
    jobs: list[Job] = [(f"{prefix}_minutes", "minutes", sitting)]
    for case in sitting.cases:
        if case.postponed:  # R-DOC-1 Reading: no sheet from this sitting (R-SIT-3, R-SIT-5)
            continue
        doc = "xsheet" if case.kind == Kind.EXTRAORDINARY else "sheet"
        stem = f"{prefix}_case-{case.number:03d}_{safe_name(case.person_name)}_sheet"
        jobs.append((stem, doc, (header, case)))
    by_member: dict[str, list[Any]] = {}
    for case in sitting.cases:
        for card in case.scorecards:
            by_member.setdefault(card.member, []).append((header, case, card))
    for i, (member, cards) in enumerate(by_member.items(), start=1):
        stem = f"{prefix}_scorecards_member-{i:02d}_{safe_name(member)}"
        jobs.append((stem, "scorecards", cards))
    return jobs


RENDERERS: dict[str, type[Renderer]] = {
    "minutes": MinutesRenderer,
    "sheet": RegularSheetRenderer,
    "xsheet": ExtraordinarySheetRenderer,
    "scorecards": ScorecardRenderer,
}


def render_job(doc: str, payload: Any, lang: str) -> bytes:
    """The PDF of one job."""
    return RENDERERS[doc](lang).render(payload)


def job_digest(doc: str, payload: Any, lang: str) -> str:
    """The verification digest printed on the job's file (footer and QR)."""
    return document_digest(RENDERERS[doc](lang).identity(payload)[2])


def job_path(stem: str, lang: str, out_dir: Path) -> Path:
    return out_dir / f"{stem}_{lang.replace('+', '-')}.pdf"


def _write_job(job: Job, lang: str, out_dir: Path) -> Path:
    stem, doc, payload = job
    path = job_path(stem, lang, out_dir)
    write_atomic(path, render_job(doc, payload, lang))  # never half a PDF under its name
    return path


def render_pack(
    sitting: SittingDoc,
    lang: str,
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    only: Collection[str] | None = None,
) -> list[Path]:
    """Write the pack of ``sitting`` in ``lang`` into ``out_dir``; return the files written.

    Returns early (fewer files) when ``cancelled()`` becomes true; the list is
    in print order. ``workers=1`` renders in this process. ``only``: the file stems
    chosen (the print dialog's ticks); None writes every file.

    The files are rendered into a hidden folder inside ``out_dir`` and renamed into
    place together at the end, so a kill while printing leaves none of the pack under
    its names, not some of it (issue 18); the next print there removes such a folder.
    """
    register_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir, f"{STAGING_PREFIX}*")
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    try:
        staged = _render_into(sitting, lang, staging, progress, cancelled, workers, only)
        placed = []
        for path in staged:
            os.replace(path, out_dir / path.name)
            placed.append(out_dir / path.name)
        sync_folder(out_dir)
        return placed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _render_into(
    sitting: SittingDoc,
    lang: str,
    out_dir: Path,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    workers: int | None,
    only: Collection[str] | None,
) -> list[Path]:
    jobs = [job for job in pack_jobs(sitting) if only is None or job[0] in only]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(jobs) >= PARALLEL_FROM else 1
    is_cancelled = cancelled or (lambda: False)
    done: dict[int, Path] = {}

    def report(index: int, path: Path) -> None:
        done[index] = path
        if progress is not None:
            progress(len(done), len(jobs))

    if workers <= 1:
        for index, job in enumerate(jobs):
            if is_cancelled():
                break
            report(index, _write_job(job, lang, out_dir))
        return [done[i] for i in sorted(done)]
    # "spawn": never fork a process that may be running Qt threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=register_fonts) as pool:
        # Longest files first (minutes, then each member's scorecards), the
        # short sheets last, so that no worker is left with a long tail.
        order = sorted(range(len(jobs)), key=lambda i: jobs[i][1] in ("sheet", "xsheet"))
        pending: dict[Future[Path], int] = {
            pool.submit(_write_job, jobs[i], lang, out_dir): i for i in order
        }
        while pending:
            finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                report(pending.pop(future), future.result())
            if pending and is_cancelled():
                for future in pending:
                    future.cancel()
                # Files already being written are finished and kept.
                for future, index in pending.items():
                    if not future.cancelled():
                        report(index, future.result())
                break
    return [done[i] for i in sorted(done)]
