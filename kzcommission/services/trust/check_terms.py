"""The words the checks use for what they name: a table, a column, a coded value.

verify-db prints table and column names as the database spells them (``vote_round``,
``decision``); a screen shows words in the reader's language instead. Each helper gives
a catalogue Phrase when a word exists (``integrity.table.<table>``, ``field.<column>``,
``integrity.column.<column>``, the catalogue's words for statuses and options), else
the name or value itself, so nothing is ever shown as a bare catalogue key.
"""

from __future__ import annotations

from kzcommission.domain.kinds import grade_of
from kzcommission.i18n import LANGUAGES, REFERENCE_LANGUAGE, Phrase, catalogue

# (table, column) -> the catalogue prefix of its coded values.
VALUE_WORDS: dict[tuple[str, str], str] = {
    ("sitting", "status"): "sitting_status",
    ("case", "status"): "case_status",
    ("case", "appearance"): "appearance",
    ("case", "kind"): "kind",
    ("case", "decision"): "option",
    ("certification_record", "kind"): "kind",
    ("attendance_event", "kind"): "attendance",
    ("vote_round", "adopted"): "option",
    ("ballot", "option"): "option",
    ("scorecard", "score"): "score",
    ("scorecard", "decision"): "option",
    ("corps_a_agreement", "decision"): "option",
}


def known(key: str) -> bool:
    return key in catalogue(REFERENCE_LANGUAGE)


def word(key: str, fallback: str) -> Phrase | str:
    """The Phrase of ``key`` when the catalogue has it, else ``fallback`` as it is."""
    return Phrase(key) if known(key) else fallback


def table(name: str) -> Phrase | str:
    return word(f"integrity.table.{name}", name)


def column(name: str) -> Phrase | str:
    """A column in words: its form field's label, else the checks' own word for it; a
    name's variant in one language (``place_kk``) as the name and the language."""
    base, _, lang = name.rpartition("_")
    if base and lang in LANGUAGES:
        return Phrase(
            "integrity.column.in_language",
            {"field": column(base), "language": Phrase(f"print.lang.{lang}")},
        )
    for key in (f"field.{name}", f"field.{name.removesuffix('_id')}", f"integrity.column.{name}"):
        if known(key):
            return Phrase(key)
    return name


def value(table_name: str, column_name: str, text: str | None) -> Phrase | str:
    """A stored value as read: a status or option in words, else the text itself."""
    if text is None:
        return Phrase("integrity.value.empty")
    prefix = VALUE_WORDS.get((table_name, column_name))
    grade = grade_of(text) if prefix == "option" else None
    if grade:  # R-DEC-3: "fits the qualification grade C-3"
        return Phrase("option.grade", {"grade": grade})
    return word(f"{prefix}.{text}", text) if prefix else text


def option(text: str) -> Phrase | str:
    """A ballot's option in words (``fits``, ``unfit_demote``...)."""
    return value("ballot", "option", text)
