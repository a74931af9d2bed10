"""Render the SVG icons into the PNG sizes of the hicolor theme and a Windows .ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

The SVGs in resources/icons are the sources; the PNGs (resources/icons/hicolor/,
laid out as the freedesktop icon theme wants them, so the Linux installer copies
the tree as it is) and the .ico files are generated and committed, so a build
machine needs neither this script nor an SVG renderer. Qt's own SVG renderer
draws every size from the vector (small sizes stay crisp); Pillow packs the .ico.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
# (svg, hicolor context, png name): the package icon takes its MIME type's name.
SOURCES = (
    ("kzcommission.svg", "apps", "kzcommission.png"),
    ("kzcommission-package.svg", "mimetypes", "application-x-kzcommission-package.png"),
)


def render(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_ico(pngs: dict[int, bytes], target: Path) -> None:
    """One .ico holding every size as drawn (Pillow would otherwise scale the largest)."""
    from PIL import Image

    images = {size: Image.open(io.BytesIO(data)) for size, data in pngs.items()}
    largest = images[max(images)]
    others = [image for size, image in sorted(images.items()) if size != max(images)]
    largest.save(target, sizes=[(s, s) for s in sorted(images)], append_images=others)


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, images
    for svg_name, context, png_name in SOURCES:
        svg = ICONS / svg_name
        pngs = {size: render(svg, size) for size in SIZES}
        for size, data in pngs.items():
            target = ICONS / "hicolor" / f"{size}x{size}" / context / png_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        write_ico(pngs, ICONS / svg.with_suffix(".ico").name)
        print(f"{svg_name}: {len(SIZES)} PNG sizes and {svg.with_suffix('.ico').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
