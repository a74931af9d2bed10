"""A name kept in Kazakh, Russian and English, and the one a language prints.

Commission names, places, units, positions and seat titles are kept per
language (issue 15 item 6). A document in one language prints the variant of
its language; where that one is empty, the next one in the fallback order:

* kk: Kazakh, then Russian, then English;
* ru: Russian, then Kazakh, then English;
* en: English, then Russian, then Kazakh (English is optional: a reader of an
  English print more often reads Russian than Kazakh);

and last the single value kept from before the variants (``other``), so a
value typed once is never lost and never missing from a print.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS: tuple[str, ...] = ("kk", "ru", "en")
FALLBACK: dict[str, tuple[str, ...]] = {
    "kk": ("kk", "ru", "en"),
    "ru": ("ru", "kk", "en"),
    "en": ("en", "ru", "kk"),
}

# Letters of the Kazakh Cyrillic alphabet that Russian has not.
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Common words of titles and places written in Kazakh without any of those letters
# ("бас маман", "хатшы"), so they are not taken for Russian.
_KAZAKH_WORDS = frozenset(
    {"бас", "маман", "сарапшы", "орынбасары", "хатшы", "басшы", "басшысы", "комиссиясы",
     "бастығы", "аудан", "ауданы", "облысы"}
)  # fmt: skip


@dataclass(frozen=True)
class Names:
    """One name in each language; ``other`` is the value kept from before (language unknown)."""

    kk: str = ""
    ru: str = ""
    en: str = ""
    other: str = ""

    def pick(self, lang: str) -> str:
        """The name a document in ``lang`` prints, by the fallback order above."""
        return pick_name(self.variants(), lang, self.other)

    def variants(self) -> dict[str, str]:
        return {"kk": self.kk, "ru": self.ru, "en": self.en}

    def printed(self, langs: tuple[str, ...]) -> str:
        """The name in each of ``langs`` joined by " / " (each once): the bilingual kk+ru
        layout prints the Kazakh half in Kazakh and the Russian half in Russian."""
        return " / ".join(dict.fromkeys(v for v in (self.pick(lang) for lang in langs) if v))

    def __bool__(self) -> bool:
        return bool(self.pick("kk"))

    @classmethod
    def of(cls, value: str | Names) -> Names:
        """``value`` itself, or a single value placed by :meth:`single`."""
        return value if isinstance(value, Names) else cls.single(value)

    @classmethod
    def single(cls, text: str) -> Names:
        """A value typed once, in an unknown language: it goes into the variant of the
        language it is written in (:func:`guess_language`), or stays ``other``."""
        text = text.strip()
        lang = guess_language(text)
        if not lang:
            return cls(other=text)
        return cls(**{lang: text})


def text_in(value: str | Names, lang: str) -> str:
    """A value that may be kept per language, as ``lang`` reads it (a plain string as is)."""
    return value.pick(lang) if isinstance(value, Names) else value


def pick_name(variants: dict[str, str], lang: str, other: str = "") -> str:
    """The variant for ``lang`` by the fallback order; ``other`` when every one is empty."""
    if lang not in FALLBACK:
        raise ValueError(f"unknown language {lang!r}: {', '.join(LANGS)}")
    for candidate in FALLBACK[lang]:
        value = (variants.get(candidate) or "").strip()
        if value:
            return value
    return other.strip()


def guess_language(text: str) -> str:
    """The language a single value was most likely typed in: "kk", "ru", "en", or "" when
    it has no letters (e.g. "101").

    Any Kazakh-only letter (ә ғ қ ң ө ұ ү һ і) or a common Kazakh title word makes it
    Kazakh; otherwise more Cyrillic than Latin letters make it Russian, else English.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ""
    if any(c in _KAZAKH_LETTERS for c in letters):
        return "kk"
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyrillic * 2 < len(letters):
        return "en"
    words = {w.strip(".,;:()«»\"'").casefold() for w in text.split()}
    return "kk" if words & _KAZAKH_WORDS else "ru"
