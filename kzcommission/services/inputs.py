"""What a typed name or text may hold (issue 18): no NUL or other control characters.

A name is one line; a text (questions, opinions, comments) may have line breaks
and tabs. The refusal names the field, so the screen can point at it; nothing
is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from kzcommission.domain.names import Names
from kzcommission.services.errors import ServiceError

_LINE_BREAKS = frozenset("\n\r\t")


def _bad(value: str, multiline: bool) -> str | None:
    for char in value:
        code = ord(char)
        if (code < 32 or 0x7F <= code < 0xA0) and not (multiline and char in _LINE_BREAKS):
            return f"\\x{code:02x}"
    return None


def check_text(field: str, value: str, *, multiline: bool = False) -> str:
    """``value`` unchanged, or a refusal naming ``field`` and the character found."""
    if not isinstance(value, str):
        raise ServiceError(f"{field}: text is expected", field=field, key="text_expected")
    found = _bad(value, multiline)
    if found is not None:
        raise ServiceError(
            f"{field}: contains a control character ({found}); type it again without it",
            field=field,
            key="control_character",
            params={"found": found},
        )
    return value


def check_names(values: Mapping[str, str | Names | None]) -> None:
    """Each one-line field of a record (None: not given); a name per language, each
    variant, named as ``field_kk`` and so on."""
    for field, value in values.items():
        if isinstance(value, Names):
            for lang, text in value.variants().items():
                check_text(f"{field}_{lang}", text)
            check_text(field, value.other)
        elif value is not None:
            check_text(field, value)
