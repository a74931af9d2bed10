"""Print-pack speed: pages per second of the pack, against a bare reportlab baseline.

The pack of a 40-case sitting of a 9-member commission (minutes, 40 sheets,
360 scorecards in one file per member) is rendered with the product's
renderers; then a bare script draws the same number of files and pages of
comparable text with canvas.drawString in the same fonts, in the same run.

Goals: whole pack under 5 s on a 2-core machine; within 1.3x of the baseline.
Run: .venv/bin/python benchmarks/bench_print.py [--lang kk] [--cases 40]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from kzcommission.documents.fonts import SANS, SERIF, register_fonts  # noqa: E402
from kzcommission.documents.pack import render_pack  # noqa: E402
from tests.documents.sample import sample_sitting  # noqa: E402

GOAL_SECONDS = 5.0
GOAL_RATIO = 1.3
_PAGE = re.compile(rb"/Type /Page\b")
LINE = (
    "Аттестаттау комиссиясының шешімі: атқаратын лауазымына сәйкес келеді — "
    "Қасымов Ерлан Әлібекұлы, 12/2024 "
)


def page_count(path: Path) -> int:
    return len(_PAGE.findall(path.read_bytes()))


def baseline(files: list[int], out_dir: Path) -> float:
    """Bare reportlab: the same files and pages, 45 lines of text per page."""
    start = time.perf_counter()
    for i, pages in enumerate(files):
        canvas = Canvas(str(out_dir / f"bare-{i:03d}.pdf"), pagesize=A4)
        for page in range(pages):
            canvas.setFont(f"{SERIF}-Bold", 13)
            canvas.drawString(30 * mm, 280 * mm, f"Аттестаттау парағы {i} / {page}")
            for line in range(45):
                canvas.setFont(SERIF if line % 3 else f"{SERIF}-Italic", 10.5)
                canvas.drawString(30 * mm, (270 - line * 5.5) * mm, LINE[: 60 + line % 30])
            canvas.setFont(SANS, 7)
            canvas.drawString(30 * mm, 10 * mm, f"{page + 1} / {pages}")
            canvas.showPage()
        canvas.save()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="kk")
    parser.add_argument("--cases", type=int, default=40)
    args = parser.parse_args()
    t0 = time.perf_counter()
    register_fonts()
    sitting = sample_sitting(args.cases, full=True)
    setup = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        pack_dir, bare_dir = Path(tmp, "pack"), Path(tmp, "bare")
        bare_dir.mkdir()
        start = time.perf_counter()
        paths = render_pack(sitting, args.lang, pack_dir)
        pack_s = time.perf_counter() - start
        pages = [page_count(p) for p in paths]
        bare_s = baseline(pages, bare_dir)
    total = sum(pages)
    cards = sum(len(c.scorecards) for c in sitting.cases)
    print(
        f"cpu cores: {os.cpu_count()}; language: {args.lang}; cases: {args.cases}; "
        f"scorecards: {cards}; files: {len(paths)}; pages: {total}"
    )
    print(f"font registration + data: {setup:.2f} s")
    print(f"pack:     {pack_s:6.2f} s  {total / pack_s:7.1f} pages/s")
    print(f"baseline: {bare_s:6.2f} s  {total / bare_s:7.1f} pages/s")
    ratio = pack_s / bare_s
    print(f"ratio pack/baseline: {ratio:.2f}x")
    seconds_ok = "met" if pack_s < GOAL_SECONDS else "MISSED"
    ratio_ok = "met" if ratio <= GOAL_RATIO else "MISSED"
    print(
        f"goal: pack < {GOAL_SECONDS:.0f} s on 2 cores: {seconds_ok}; "
        f"ratio <= {GOAL_RATIO}x: {ratio_ok}"
    )


if __name__ == "__main__":
    main()
