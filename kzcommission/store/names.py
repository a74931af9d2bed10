"""Reading and writing a name kept per language (v13) on a row: ``<field>_kk/_ru/_en``
beside the old single ``<field>`` column."""

from __future__ import annotations

from kzcommission.domain.names import LANGS, Names
from kzcommission.store import models
from kzcommission.store.models import BaseModel


def names_of(row: BaseModel, field: str) -> Names:
    """The variants of ``field`` on ``row``, with its single value as the last fallback."""
    return Names(
        **{lang: getattr(row, f"{field}_{lang}") or "" for lang in LANGS},
        other=getattr(row, field) or "",
    )


def name_columns(field: str, names: Names) -> dict[str, str]:
    """Column values for ``field``: each variant, and the single column kept as the name
    printed where every variant is empty (the Kazakh pick: Kazakh, else Russian, else English)."""
    columns = {f"{field}_{lang}": value.strip() for lang, value in names.variants().items()}
    columns[field] = names.pick("kk")
    return columns


def set_names(row: BaseModel, field: str, value: str | Names) -> None:
    """Write ``value`` into ``row``'s columns of ``field`` (not saved).

    Variants are written as given. A single string (a form with one field) equal to the
    kept single value or to one of the variants changes nothing, so saving a form that
    showed it (in any language) keeps the variants; any other string replaces every
    variant (:meth:`Names.single`), so no stale translation of the old value is printed.
    """
    if not isinstance(value, Names):
        current = names_of(row, field)
        if value.strip() in {current.other, *current.variants().values()} - {""}:
            return
        value = Names.single(value)
    for column, text in name_columns(field, value).items():
        setattr(row, column, text)


def case_position(case: models.Case) -> Names:
    """The position a case prints: its own (as when it was added), else the person's."""
    own = names_of(case, "position")
    return own if own else names_of(case.person, "position")


def name_values(field: str, value: str | Names) -> dict[str, str]:
    """Column values of a new row's ``field`` (for ``Model.create``)."""
    return name_columns(field, Names.of(value))
