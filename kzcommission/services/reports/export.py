"""The whole consolidated report at once, and its export to PDF, CSV or XLSX.

The screens and the CLI call :func:`build_report` then :func:`export_report`; the
renderers in ``kzcommission.documents`` get plain data and never touch the store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kzcommission.documents.report_data import ConsolidatedReport
from kzcommission.documents.report_tables import Section, sections
from kzcommission.documents.report_tables import text as cell_text
from kzcommission.domain.names import Names
from kzcommission.files import write_atomic
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.reports import consolidated, followup
from kzcommission.services.reports.consolidated import VIEW, ReportFilter
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.names import names_of

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The screen shows the report's sections (tables) and figures through this module, the
# very ones the exports print; the UI does not import the documents layer.
__all__ = ["ConsolidatedReport", "Section", "cell_text", "figures", "sections"]

FORMATS: tuple[str, ...] = ("pdf", "csv", "xlsx")


@read(VIEW)
def build_report(f: ReportFilter, today: date | None = None) -> ConsolidatedReport:
    today = today or date.today()
    name: str | Names = ""
    if f.commission_id is not None:
        row = models.Commission.get_or_none(models.Commission.id == f.commission_id)
        if row is None:
            raise NotFound(
                f"no commission {f.commission_id}",
                field="commission",
                key="not_found_commission",
                params={"id": f.commission_id},
            )
        name = names_of(row, "name")
    return ConsolidatedReport(
        f,
        name,
        today,
        consolidated.decisions(f),
        consolidated.attendance(f),
        followup.deadlines(f, today),
        followup.evaluation_bands(f),
        followup.appeals(f),
    )


def figures(report: ConsolidatedReport, lang: str) -> dict[str, Figure]:
    """The charts of the report by section key, as the PDF prints them."""
    from kzcommission.documents import report_charts

    return {
        "decisions": report_charts.decisions_figure(report.decisions, lang),
        "sittings": report_charts.quorum_figure(report.attendance, lang),
        "deadlines": report_charts.deadlines_figure(report.deadlines, lang),
    }


def render(report: ConsolidatedReport, fmt: str, lang: str) -> bytes:
    """The report as file bytes (no store access: safe on a worker thread)."""
    if fmt == "pdf":
        from kzcommission.documents.report import ReportRenderer

        return ReportRenderer(lang).render(report)
    from kzcommission.documents import report_tables

    if fmt == "csv":
        return report_tables.to_csv(report, lang)
    if fmt == "xlsx":
        return report_tables.to_xlsx(report, lang)
    expected = ", ".join(FORMATS)
    raise ServiceError(
        f"unknown format {fmt!r}; expected one of {expected}",
        field="format",
        key="report_format_unknown",
        params={"format": fmt, "expected": expected},
    )


def export_report(report: ConsolidatedReport, fmt: str, path: Path, lang: str) -> Path:
    """Write the report to ``path`` (through a temporary file, so no half-written file)."""
    data = render(report, fmt, lang)
    return write_atomic(Path(path), data)
