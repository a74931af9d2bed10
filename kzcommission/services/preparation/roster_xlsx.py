"""Sizing an XLSX roster before openpyxl reads it (issue 18).

A worksheet of 3 million one-cell rows is 1.5 MB on disk and under the unpacked
limit; openpyxl took 19 s and 330 MB to reach the row limit. The rows and cells of
every worksheet are counted here in the raw XML, a chunk at a time, in C
(``bytes.count``), so such a file is refused in a fraction of a second.
"""

from __future__ import annotations

import zipfile

CHUNK = 1024 * 1024
# Opening tags as Excel and LibreOffice write them (default namespace, or the "x" prefix).
ROW_TAGS = (b"<row ", b"<row>", b"<x:row ", b"<x:row>")
CELL_TAGS = (b"<c ", b"<c>", b"<c/>", b"<x:c ", b"<x:c>", b"<x:c/>")
OVERLAP = max(len(t) for t in ROW_TAGS + CELL_TAGS) - 1


def _count(data: bytes, tags: tuple[bytes, ...]) -> int:
    return sum(data.count(tag) for tag in tags)


def worksheet_size(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(rows, cells) of one worksheet part. A tag cut by a chunk boundary is counted once:
    each chunk is counted with the end of the one before, minus what that end held."""
    rows = cells = 0
    tail = b""
    with archive.open(name) as handle:
        while chunk := handle.read(CHUNK):
            joined = tail + chunk
            rows += _count(joined, ROW_TAGS) - _count(tail, ROW_TAGS)
            cells += _count(joined, CELL_TAGS) - _count(tail, CELL_TAGS)
            tail = joined[-OVERLAP:]
    return rows, cells


def largest_worksheet(archive: zipfile.ZipFile) -> tuple[int, int]:
    """The most rows and the most cells of any worksheet in the workbook."""
    sizes = [
        worksheet_size(archive, info.filename)
        for info in archive.infolist()
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    ]
    return max((r for r, _ in sizes), default=0), max((c for _, c in sizes), default=0)
