"""Campaign planning: employees on sittings, the deadlines of each case and when each
step was done (R-DL-1..R-DL-9), the files of the steps, the notices.

Deadlines come from :func:`kzcommission.domain.deadlines.case_deadlines` and are
counted in Kazakhstan working days (R-DL-9); a deadline in a year the holiday
library has no firm data for is marked provisional, and the dashboard lists
those years.

Steps are recorded in ``case_step`` (one row per case and step, the date it was
done). "minutes" is the date the minutes were signed: it is the R-DL-6 step of
an extraordinary case and the anchor of R-DL-7 under Order 880 (Decree 490
counts R-DL-7 from the decision). Steps are
recorded also after the sitting was finalized: they are personnel facts, not
changes of the sitting's record.

Files: the bytes are stored in the database (``case_file.content``) with their
SHA-256, checked again when read, so the one database file (and its backup)
holds them and a PostgreSQL installation needs no shared folder.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kzcommission.documents.data import NoticeDoc
from kzcommission.documents.deadline_report import (
    DeadlineLine,
    DeadlineReportDoc,
    DeadlineReportRenderer,
)
from kzcommission.documents.notice import NoticeRenderer
from kzcommission.domain.deadlines import Deadline, case_deadlines, rule_for, rules_for, status
from kzcommission.domain.kinds import Kind
from kzcommission.domain.names import Names
from kzcommission.domain.workdays import provisional_years
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.sitting import cases as case_service
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import CaseFile, CaseStep
from kzcommission.store.names import case_position, names_of

MINUTES = "minutes"  # the minutes signed: R-DL-6 step, Order 880 anchor of R-DL-7
DISAGREEMENT = "disagreement_annex"  # R-DL-8
AFTER_DECISION = frozenset({MINUTES, "communicate"})
APPEAL = "appeal"  # the scan of an appeal (R-DOC-8)
SCAN = "scan"  # any other paper of the case: a notice, a signed sheet, an order
FILE_STEPS = frozenset(
    {"notice", "report", "characteristic", "materials", DISAGREEMENT, APPEAL, SCAN}
)
# A case's paper is a scan or a letter, kept inside the database and its backups: larger
# files are refused with the limit named rather than bloating every backup.
MAX_FILE_BYTES = 20 * 1024 * 1024
SOON_DAYS = 5
STATUSES: tuple[str, ...] = ("overdue", "due_soon", "pending", "done_late", "done")
# Which sittings the dashboard shows (issue 22): "current" = every planned or open sitting
# whatever its date, and the closed / finalized ones held in the last ``since_days`` days;
# "all" = every sitting. The page shows the choice and lets the user change it.
SCOPES: tuple[str, ...] = ("current", "all")
SINCE_DAYS = 60
UNDECIDED_SITTINGS = ("planned", "open")


@dataclass(frozen=True)
class DeadlineRow:
    """One deadline of one case and where it stands (rule id of RULEBOOK section 3)."""

    case_id: int
    person_id: int
    person_name: str
    sitting_id: int
    sitting_date: date
    kind: str
    rule_id: str
    step: str
    source: str
    due: date | None
    done_on: date | None
    status: str
    provisional: bool


@dataclass(frozen=True)
class Dashboard:
    today: date
    rows: list[DeadlineRow]
    provisional_years: list[int]
    scope: str = "current"
    since_days: int = SINCE_DAYS

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            result[row.status] += 1
        return result


@dataclass(frozen=True)
class FileView:
    id: int
    case_id: int
    step: str
    file_name: str
    sha256: str
    size: int
    added_at: datetime


def _case(case_id: int) -> models.Case:
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(
            f"no case {case_id}", field="case", key="not_found_case", params={"id": case_id}
        )
    return case


def decision_date(case: models.Case, sitting_date: date) -> date | None:
    """The day the commission decided; never before the sitting (entered late, not decided late)."""
    if case.decision is None:
        return None
    if case.decided_at is None:
        return sitting_date
    return max(sitting_date, case.decided_at.date())


def _rows_for(
    case: models.Case,
    person_name: str,
    sitting: models.Sitting,
    done: dict[str, date],
    today: date,
    soon_days: int,
) -> list[DeadlineRow]:
    decided = decision_date(case, sitting.held_on)
    return [
        _row(case, person_name, sitting, deadline, done, today, soon_days)
        for deadline in case_deadlines(case.kind, sitting.held_on, decided, done)
    ]


def _row(case, person_name, sitting, deadline: Deadline, done, today, soon_days) -> DeadlineRow:
    done_on = done.get(deadline.step)
    return DeadlineRow(
        case_id=case.id,
        person_id=case.person_id,
        person_name=person_name,
        sitting_id=sitting.id,
        sitting_date=sitting.held_on,
        kind=case.kind,
        rule_id=deadline.rule_id,
        step=deadline.step,
        source=deadline.rule.source,
        due=deadline.due,
        done_on=done_on,
        status=status(deadline, done_on, today, soon_days),
        provisional=deadline.provisional,
    )


def _steps_of(case_ids: Iterable[int]) -> dict[int, dict[str, date]]:
    done: dict[int, dict[str, date]] = defaultdict(dict)
    ids = list(case_ids)
    # Chunked: SQLite limits the number of bound parameters of one query.
    for i in range(0, len(ids), 500):
        query = CaseStep.select().where(CaseStep.case.in_(ids[i : i + 500]))
        for step in query:
            done[step.case_id][step.step] = step.done_on
    return done


@read("records.view")
def deadlines_of_case(case_id: int, today: date | None = None) -> list[DeadlineRow]:
    case = _case(case_id)
    today = today or date.today()
    done = _steps_of([case.id])
    return _rows_for(case, case.person.full_name, case.sitting, done[case.id], today, SOON_DAYS)


@read("records.view")
def dashboard(
    today: date | None = None,
    *,
    sitting_id: int | None = None,
    soon_days: int = SOON_DAYS,
    since_days: int = SINCE_DAYS,
    scope: str = "current",
) -> Dashboard:
    """Deadlines of the cases of one sitting, or of the sittings of ``scope`` (SCOPES):
    planned and open sittings are always shown in "current", whatever their date (issue 22:
    a planned sitting entered with a past date still has its deadlines to meet).

    Postponed cases (R-SIT-3) are left out: they are listed waiting for a new
    sitting, and the deadlines follow the case that moves them.
    """
    if scope not in SCOPES:
        raise ServiceError(
            f"scope: {scope!r} is not one of {SCOPES}",
            field="scope",
            key="dl_scope_unknown",
            params={"scope": scope, "scopes": ", ".join(SCOPES)},
        )
    today = today or date.today()
    K, S, P = models.Case, models.Sitting, models.Person
    query = (
        K.select(K, S, P)
        .join(S, on=(K.sitting == S.id))
        .switch(K)
        .join(P, on=(K.person == P.id))
        .where(K.status != "postponed")
        .order_by(S.held_on, K.order, K.id)
    )
    if sitting_id is not None:
        query = query.where(K.sitting == sitting_id)
    elif scope == "current":
        query = query.where(
            S.status.in_(UNDECIDED_SITTINGS) | (S.held_on >= today - timedelta(days=since_days))
        )
    found = list(query)
    done = _steps_of(c.id for c in found)
    rows: list[DeadlineRow] = []
    for case in found:
        rows += _rows_for(
            case, case.person.full_name, case.sitting, done[case.id], today, soon_days
        )
    years = {r.due.year for r in rows if r.due} | {r.sitting_date.year for r in rows}
    return Dashboard(today, rows, provisional_years(years), scope, since_days)


@write("case.edit")
def plan(sitting_id: int, person_ids: Iterable[int], kind: str) -> list[case_service.CaseView]:
    """Put employees on a sitting, one case each (the deadlines then follow, R-DL-1..R-DL-7)."""
    return [case_service.add_case(sitting_id, pid, kind) for pid in person_ids]


@write("case.edit")
def record_step(
    case_id: int, step: str, done_on: date, note: str = "", *, today: date | None = None
) -> list[DeadlineRow]:
    """Record that ``step`` of the case was done on ``done_on`` (R-DL-1..R-DL-8)."""
    case = _case(case_id)
    today = today or date.today()
    allowed = {r.step for r in rules_for(case.kind)} | {MINUTES}
    if step not in allowed:
        raise ServiceError(
            f"step: {step!r} is not a step of a {case.kind} case",
            field="step",
            key="dl_step_not_of_kind",
            params={"step": step, "kind_key": f"kind.{case.kind}"},
        )
    if done_on > today:
        raise ServiceError(
            "done_on: a step cannot be done after today", field="done_on", key="dl_done_after_today"
        )
    if step in AFTER_DECISION:
        decided = decision_date(case, case.sitting.held_on)
        if decided is None:
            raise ServiceError(
                "decision: the case is not decided yet", field="decision", key="dl_not_decided"
            )
        if done_on < decided:
            raise ServiceError(
                "done_on: before the decision",
                field="done_on",
                rule_id="R-DL-6",
                key="dl_before_decision",
            )
        communicate = rule_for(case.kind, "communicate") if step == "communicate" else None
        if communicate is not None and communicate.anchor == "minutes_signed":  # R-DL-7
            minutes = CaseStep.get_or_none((CaseStep.case == case) & (CaseStep.step == MINUTES))
            if minutes is None:
                raise ServiceError(
                    "minutes: the minutes are not signed yet",
                    field="minutes",
                    rule_id="R-DL-7",
                    key="dl_minutes_not_signed",
                )
            if done_on < minutes.done_on:
                raise ServiceError(
                    "done_on: before the minutes were signed",
                    field="done_on",
                    rule_id="R-DL-7",
                    key="dl_before_minutes_signed",
                )
    CaseStep.insert(case=case, step=step, done_on=done_on, note=note).on_conflict(
        conflict_target=[CaseStep.case, CaseStep.step],
        update={CaseStep.done_on: done_on, CaseStep.note: note},
    ).execute()
    record_history(
        "campaign.step",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"step": step, "done_on": done_on},
    )
    return deadlines_of_case(case_id, today)


@write("case.edit")
def clear_step(case_id: int, step: str) -> list[DeadlineRow]:
    """Undo a step entered by mistake."""
    case = _case(case_id)
    CaseStep.delete().where((CaseStep.case == case) & (CaseStep.step == step)).execute()
    record_history("campaign.step.clear", "case", case.uuid, after={"step": step})
    return deadlines_of_case(case_id)


def _file_view(f: CaseFile) -> FileView:
    return FileView(f.id, f.case_id, f.step, f.file_name, f.sha256, f.size, f.added_at)


@write("case.edit")
def attach_file(
    case_id: int, step: str, file_name: str, content: bytes, *, today: date | None = None
) -> FileView:
    """Store a file of a step with its SHA-256. The letter of disagreement (R-DL-8)
    is annexed to the performance report, so that report must be there first; the
    annex also records the R-DL-8 step as done."""
    case = _case(case_id)
    if step not in FILE_STEPS:
        raise ServiceError(
            f"step: no files are kept for {step!r}",
            field="step",
            key="dl_no_files_for_step",
            params={"step": step},
        )
    if not file_name.strip():
        raise ServiceError(
            "file_name: the file needs a name", field="file_name", key="file_name_missing"
        )
    if not content:
        raise ServiceError("content: the file is empty", field="content", key="file_empty")
    check_size(len(content))
    if step == DISAGREEMENT:
        if DISAGREEMENT not in {r.step for r in rules_for(case.kind)}:
            raise ServiceError(
                "step: no performance report in this kind",
                field="step",
                rule_id="R-DL-8",
                key="dl_no_report_in_kind",
            )
        has_report = (
            CaseStep.select().where((CaseStep.case == case) & (CaseStep.step == "report")).exists()
            or CaseFile.select()
            .where((CaseFile.case == case) & (CaseFile.step == "report"))
            .exists()
        )
        if not has_report:
            raise ServiceError(
                "report: the performance report is not received yet",
                field="report",
                rule_id="R-DL-8",
                key="dl_report_not_received",
            )
    digest = hashlib.sha256(content).hexdigest()
    row = CaseFile.create(
        case=case,
        step=step,
        file_name=file_name.strip(),
        sha256=digest,
        size=len(content),
        content=content,
    )
    if step == DISAGREEMENT:
        day = today or date.today()
        CaseStep.insert(case=case, step=step, done_on=day).on_conflict(
            conflict_target=[CaseStep.case, CaseStep.step], update={CaseStep.done_on: day}
        ).execute()
    record_history(
        "campaign.file",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"step": step, "file": file_name, "sha256": digest, "size": len(content)},
    )
    return _file_view(row)


def check_size(size: int) -> None:
    """Refuse a file over MAX_FILE_BYTES, naming both sizes (asked before reading it too)."""
    if size > MAX_FILE_BYTES:
        raise ServiceError(
            f"content: the file has {size / 1048576:.1f} MB; at most "
            f"{MAX_FILE_BYTES // 1048576} MB may be attached",
            field="content",
            key="file_too_large",
            params={"size": f"{size / 1048576:.1f}", "maximum": MAX_FILE_BYTES // 1048576},
        )


@write("case.files.detach")
def detach_file(file_id: int, reason: str) -> FileView:
    """Remove an attached file; the history keeps its name, SHA-256 and the reason."""
    row = CaseFile.get_or_none(id=file_id)
    if row is None:
        raise NotFound(
            f"no file {file_id}", field="file", key="not_found_file", params={"id": file_id}
        )
    if not reason.strip():
        raise ServiceError(
            "reason: say why the file is detached", field="reason", key="file_detach_reason_missing"
        )
    view = _file_view(row)
    case = row.case
    row.delete_instance()
    record_history(
        "campaign.file.detach",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        before={"step": view.step, "file": view.file_name, "sha256": view.sha256},
        after={"reason": reason.strip()},
    )
    return view


@read("records.view")
def list_files(case_id: int) -> list[FileView]:
    query = (
        CaseFile.select(
            CaseFile.id,
            CaseFile.case,
            CaseFile.step,
            CaseFile.file_name,
            CaseFile.sha256,
            CaseFile.size,
            CaseFile.added_at,
        )
        .where(CaseFile.case == case_id)
        .order_by(CaseFile.added_at, CaseFile.id)
    )
    return [_file_view(f) for f in query]


@read("case.files.read")
def file_content(file_id: int) -> bytes:
    """The stored bytes, refused if they no longer match their SHA-256; only for the roles
    that may read a case's papers (performance reports are personnel data)."""
    row = CaseFile.get_or_none(CaseFile.id == file_id)
    if row is None:
        raise NotFound(
            f"no file {file_id}", field="file", key="not_found_file", params={"id": file_id}
        )
    content = bytes(row.content)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise ServiceError(
            f"{row.file_name}: the stored file is damaged",
            field="file",
            key="file_damaged",
            params={"name": row.file_name},
        )
    return content


