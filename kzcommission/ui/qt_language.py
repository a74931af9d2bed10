"""Qt's own words (OK, Cancel, Yes, No, context menus, file dialogs) in the interface language.

The translations ship with Qt (``qtbase_<lang>.qm`` in the wheel's or the
bundle's translations folder). ``use_qt_language`` is called by the explicit
start-up (``ui.app.run``) and on every language switch; English needs none.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def use_qt_language(lang: str) -> bool:
    """Swap Qt's translator for ``lang``'s; True when Qt's words now speak it."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(lang))  # dates and numbers in Qt's own widgets
    if lang == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{lang}", qt_translations_folder()):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
