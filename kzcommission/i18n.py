"""Translation catalogues for everything a user reads: screens, messages, printed forms.

One JSON file per area and language under ``resources/i18n/<lang>/<area>.json``
(flat ``key -> text``). ``en`` is the reference; a key missing in ``ru`` or
``kk`` falls back to English so a gap shows as English text, never as a key.
Catalogues are loaded on first use, not at import (STYLE: no import-time effects).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kzcommission.resources import resource_path

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
REFERENCE_LANGUAGE = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All keys of one language, merged over its area files."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    merged: dict[str, str] = {}
    folder: Path = resource_path("i18n", lang)
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            merged.update(json.load(handle))
    return merged


def tr(key: str, lang: str, /, **params: object) -> str:
    """The text of ``key`` in ``lang`` with ``{name}`` placeholders filled."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(REFERENCE_LANGUAGE).get(key, key)
    return text.format(**params) if params else text
