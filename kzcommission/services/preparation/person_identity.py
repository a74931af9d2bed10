"""A person's IIN, birth date and sex, checked together on every write (issue 19 item 4,
issue 15 item 6).

The IIN is checked by :mod:`kzcommission.domain.iin`; where the record has one, the
birth date and sex come from it (typed ones must agree). Without an IIN the sex comes
from the patronymic's ending, else as stated. A refusal names the field and says why in
the user's language (``iin.error.<code>`` in the catalogues).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kzcommission.domain import iin as iin_rule
from kzcommission.domain.iin import IinError, check_against, parse_iin
from kzcommission.domain.person_sex import SexDiffers, resolve_sex
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.store import models

# Which input a refusal points at, by its code.
_FIELDS = {iin_rule.BIRTH_DATE_DIFFERS: "birth_date", iin_rule.SEX_DIFFERS: "sex",
           "sex_patronymic": "sex"}  # fmt: skip


class IdentityRefused(ServiceError):
    """A bad IIN, or a birth date or sex that disagrees with it; ``code`` says which."""

    def __init__(self, code: str, value: str = ""):
        self.code, self.value = code, value
        super().__init__(
            f"{tr(f'iin.error.{code}', 'en', value=value)}", field=_FIELDS.get(code, "iin")
        )

    def detail_in(self, lang: str) -> str:
        """The reason in the user's language."""
        return tr(f"iin.error.{self.code}", lang, value=self.value)


@dataclass(frozen=True)
class Identity:
    iin: str | None
    birth_date: date | None
    sex: str


def check_identity(
    iin: str | None,
    birth_date: date | None,
    patronymic: str,
    sex: str = "",
    *,
    person_id: int | None = None,
) -> Identity:
    """The IIN (None when empty), birth date and sex to record, or IdentityRefused.

    ``person_id``: the person being edited, whose own IIN is not a duplicate.
    """
    number = (iin or "").strip() or None
    if number is None:
        try:
            return Identity(None, birth_date, resolve_sex(None, patronymic, sex))
        except SexDiffers as exc:
            raise IdentityRefused("sex_patronymic", patronymic) from exc
    try:
        parsed = parse_iin(number)
        check_against(parsed, birth_date, sex)
    except IinError as exc:
        raise IdentityRefused(exc.code, exc.value) from exc
    holder = models.Person.get_or_none(models.Person.iin == parsed.number)
    if holder is not None and holder.id != person_id:
        raise IdentityRefused("taken", holder.full_name)
    # The IIN decides; a patronymic that says otherwise is the person's name as written.
    return Identity(parsed.number, parsed.birth_date, parsed.sex)
