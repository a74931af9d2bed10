"""Composition templates: the positions of Decree 490's appendices "ЛАУАЗЫМДЫҚ ҚҰРАМЫ".

A template pre-fills the seats of a new commission by position (R-COMP-3); the
secretary then names the person filling each seat. The Kazakh text is the
Decree's own; the Russian and English labels live in the UI catalogue under
``template.<code>.<index>`` so the law's wording is kept here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kzcommission.domain.kinds import Role
from kzcommission.domain.names import Names
from kzcommission.i18n import tr


@dataclass(frozen=True)
class TemplateSeat:
    role: str
    kk: str  # the position as the Decree's appendix names it
    key: str  # catalogue key of its translation


@dataclass(frozen=True)
class CompositionTemplate:
    code: str  # also the commission level: central / regional
    source: str
    seats: tuple[TemplateSeat, ...]


def _seats(code: str, rows: list[tuple[str, str]]) -> tuple[TemplateSeat, ...]:
    return tuple(
        TemplateSeat(role, kk, f"template.{code}.{index}")
        for index, (role, kk) in enumerate(rows, start=1)
    )


_C, _M, _S = Role.CHAIR.value, Role.MEMBER.value, Role.SECRETARY.value

CENTRAL = CompositionTemplate(
    code="central",
    source="Decree 490, appendix: Орталық аттестаттау комиссиясының лауазымдық құрамы",
    seats=_seats(
        "central",
        [
            (_C, "Қазақстан Республикасының Ішкі істер министрі"),
            (_M, "Қазақстан Республикасы Бас Прокурорының орынбасары"),
            (_M, "Қазақстан Республикасының Ұлттық қауіпсіздік комитеті төрағасының орынбасары"),
            (
                _M,
                "Қазақстан Республикасының Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі "
                "(Сыбайлас жемқорлыққа қарсы қызмет) төрағасының орынбасары",
            ),
            (
                _M,
                "Қазақстан Республикасы Ішкі істер министрінің кадр саясаты мәселелеріне "
                "жетекшілік ететін орынбасары",
            ),
            (_M, "Қазақстан Республикасы Ішкі істер министрлігінің Штаб – департамент бастығы"),
            (_M, "Қазақстан Республикасы Ішкі істер министрлігі заң департаментінің бастығы"),
            (
                _S,
                "Қазақстан Республикасы Ішкі істер министрлігінің кадр саясаты департаменті "
                "бастығының орынбасары",
            ),
        ],
    ),
)

REGIONAL = CompositionTemplate(
    code="regional",
    source="Decree 490, appendix: Өңірлік аттестаттау комиссияларының лауазымдық құрамы",
    seats=_seats(
        "regional",
        [
            (_C, "Қазақстан Республикасы Ішкі істер министрінің орынбасары"),
            (
                _M,
                "Қазақстан Республикасы Ішкі істер министрлігі Қылмыстық-атқару жүйесі "
                "комитетінің төрағасы (төрағасының орынбасары)",
            ),
            (
                _M,
                "облыс прокуроры немесе оған теңестірілген (республикалық маңызы бар қаланың "
                "және астананың) прокурор",
            ),
            (
                _M,
                "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің облыс, республикалық "
                "маңызы бар қала және астана бойынша департаментінің бастығы",
            ),
            (
                _M,
                "Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің "
                "(Сыбайлас жемқорлыққа қарсы қызмет) облыс, республикалық маңызы бар қала және "
                "астана бойынша департаментінің басшысы",
            ),
            (
                _M,
                "облыстың, республикалық маңызы бар қаланың және астананың полиция "
                "департаментінің бастығы",
            ),
            (
                _M,
                "Қазақстан Республикасы Ішкі істер министрлігі кадр саясаты департаментінің "
                "бастығы (бастығының орынбасары)",
            ),
            (
                _M,
                "Қазақстан Республикасы Ішкі істер министрлігі өзіндік қауіпсіздік "
                "департаментінің бастығы (бастығының орынбасары)",
            ),
            (
                _M,
                "Қазақстан Республикасы Ішкі істер министрлігі заң департаментінің бастығы "
                "(бастығының орынбасары)",
            ),
            (
                _S,
                "Қазақстан Республикасы Ішкі істер министрлігі кадр саясаты департаментінің "
                "басқарма бастығы (бастығының орынбасары)",
            ),
        ],
    ),
)

TEMPLATES: tuple[CompositionTemplate, ...] = (CENTRAL, REGIONAL)


def template(code: str) -> CompositionTemplate:
    for item in TEMPLATES:
        if item.code == code:
            return item
    raise KeyError(f"no composition template {code!r}")


def template_key_of(position_title: str) -> str | None:
    """The catalogue key of a position stored in its Kazakh wording, to show it translated."""
    for item in TEMPLATES:
        for seat in item.seats:
            if seat.kk == position_title:
                return seat.key
    return None


def seat_titles(position_title: str) -> Names:
    """A seat's title per language: a Decree position with the catalogue's Russian and
    English wording; any other text placed by the language it is written in."""
    key = template_key_of(position_title)
    if key is None:
        return Names.single(position_title)
    return Names(kk=position_title, ru=tr(key, "ru"), en=tr(key, "en"))
