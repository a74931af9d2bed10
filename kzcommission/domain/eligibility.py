"""Who is due for certification, and when (Order 880 §4-§6, §9, §24; Decree 490 §1-§2).

Rules: R-ELIG-1 .. R-ELIG-7. Dates are calendar dates; "N months" uses
:func:`kzcommission.domain.workdays.add_months` (month ends clamp: 31.01 + 1
month = 28/29.02).

Readings (the product's choices where the text is open; all of them live here):

* **Cycle (R-ELIG-2).** "After every three years of civil service": the due dates
  are the three-year anniversaries of ``service_start`` (3, 6, 9 ... years). The
  history covers the current position only (a certification before the
  appointment is invalid input), so anniversaries whose six-month window had
  closed before the appointment belong to earlier positions and are ignored.
* **Covering (R-ELIG-2, R-ELIG-4).** A regular or extraordinary certification
  settles the first unsettled anniversary, plus every later anniversary already
  reached on its date (a late certification catches up). One held before the
  anniversary is the early certification of R-ELIG-4 and settles it. A repeat
  certification continues its regular one and settles nothing by itself.
* **Window (R-ELIG-2).** It opens on the latest of: the anniversary; six months
  after the appointment (R-ELIG-1, §5); six months after resuming service from
  an unpaid, maternity or parental leave (R-ELIG-3). It closes six months after
  it opens ("within six months of the specified date"); both ends are
  included: opening 31.01, the window runs to 31.07.
* **Leaves (R-ELIG-3, Reading as updated).** A leave's ``end`` is its last day;
  service resumes the next day. An employee on a qualifying leave on the day of
  the list (``start <= on <= end``, or no end yet) is excluded ("on_leave")
  whatever his window, overdue or not. A qualifying leave that starts before the
  window would close, or before the day of the list (an overdue employee who
  went on leave), moves the window to six months after resuming; one with no
  end date yet, starting before the window would close, excludes the employee
  until it has one. Leaves of kind "other" never count.
* **Early (R-ELIG-4).** An application made after the last certification opens
  the window on the application date (still not within six months of the
  appointment or of resuming from leave); it closes as the regular one would.
* **Repeat (R-ELIG-6).** When the latest certification is a regular one decided
  "recertify", the window opens three months later and the law sets no close
  (``end`` is None).
* **Extraordinary (R-ELIG-7).** Article 77 leaves of the Law are read as the
  unpaid, maternity and parental leaves; the exclusion applies on the given day.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Kind
from kzcommission.domain.rulesets import windows_of
from kzcommission.domain.workdays import add_months, whole_months

LEAVE_KINDS = ("unpaid", "maternity", "parental", "other")
QUALIFYING_LEAVES = frozenset({"unpaid", "maternity", "parental"})  # R-ELIG-3, R-ELIG-7
COVERING_KINDS = frozenset({Kind.REGULAR.value, Kind.EXTRAORDINARY.value})  # R-ELIG-2
KIND_VALUES = frozenset(k.value for k in Kind)
CYCLE_MONTHS = 36  # R-ELIG-2: every three years of service
WINDOW_MONTHS = 6  # R-ELIG-2: within six months of the due date
SETTLING_MONTHS = 6  # R-ELIG-1/2/3: six months in position / after resuming service
RECERTIFY_MONTHS = 3  # R-ELIG-6
RECERTIFY_RESULT = "recertify"  # option id of R-DEC-1 2)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Leave:
    """A leave from ``start`` to ``end`` inclusive; ``end`` None while not yet known."""

    kind: str
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class PastCertification:
    """A certification held on ``on``: ``kind`` a :class:`Kind` value, ``result`` an option id."""

    on: date
    kind: str
    result: str | None = None


@dataclass(frozen=True)
class EmployeeHistory:
    """What the rules need to know of one employee in the current position.

    Raises RuleError (with ``field``) on a leave ending before it starts,
    overlapping leaves, a certification before the appointment, or unknown kinds.
    """

    appointed_on: date
    service_start: date
    leaves: tuple[Leave, ...] = ()
    pregnant: bool = False
    certifications: tuple[PastCertification, ...] = ()
    applied_next_category_on: date | None = None
    decree_490_position: bool = False
    # Derived once: qualifying leaves by start, covering certifications by date.
    _qualifying: tuple[Leave, ...] = field(init=False, repr=False, compare=False)
    _covering: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _by_date: tuple[PastCertification, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.service_start > self.appointed_on:
            raise RuleError(
                "service starts after the appointment",
                field="service_start",
                key="elig_service_after_appointment",
                params={
                    "service_start": self.service_start.strftime("%d.%m.%Y"),
                    "appointed_on": self.appointed_on.strftime("%d.%m.%Y"),
                },
            )
        # Most employees have no leave and one or two certifications: the checks
        # below skip their sorting then (the due list builds 100,000 of these).
        qualifying: tuple[Leave, ...] = ()
        if self.leaves:
            qualifying = self._check_leaves()
        covering: tuple[date, ...] = ()
        by_date: tuple[PastCertification, ...] = ()
        if self.certifications:
            for i, cert in enumerate(self.certifications):
                if cert.kind not in KIND_VALUES:
                    raise RuleError(
                        f"unknown kind {cert.kind!r}",
                        field=f"certifications[{i}].kind",
                        key="unknown_certification_kind",
                        params={"kind": cert.kind},
                    )
                if cert.on < self.appointed_on:
                    raise RuleError(
                        "certification before the appointment",
                        field=f"certifications[{i}].on",
                        key="elig_certification_before_appointment",
                        params={
                            "on": cert.on.strftime("%d.%m.%Y"),
                            "appointed_on": self.appointed_on.strftime("%d.%m.%Y"),
                        },
                    )
            covering = tuple(sorted(c.on for c in self.certifications if c.kind in COVERING_KINDS))
            by_date = tuple(sorted(self.certifications, key=lambda c: c.on))
        object.__setattr__(self, "_qualifying", qualifying)
        object.__setattr__(self, "_covering", covering)
        object.__setattr__(self, "_by_date", by_date)

    def _check_leaves(self) -> tuple[Leave, ...]:
        """Validate the leaves; return the qualifying ones (R-ELIG-3) by start date."""
        order = sorted(range(len(self.leaves)), key=lambda i: self.leaves[i].start)
        previous: int | None = None
        for i in order:
            leave = self.leaves[i]
            if leave.kind not in LEAVE_KINDS:
                raise RuleError(
                    f"unknown leave kind {leave.kind!r}",
                    field=f"leaves[{i}].kind",
                    key="elig_unknown_leave_kind",
                    params={"kind": leave.kind},
                )
            if leave.end is not None and leave.end < leave.start:
                raise RuleError(
                    "leave ends before it starts",
                    field=f"leaves[{i}].end",
                    key="elig_leave_ends_before_start",
                    params={
                        "start": leave.start.strftime("%d.%m.%Y"),
                        "end": leave.end.strftime("%d.%m.%Y"),
                    },
                )
            if previous is not None:
                before = self.leaves[previous]
                if before.end is None or before.end >= leave.start:
                    raise RuleError(
                        "leaves overlap",
                        field=f"leaves[{i}].start",
                        key="elig_leaves_overlap",
                        params={"start": leave.start.strftime("%d.%m.%Y")},
                    )
            previous = i
        return tuple(self.leaves[i] for i in order if self.leaves[i].kind in QUALIFYING_LEAVES)


@dataclass(frozen=True, slots=True)
class Window:
    """Period in which the certification must take place; ``end`` None: no close set."""

    start: date
    end: date | None
    reason: str
    rule_id: str

    def is_overdue(self, on: date) -> bool:
        """True if the window closed before ``on``."""
        return self.end is not None and self.end < on


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Not subject to certification for now, with the reason and the rule."""

    reason: str
    rule_id: str


