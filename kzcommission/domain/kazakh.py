"""Kazakh case endings that printed sentences need (R-DOC-6): the locative ("15 мамырда",
on 15 May) and the attributive locative ("15 мамырдағы", of 15 May).

An ending follows the word's last sound and its vowels: -та/-те after a voiceless
consonant, else -да/-де; the back vowels (а, о, ұ, ы) take -а, the front ones (ә, ө,
ү, і, е) take -е. The attributive adds -ғы/-гі. A number written in figures takes the
ending of its last spoken word, after a hyphen: "2024-те" (…төрт), "2000-да" (…мың).
"""

from __future__ import annotations

LOCATIVE = "locative"
ATTRIBUTIVE = "attributive"
FORMS: tuple[str, ...] = (LOCATIVE, ATTRIBUTIVE)

_BACK = frozenset("аоұыяё")
_FRONT = frozenset("әөүіеэ")
# у, и and ю are read with the vowels around them: they do not decide the harmony.
_VOICELESS = frozenset("кқпстфхцчшщ")

_UNITS = ("", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
# A round number ends in the word of its lowest non-zero group: 300 "үш жүз", 5000 "бес мың".
_GROUPS = ((1000, "жүз"), (10**6, "мың"), (10**9, "миллион"))


def last_spoken_word(number: int) -> str:
    """The last word of ``number`` read aloud in Kazakh (only it decides the ending)."""
    number = abs(number)
    if number == 0:
        return "нөл"
    if number % 10:
        return _UNITS[number % 10]
    if number % 100:
        return _TENS[number % 100 // 10]
    for modulus, word in _GROUPS:
        if number % modulus:
            return word
    return "миллиард"


def _front(word: str) -> bool:
    for letter in reversed(word.lower()):
        if letter in _FRONT:
            return True
        if letter in _BACK:
            return False
    return False


def ending(word: str, form: str) -> str:
    """The ending ``word`` takes in ``form`` (LOCATIVE or ATTRIBUTIVE)."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}: {', '.join(FORMS)}")
    spoken = last_spoken_word(int(word)) if word.isdecimal() else word
    front = _front(spoken)
    stem = "т" if spoken[-1:].lower() in _VOICELESS else "д"
    stem += "е" if front else "а"
    if form == ATTRIBUTIVE:
        stem += "гі" if front else "ғы"
    return stem


def inflect(phrase: str, form: str) -> str:
    """``phrase`` with its last word in ``form``: "2024 жылғы 15 мамыр" -> "… 15 мамырда"."""
    phrase = phrase.rstrip()
    last = phrase.rsplit(" ", 1)[-1]
    if not last:
        return phrase
    joint = "-" if last.isdecimal() else ""
    return phrase + joint + ending(last, form)
