"""Order 13 forms in kk / ru / en, read back with pdftotext; PNGs for a look.

Corps A agreement (Appendices 1-2), sheet (Appendix 3), review (Appendix 6)
(R-EVA-1..3, R-EVA-5); corps B sheets in both forms (R-EVB-3, R-EVB-4);
the calibration protocol (R-CAL-2, R-CAL-3).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kzcommission.services.context import Actor, set_actor
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.evaluation import calibration as cal
from kzcommission.services.evaluation import corps_a as eva
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.evaluation import printing
from kzcommission.services.evaluation.calibration import PanelSpec
from kzcommission.services.evaluation.corps_a import KpiResult, KpiSpec
from kzcommission.services.preparation import persons

pytestmark = [
    pytest.mark.usefixtures("database"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
]

LANGS = ("kk", "ru", "en")
KAZAKH_NAME = "Әбенов Қайрат Нұрұлы"


def add(surname: str, given: str, number: str, position: str):
    return persons.add_person(
        surname, given, personnel_number=number, position=position, appointed_on=date(2020, 1, 1)
    )


def text_of(pdf: bytes, tmp_path: Path, name: str, artifacts: Path) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = artifacts / "evaluation"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(path), str(out / name)], check=True, timeout=120
    )
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, timeout=120
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.fixture
def corps_a():
    employee = add("Әбенов", "Қайрат", "A1", "Аким ауданы")
    specs = [
        KpiSpec("Исполнение поручений Президента", instructions=True, plan="100", due="2025"),
        KpiSpec("Рассмотрение обращений", plan="100"),
        KpiSpec("Удовлетворенность условиями труда", plan="100"),
        KpiSpec("КЦИ уполномоченного органа", plan="100"),
        KpiSpec("Цифровые сервисы", unit="шт.", plan="8", result="Услуги онлайн"),
    ]
    view = eva.save_agreement(
        employee.id, 2025, specs, authorised_name="Сейітов Ғалым", authorised_position="Әкім"
    )
    results = [("100", "5"), ("96", "4.8"), ("90", "4.5"), ("80", "4.1"), ("62.5", "3.1")]
    eva.evaluate_agreement(
        view.id,
        [KpiResult(n, pct, pct, score) for n, (pct, score) in enumerate(results, start=1)],
        evaluated_on=date(2026, 1, 15),
        days_worked=220,
    )
    eva.set_review(view.id, "Все КЦИ достигнуты.", "Взысканий нет.")
    eva.record_decision(view.id, "fits", date(2026, 2, 1))
    return view.id


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", ["agreement", "sheet", "review"])
def test_corps_a_forms(corps_a, form, lang, tmp_path, artifacts):
    text = text_of(printing.corps_a_pdf(corps_a, form, lang), tmp_path, f"a_{form}_{lang}",
                   artifacts)  # fmt: skip
    assert "Әбенов Қайрат" in text  # Kazakh letters survive in every language
    assert "Page 1 of 1" in text or "1" in text
    comma = "," if lang != "en" else "."
    if form == "sheet":
        assert f"4{comma}30" in text  # final score R-EVA-3
        assert f"4{comma}80" in text
        band = {"kk": "тиімді", "ru": "эффективно", "en": "effective"}[lang]
        assert band in text
    if form == "agreement":
        assert "Цифровые сервисы" in text and "Услуги онлайн" in text
        title = {"kk": "жылдық келісім", "ru": "Ежегодное соглашение", "en": "Annual agreement"}
        assert title[lang] in text
    if form == "review":
        assert f"4{comma}30" in text
        decision = {"kk": "сәйкес келеді", "ru": "соответствует", "en": "fits the position"}
        assert decision[lang] in text
    if lang == "kk":
        assert "қ" in text and "ә" in text


@pytest.fixture
def corps_b():
    employee = add("Оспанова", "Әйгерім", "B1", "Бас маман")
    evaluator = add("Жұмабеков", "Ерлан", "B0", "Бөлім басшысы")
    leading = add("Нұрланов", "Өмірзақ", "B2", "Басқарма басшысы")
    non_leading = evb.save_sheet(
        employee.id, evaluator.id, 2026, 1, "non_leading", ["4", "4.5", "3", "5", "2.99"],
        penalty="reprimand", comments=["Жақсы", "", "", "", "Сөгіс"],
        evaluated_on=date(2026, 4, 10), days_worked=55,
    )  # fmt: skip
    lead = evb.save_sheet(
        leading.id, evaluator.id, 2026, 1, "leading", ["5", "5", "4.5", "5", "5"],
        evaluated_on=date(2026, 4, 10), days_worked=60,
    )  # fmt: skip
    return non_leading.id, lead.id


@pytest.mark.parametrize("lang", LANGS)
def test_corps_b_both_forms(corps_b, lang, tmp_path, artifacts):
    non_leading, leading = corps_b
    text = text_of(printing.corps_b_pdf(non_leading, lang), tmp_path, f"b_non_leading_{lang}",
                   artifacts)  # fmt: skip
    comma = "," if lang != "en" else "."
    assert "Оспанова Әйгерім" in text and "Жұмабеков Ерлан" in text
    assert f"3{comma}90" in text  # (4 + 4.5 + 3 + 5 + 2.99) / 5 = 3.898 -> 3.90
    assert f"2{comma}99" in text
    proper = {"kk": "тиісті деңгейде", "ru": "надлежащим образом", "en": "properly"}[lang]
    assert proper in text
    title = {"kk": "Басшы емес лауазымды", "ru": "не руководящую", "en": "non-leading"}[lang]
    assert title in text
    text = text_of(printing.corps_b_pdf(leading, lang), tmp_path, f"b_leading_{lang}", artifacts)
    assert "Нұрланов Өмірзақ" in text
    assert f"4{comma}90" in text
    leadership = {"kk": "Көшбасшылық", "ru": "Лидерство", "en": "Leadership"}[lang]
    assert leadership in text


@pytest.mark.parametrize("lang", LANGS)
def test_calibration_protocol(corps_b, lang, tmp_path, artifacts):
    non_leading, _ = corps_b
    members = [add(f"Мүше{n}", "Ғани", f"M{n}", "Департамент директоры") for n in range(2)]
    officer = add("Кадрова", "Әлия", "K1", "Кадр қызметі")
    session = cal.request_session(
        non_leading, result_received=date(2026, 4, 10), request_received=date(2026, 4, 14)
    )
    cal.set_panel(
        session.id,
        [PanelSpec(members[0].id, is_evaluator=True), PanelSpec(members[1].id, is_evaluator=True),
         PanelSpec(officer.id, is_personnel_officer=True)],
        approved_on=date(2026, 4, 16),
    )  # fmt: skip
    votes = {members[0].id: "4", members[1].id: "3.9", officer.id: "3.5"}
    cal.record_votes(session.id, votes, held_on=date(2026, 4, 20))
    votes = {members[0].id: "4", members[1].id: "4", officer.id: "3.9"}
    cal.record_votes(session.id, votes, held_on=date(2026, 4, 20))
    cal.sign_protocol(session.id, date(2026, 4, 21))
    text = text_of(printing.protocol_pdf(session.id, lang), tmp_path, f"protocol_{lang}",
                   artifacts)  # fmt: skip
    comma = "," if lang != "en" else "."
    assert "Кадрова Әлия" in text and "Мүше0 Ғани" in text
    assert f"4{comma}00" in text and f"3{comma}50" in text  # votes by name, both rounds
    adopted = {"kk": "көпшілік дауысымен", "ru": "большинством голосов", "en": "majority"}[lang]
    assert adopted in text


def test_printing_is_confidential_r_cal_4(corps_a):
    set_actor(Actor(name="viewer", role="viewer"))
    with pytest.raises(PermissionDenied):
        printing.corps_a_pdf(corps_a, "sheet", "ru")
