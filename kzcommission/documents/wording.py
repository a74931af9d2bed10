"""Printed wording in one language or in the bilingual Kazakh/Russian layout (R-DOC-6).

Every label comes from the ``documents`` catalogues through :func:`tr`. In
"kk+ru" a label is printed in Kazakh (the state language) with the Russian
text under it; short values are joined with " / ".

A name kept per language (:class:`Names`: commission, place, unit, position,
seat title) prints in the document's language; in "kk+ru" the Kazakh text
takes the Kazakh name and the Russian text the Russian one, both as a value
("kk / ru") and as a parameter of a sentence.
"""

from __future__ import annotations

from datetime import date, time
from xml.sax.saxutils import escape

from num2words import num2words

from kzcommission.domain.kazakh import inflect
from kzcommission.domain.kinds import grade_of
from kzcommission.domain.names import Names
from kzcommission.domain.service_length import ServiceLength
from kzcommission.i18n import tr, tr_count, tr_sex

DOCUMENT_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en", "kk+ru")
BILINGUAL = "kk+ru"
# num2words names Kazakh "kz", not the ISO code "kk".
_NUM2WORDS_LANG = {"kk": "kz", "ru": "ru", "en": "en"}


def esc(text: object) -> str:
    """User text made safe for Paragraph markup (names may hold '<' or '&')."""
    return escape(str(text))


def _in_language(params: dict[str, object], lang: str) -> dict[str, object]:
    return {k: v.pick(lang) if isinstance(v, Names) else v for k, v in params.items()}


class Wording:
    """Catalogue access for one document language."""

    def __init__(self, lang: str):
        if lang not in DOCUMENT_LANGUAGES:
            raise ValueError(f"unknown document language {lang!r}: {', '.join(DOCUMENT_LANGUAGES)}")
        self.lang = lang
        self.langs: tuple[str, ...] = ("kk", "ru") if lang == BILINGUAL else (lang,)
        self.pdf_lang = self.langs[0]

    @property
    def bilingual(self) -> bool:
        return len(self.langs) > 1

    def each(self, key: str, sex: str = "", **params: object) -> list[str]:
        """``key`` in each language; ``sex`` ("m"/"f"/"") picks the agreeing form (R-DOC-6);
        a :class:`Names` parameter in that language."""
        return [tr_sex(key, lang, sex, **_in_language(params, lang)) for lang in self.langs]

    def counted(self, key: str, count: int, **params: object) -> str:
        """Paragraph markup of a text counting ``count`` in each language's CLDR plural form
        (Babel's rules: "1 член", "3 члена", "5 членов"); bilingual stacked as :meth:`label`."""
        texts = [tr_count(key, lang, count, **_in_language(params, lang)) for lang in self.langs]
        return "<br/>".join(esc(t) for t in dict.fromkeys(texts))

    def name(self, value: str | Names) -> str:
        """A name in the document's language(s), by the fallback order (domain.names)."""
        return value.printed(self.langs) if isinstance(value, Names) else value

    def text(self, key: str, **params: object) -> str:
        """Plain text; bilingual as "kk / ru"."""
        return " / ".join(dict.fromkeys(self.each(key, **params)))

    def label(self, key: str, small: float = 8, **params: object) -> str:
        """Paragraph markup: bilingual labels stack Russian under Kazakh, smaller."""
        first, *rest = self.each(key, **params)
        out = esc(first)
        for other in rest:
            if other != first:
                out += f'<br/><font size="{small}">{esc(other)}</font>'
        return out

    def inline(self, key: str, **params: object) -> str:
        """Paragraph markup of a label that stays on one line (bilingual joined)."""
        return esc(self.text(key, **params))

    # -- values -------------------------------------------------------------

    def option(self, option: str | None) -> str:
        """Label of a decision or grade option id; "—" when nothing was adopted."""
        if not option:
            return "—"
        grade = grade_of(option)
        if grade is not None:
            return self.text("option.grade", grade=grade)
        return self.text(f"option.{option}")

    def score(self, score: str | None) -> str:
        return self.text(f"score.{score}") if score else "—"

    def dated(self, value: date, form: str = "") -> Names:
        """A date as a parameter of a sentence: each language's text takes its own date (and
        the Kazakh one its case ending), so the bilingual layout never mixes them."""
        return Names(**{lang: Wording(lang).date(value, form) for lang in self.langs})

    def date(self, value: date | None, form: str = "") -> str:
        """A date; ``form`` (kazakh.LOCATIVE "15 мамырда", ATTRIBUTIVE "15 мамырдағы") gives
        the Kazakh text the case ending the sentence needs; other languages need none."""
        if value is None:
            return "«___» ____________ 20___"
        parts = []
        for lang in self.langs:
            text = tr(
                "date.format",
                lang,
                day=value.day,
                year=value.year,
                month=tr(f"date.month.{value.month}", lang),
            )
            parts.append(inflect(text, form) if form and lang == "kk" else text)
        return " / ".join(dict.fromkeys(parts))

    @staticmethod
    def time(value: time | None) -> str:
        return value.strftime("%H:%M") if value else ""

    def number_words(self, number: int) -> str:
        words = [num2words(number, lang=_NUM2WORDS_LANG[lang]) for lang in self.langs]
        return " / ".join(dict.fromkeys(words))

    def grade_words(self, grade: str | None) -> str:
        """A grade in words (R-DOC-6); a grade that is not a number is printed as is."""
        if not grade:
            return "—"
        return self.number_words(int(grade)) if grade.isdigit() else grade

    def service(self, length: ServiceLength | None) -> str:
        """A length of service in years, months and days (R-DOC-2 Reading, items 5 and 6)."""
        if length is None:
            return ""
        return self.text(
            "doc.service.length", years=length.years, months=length.months, days=length.days
        )

    def reason(self, reason: str) -> str:
        """A recorded reason; a rule id (e.g. R-SIT-6) is printed in words."""
        key = f"doc.reason.{reason.strip()}"
        return self.text(key) if tr(key, "en") != key else reason
