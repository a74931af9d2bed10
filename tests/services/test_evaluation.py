"""Corps "A" and corps "B" evaluation services: hostile input refused, nothing saved.

R-EVA-1..5, R-EVB-1..5, R-CAL-4 (confidentiality), editions of Order 13.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kzcommission.services.context import Actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.evaluation import corps_a as eva
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.evaluation.corps_a import KpiResult
from kzcommission.store import models
from kzcommission.store.models import CorpsAAgreement, CorpsAKpi, CorpsBSheet
from tests.services.eval_helpers import EVALUATED_ON, five_kpis, person

pytestmark = pytest.mark.usefixtures("database")

GOOD = [("100", "5"), ("96", "4.8"), ("90", "4.5"), ("80", "4.1"), ("62.5", "3.1")]


def counts() -> tuple[int, ...]:
    return (
        CorpsAAgreement.select().count(),
        CorpsAKpi.select().where(CorpsAKpi.score.is_null(False)).count(),
        CorpsBSheet.select().count(),
        models.HistoryEntry.select().count(),
    )


def results(pairs=GOOD) -> list[KpiResult]:
    return [KpiResult(n, "x", pct, score) for n, (pct, score) in enumerate(pairs, start=1)]


@pytest.fixture
def agreement():
    employee = person("Abenov", "A1", "Deputy akim")
    return eva.save_agreement(employee.id, 2025, five_kpis(), authorised_name="Akim")


# -- corps A ------------------------------------------------------------------


def test_final_score_is_the_mean_with_its_band_r_eva_3(agreement, backend):
    view = eva.evaluate_agreement(
        agreement.id, results(), evaluated_on=EVALUATED_ON, days_worked=200
    )
    assert view.final_score == Decimal("4.30")  # (5 + 4.8 + 4.5 + 4.1 + 3.1) / 5
    assert view.band == "effective"
    assert [k.score for k in view.kpis] == [Decimal(s) for _, s in GOOD]
    stored = CorpsAAgreement.get_by_id(agreement.id)
    assert isinstance(stored.final_score, Decimal)
    # Scores are exact text in the file, never a binary float.
    raw = models.database.execute_sql("SELECT final_score FROM corps_a_agreement").fetchone()
    assert raw == ("4.30",)
    if backend == "sqlite":
        kind = models.database.execute_sql("SELECT typeof(final_score) FROM corps_a_agreement")
        assert kind.fetchone() == ("text",)


@pytest.mark.parametrize(
    ("index", "percent", "score", "needle"),
    [
        (1, "100", "5.5", "outside 0-5"),  # over 5
        (1, "100", "-1", "outside 0-5"),  # negative
        (0, "-1", "1", "negative"),  # a percentage of -1
        (0, "abc", "1", "not a number"),  # a percentage that is no number
        (1, "96", "4.5", "allowed 4.75-4.99"),  # R-EVA-2: outside the Appendix 5 range
        (0, "80", "4.1", "allowed 0.00-4.00"),  # R-EVA-2: over the Appendix 4 maximum
    ],
)
def test_hostile_kpi_input_is_refused_and_nothing_saved_r_eva_2(
    agreement, index, percent, score, needle
):
    pairs = list(GOOD)
    pairs[index] = (percent, score)
    before = counts()
    with pytest.raises(ServiceError) as refused:
        eva.evaluate_agreement(agreement.id, results(pairs), evaluated_on=EVALUATED_ON,
                               days_worked=200)  # fmt: skip
    assert needle in str(refused.value)
    assert refused.value.rule_id in ("R-EVA-2", "R-EVA-3")
    assert refused.value.field == f"kpis[{index}]"
    assert counts() == before
    assert CorpsAAgreement.get_by_id(agreement.id).final_score is None


def test_out_of_range_score_names_the_rule_and_the_allowed_values_r_eva_2(agreement):
    pairs = list(GOOD)
    pairs[1] = ("96", "4.5")
    with pytest.raises(ServiceError, match=r"\[R-EVA-2\] KPI 2: .*allowed 4.75-4.99"):
        eva.evaluate_agreement(agreement.id, results(pairs), evaluated_on=EVALUATED_ON,
                               days_worked=200)  # fmt: skip


def test_agreement_needs_five_kpis_one_on_instructions_r_eva_1():
    employee = person("Bekov", "A2")
    before = counts()
    with pytest.raises(ServiceError) as refused:
        eva.save_agreement(employee.id, 2025, five_kpis()[:4])
    assert refused.value.rule_id == "R-EVA-1"
    specs = five_kpis()
    specs[1] = eva.KpiSpec("Second instructions KPI", instructions=True)
    with pytest.raises(ServiceError, match="exactly one KPI"):
        eva.save_agreement(employee.id, 2025, specs)
    assert counts() == before


def test_too_few_days_worked_is_not_evaluated_r_eva_4(agreement):
    before = counts()
    with pytest.raises(ServiceError) as refused:
        eva.evaluate_agreement(agreement.id, results(), evaluated_on=EVALUATED_ON, days_worked=10)
    assert refused.value.rule_id == "R-EVA-4"
    assert counts() == before


def test_national_commission_decision_r_eva_5(agreement):
    with pytest.raises(ServiceError, match="not been evaluated"):
        eva.record_decision(agreement.id, "fits", date(2026, 3, 1))
    eva.evaluate_agreement(agreement.id, results(), evaluated_on=EVALUATED_ON, days_worked=200)
    with pytest.raises(ServiceError) as refused:
        eva.record_decision(agreement.id, "promote", date(2026, 3, 1))
    assert refused.value.rule_id == "R-EVA-5"
    assert eva.record_decision(agreement.id, "unfit", date(2026, 3, 1)).decision == "unfit"


def test_expired_chapter_5_refused_for_a_later_period_and_not_offered():
    """Chapter 5 / appendices 8-10 were in force until 01.03.2026 (RULEBOOK, editions)."""
    employee = person("Sadykov", "A3")
    assert eva.procedures_for(2025) == ("standard", "chapter_5")
    assert eva.procedures_for(2026) == ("standard",)
    before = counts()
    with pytest.raises(ServiceError, match=r"corps_a.chapter_5 .*until 28.02.2026") as refused:
        eva.save_agreement(employee.id, 2026, five_kpis(), procedure="chapter_5")
    assert refused.value.field == "procedure"
    assert counts() == before
    # Still selectable for the past period it was made for.
    assert eva.save_agreement(employee.id, 2025, five_kpis(), procedure="chapter_5").procedure
    # A period before the modelled edition (01.07.2025) is refused too.
    with pytest.raises(ServiceError, match="no edition of Order 13"):
        eva.save_agreement(employee.id, 2024, five_kpis())


def test_evaluated_agreement_is_frozen(agreement):
    eva.evaluate_agreement(agreement.id, results(), evaluated_on=EVALUATED_ON, days_worked=200)
    with pytest.raises(ServiceError, match="can no longer change"):
        eva.save_agreement(agreement.person_id, 2025, five_kpis())


def test_suggested_percent_is_decimal():
    assert eva.suggest_percent("8", "5") == Decimal("62.50")
    assert eva.suggest_percent("abc", "5") is None
    assert eva.kpi_bounds("96", False) == (Decimal("4.75"), Decimal("4.99"))


# -- corps B ------------------------------------------------------------------


@pytest.fixture
def pair():
    return person("Ospanova", "B1", "Chief expert"), person("Head", "B0", "Head of unit")


def save(pair, scores, penalty=None, quarter=1, year=2026, form="non_leading", **kw):
    employee, evaluator = pair
    return evb.save_sheet(
        employee.id, evaluator.id, year, quarter, form, scores, penalty=penalty,
        evaluated_on=date(year, 4, 10), days_worked=kw.pop("days_worked", 55), **kw,
    )  # fmt: skip


def test_corps_b_sheet_mean_and_band_r_evb_3(pair):
    view = save(pair, ["4", "4.5", "3", "5", "5"], comments=["good"])
    assert view.final_score == Decimal("4.30")
    assert view.band == "effective"
    assert view.comments[0] == "good"
    leading = save(pair, ["3", "3", "3", "3", "3.5"], form="leading", quarter=2)
    assert (leading.final_score, leading.band) == (Decimal("3.10"), "proper")


@pytest.mark.parametrize(
    ("scores", "penalty", "rule"),
    [
        (["6", "4", "4", "4", "4"], None, "R-EVB-3"),  # over 5
        (["-0.5", "4", "4", "4", "4"], None, "R-EVB-3"),  # negative
        (["abc", "4", "4", "4", "4"], None, "R-EVB-3"),
        (["4", "4", "4", "4"], None, "R-EVB-3"),  # four parameters
        (["4", "4", "4", "4", "5"], "reprimand", "R-EVB-4"),  # over the 2.99 cap
        (["4", "4", "4", "4", "2"], "dismissal_warning", "R-EVB-4"),  # over the 1.99 cap
    ],
)
def test_hostile_sheet_refused_nothing_saved(pair, scores, penalty, rule):
    before = counts()
    with pytest.raises(ServiceError) as refused:
        save(pair, scores, penalty)
    assert refused.value.rule_id == rule
    assert counts() == before


def test_parameter5_cap_allows_the_cap_itself_r_evb_4(pair):
    assert save(pair, ["4", "4", "4", "4", "2.99"], "remark").penalty == "remark"


def test_not_evaluated_with_few_days_r_evb_2(pair):
    with pytest.raises(ServiceError) as refused:
        save(pair, ["4"] * 5, days_worked=14)
    assert refused.value.rule_id == "R-EVB-2"


def test_expired_or_unmodelled_edition_refused_for_corps_b(pair):
    with pytest.raises(ServiceError, match="no edition"):
        save(pair, ["4"] * 5, year=2025, quarter=1)


def test_annual_score_is_the_mean_of_quarters_r_evb_1(pair):
    save(pair, ["4"] * 5, quarter=1)
    save(pair, ["3"] * 5, quarter=2)
    save(pair, ["3.5"] * 5, quarter=3)
    annual = evb.annual_score(pair[0].id, 2026)
    assert (annual.score, annual.band) == (Decimal("3.50"), "proper")
    assert list(annual.quarters) == [1, 2, 3]


def test_additional_evaluators_past_twenty_r_evb_5(pair):
    evaluator = pair[1]
    view = None
    for n in range(21):
        employee = person(f"E{n}", f"N{n}")
        view = save((employee, evaluator), ["4"] * 5)
        assert view.additional_evaluators_needed is (n + 1 > 20)
    assert view is not None and view.evaluator_load == 21


# -- confidentiality (R-CAL-4) --------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_viewer_and_member_refused_r_cal_4(agreement, pair, role):
    sheet = save(pair, ["4"] * 5)
    set_actor(Actor(name="someone", role=role))
    before = counts()
    with pytest.raises(PermissionDenied):
        eva.get_agreement(agreement.id)
    with pytest.raises(PermissionDenied):
        evb.get_sheet(sheet.id)
    with pytest.raises(PermissionDenied):
        evb.list_sheets(2026)
    with pytest.raises(PermissionDenied):
        save(pair, ["5"] * 5)
    assert counts() == before


def test_chair_reads_but_does_not_write_r_cal_4(pair):
    sheet = save(pair, ["4"] * 5)
    set_actor(Actor(name="chair", role="chair"))
    assert evb.get_sheet(sheet.id).final_score == Decimal("4.00")
    with pytest.raises(PermissionDenied):
        save(pair, ["5"] * 5)
