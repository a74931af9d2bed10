"""The fonts of the printed forms: DejaVu Serif (text) and DejaVu Sans (tables, footer).

Shipped in ``resources/fonts`` with their licence (LICENSE-DejaVu.txt). Both
families cover Cyrillic with every Kazakh letter (ә ғ қ ң ө ұ ү һ і), which
the PDF base-14 fonts do not. Registration is explicit (STYLE: no import-time
effects): call :func:`register_fonts` at start-up; renderers call it too, and
it does the work only once. reportlab embeds TTF fonts as subsets.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kzcommission.resources import resource_path

SERIF = "DejaVuSerif"
SANS = "DejaVuSans"

# Registered name -> file. Bold italic is not shipped: it maps to bold (see below).
FONT_FILES: dict[str, str] = {
    SERIF: "DejaVuSerif.ttf",
    f"{SERIF}-Bold": "DejaVuSerif-Bold.ttf",
    f"{SERIF}-Italic": "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf",
    f"{SANS}-Bold": "DejaVuSans-Bold.ttf",
    f"{SANS}-Oblique": "DejaVuSans-Oblique.ttf",
}

_registered = False


def register_fonts() -> None:
    """Register the TTF fonts and their families with reportlab (idempotent)."""
    global _registered
    if _registered:
        return
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    # Family mappings let Paragraph markup (<b>, <i>) pick the right face.
    for family, italic in ((SERIF, f"{SERIF}-Italic"), (SANS, f"{SANS}-Oblique")):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, f"{family}-Bold")
    # Streams are only Flate-compressed, not also ASCII85-encoded (reportlab's
    # default): smaller files and about a tenth less time per pack. Process-wide,
    # hence here, in the explicit start-up.
    rl_config.useA85 = 0
    _registered = True