def earliest_recertification(initial: date) -> date:
    """First day a re-certification may be held: three months after ``initial`` (R-ELIG-6)."""
    return add_months(initial, RECERTIFY_MONTHS)


def on_leave(h: EmployeeHistory, on: date) -> Leave | None:
    """The qualifying leave (R-ELIG-3) the employee is on on ``on``, if any."""
    for leave in h._qualifying:
        if leave.start > on:
            break
        if leave.end is None or on <= leave.end:
            return leave
    return None


def _opening(
    h: EmployeeHistory, d: date, reason: str, rule_id: str, on: date
) -> Window | Exclusion:
    """Push ``d`` past six months in position (R-ELIG-1) and after leaves (R-ELIG-3).

    A leave counts when it starts before the window would close or on or before
    ``on`` (R-ELIG-3 Reading: after resuming, the window opens six months later).
    Returns a Window whose ``end`` is None; the caller sets the close.
    """
    settled = add_months(h.appointed_on, SETTLING_MONTHS)
    if settled > d:
        d, reason, rule_id = settled, "six_months_in_position", "R-ELIG-1"
    for leave in h._qualifying:  # sorted and disjoint, so one pass suffices
        if leave.start > max(add_months(d, WINDOW_MONTHS), on):
            break
        if leave.end is None:
            return Exclusion("on_leave", "R-ELIG-3")
        after = add_months(leave.end + _ONE_DAY, SETTLING_MONTHS)
        if after > d:
            d, reason, rule_id = after, "after_leave", "R-ELIG-3"
    return Window(d, None, reason, rule_id)


