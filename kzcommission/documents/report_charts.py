"""The report's charts as matplotlib figures, shared by the window and the PDF.

A figure is built with ``matplotlib.figure.Figure`` directly, never through pyplot:
pyplot keeps global state and picks a GUI backend, which a worker thread and a
headless CLI must not touch. The window wraps the figure in ``FigureCanvasQTAgg``;
the PDF draws it with the Agg canvas into a PNG (:func:`png`). Text is in DejaVu
Sans, matplotlib's own font, which has every Kazakh letter.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from kzcommission.documents.report_tables import decision_label, pct
from kzcommission.i18n import tr

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kzcommission.documents.report_data import (
        AttendanceReport,
        DeadlineReport,
        DecisionReport,
    )

GREEN, GREY, AMBER, RED, BLUE = "#2e7d32", "#9e9e9e", "#f9a825", "#c62828", "#1565c0"
DECISION_COLOURS = {
    "fits_promote": BLUE, "fits": GREEN, "unfit_demote": AMBER, "unfit_dismiss": RED,
}  # fmt: skip


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    figure.patch.set_facecolor("white")
    return figure


def decisions_figure(report: DecisionReport, lang: str, width: float = 6.4) -> Figure:
    """Horizontal bars: the share of each decision, labelled with count and percent."""
    figure = _figure(width, 0.45 * len(report.rows) + 0.7)
    axes = figure.add_subplot()
    rows = list(reversed(report.rows))
    labels = [decision_label(r.option, lang) for r in rows]
    values = [pct(r.share) for r in rows]
    colours = [DECISION_COLOURS.get(r.option, GREY) for r in rows]
    bars = axes.barh(labels, values, color=colours)
    axes.bar_label(bars, labels=[f"{r.count:,} · {pct(r.share)} %" for r in rows], padding=3,
                   fontsize=8)  # fmt: skip
    axes.set_xlim(0, max([*values, 1]) * 1.3)
    axes.set_title(tr("report.chart.decisions", lang), fontsize=10)
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def quorum_figure(report: AttendanceReport, lang: str, width: float = 6.4) -> Figure:
    """Sittings by the number of members present, coloured by quorum met or not."""
    figure = _figure(width, 2.4)
    axes = figure.add_subplot()
    met: dict[int, int] = {}
    missed: dict[int, int] = {}
    for s in report.sittings:
        target = met if s.quorum_met else missed
        target[s.present] = target.get(s.present, 0) + 1
    top = max([s.members for s in report.sittings] + [1])
    xs = list(range(top + 1))
    axes.bar(xs, [met.get(x, 0) for x in xs], color=GREEN,
             label=tr("report.chart.with_quorum", lang))  # fmt: skip
    axes.bar(xs, [missed.get(x, 0) for x in xs], color=RED,
             label=tr("report.chart.without_quorum", lang))  # fmt: skip
    axes.set_xticks(xs)
    axes.set_xlabel(tr("report.chart.members_present", lang), fontsize=8)
    axes.set_ylabel(tr("report.chart.sittings", lang), fontsize=8)
    axes.set_title(tr("report.chart.quorum", lang), fontsize=10)
    axes.tick_params(labelsize=8)
    axes.legend(fontsize=8, frameon=False, loc="upper left")
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def deadlines_figure(report: DeadlineReport, lang: str, width: float = 6.4) -> Figure:
    """Stacked bars per rule: met, done late, overdue, open."""
    figure = _figure(width, 2.4)
    axes = figure.add_subplot()
    labels = [r.rule_id for r in report.rows]
    bottom = [0] * len(labels)
    for attr, colour, key in (
        ("met", GREEN, "met"), ("late", AMBER, "done_late"), ("overdue", RED, "overdue"),
        ("open", GREY, "open"),
    ):  # fmt: skip
        values = [getattr(r, attr) for r in report.rows]
        axes.bar(labels, values, bottom=bottom, color=colour, label=tr(f"report.col.{key}", lang))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_title(tr("report.chart.deadlines", lang), fontsize=10)
    axes.tick_params(labelsize=8)
    axes.legend(fontsize=7, frameon=False, ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def png(figure: Figure, dpi: int = 200) -> bytes:
    """The figure drawn by the Agg canvas (no GUI, safe on any thread)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
