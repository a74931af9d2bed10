"""Appeals in the consolidated report and in the minutes' addendum (issue 21 item 3,
R-DOC-8), on SQLite and PostgreSQL: the counts equal the appeals recorded through the
follow-up services, the CSV and XLSX carry them, the addendum lists them in kk, ru, en."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date

from openpyxl import load_workbook

from kzcommission.documents.addendum import render_addendum
from kzcommission.documents.pack import pack_prefix
from kzcommission.services.papers import paper, printing
from kzcommission.services.reports import followup as reports_followup
from kzcommission.services.reports.consolidated import ReportFilter
from kzcommission.services.reports.export import build_report, render
from kzcommission.services.sitting import amendments, followup, followup_lines
from kzcommission.store import models
from tests.services.finished_sitting import finish_on_paper

TODAY = date(2024, 12, 31)


def _record_appeals() -> tuple[int, list[int]]:
    """Three appeals on one finalized sitting: rejected, cancelled, pending (R-DOC-8)."""
    sitting_id = finish_on_paper()
    cases = [line.case_id for line in followup_lines.sitting_lines(sitting_id, TODAY)][:3]
    first = followup.file_appeal(cases[0], date(2024, 10, 10), "Violated")
    second = followup.file_appeal(cases[1], date(2024, 10, 11))
    followup.file_appeal(cases[2], date(2024, 10, 12))
    followup.decide_appeal(first.id, "rejected", date(2024, 10, 20))
    followup.decide_appeal(second.id, "cancelled", date(2024, 10, 21))
    return sitting_id, cases


def _pdf_text(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_report_counts_the_recorded_appeals_r_doc_8(database):
    sitting_id, _cases = _record_appeals()
    sitting = models.Sitting.get_by_id(sitting_id)
    counted = reports_followup.appeals(ReportFilter())
    assert len(counted.rows) == 1
    row = counted.rows[0]
    assert (row.filed, row.decided, row.rejected, row.cancelled, row.pending) == (3, 2, 1, 1, 1)
    assert row.filed == models.Appeal.select().count()
    # The period cuts by the sitting date, the commission filter applies.
    after = ReportFilter(date_from=date.fromordinal(sitting.held_on.toordinal() + 1))
    assert reports_followup.appeals(after).rows == ()
    other = ReportFilter(commission_id=sitting.commission_id + 1000)
    assert reports_followup.appeals(other).rows == ()

    report = build_report(ReportFilter(), TODAY)
    rows = list(csv.reader(io.StringIO(render(report, "csv", "en").decode("utf-8-sig"))))
    assert ["Appeals (R-DOC-8)"] in rows
    assert [row.commission, "3", "2", "1", "1", "1"] in rows
    book = load_workbook(io.BytesIO(render(report, "xlsx", "ru")))
    sheet = book["Обжалования (R-DOC-8)"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert [row.commission, 3, 2, 1, 1, 1] in [v[:6] for v in values]


def test_addendum_lists_the_appeals_in_each_language_r_doc_8(database, tmp_path):
    sitting_id, _cases = _record_appeals()
    data = amendments.addendum_data(sitting_id)
    assert not data.items and len(data.appeals) == 3 and data.printable
    person = data.appeals[0].person
    expected = {
        "kk": ("Шешімдерге шағымдар", "шағым 2024-10-20 қабылданбады", "қаралуда"),
        "ru": ("Обжалование решений", "жалоба отклонена 2024-10-20", "на рассмотрении"),
        "en": ("Appeals against the decisions", "appeal rejected on 2024-10-20", "pending"),
    }
    for lang, phrases in expected.items():
        text = " ".join(_pdf_text(render_addendum(data, lang), tmp_path, f"{lang}.pdf").split())
        for phrase in (*phrases, person.split()[0], "2024-10-10"):
            assert phrase in text, (lang, phrase)
    # The pack prints the addendum for appeals alone, with no amendment signed.
    stem = printing.addendum_stem(pack_prefix(printing.sitting_document(sitting_id)))
    assert stem in [d.key for d in paper.sitting_paper(sitting_id).documents]
    files = printing.print_pack(sitting_id, "en", tmp_path, only={stem})
    assert len(files) == 1 and files[0].name.startswith(stem)
    printed = _pdf_text(files[0].read_bytes(), tmp_path, "pack.pdf")
    assert "appeal rejected on 2024-10-20" in " ".join(printed.split())