# -- printed: the deadline report and the notice (R-DL-1) -------------------------


@read("records.view")
def deadline_report_doc(
    today: date | None = None,
    *,
    sitting_id: int | None = None,
    organisation: str | Names = "",
    scope: str = "current",
) -> DeadlineReportDoc:
    """The dashboard as the data of :class:`DeadlineReportRenderer` (R-DL-1..R-DL-9), with
    the same choice of sittings as the screen."""
    board = dashboard(today, sitting_id=sitting_id, scope=scope)
    if not organisation:
        first = models.Commission.select().order_by(models.Commission.id).first()
        organisation = names_of(first, "name") if first else ""
    lines = tuple(
        DeadlineLine(
            r.person_name,
            r.sitting_date,
            r.kind,
            r.rule_id,
            r.step,
            r.due,
            r.done_on,
            r.status,
            r.provisional,
        )
        for r in board.rows
    )
    return DeadlineReportDoc(organisation, board.today, lines, tuple(board.provisional_years))


@read("documents.print")
def print_deadline_report(lang: str, today: date | None = None, **kwargs) -> bytes:
    return DeadlineReportRenderer(lang).render(deadline_report_doc(today, **kwargs))


@read("records.view")
def notice_doc(
    case_id: int, *, issued_on: date, officer_name: str = "", officer_position: str = ""
) -> NoticeDoc:
    """The written notice of the certification date of a case (R-DL-1)."""
    case = _case(case_id)
    sitting = case.sitting
    return NoticeDoc(
        notice_id=case.uuid,
        person_name=case.person.full_name,
        position=case_position(case),
        organisation=names_of(sitting.commission, "name"),
        kind=Kind(case.kind),
        certification_date=sitting.held_on,
        place=names_of(sitting, "place"),
        issued_on=issued_on,
        officer_name=officer_name,
        officer_position=officer_position,
        person_sex=case.person.sex,
    )


@read("documents.print")
def print_notice(case_id: int, lang: str, *, issued_on: date, **kwargs: str) -> bytes:
    """The R-DL-1 notice as PDF bytes (the documents helper's NoticeRenderer)."""
    return NoticeRenderer(lang).render(notice_doc(case_id, issued_on=issued_on, **kwargs))
