"""Refusals of the account, calendar, deadline, evaluation, amendment and exchange services
read in Kazakh and Russian with their values, as the screens show them (error_text)."""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation import corps_a as eva
from kzcommission.services.exchange import keys
from kzcommission.services.installation import accounts
from kzcommission.services.preparation import calendar, campaign
from kzcommission.services.sitting import amendments
from kzcommission.ui.dialogs import error_text
from tests.services.eval_helpers import EVALUATED_ON, five_kpis, person
from tests.services.helpers import make_desk

KAZAKH = re.compile("[әғқңөұүһі]")
CYRILLIC = re.compile("[а-яё]")


def refusal(call, *args, **kwargs) -> ServiceError:
    with pytest.raises(ServiceError) as refused:
        call(*args, **kwargs)
    return refused.value


def assert_translated(exc: ServiceError, english: str, kk: list[str], ru: list[str]) -> None:
    """The reason reads in each language with its values, not as the English message."""
    texts = {lang: error_text(exc, lang) for lang in ("kk", "ru")}
    for lang, wanted in (("kk", kk), ("ru", ru)):
        assert english not in texts[lang], texts[lang]
        for part in wanted:
            assert part in texts[lang], (part, texts[lang])
    assert KAZAKH.search(texts["kk"]) and CYRILLIC.search(texts["ru"])


def test_r_eva_4_too_few_days_worked_reads_in_kk_and_ru(database):
    employee = person("Abenov", "A1", "Deputy akim")
    agreement = eva.save_agreement(employee.id, 2025, five_kpis(), authorised_name="Akim")
    results = [
        eva.KpiResult(n, "x", pct, score)
        for n, (pct, score) in enumerate(
            [("100", "5"), ("96", "4.8"), ("90", "4.5"), ("80", "4.1"), ("62.5", "3.1")], 1
        )
    ]
    exc = refusal(
        eva.evaluate_agreement, agreement.id, results, evaluated_on=EVALUATED_ON, days_worked=10
    )
    assert exc.rule_id == "R-EVA-4"
    assert_translated(
        exc,
        "working days actually worked",
        kk=["R-EVA-4", "іс жүзінде 10 жұмыс күні", "кемінде 15 күн"],
        ru=["R-EVA-4", "отработано рабочих дней: 10", "не менее 15"],
    )


def test_r_dl_9_a_bad_calendar_file_names_row_column_and_reason_in_kk_and_ru(
    database, tmp_path: Path
):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kind,date,day_off,decree,source\ntransfer,2027-01-15,2027-01-18,x,\n", encoding="utf-8"
    )
    exc = refusal(calendar.import_file, bad)
    assert_translated(
        exc,
        "weekday",
        kk=["2-жол", "«date» бағаны", "сенбі де, жексенбі де емес", "2027-01-15"],
        ru=["строка 2", "столбец «date»", "не суббота и не воскресенье", "2027-01-15"],
    )


def test_a_short_password_names_the_minimum_in_kk_and_ru(database):
    exc = refusal(accounts.create_user, "aigerim", "short", "administrator")
    assert exc.field == "password"
    assert_translated(
        exc,
        "a password needs",
        kk=["Құпиясөз", "кемінде 8 таңбадан"],
        ru=["Пароль", "не менее 8 символов"],
    )


def test_a_file_too_large_names_both_sizes_in_kk_and_ru():
    exc = refusal(campaign.check_size, 25 * 1024 * 1024)
    assert_translated(
        exc,
        "may be attached",
        kk=["25.0 МБ", "ең көбі 20 МБ"],
        ru=["25.0 МБ", "не более 20 МБ"],
    )


def test_an_amendment_of_an_open_sitting_is_refused_in_kk_and_ru(database):
    desk = make_desk(held_on=date(2025, 3, 12))
    exc = refusal(amendments.request_amendment, desk.sitting_id, "place", "Almaty", "typo")
    assert_translated(
        exc,
        "change the record itself",
        kk=["Отырыс", "ресімделмеген"],
        ru=["Заседание", "не оформлено"],
    )


def test_a_short_exchange_key_names_its_length_in_kk_and_ru():
    exc = refusal(keys.parse_key, base64.b64encode(bytes(range(8))).decode())
    assert isinstance(exc, keys.KeyRefused) and exc.reason == keys.SHORT
    assert_translated(
        exc,
        "random bytes are needed",
        kk=["алмасу кілтінде 8 байт", "кемінде 32 кездейсоқ байт"],
        ru=["в ключе обмена 8 байт", "не меньше 32 случайных байт"],
    )


def test_r_cal_2_an_unlawful_panel_names_the_employee_by_name_in_kk_and_ru(database):
    from kzcommission.services.evaluation import calibration as cal
    from kzcommission.services.evaluation import corps_b as evb

    employee, evaluator = person("Ospanova", "E1"), person("Head", "H1", "Head of unit")
    sheet = evb.save_sheet(
        employee.id, evaluator.id, 2026, 1, "non_leading", ["3"] * 5,
        evaluated_on=date(2026, 4, 10), days_worked=55,
    )  # fmt: skip
    session = cal.request_session(
        sheet.id, result_received=date(2026, 4, 10), request_received=date(2026, 4, 14)
    )
    others = [person(f"Evaluator{n}", f"V{n}", "Head of department") for n in range(2)]
    officer = person("Kadrova", "K1", "Personnel officer")
    members = [
        cal.PanelSpec(employee.id),
        cal.PanelSpec(others[0].id, is_evaluator=True),
        cal.PanelSpec(officer.id, is_personnel_officer=True),
    ]
    exc = refusal(cal.set_panel, session.id, members, approved_on=date(2026, 4, 16))
    assert exc.rule_id == "R-CAL-2" and employee.uuid not in error_text(exc, "kk")
    assert_translated(
        exc,
        "may not sit on the panel",
        kk=["R-CAL-2", "(Ospanova Test) құрамға кіре алмайды"],
        ru=["R-CAL-2", "(Ospanova Test), не может входить в состав"],
    )


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_no_refusal_key_is_given_by_two_catalogue_files(lang: str):
    """Each area file adds its own refusal keys: one file's text never hides another's."""
    import json

    from kzcommission.resources import resource_path

    seen: dict[str, str] = {}
    twice = []
    for path in sorted(resource_path("i18n", lang).glob("*.json")):
        for key in json.loads(path.read_text(encoding="utf-8")):
            if key.startswith("refusal.") and key in seen:
                twice.append(f"{key}: {seen[key]} and {path.name}")
            seen.setdefault(key, path.name)
    assert not twice, twice
