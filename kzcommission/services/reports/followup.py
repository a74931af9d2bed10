"""The follow-up parts of the consolidated report: deadlines met and missed per rule
(R-DL-1..R-DL-8) and the evaluation bands of corps "A" and "B" (Order 13).

Deadlines: the campaign dashboard builds one row object per case and deadline, which
takes tens of seconds for a consolidated campaign. Here the cases are grouped in SQL
by what their deadlines depend on, and each group goes once through the same domain
functions as the dashboard (case_deadlines, status) and the campaign's decision_date;
the tests check that the counts equal the dashboard's.

Evaluation bands are counted in SQL (GROUP BY band) over the stored bands, after the
evaluation services' own confidentiality check (R-CAL-4); the per-sheet views of
those services cost several queries each, too many for a consolidated count. A corps
"B" sheet counts under the band a calibration session adopted, where one did (R-CAL-3).
The period selects the evaluation years it overlaps; the commission filter does not
apply to evaluation (it is not a commission's work).

Appeals (R-DOC-8) are counted per commission over the cases of the held sittings in the
filter, cut by the sitting date like the decisions: filed, rejected, cancelled, pending.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from types import SimpleNamespace

from peewee import JOIN, SQL, Case, fn

from kzcommission.documents.report_data import (
    AppealReport,
    AppealRow,
    BandRow,
    DeadlineReport,
    DeadlineRuleRow,
    EvaluationReport,
)
from kzcommission.domain.deadlines import RULES, case_deadlines, status
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.evaluation.common import require_view
from kzcommission.services.preparation import campaign
from kzcommission.services.reports.consolidated import (
    HELD,
    VIEW,
    ReportFilter,
    all_of,
    sitting_conditions,
)
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.models import (
    CalibrationSession,
    CaseStep,
    CorpsAAgreement,
    CorpsBSheet,
)

CORPS_A_BANDS: tuple[str, ...] = ("effective", "satisfactory", "unsatisfactory")
CORPS_B_BANDS: tuple[str, ...] = ("effective", "proper", "satisfactory", "unsatisfactory")


@read(VIEW)
def deadlines(f: ReportFilter, today: date | None = None) -> DeadlineReport:
    """Per rule id: deadlines met, done late, overdue and still open, as of ``today``."""
    today = today or date.today()
    counts: dict[tuple[str, str], list[int]] = {}
    for kind, held_on, decision, decided_on, done, count in _case_groups(f):
        if kind not in KINDS:
            continue
        when = datetime.combine(decided_on, time()) if decided_on else None
        case = SimpleNamespace(decision=decision, decided_at=when)
        decided = campaign.decision_date(case, held_on)  # type: ignore[arg-type]
        for deadline in case_deadlines(kind, held_on, decided, done):
            state = status(deadline, done.get(deadline.step), today, campaign.SOON_DAYS)
            slot = counts.setdefault((deadline.rule_id, deadline.step), [0, 0, 0, 0])
            slot[_STATUS_SLOT.get(state, 3)] += count
    rows = tuple(
        DeadlineRuleRow(rule, step, *values)
        for (rule, step), values in sorted(counts.items(), key=lambda kv: _rule_key(kv[0][0]))
    )
    return DeadlineReport(today, rows)


_STATUS_SLOT = {"done": 0, "done_late": 1, "overdue": 2}
KINDS = frozenset(kind for rule in RULES for kind in rule.kinds)
STEPS: tuple[str, ...] = tuple(dict.fromkeys([*(r.step for r in RULES), "minutes"]))


def _rule_key(rule_id: str) -> tuple[str, int]:
    head, _, number = rule_id.rpartition("-")
    return (head, int(number) if number.isdigit() else 0)


def _day(value: object) -> date | None:
    """SQLite hands back dates of expressions as text, PostgreSQL as dates."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _case_groups(f: ReportFilter) -> Iterator[tuple]:
    """Cases grouped by everything their deadlines depend on: kind, sitting date, decision,
    the day decided and the day each step was done, with how many cases share them.

    One row per case would mean 70,000 rows for a campaign; the groups are far fewer
    (cases of one sitting share their dates), and each is counted ``count`` times.
    """
    K, S = models.Case, models.Sitting
    pivots = [
        fn.MAX(Case(None, ((CaseStep.step == step, CaseStep.done_on),), None)).alias(f"s{i}")
        for i, step in enumerate(STEPS)
    ]
    decided = Case(None, ((K.decision.is_null(False), 1),), 0)
    per_case = (
        K.select(
            K.kind.alias("kind"),
            S.held_on.alias("held_on"),
            decided.alias("decided"),
            fn.DATE(K.decided_at).alias("decided_on"),
            *pivots,
        )  # fmt: skip
        .join(S, on=(K.sitting == S.id))
        .switch(K)
        .join(CaseStep, JOIN.LEFT_OUTER, on=(CaseStep.case == K.id))
        .where(all_of([K.status != "postponed", *sitting_conditions(f)]))
        .group_by(K.id, K.kind, S.held_on, K.decision, K.decided_at)
        .alias("per_case")
    )
    columns = [per_case.c.kind, per_case.c.held_on, per_case.c.decided, per_case.c.decided_on]
    columns += [getattr(per_case.c, f"s{i}") for i in range(len(STEPS))]
    query = K.select(*columns, fn.COUNT(SQL("*"))).from_(per_case).group_by(*columns)
    for kind, held_on, is_decided, decided_on, *steps, count in query.tuples():
        done = {step: _day(v) for step, v in zip(STEPS, steps, strict=True) if v is not None}
        decision = "decided" if is_decided else None
        yield kind, _day(held_on), decision, _day(decided_on), done, count


