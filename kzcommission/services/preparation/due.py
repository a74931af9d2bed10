"""Who is due for certification (R-ELIG-1..R-ELIG-6) and the half-yearly list (R-ELIG-5).

Histories are loaded in a fixed number of queries (persons, leaves, past
certifications, applications, decided cases, cancelled appeals, restricted
facts), whatever the number of employees, and the rules are applied by the
domain (:func:`due_window`, :func:`half_year_due_list`). Rows are read as raw
tuples: building a model instance per row would be most of the time for
100,000 employees.

Employees are persons with an appointment date; the others (e.g. members from
another body) have no personnel record here and are not listed.

A certification counts from two sources: the records the personnel service
typed in (:mod:`kzcommission.services.preparation.personnel`) and the decided cases of this
application. A case whose order a higher head cancelled on appeal (R-DOC-8)
counts as decided "recertify": re-certification follows, not earlier than
R-ELIG-6 allows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peewee import fn

from kzcommission.documents.due_list import DueLine, DueListDoc, DueListRenderer, reason_text
from kzcommission.documents.wording import Wording
from kzcommission.domain.eligibility import (
    RECERTIFY_RESULT,
    Admission,
    EmployeeHistory,
    Exclusion,
    Leave,
    PastCertification,
    Window,
    admission,
    due_window,
    half_year_due_list,
)
from kzcommission.domain.errors import RuleError
from kzcommission.domain.names import Names
from kzcommission.domain.workdays import add_months, provisional_years
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation.personnel import may_see_restricted
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.models import (
    Appeal,
    CategoryApplication,
    CertificationRecord,
    PersonnelLeave,
    RestrictedFact,
)
from kzcommission.store.names import names_of

P = models.Person


@dataclass(frozen=True, slots=True)
class EmployeeSummary:
    id: int
    full_name: str
    personnel_number: str
    position: str
    unit: str
    grade: str
    positions: Names = Names()  # per language: a screen shows the interface language's

    def position_in(self, lang: str) -> str:
        return self.positions.pick(lang) or self.position


@dataclass(frozen=True, slots=True)
class DueRow:
    """One employee and the outcome of the rules for him: a window or an exclusion."""

    person: EmployeeSummary
    outcome: Window | Exclusion
    overdue: bool = False

    @property
    def excluded(self) -> bool:
        return isinstance(self.outcome, Exclusion)

    @property
    def reason(self) -> str:
        return self.outcome.reason

    @property
    def rule_id(self) -> str:
        return self.outcome.rule_id

    @property
    def window(self) -> Window | None:
        return self.outcome if isinstance(self.outcome, Window) else None


@dataclass(frozen=True)
class HalfYear:
    """The half-yearly list of R-ELIG-5; ``provisional``: years whose calendar is not final."""

    start: date
    end: date
    due: list[DueRow]
    excluded: list[DueRow]
    provisional: list[int]


class _Days(dict):
    """ISO text (SQLite) to date, each distinct day parsed once; PostgreSQL gives dates."""

    def __missing__(self, value: object) -> date | None:
        day = value if value is None or isinstance(value, date) else date.fromisoformat(value[:10])
        self[value] = day
        return day


class _Summaries(dict):
    """Person rows made into summaries only when a row is returned (most are not)."""

    def __init__(self, rows: dict[int, tuple]):
        super().__init__()
        self.rows = rows

    def __missing__(self, pid: int) -> EmployeeSummary:
        _, sur, given, patr, number, position, unit, grade, _, _, kk, ru, en = self.rows[pid]
        name = " ".join(p for p in (sur, given, patr) if p)
        positions = Names(kk=kk or "", ru=ru or "", en=en or "", other=position or "")
        summary = self[pid] = EmployeeSummary(
            pid, name, number or "", position, unit, grade, positions
        )
        return summary


def _rows(query) -> list[tuple]:
    # Raw cursor rows: no per-row model or field conversion (see module doc).
    return models.database.execute(query).fetchall()


Loaded = tuple[_Summaries, dict[int, EmployeeHistory | RuleError]]
_cache: dict[tuple, Loaded] = {}


def _stamp() -> tuple:
    """Changes whenever a service records a change (every write does) or a person is added."""
    H = models.HistoryEntry
    last, persons, top = models.database.execute(
        H.select(fn.MAX(H.id), P.select(fn.COUNT(P.id)), P.select(fn.MAX(P.id)))
    ).fetchone()
    db = models.database.obj
    return (id(db), getattr(db, "database", ""), last, persons, top)


@read("records.view")
def load_histories(person_ids: Iterable[int] | None = None) -> Loaded:
    """Employees and their histories in a few queries; an invalid record gives its RuleError.

    The whole set is kept per process until the next recorded change (see
    :func:`_stamp`), so choosing another date of the due list costs only the rules.
    """
    if person_ids is not None:
        return _load(list(person_ids))
    stamp = _stamp()
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = _load(None)
    return _cache[stamp]


def _load(ids: list[int] | None) -> Loaded:
    def only(query, column):
        return query if ids is None else query.where(column.in_(ids))

    day = _Days()
    people = only(
        P.select(
            P.id,
            P.surname,
            P.given_name,
            P.patronymic,
            P.personnel_number,
            P.position,
            P.unit,
            P.grade,
            P.appointed_on,
            P.service_start,
            P.position_kk,
            P.position_ru,
            P.position_en,
        ).where(P.appointed_on.is_null(False)),
        P.id,
    )
    leaves: dict[int, list[Leave]] = defaultdict(list)
    L = PersonnelLeave
    for pid, kind, start, end in _rows(only(L.select(L.person, L.kind, L.start, L.end), L.person)):
        leaves[pid].append(Leave(kind, day[start], day[end]))
    certs: dict[int, list[PastCertification]] = defaultdict(list)
    C = CertificationRecord
    for pid, on, kind, result in _rows(only(C.select(C.person, C.on, C.kind, C.result), C.person)):
        certs[pid].append(PastCertification(day[on], kind, result or None))
    cancelled = {
        r[0] for r in _rows(Appeal.select(Appeal.case).where(Appeal.outcome == "cancelled"))
    }
    K, S = models.Case, models.Sitting
    decided = only(
        K.select(K.person, S.held_on, K.kind, K.decision, K.id)
        .join(S, on=(K.sitting == S.id))
        .where(K.decision.is_null(False)),
        K.person,
    )
    for pid, held_on, kind, decision, case_id in _rows(decided):
        held = day[held_on]
        result = RECERTIFY_RESULT if case_id in cancelled else decision
        # A case and a typed-in record of the same event are one certification.
        same = [c for c in certs[pid] if c.on == held and c.kind == kind]
        certs[pid] = [c for c in certs[pid] if c not in same]
        certs[pid].append(PastCertification(held, kind, result))
    A = CategoryApplication
    latest_applied: dict[int, date] = {}
    for pid, on in _rows(only(A.select(A.person, A.applied_on), A.person)):
        applied = day[on]
        if pid not in latest_applied or applied > latest_applied[pid]:
            latest_applied[pid] = applied
    R = RestrictedFact
    pregnant = {r[0] for r in _rows(only(R.select(R.person).where(R.pregnant == True), R.person))}  # noqa: E712

    rows = {row[0]: row for row in _rows(people)}
    histories: dict[int, EmployeeHistory | RuleError] = {}
    no_leaves: tuple[Leave, ...] = ()
    for pid, row in rows.items():
        appointed = day[row[8]]
        try:
            histories[pid] = EmployeeHistory(
                appointed,
                day[row[9]] or appointed,
                tuple(leaves[pid]) if pid in leaves else no_leaves,
                pid in pregnant,
                tuple(certs[pid]) if pid in certs else (),
                latest_applied.get(pid),
            )
        except RuleError as exc:
            histories[pid] = exc
    return _Summaries(rows), histories


def _invalid(exc: RuleError) -> Exclusion:
    return Exclusion(f"invalid_record:{exc.field or ''}", exc.rule_id or "R-ELIG-5")


def _masked(outcome: Window | Exclusion, visible: bool) -> Window | Exclusion:
    """Without the restricted permission, the pregnancy exclusion shows as "restricted"."""
    if not visible and isinstance(outcome, Exclusion) and outcome.reason == "pregnant":
        return Exclusion("restricted", outcome.rule_id)
    return outcome


def _sort_key(row: DueRow) -> tuple:
    window = row.window
    return (not row.overdue, window.start if window else date.max, row.person.full_name)


@read("records.view")
def due_list(on: date, person_ids: Iterable[int] | None = None) -> list[DueRow]:
    """Employees due on ``on`` (window open or already closed: overdue), then the excluded.

    R-ELIG-1 (pregnancy, six months in position), R-ELIG-2 (three-year cycle),
    R-ELIG-3 (leaves), R-ELIG-4 (application), R-ELIG-6 (re-certification).
    Due rows come first, the overdue at the top, each group by window start.
    """
    summaries, histories = load_histories(person_ids)
    visible = may_see_restricted()
    due: list[DueRow] = []
    excluded: list[DueRow] = []
    for pid, history in histories.items():
        if isinstance(history, RuleError):
            excluded.append(DueRow(summaries[pid], _invalid(history)))
            continue
        try:
            outcome = due_window(history, on)
        except RuleError as exc:  # e.g. appointed after ``on``: not yet an employee then
            if exc.field == "appointed_on":
                continue
            outcome = _invalid(exc)
        if isinstance(outcome, Exclusion):
            excluded.append(DueRow(summaries[pid], _masked(outcome, visible)))
        elif outcome.start <= on:
            due.append(DueRow(summaries[pid], outcome, outcome.is_overdue(on)))
    due.sort(key=_sort_key)
    excluded.sort(key=lambda r: r.person.full_name)
    return due + excluded


@read("records.view")
def half_year(start: date) -> HalfYear:
    """The personnel service's list for the six months from ``start`` (R-ELIG-5, Order 880 §9)."""
    summaries, histories = load_histories()
    visible = may_see_restricted()
    valid = [
        (pid, h)
        for pid, h in histories.items()
        if not isinstance(h, RuleError) and h.appointed_on <= start
    ]
    result = half_year_due_list(valid, start)
    due = [DueRow(summaries[e.key], e.window, e.overdue) for e in result.due]
    excluded = [
        DueRow(summaries[e.key], _masked(e.exclusion, visible)) for e in result.excluded
    ] + [
        DueRow(summaries[pid], _invalid(h))
        for pid, h in histories.items()
        if isinstance(h, RuleError)
    ]
    due.sort(key=_sort_key)
    excluded.sort(key=lambda r: r.person.full_name)
    years = {start.year, result.end.year} | {
        d for r in due for d in (r.window.start.year, (r.window.end or r.window.start).year)
    }
    return HalfYear(start, result.end, due, excluded, provisional_years(years))


