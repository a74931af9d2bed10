"""Words for ids: options, scores, roles, positions, kinds, in the chosen language."""

from __future__ import annotations

from kzcommission.domain.kinds import NO_GRADE_OPTION, grade_of
from kzcommission.i18n import tr, tr_sex


def option_label(option: str, lang: str) -> str:
    """Decision and grade options; decision labels come from documents.json (``option.<id>``)."""
    grade = grade_of(option)
    if grade is not None:
        return tr("vote.grade_option", lang, grade=grade)
    if option == NO_GRADE_OPTION:
        return tr("vote.no_grade", lang)
    return tr(f"option.{option}", lang)


def short_name(full_name: str) -> str:
    """ "Сейітқали Ерлан Болатұлы" as "Сейітқали Е. Б.": the surname and the initials."""
    surname, *others = full_name.split() or ["—"]
    return " ".join([surname, *(f"{name[0]}." for name in others)])


def score_label(score: str, lang: str) -> str:
    return tr(f"score.{score}", lang)


def role_label(role: str, lang: str) -> str:
    return tr(f"role.{role}", lang)


def kind_label(kind: str, lang: str) -> str:
    return tr(f"kind.{kind}", lang)


def ruleset_label(code: str, lang: str) -> str:
    """A rule set by its title (“Order No. 880 of 10.10.2019”), never its code."""
    return tr(f"ruleset.{code}", lang)


def attendance_label(kind: str | None, lang: str) -> str:
    return tr(f"attendance.{kind or 'none'}", lang)


def appearance_label(appearance: str, lang: str, sex: str = "") -> str:
    """Whether the person came; Russian agrees with his or her sex ("явился"/"явилась")."""
    return tr_sex(f"appearance.{appearance}", lang, sex)


def status_label(status: str, lang: str) -> str:
    return tr(f"case_status.{status}", lang)