def _years(f: ReportFilter) -> tuple[int | None, int | None]:
    return (f.date_from.year if f.date_from else None, f.date_to.year if f.date_to else None)


def _bands(pairs: list[tuple[str, int]], order: tuple[str, ...]) -> tuple[BandRow, ...]:
    counts = dict.fromkeys(order, 0)
    for band, count in pairs:
        counts[band] = counts.get(band, 0) + count
    total = sum(counts.values())
    return tuple(BandRow(b, n, n / total if total else 0.0) for b, n in counts.items())


@read(VIEW)
def evaluation_bands(f: ReportFilter) -> EvaluationReport:
    """How many corps "A" agreements and corps "B" quarterly sheets fall in each band."""
    try:
        require_view()
    except PermissionDenied:
        return EvaluationReport(False, (), ())
    first, last = _years(f)
    P = models.Person

    a = (
        CorpsAAgreement.select(CorpsAAgreement.band, fn.COUNT(CorpsAAgreement.id))
        .join(P, on=(CorpsAAgreement.person == P.id))
        .where(CorpsAAgreement.band.is_null(False))
    )
    if first is not None:
        a = a.where(CorpsAAgreement.year >= first)
    if last is not None:
        a = a.where(CorpsAAgreement.year <= last)
    if f.unit:
        a = a.where(P.unit == f.unit)
    corps_a = _bands(list(a.group_by(CorpsAAgreement.band).tuples()), CORPS_A_BANDS)

    # The latest session that adopted a score decides the sheet's band (R-CAL-3).
    latest = (
        CalibrationSession.select(
            CalibrationSession.sheet.alias("sheet"), fn.MAX(CalibrationSession.id).alias("sid")
        )
        .where(CalibrationSession.adopted_band.is_null(False))
        .group_by(CalibrationSession.sheet)
        .alias("latest")
    )
    Adopted = CalibrationSession.alias("adopted")
    band = fn.COALESCE(Adopted.adopted_band, CorpsBSheet.band)
    b = (
        CorpsBSheet.select(band, fn.COUNT(CorpsBSheet.id))
        .join(P, on=(CorpsBSheet.person == P.id))
        .switch(CorpsBSheet)
        .join(latest, JOIN.LEFT_OUTER, on=(latest.c.sheet == CorpsBSheet.id))
        .join(Adopted, JOIN.LEFT_OUTER, on=(Adopted.id == latest.c.sid))
    )
    if first is not None:
        b = b.where(CorpsBSheet.year >= first)
    if last is not None:
        b = b.where(CorpsBSheet.year <= last)
    if f.unit:
        b = b.where(P.unit == f.unit)
    corps_b = _bands(list(b.group_by(band).tuples()), CORPS_B_BANDS)
    return EvaluationReport(True, corps_a, corps_b)


@read(VIEW)
def appeals(f: ReportFilter) -> AppealReport:
    """Per commission: appeals filed against its decisions, each outcome, still pending."""
    K, S, C, A = models.Case, models.Sitting, models.Commission, models.Appeal
    conds = [
        S.status.in_(HELD),
        *sitting_conditions(ReportFilter(f.date_from, f.date_to, f.commission_id)),
    ]
    # Joins on the declared foreign keys (Appeal.case, Case.sitting, Sitting.commission).
    query = A.select(S.commission, C.name, A.outcome, fn.COUNT(A.case)).join(K).join(S).join(C)
    if f.unit:
        query = query.switch(K).join(models.Person)
        conds.append(models.Person.unit == f.unit)
    grouped = query.where(all_of(conds)).group_by(S.commission, C.name, A.outcome)
    counts: dict[tuple[str, int], dict[str, int]] = {}
    for cid, name, outcome, count in _tuples(grouped):
        slot = counts.setdefault((name, cid), {})
        slot[outcome] = slot.get(outcome, 0) + count
    rows = tuple(
        AppealRow(
            name,
            sum(slot.values()),
            slot.get("rejected", 0),
            slot.get("cancelled", 0),
            slot.get("pending", 0),
        )
        for (name, _cid), slot in sorted(counts.items())
    )
    return AppealReport(rows)


def _tuples(query) -> Iterator[tuple[int, str, str, int]]:
    """The grouped rows as plain tuples (peewee types a model select's rows as models)."""
    yield from query.tuples()
