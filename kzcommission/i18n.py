"""Translation catalogues for everything a user reads: screens, messages, printed forms.

One JSON file per area and language under ``resources/i18n/<lang>/<area>.json``
(flat ``key -> text``). ``en`` is the reference; a key missing in ``ru`` or
``kk`` falls back to English so a gap shows as English text, never as a key.
Catalogues are loaded on first use, not at import (STYLE: no import-time effects).

A text that counts something has one key per plural form of the language,
``key#one``, ``key#few``, ``key#many``, ``key#other``, as CLDR names them (Babel's
rules: Kazakh and English one/other, Russian one/few/many/other); :func:`tr_count`
picks the form for the number, so no catalogue says "1 problems".

A text that agrees with a person's sex (Russian "явился"/"явилась") has its neutral
form under ``key`` ("явился(-ась)", as the forms print it) and the agreeing forms under
``key@m`` and ``key@f`` where the language has them; :func:`tr_sex` picks one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kzcommission.resources import resource_path

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
REFERENCE_LANGUAGE = "en"


def language_for_locale(name: str) -> str:
    """The interface language for a system locale such as ``kk_KZ`` or ``ru-RU``:
    Kazakh or Russian when the system speaks it, else English."""
    code = name.replace("-", "_").split("_")[0].lower()
    return code if code in ("kk", "ru") else "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All keys of one language, merged over its area files."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    merged: dict[str, str] = {}
    folder: Path = resource_path("i18n", lang)
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            merged.update(json.load(handle))
    return merged


@cache
def _plural_rule(lang: str):  # noqa: ANN202 - babel.Locale.plural_form
    from babel import Locale  # imported on first count, not with the app

    return Locale.parse(lang).plural_form


def plural_category(count: int, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (one, few, many, other)."""
    return _plural_rule(lang)(abs(count))


def tr_count(key: str, lang: str, count: int, /, **params: object) -> str:
    """The text of ``key`` in the plural form ``count`` takes in ``lang``, ``{count}`` filled.

    Falls back to ``key#other``, then to the reference language as :func:`tr` does.
    """
    known = catalogue(lang)
    form = f"{key}#{plural_category(count, lang)}"
    if form not in known:
        form = f"{key}#other"
    if form not in known:
        form = f"{key}#{plural_category(count, REFERENCE_LANGUAGE)}"
    return tr(form, lang, count=count, **params)


def tr_sex(key: str, lang: str, sex: str, /, **params: object) -> str:
    """The text of ``key`` agreeing with ``sex`` ("m", "f"); the neutral form for ""."""
    if sex and f"{key}@{sex}" in catalogue(lang):
        key = f"{key}@{sex}"
    return tr(key, lang, **params)


def tr(key: str, lang: str, /, **params: object) -> str:
    """The text of ``key`` in ``lang`` with ``{name}`` placeholders filled."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(REFERENCE_LANGUAGE).get(key, key)
    return text.format(**params) if params else text


def refusal_reason(error: BaseException, lang: str) -> str | None:
    """The reason of a refusal that names its catalogue text (``key``), in ``lang``;
    None for one that does not. A parameter named ``*_key`` holds a catalogue term and
    one named ``*_keys`` a list of them (joined by commas): each is given translated,
    under the name without the suffix. A term is a key, or a (key, params) pair; the
    domain names its terms so, having no Phrase (below) to give."""
    key = getattr(error, "key", None)
    if not key:
        return None
    params: dict[str, object] = {}
    for name, value in getattr(error, "params", {}).items():
        if name.endswith("_keys"):
            params[name[: -len("_keys")]] = ", ".join(_term(v, lang) for v in value)
        elif name.endswith("_key"):
            params[name[: -len("_key")]] = _term(value, lang)
        else:
            params[name] = said(value, lang)  # a Phrase given by a service is said too
    return tr(f"refusal.{key}", lang, **params)


def _term(value: object, lang: str) -> str:
    if isinstance(value, tuple):
        term, term_params = value
        return tr(str(term), lang, **term_params)
    return tr(str(value), lang)


@dataclass(frozen=True)
class Phrase:
    """A text to be said in the reader's language, not yet said: its catalogue key and
    parameters. A parameter may itself be a Phrase (a term: a table, a status) or a list
    of Phrases (said one after the other, "; " between), so a service can name what it
    found without choosing the language of the screen that will show it."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def say(self, lang: str) -> str:
        return tr(self.key, lang, **{name: said(v, lang) for name, v in self.params.items()})


def said(value: object, lang: str) -> object:
    """A parameter as the reader reads it: a Phrase (or list of them) said in ``lang``."""
    if isinstance(value, Phrase):
        return value.say(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Phrase) for v in value):
        return "; ".join(v.say(lang) for v in value)
    return value


class Line(str):
    """A line of a report that the command line prints in English as it always did and a
    screen shows in its own language: the English text, with the Phrase it stands for."""

    phrase: Phrase

    def __new__(cls, english: str, key: str, /, **params: object) -> Line:
        line = super().__new__(cls, english)
        line.phrase = Phrase(key, params)
        return line


def say_line(line: str, lang: str) -> str:
    """A report line in ``lang`` when it carries its Phrase, else as it was written."""
    phrase = getattr(line, "phrase", None)
    return phrase.say(lang) if isinstance(phrase, Phrase) else line
