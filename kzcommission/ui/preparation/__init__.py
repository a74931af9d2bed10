"""The "Preparation" tab: personnel records, who is due, the deadline dashboard,
postponed cases and re-certification (issue 6). The main window adds
:class:`PreparationWidget` as a tab; everything here calls services only."""

from kzcommission.ui.preparation.widget import PreparationWidget

__all__ = ["PreparationWidget"]
