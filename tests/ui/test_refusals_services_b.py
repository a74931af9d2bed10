"""Refusals of the services read in the user's language with their values (non-negotiable 4):
a role refused an action, a vote refused, a past certification dated in the future, a planned
sitting that holds facts, NCALayer's refusal. Raised by the real services, read as the screens
show them (``error_text``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kzcommission.i18n import catalogue
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.permissions import MATRIX, ROLES
from kzcommission.services.preparation import personnel
from kzcommission.services.sitting import cases, recordings, scorecards, sittings, voting
from kzcommission.services.trust import ncalayer
from kzcommission.ui.dialogs import error_text
from tests.services.helpers import add_employee, make_desk


def test_every_role_and_action_of_the_matrix_has_its_words_in_kk_and_ru():
    """A PermissionDenied names the role and the action in words: none may be missing."""
    en, kk, ru = (catalogue(lang) for lang in ("en", "kk", "ru"))
    keys = [f"permission.role.{r}" for r in ROLES] + [f"permission.action.{a}" for a in MATRIX]
    for key in keys:
        assert key in en and key in kk and key in ru, key
        assert kk[key] != en[key] and ru[key] != en[key], key


def test_a_viewer_refused_planning_reads_his_role_and_the_action_in_kk_and_ru(database):
    desk = make_desk()
    set_actor(Actor(name="Abenov", role="viewer"))
    try:
        with pytest.raises(PermissionDenied) as refused:
            sittings.set_status(desk.sitting_id, "closed")
    finally:
        reset_actor()
    assert "(viewer) may not do sitting.edit" in str(refused.value)  # the log keeps the code
    kk, ru = error_text(refused.value, "kk"), error_text(refused.value, "ru")
    assert (
        kk == "Abenov (бақылаушы) бұл әрекетті орындай алмайды: отырыстарды жоспарлау және өзгерту"
    )
    assert (
        ru
        == "Abenov (наблюдатель) не вправе выполнить действие: планирование и изменение заседаний"
    )
    assert sittings.get_sitting(desk.sitting_id).status == "open"  # nothing changed


def test_a_recused_member_and_the_secretary_refused_a_ballot_in_kk_and_ru_r_vote_2(database):
    """R-VOTE-2: who may not vote is named, with the reason, in the user's language."""
    desk = make_desk()
    member = desk.commission.voting_seats[3]
    case = cases.add_case(desk.sitting_id, member.holder_id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    with pytest.raises(ServiceError) as recused:
        voting.cast_ballot(r.id, desk.voting[3], "fits")
    name = member.holder_name
    kk = error_text(recused.value, "kk")
    assert f"{name} бұл іс бойынша дауыс бере алмайды: өздігінен бас тартқан" in kk
    assert "R-VOTE-2" in kk and "cannot vote" not in kk
    assert f"{name} не может голосовать по этому делу: взял самоотвод" in error_text(
        recused.value, "ru"
    )
    with pytest.raises(ServiceError) as secretary:
        voting.cast_ballot(r.id, desk.secretary, "fits")
    assert "не голосует (отсутствует, не член комиссии или секретарь)" in error_text(
        secretary.value, "ru"
    )
    with pytest.raises(ServiceError) as option:
        voting.cast_ballot(r.id, desk.voting[1], "unfit_dismiss")
    dismissal = catalogue("kk")["option.unfit_dismiss"]  # a decision of extraordinary ones
    assert f"«{dismissal}» бұл турда ұсынылмаған" in error_text(option.value, "kk")
    assert voting.live_tally(r.id).ballots == {}  # nothing recorded


def test_a_past_certification_after_today_is_refused_in_kk_and_ru(database):
    employee = add_employee()
    today = date(2025, 3, 12)
    with pytest.raises(ServiceError) as refused:
        personnel.add_certification(
            employee.id, today + timedelta(days=1), "regular", "fits", today=today
        )
    assert error_text(refused.value, "ru") == (
        "Дата: прошедшая аттестация не может быть датирована позже сегодняшнего дня"
    )
    assert error_text(refused.value, "kk") == (
        "Күні: өткен аттестаттау бүгінгі күннен кейінгі күнмен белгіленбейді"
    )
    assert personnel.get_record(employee.id).certifications == ()


def test_a_bad_recording_checksum_and_a_sitting_holding_facts_read_in_kk(database):
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    with pytest.raises(ServiceError) as checksum:
        recordings.set_recording(case.id, media="interview.mp4", sha256="ABC")
    assert "SHA-256 кіші әріптермен жазылған 64 он алтылық цифрдан тұруы керек" in error_text(
        checksum.value, "kk"
    )
    assert recordings.recording_of(case.id) is None
    # The sitting was opened (make_desk): no longer a plan to re-date.
    with pytest.raises(sittings.SittingHasFacts) as facts:
        sittings.update_sitting(desk.sitting_id, date(2025, 3, 20), place="Astana", number="1")
    kk = error_text(facts.value, "kk")
    assert "Бұл отырысты өзгертуге немесе жоюға болмайды" in kk and "отырыстың ашылуы" in kk
    assert sittings.get_sitting(desk.sitting_id).held_on == date(2025, 3, 12)


def test_ncalayer_refusal_reads_in_ru_with_its_code_and_message():
    with pytest.raises(ncalayer.NcaLayerRefused) as refused:
        ncalayer.read_signature({"status": False, "code": "KEY_EXPIRED", "message": "expired"})
    assert error_text(refused.value, "ru").endswith("NCALayer отказал: KEY_EXPIRED: expired")
    with pytest.raises(ncalayer.NcaLayerRefused) as garbled:
        ncalayer.read_signature({"status": True, "body": {"result": "***"}})
    assert "ответ NCALayer не удаётся прочитать (base64)" in error_text(garbled.value, "ru")


def test_a_round_closed_with_ballots_missing_names_the_members_in_ru_r_vote_2(database):
    """The domain counts seats by id; the refusal the user reads names the members."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    for seat in desk.voting[:7]:
        voting.cast_ballot(r.id, seat, "fits")
    with pytest.raises(ServiceError) as refused:
        voting.close_round(r.id)
    missing = [s.holder_name for s in desk.commission.voting_seats[7:9]]
    ru = error_text(refused.value, "ru")
    assert f"нет голоса от: {', '.join(missing)}" in ru, ru
    assert voting.live_tally(r.id).ballots.keys() == set(desk.voting[:7])  # still open


def test_a_scorecard_refused_names_the_scores_and_the_decision_in_words_r_doc_4(database):
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    with pytest.raises(ServiceError) as score:
        scorecards.save_scorecard(case.id, desk.chair, score="perfect")
    ru = error_text(score.value, "ru")
    assert (
        "балл должен быть одним из: отлично, хорошо, удовлетворительно, неудовлетворительно" in ru
    )
    with pytest.raises(ServiceError) as decision:
        scorecards.save_scorecard(case.id, desk.chair, score="good", decision="unfit_dismiss")
    dismissal = catalogue("ru")["option.unfit_dismiss"]
    assert f"«{dismissal}» не является решением для этого вида аттестации" in error_text(
        decision.value, "ru"
    )
    assert scorecards.scorecards_of(case.id) == {}  # nothing saved
