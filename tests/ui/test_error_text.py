"""Refusals read in the user's language: the rule's title (with its id) and the field's name
come from the catalogues; the detailed message stays as the service wrote it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kzcommission.domain.errors import RuleError
from kzcommission.domain.quorum import QuorumState, check_quorum_for_vote
from kzcommission.i18n import LANGUAGES, catalogue
from kzcommission.resources import resource_path
from kzcommission.services.errors import ServiceError
from kzcommission.ui.dialogs import error_text

RULEBOOK = Path(__file__).resolve().parents[2].parent / "shared" / "RULEBOOK.md"
RULE_ID = re.compile(r"R-[A-Z]+-[0-9]+")


def rulebook_ids() -> list[str]:
    if RULEBOOK.is_file():
        text = RULEBOOK.read_text(encoding="utf-8")
    else:  # outside the workspace: the ids the reference catalogue names
        text = " ".join(json.loads(resource_path("i18n", "en", "rules.json").read_text("utf-8")))
    return sorted(set(RULE_ID.findall(text)))


def quorum_refusal() -> ServiceError:
    """The refusal the voting service raises for a ballot without quorum."""
    try:
        check_quorum_for_vote(QuorumState.of(4, 9))
    except RuleError as exc:
        return ServiceError(str(exc), field="quorum", rule_id=exc.rule_id)
    raise AssertionError("a ballot without quorum was not refused")


def test_rulebook_ids_found():
    ids = rulebook_ids()
    assert "R-QUO-2" in ids and "R-CAL-4" in ids and len(ids) >= 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_has_a_title(lang):
    own = json.loads(resource_path("i18n", lang, "rules.json").read_text("utf-8"))
    missing = [r for r in rulebook_ids() if not own.get(f"rule.{r}", "").strip()]
    assert not missing, f"{lang}: no title for {missing}"


def test_titles_are_translated():
    en, ru, kk = (catalogue(lang) for lang in ("en", "ru", "kk"))
    for rule in rulebook_ids():
        key = f"rule.{rule}"
        assert ru[key] != en[key] and kk[key] != en[key], rule
    assert re.search("[а-яё]", ru["rule.R-QUO-2"]) and re.search("[әғқңөұүһі]", kk["rule.R-QUO-2"])


def test_quorum_refusal_in_kazakh():
    text = error_text(quorum_refusal(), "kk")
    assert "R-QUO-2" in text
    assert catalogue("kk")["rule.R-QUO-2"] in text
    assert catalogue("kk")["field.quorum"] in text
    assert "4 of 9 present" in text  # the detail stays
    assert text.index("R-QUO-2") < text.index(catalogue("kk")["rule.R-QUO-2"]) < text.index("4 of")
    assert text.count("R-QUO-2") == 1


def test_domain_rule_error_in_russian():
    exc = RuleError("the secretary does not vote", rule_id="R-COMP-2", field="seat")
    text = error_text(exc, "ru")
    assert text.startswith("[R-COMP-2] Секретарь")
    assert "Место в составе: the secretary does not vote" in text


@pytest.mark.parametrize(
    ("field", "lang", "word"),
    [
        ("seat", "kk", "Құрамдағы орын"),
        ("decision", "ru", "Решение"),
        ("surname", "kk", "Тегі"),
        ("personnel_number", "ru", "Табельный номер"),
        ("presiding", "kk", "Төрағалық етуші"),
        ("kpis[1]", "ru", "Ключевые целевые индикаторы 2"),
    ],
)
def test_field_names_translated(field, lang, word):
    text = error_text(ServiceError("not accepted", field=field), lang)
    assert text == f"{word}: not accepted"


def test_without_rule_or_known_field_the_message_alone():
    assert error_text(ServiceError("no sitting 7"), "kk") == "no sitting 7"
    assert error_text(ServiceError("odd", field="no_such_field"), "ru") == "odd"
    assert error_text(ValueError("plain"), "kk") == "plain"


def test_unknown_rule_keeps_the_old_form():
    assert error_text(ServiceError("refused", rule_id="R-XYZ-9"), "en") == "refused (R-XYZ-9)"


def test_field_prefix_not_repeated():
    text = error_text(ServiceError("on: a date is required", field="on"), "ru")
    assert text == "Дата: a date is required"
