"""A person's sex, which printed Russian sentences agree with (R-DOC-6): "явился"/"явилась".

Taken from the IIN where the record has one; else from the patronymic's ending
(Kazakh -ұлы/-қызы, also written -улы/-кызы, as a suffix or a separate word;
Russian -ович/-евич/-ич, -овна/-евна/-ична); else as the user stated it; else
unknown (""), and documents print the neutral form ("ознакомлен(а)").
"""

from __future__ import annotations

from kzcommission.domain.iin import FEMALE, MALE, SEXES, parse_iin

UNKNOWN = ""
_MALE_ENDINGS = ("ұлы", "улы", "ович", "евич", "ич")
_FEMALE_ENDINGS = ("қызы", "кызы", "овна", "евна", "ична", "инична")


def sex_from_patronymic(patronymic: str) -> str:
    """MALE, FEMALE or UNKNOWN as the patronymic's ending says."""
    word = patronymic.strip().lower().replace("ё", "е")
    if word.endswith(_FEMALE_ENDINGS):
        return FEMALE
    if word.endswith(_MALE_ENDINGS):
        return MALE
    return UNKNOWN


class SexDiffers(ValueError):
    """A stated sex that the IIN or the patronymic contradicts; ``source`` says which."""

    def __init__(self, source: str, stated: str, derived: str):
        self.source, self.stated, self.derived = source, stated, derived
        super().__init__(f"sex: stated {stated!r}, the {source} says {derived!r}")


def resolve_sex(iin: str | None, patronymic: str, stated: str = UNKNOWN) -> str:
    """The sex to record: the IIN's, else the patronymic's, else ``stated``.

    The IIN must be valid (checked before). A stated sex the IIN or the patronymic
    contradicts is refused rather than silently replaced.
    """
    if stated not in (*SEXES, UNKNOWN):
        raise ValueError(f"unknown sex {stated!r}")
    for source, derived in (
        ("iin", parse_iin(iin).sex if iin else UNKNOWN),
        ("patronymic", sex_from_patronymic(patronymic)),
    ):
        if derived:
            if stated and stated != derived:
                raise SexDiffers(source, stated, derived)
            return derived
    return stated


__all__ = ["FEMALE", "MALE", "UNKNOWN", "SexDiffers", "resolve_sex", "sex_from_patronymic"]
