"""Who holds a leading position: section 5 of the characteristic (R-DOC-5).

Decree 490 Appendix 2 prints section 5 (results of the unit the person heads or
supervises) with the note "* applies to persons holding leading positions". The
store keeps no position category, so the product reads it from the position's
title, the way Decree 490 Appendix 1 names its leading positions.

Rule (R-DOC-5): a position is leading when its title contains, as the start of a
word, one of the words for a head, his deputy or a commander:
kk "бастығ/бастық/басшы/орынбасар/командир/меңгеруші/төраға",
ru "начальник/руководител/заместител/командир/заведующ/председател",
en "head/chief/deputy/commander/director". Every other title (inspector,
investigator, specialist, officer ...) is not leading.
"""

from __future__ import annotations

import re

RULE = "R-DOC-5"

_STEMS = (
    # Kazakh
    "бастығ",
    "бастық",
    "басшы",
    "орынбасар",
    "командир",
    "меңгеруші",
    "төраға",
    # Russian
    "начальник",
    "руководител",
    "заместител",
    "заведующ",
    "председател",
    # English
    "head",
    "chief",
    "deputy",
    "commander",
    "director",
)
_LEADING = re.compile(r"(?<!\w)(" + "|".join(_STEMS) + ")", re.IGNORECASE)


def is_leading_position(title: str) -> bool:
    """True when ``title`` names a leading position (the rule in this module's docstring)."""
    return bool(_LEADING.search(title or ""))
