"""The language choice on the first screen: a newcomer switches before reading further.

Each button names its language in that language, so a reader of any of the three
finds his own. The choice is saved (``settings.LANGUAGE``) and the window rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kzcommission.i18n import LANGUAGES, tr


def language_bar(lang: str, on_chosen: Callable[[str], None]) -> QWidget:
    bar = QWidget(objectName="languageBar")
    row = QHBoxLayout(bar)
    row.setContentsMargins(9, 9, 9, 0)
    row.addStretch(1)  # centred above the first screen's card
    row.addWidget(QLabel(tr("first_run.language", lang)))
    for code in LANGUAGES:
        button = QPushButton(tr("language.self", code), objectName=f"language_{code}")
        button.setCheckable(True)
        button.setChecked(code == lang)
        button.clicked.connect(lambda _checked=False, code=code: on_chosen(code))
        row.addWidget(button)
    row.addStretch(1)
    return bar
