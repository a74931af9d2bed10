"""The consolidated reports screen (issue 8)."""

from kzcommission.ui.reports.widget import ReportsWidget

__all__ = ["ReportsWidget"]