def half_year_start(on: date) -> date:
    """First day of the half-year containing ``on``: 1 January or 1 July (R-ELIG-5)."""
    return date(on.year, 1 if on.month <= 6 else 7, 1)


def next_half_year(on: date) -> date:
    return add_months(half_year_start(on), 6)


def _organisation() -> Names:
    first = models.Commission.select().order_by(models.Commission.id).first()
    return names_of(first, "name") if first else Names()


def _positions() -> dict[int, Names]:
    """Every person's position per language (v13), in one query: the list prints each
    position in the document's language."""
    P = models.Person
    columns = (P.position, P.position_kk, P.position_ru, P.position_en)
    query = P.select(P._meta.primary_key, *columns)
    return {person.get_id(): names_of(person, "position") for person in query}


@read("records.view")
def due_list_doc(
    start: date, *, organisation: str | Names = "", officer_name: str = ""
) -> DueListDoc:
    """The printable half-year list (R-ELIG-5): the data of :class:`DueListRenderer`."""
    half = half_year(start)
    positions = _positions()

    def line(row: DueRow) -> DueLine:
        window = row.window
        return DueLine(
            personnel_number=row.person.personnel_number,
            name=row.person.full_name,
            position=positions.get(row.person.id) or row.person.position,
            window_start=window.start if window else None,
            window_end=window.end if window else None,
            reason=row.reason,
            rule_id=row.rule_id,
            overdue=row.overdue,
        )

    return DueListDoc(
        organisation=organisation or _organisation(),
        start=half.start,
        end=half.end,
        compiled_on=date.today(),
        due=tuple(line(r) for r in half.due),
        excluded=tuple(line(r) for r in half.excluded),
        provisional_years=tuple(half.provisional),
        officer_name=officer_name,
    )


@read("documents.print")
def print_due_list(start: date, lang: str, **doc_args: str) -> bytes:
    """The half-year list (R-ELIG-5) as PDF bytes in ``lang`` (kk, ru, en, kk+ru)."""
    return DueListRenderer(lang).render(due_list_doc(start, **doc_args))


@read("records.view")
def admission_of(person_id: int, on: date, kind: str) -> Admission | None:
    """R-ELIG-3 Reading: may the person be put on a sitting held on ``on`` for ``kind``?

    Raises ServiceError naming the rule (R-ELIG-1, R-ELIG-3, R-ELIG-6, R-ELIG-7)
    when he is excluded; None when no personnel record is kept for him.
    """
    _, histories = load_histories([person_id])
    history = histories.get(person_id)
    if history is None or isinstance(history, RuleError):
        return None
    try:
        return admission(history, on, kind)
    except RuleError as exc:
        raise ServiceError(  # refusal: passes on
            str(exc),
            field=exc.field or "person",
            rule_id=exc.rule_id,
            key=exc.key,
            params=exc.params,
        ) from exc


def reason_label(reason: str, lang: str) -> str:
    """The words for a reason id in ``lang``, as the printed list gives them."""
    return reason_text(Wording(lang), reason)
