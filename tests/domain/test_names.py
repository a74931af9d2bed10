"""A name per language and the fallback order every document and screen uses (issue 15)."""

from __future__ import annotations

import pytest

from kzcommission.domain.names import Names, guess_language, pick_name

FULL = Names(kk="Астана қаласы", ru="город Астана", en="Astana city", other="Astana")


@pytest.mark.parametrize("lang, expected", [("kk", "Астана қаласы"), ("ru", "город Астана"),
                                            ("en", "Astana city")])  # fmt: skip
def test_each_language_prints_its_own_variant(lang, expected):
    assert FULL.pick(lang) == expected


@pytest.mark.parametrize(
    "names, lang, expected",
    [
        (Names(ru="Рус", en="Eng"), "kk", "Рус"),  # kk -> ru -> en
        (Names(en="Eng"), "kk", "Eng"),
        (Names(kk="Қаз", en="Eng"), "ru", "Қаз"),  # ru -> kk -> en
        (Names(en="Eng"), "ru", "Eng"),
        (Names(kk="Қаз", ru="Рус"), "en", "Рус"),  # en -> ru -> kk
        (Names(kk="Қаз"), "en", "Қаз"),
        (Names(kk="  ", other="Old"), "en", "Old"),  # blank variants fall to the kept value
        (Names(), "kk", ""),
    ],
)
def test_fallback_order(names, lang, expected):
    assert names.pick(lang) == expected


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="kk, ru, en"):
        pick_name({"kk": "x"}, "de")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Ішкі істер министрлігі", "kk"),
        ("Бас маман", "kk"),  # no Kazakh-only letter, a Kazakh title word
        ("Хатшы", "kk"),
        ("Главный специалист", "ru"),
        ("г. Астана, ул. Бейбітшілік 1", "kk"),  # a Kazakh street name in a Russian address
        ("Astana, Tauelsizdik 1", "en"),
        ("101", ""),
        ("", ""),
    ],
)
def test_guess_language(text, lang):
    assert guess_language(text) == lang


def test_a_single_value_lands_in_its_language_or_stays_unknown():
    assert Names.single(" Главный специалист ") == Names(ru="Главный специалист")
    assert Names.single("101") == Names(other="101")
    assert Names.single("101").pick("ru") == "101"