def _first_cycle(h: EmployeeHistory) -> int:
    """First anniversary whose window had not closed when the position was taken."""
    # Smallest k >= 1 with add_months(service_start, 36k + 6) >= appointed_on.
    before = whole_months(h.service_start, h.appointed_on - _ONE_DAY) + 1
    return max(1, -(-(before - WINDOW_MONTHS) // CYCLE_MONTHS))


def due_window(history: EmployeeHistory, on: date) -> Window | Exclusion:
    """The current or next certification window of ``history`` as known on ``on``.

    R-ELIG-1 (pregnancy excludes; six months in position), R-ELIG-2 (three-year
    cycle, six-month window), R-ELIG-3 (six months after leave), R-ELIG-4 (early
    on application), R-ELIG-6 (re-certification). A window that closed before
    ``on`` is returned as it is: the certification is overdue. Facts dated after
    ``on`` (certifications, application) are ignored. See the module's Readings.
    """
    h = history
    if h.appointed_on > on:
        raise RuleError(
            "appointment after the date of the list",
            field="appointed_on",
            key="elig_appointed_after_list",
            params={
                "appointed_on": h.appointed_on.strftime("%d.%m.%Y"),
                "on": on.strftime("%d.%m.%Y"),
            },
        )
    if h.pregnant:
        return Exclusion("pregnant", "R-ELIG-1")
    if on_leave(h, on) is not None:  # R-ELIG-3 Reading: whatever his window
        return Exclusion("on_leave", "R-ELIG-3")
    last = next((c for c in reversed(h._by_date) if c.on <= on), None)
    if last is not None and last.kind == Kind.REGULAR and last.result == RECERTIFY_RESULT:
        return _opening(h, earliest_recertification(last.on), "recertification", "R-ELIG-6", on)
    k = _first_cycle(h)
    last_covering: date | None = None
    for c in h._covering:
        if c > on:
            break
        last_covering = c
        # Settles anniversary k and every one already reached on its date.
        k = max(k + 1, whole_months(h.service_start, c) // CYCLE_MONTHS + 1)
    due = add_months(h.service_start, CYCLE_MONTHS * k)
    regular = _opening(h, due, "three_years_of_service", "R-ELIG-2", on)
    if isinstance(regular, Exclusion):
        return regular
    end = add_months(regular.start, WINDOW_MONTHS)
    applied = h.applied_next_category_on
    if applied is not None and applied <= on and (last_covering is None or applied > last_covering):
        early = _opening(h, applied, "next_category_application", "R-ELIG-4", on)
        if isinstance(early, Window) and early.start < regular.start:
            return Window(early.start, end, "next_category_application", "R-ELIG-4")
    return Window(regular.start, end, regular.reason, regular.rule_id)


def extraordinary_window(history: EmployeeHistory, on: date) -> Window | Exclusion:
    """Extraordinary certification of Decree 490 on ``on`` (R-ELIG-7).

    Subject: positions listed in the Decree's Appendix 1, between 01.04.2024 and
    31.12.2024; excluded while pregnant or on an article 77 leave on ``on``.
    """
    h = history
    if not h.decree_490_position:
        return Exclusion("position_not_listed", "R-ELIG-7")
    if h.pregnant:
        return Exclusion("pregnant", "R-ELIG-7")
    if on_leave(h, on) is not None:
        return Exclusion("on_leave", "R-ELIG-7")
    if any(c.kind == Kind.EXTRAORDINARY and c.on <= on for c in h.certifications):
        return Exclusion("already_certified", "R-ELIG-7")
    start, end = extraordinary_period(on)
    return Window(start, end, "decree_490", "R-ELIG-7")


def extraordinary_period(on: date) -> tuple[date, date]:
    """The campaign of Decree 490 that ``on`` belongs to, from the rule sets' editions.

    R-ELIG-7: the window is the validity of the Decree 490 edition (§1: 01.04.2024
    to 31.12.2024, extended only by a new edition); outside every window, the
    latest one begun before ``on`` (or the first).
    """
    windows = [(s, e or date.max) for s, e in windows_of(Kind.EXTRAORDINARY.value)]
    for start, end in windows:
        if start <= on <= end:
            return start, end
    begun = [w for w in windows if w[0] <= on]
    return begun[-1] if begun else windows[0]


@dataclass(frozen=True, slots=True)
class DueEntry:
    """An employee due in the half-year; ``overdue`` if the window closed before it."""

    key: Hashable
    window: Window
    overdue: bool


@dataclass(frozen=True, slots=True)
class ExcludedEntry:
    """An employee left out of the half-year list, with the reason."""

    key: Hashable
    exclusion: Exclusion


@dataclass(frozen=True, slots=True)
class HalfYearList:
    """The personnel service's list for one half-year (R-ELIG-5)."""

    start: date
    end: date
    due: tuple[DueEntry, ...]
    excluded: tuple[ExcludedEntry, ...]


def half_year_due_list(
    histories: Iterable[tuple[Hashable, EmployeeHistory]], half_year_start: date
) -> HalfYearList:
    """Who falls due in the six months from ``half_year_start`` (R-ELIG-5, Order 880 §9).

    Due: the window (as known on ``half_year_start``) opens on or before the
    half-year's last day, including windows already closed (overdue, carried
    over). Excluded: pregnancy or an open-ended leave. Others are not listed.
    Entries keep the input order; RuleError from a history propagates.
    """
    end = add_months(half_year_start, 6) - _ONE_DAY
    due: list[DueEntry] = []
    excluded: list[ExcludedEntry] = []
    for key, history in histories:
        outcome = due_window(history, half_year_start)
        if isinstance(outcome, Exclusion):
            excluded.append(ExcludedEntry(key, outcome))
        elif outcome.start <= end:
            due.append(DueEntry(key, outcome, outcome.is_overdue(half_year_start)))
    return HalfYearList(half_year_start, end, tuple(due), tuple(excluded))


@dataclass(frozen=True, slots=True)
class Admission:
    """A person may be put on a sitting held on ``on`` (R-ELIG-3 Reading).

    ``ground``: "due" (window open or overdue), "application" (R-ELIG-4),
    "recertification" (R-ELIG-6 / R-DOC-8) or "not_yet_due"; ``falls_due_on`` is
    set for the last, and the caller warns the user with it.
    """

    ground: str
    falls_due_on: date | None = None


def admission(history: EmployeeHistory, on: date, kind: str) -> Admission:
    """May the employee be added to a sitting held on ``on`` for a ``kind`` case?

    R-ELIG-3 Reading: refused (RuleError naming the rule) when R-ELIG-1 (pregnant,
    fewer than six months in post), R-ELIG-3 (on a qualifying leave, or fewer than
    six months since resuming) or R-ELIG-6 (re-certification before three months)
    excludes him on ``on``; an extraordinary case only on the exclusions of
    R-ELIG-7 (pregnancy, article 77 leaves). One not yet due is accepted with his
    application (R-ELIG-4) or a re-certification ordered (R-ELIG-6, on appeal
    R-DOC-8); otherwise accepted with the date he falls due.
    """
    h = history
    if kind == Kind.EXTRAORDINARY:
        if h.pregnant:
            raise RuleError("pregnant", rule_id="R-ELIG-7", field="person", key="elig_pregnant")
        if on_leave(h, on) is not None:
            raise RuleError("on leave", rule_id="R-ELIG-7", field="person", key="elig_on_leave")
        return Admission("due")
    if h.appointed_on > on:
        raise RuleError(
            "appointed after the sitting's date",
            rule_id="R-ELIG-1",
            field="person",
            key="elig_appointed_after_sitting",
            params={
                "appointed_on": h.appointed_on.strftime("%d.%m.%Y"),
                "on": on.strftime("%d.%m.%Y"),
            },
        )
    if h.pregnant:
        raise RuleError("pregnant", rule_id="R-ELIG-1", field="person", key="elig_pregnant")
    settled = add_months(h.appointed_on, SETTLING_MONTHS)
    if settled > on:
        raise RuleError(
            f"fewer than six months in post (until {settled:%d.%m.%Y})",
            rule_id="R-ELIG-1",
            field="person",
            key="elig_six_months_in_post",
            params={"until": settled.strftime("%d.%m.%Y")},
        )
    if on_leave(h, on) is not None:
        raise RuleError("on leave", rule_id="R-ELIG-3", field="person", key="elig_on_leave")
    for leave in h._qualifying:
        if leave.end is not None and leave.end < on:
            resumed = add_months(leave.end + _ONE_DAY, SETTLING_MONTHS)
            if resumed > on:
                raise RuleError(
                    f"fewer than six months since resuming service (until {resumed:%d.%m.%Y})",
                    rule_id="R-ELIG-3",
                    field="person",
                    key="elig_six_months_after_leave",
                    params={"until": resumed.strftime("%d.%m.%Y")},
                )
    last = next((c for c in reversed(h._by_date) if c.on <= on), None)
    if last is not None and last.kind == Kind.REGULAR and last.result == RECERTIFY_RESULT:
        earliest = earliest_recertification(last.on)
        if earliest > on:
            raise RuleError(
                f"re-certification not before {earliest:%d.%m.%Y}",
                rule_id="R-ELIG-6",
                field="person",
                key="elig_recertification_not_before",
                params={"earliest": earliest.strftime("%d.%m.%Y")},
            )
        return Admission("recertification")
    window = due_window(h, on)
    if isinstance(window, Exclusion):  # not reached: the exclusions are refused above
        raise RuleError(
            window.reason,
            rule_id=window.rule_id,
            field="person",
            key="elig_excluded",
            params={"reason_key": f"prep.reason.{window.reason}"},
        )

    if window.start <= on:
        return Admission("application" if window.rule_id == "R-ELIG-4" else "due")
    last_covering = max((c for c in h._covering if c <= on), default=None)
    applied = h.applied_next_category_on
    if applied is not None and applied <= on and (last_covering is None or applied > last_covering):
        return Admission("application")
    return Admission("not_yet_due", window.start)
