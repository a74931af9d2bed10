"""The domain's refusals read in the user's language (kk, ru) with their values, as the
services raise them: the reason comes from the refusal catalogue, never the English."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kzcommission.i18n import catalogue
from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation import corps_a as eva
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.sitting import cases, followup, followup_lines, presiding, voting
from kzcommission.store import models
from kzcommission.ui.dialogs import error_text
from tests.services.eval_helpers import EVALUATED_ON, five_kpis, person
from tests.services.finished_sitting import finish_on_paper
from tests.services.helpers import add_employee, make_desk

pytestmark = pytest.mark.usefixtures("database")
LATIN_WORD = re.compile(r"\b[a-z]{4,}\b")  # an English word left in a translated reason


def reads(refused: pytest.ExceptionInfo[ServiceError], **expected: tuple[str, ...]) -> None:
    """The refusal as each language's screen shows it carries every expected fragment;
    in kk and ru without an English word left in it."""
    for lang, fragments in expected.items():
        text = error_text(refused.value, lang)
        for fragment in fragments:
            assert fragment in text, (lang, text)
        if lang != "en":
            assert not LATIN_WORD.search(text), text


def test_kpi_score_outside_its_table_names_kpi_score_and_range_r_eva_2():
    agreement = eva.save_agreement(person("Abenov", "A1").id, 2025, five_kpis())
    pairs = [("100", "5"), ("96", "4.5"), ("90", "4.5"), ("80", "4.1"), ("62.5", "3.1")]
    results = [eva.KpiResult(n, "x", pct, score) for n, (pct, score) in enumerate(pairs, 1)]
    with pytest.raises(ServiceError) as refused:
        eva.evaluate_agreement(agreement.id, results, evaluated_on=EVALUATED_ON, days_worked=200)
    # The KPI at fault is the field, counted from one, in the user's words.
    reads(
        refused,
        en=("score 4.50 is not allowed for a KPI realised at 96.00%",),
        kk=(
            "Негізгі нысаналы индикаторлар 2",
            "96.00% іске асырылған НЫИ үшін 4.50 бағасы қойылмайды",
            "5-қосымша (рұқсат етілген ауқым) бойынша 4.75-4.99 рұқсат етіледі",
        ),
        ru=(
            "Ключевые целевые индикаторы 2",
            "оценка 4.50 недопустима для КЦИ, реализованного на 96.00%",
            "допускается 4.75-4.99 (приложение 5, допустимый диапазон)",
        ),
    )
    assert models.CorpsAAgreement.get_by_id(agreement.id).final_score is None


def test_expired_chapter_names_its_number_and_dates_r_eva_1():
    employee = person("Sadykov", "A3")
    with pytest.raises(ServiceError) as refused:
        eva.save_agreement(employee.id, 2026, five_kpis(), procedure="chapter_5")
    reads(
        refused,
        en=("chapter 5 of Order 13 for corps A (in force until 28.02.2026)",),
        kk=(
            "№ 13 бұйрықтың 5-тарауы («А» корпусы; қолданылу мерзімі 28.02.2026 дейін)",
            "31.12.2026 аяқталатын кезеңге қолданылмайды",
        ),
        ru=("глава 5 Приказа № 13 (корпус «А»; срок действия — до 28.02.2026)", "31.12.2026"),
    )
    assert models.CorpsAAgreement.select().count() == 0


def test_parameter_5_above_the_penalty_cap_names_cap_penalty_and_score_r_evb_4():
    with pytest.raises(ServiceError) as refused:
        evb.preview_sheet("non_leading", ["5", "5", "5", "5", "3.5"], "reprimand")
    assert refused.value.rule_id == "R-EVB-4"
    reads(
        refused,
        kk=(
            catalogue("kk")["rule.R-EVB-4"],
            "тоқсанда тәртіптік жаза («сөгіс») қолданылса",
            "2.99 балдан аспауы керек; берілгені: 3.50",
        ),
        ru=(
            "наложено дисциплинарное взыскание («выговор»), параметр 5",
            "не может превышать 2.99; указано: 3.50",
        ),
    )


def test_presiding_and_vote_before_interview_refused_in_kk_and_ru_r_vote_4_r_sit_1():
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular").id
    with pytest.raises(ServiceError) as refused:
        presiding.name_presiding(case, desk.voting[1])  # the chair votes on this case
    reads(
        refused,
        kk=("төраға бұл іс бойынша дауыс береді және өзі төрағалық етеді",),
        ru=("председатель голосует по этому делу и председательствует сам",),
    )
    with pytest.raises(ServiceError) as refused:
        voting.open_round(case)  # the person is not marked present
    assert refused.value.rule_id == "R-SIT-1"
    reads(
        refused,
        kk=("алдымен адамның келгенін белгілеңіз",),
        ru=("сначала отметьте, что лицо явилось",),
    )
    assert models.Case.get_by_id(case).presiding_id is None
    assert models.VoteRound.select().count() == 0


def test_head_decision_and_appeal_before_the_decision_name_both_dates_r_doc_7_r_doc_8():
    sitting_id = finish_on_paper()
    first = followup_lines.sitting_lines(sitting_id, date(2024, 10, 30))[0]
    held_on = models.Sitting.get_by_id(sitting_id).held_on.strftime("%d.%m.%Y")
    attempts = (
        (
            lambda: followup.record_head_decision(first.case_id, date(2020, 1, 2), "15-к"),
            f"басшының шешімі 02.01.2020 күнімен берілген, бұл комиссияның {held_on}",
            f"решение руководителя датировано 02.01.2020, раньше решения комиссии от {held_on}",
        ),
        (
            lambda: followup.file_appeal(first.case_id, date(2020, 1, 3), "Violated"),
            f"шағым 03.01.2020 күнімен берілген, бұл {held_on} шешімінен бұрын",
            f"жалоба датирована 03.01.2020, раньше решения от {held_on}",
        ),
    )
    for attempt, kk, ru in attempts:
        with pytest.raises(ServiceError) as refused:
            attempt()
        reads(refused, kk=(kk,), ru=(ru,))

    assert models.HeadDecision.select().count() == 0
    assert models.Appeal.select().count() == 0


def test_options_in_a_refusal_read_as_words_not_codes() -> None:
    """A decision the rules do not allow names it and the allowed ones in the language's
    words (R-DEC-1), never the codes ``fits, recertify``."""
    from kzcommission.domain.errors import RuleError, option_term
    from kzcommission.i18n import refusal_reason, tr

    error = RuleError(
        "x", key="dec_not_allowed",
        params={"decision_key": option_term("grade:2"),
                "allowed_keys": [option_term("fits"), option_term("unfit")]},
    )  # fmt: skip
    for lang in ("kk", "ru"):
        text = refusal_reason(error, lang)
        assert text is not None
        assert tr("option.fits", lang) in text and tr("option.unfit", lang) in text
        assert tr("option.grade", lang, grade="2") in text
        assert "fits" not in text and "grade:" not in text
