"""The application's icon, drawn at each size (made by packaging/render_icons.py)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from kzcommission.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """Every PNG size, so Qt picks a drawn one rather than scaling a single picture."""
    icon = QIcon()
    for size in ICON_SIZES:
        png = resource_path("icons", "hicolor", f"{size}x{size}", "apps", "kzcommission.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon
