"""Does the QR code drawn in a document carry the digest printed in its footer?

No image decoder is needed: the renderer draws the QR as vector rectangles, one
per dark run of a row, in a form XObject. The modules are read back from those
rectangles and compared with the QR code of the expected payload
("KZC1|<document id>|sha256:<digest>", the document id being the PDF subject),
under each of the eight mask patterns the renderer may have used.
"""

from __future__ import annotations

import re
from io import BytesIO

RUN = re.compile(rb"(\d+) (\d+) (\d+) 1 re")


def _streams(data: bytes) -> tuple[str, list[bytes]]:
    from pyhanko.pdf_utils.generic import StreamObject
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(BytesIO(data), strict=False)
    info = reader.trailer_view.get("/Info")
    subject = str(info.get_object().get("/Subject", "")) if info is not None else ""
    found: list[bytes] = []
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    xobjects = page.get("/Resources", {}).get("/XObject", {})
    for ref in xobjects.values():
        obj = ref.get_object()
        if isinstance(obj, StreamObject) and b" 1 re" in obj.data:
            found.append(obj.data)
    return subject, found


def _modules(stream: bytes) -> set[tuple[int, int]] | None:
    runs = [tuple(int(v) for v in m.groups()) for m in RUN.finditer(stream)]
    if len(runs) < 20:
        return None
    count = max(y for _x, y, _w in runs)
    return {(count - y, x - 1 + i) for x, y, w in runs for i in range(w)}


def _expected(payload: str) -> list[set[tuple[int, int]]]:
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    out = []
    for mask in range(8):
        code = QRCode(None, QRErrorCorrectLevel.M)
        code.addData(payload)
        code.version = code.calculate_version()
        code.makeImpl(False, mask)
        out.append(
            {(r, c) for r, row in enumerate(code.modules) for c, dark in enumerate(row) if dark}
        )
    return out


def qr_matches(data: bytes, digest: str) -> str:
    """ "match", "mismatch", or "absent" (no QR drawn the way the renderer draws it)."""
    try:
        subject, streams = _streams(data)
    except Exception:  # noqa: BLE001 - an unreadable structure just means no QR to check
        return "absent"
    drawn = [m for m in (_modules(s) for s in streams) if m]
    if not drawn:
        return "absent"
    wanted = _expected(f"KZC1|{subject}|sha256:{digest}")
    return "match" if any(m in wanted for m in drawn) else "mismatch"
