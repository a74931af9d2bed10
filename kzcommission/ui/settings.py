"""The settings of kzcommission.preferences for the GUI: read and written with QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

from kzcommission import paths, preferences
from kzcommission.i18n import language_for_locale

T = TypeVar("T", str, int, bool)

ORGANISATION = "kzcommission"
APPLICATION = "kzcommission"


class QtStore:
    """preferences.Store over a QSettings object: the GUI's way into the shared file."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def value(self, key: str) -> object | None:
        return self.settings.value(key) if self.settings.contains(key) else None

    def set_value(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)

    def remove(self, key: str) -> None:
        self.settings.remove(key)

    def keys(self) -> list[str]:
        return list(self.settings.allKeys())

    def sync(self) -> None:
        self.settings.sync()


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A declaration of kzcommission.preferences, read and written through QSettings."""

    declared: preferences.Setting[T]

    @property
    def key(self) -> str:
        return self.declared.key

    @property
    def default(self) -> T:
        return self.declared.default

    def get(self, store: QSettings | None = None) -> T:
        return self.declared.read(QtStore(store or open_settings()))

    def set(self, value: T, store: QSettings | None = None) -> None:
        self.declared.write(QtStore(store or open_settings()), value)


LANGUAGE = Setting(preferences.LANGUAGE)
ROSTER_POSITIONS = Setting(preferences.ROSTER_POSITIONS)
SETTINGS_VERSION = Setting(preferences.VERSION)
BACKUP_FOLDER = Setting(preferences.BACKUP_FOLDER)
BACKUP_KEEP = Setting(preferences.BACKUP_KEEP)
IDLE_LOCK_MINUTES = Setting(preferences.IDLE_LOCK_MINUTES)
PRINT_LANGUAGE = Setting(preferences.PRINT_LANGUAGE)

ALL: tuple[Setting, ...] = tuple(Setting(declared) for declared in preferences.ALL)


class WindowSize:
    """preferences.window_size(name), read and written with QSettings (ui.window_fit)."""

    def __init__(self, name: str) -> None:
        declared = preferences.window_size(name)
        self.width = Setting(declared.width)
        self.height = Setting(declared.height)
        self.maximised = Setting(declared.maximised)


def window_size(name: str) -> WindowSize:
    """The settings of the top-level window called ``name`` (main, review, a dialog)."""
    return WindowSize(name)


_path: str | None = None


def use_file(path: str | None) -> None:
    """Keep settings in another INI file (tests) instead of paths.settings_file()."""
    global _path
    _path = path


def open_settings() -> QSettings:
    """The INI file given to use_file, else paths.settings_file() (shared with the CLI)."""
    path = _path if _path is not None else str(paths.settings_file())
    return QSettings(path, QSettings.Format.IniFormat)


def upgrade_on_start() -> int:
    """Upgrade the settings file, once, as the GUI starts (ui.app), before a value is read.

    The user's own file is offered the old OS store (QSettings' native format) to adopt;
    a portable copy's or a test's file never is."""
    adopt = _path is None and not paths.is_portable()
    return upgrade(open_settings(), adopt_native=adopt)


def upgrade(settings: QSettings, adopt_native: bool) -> int:
    """preferences.upgrade on ``settings``, written at once when it changed anything.

    ``adopt_native``: the old OS store (QSettings' native format) is offered to the
    step that moves its values into the INI file."""
    store = QtStore(settings)
    before = preferences.VERSION.read(store)
    legacy = QtStore(QSettings(ORGANISATION, APPLICATION)) if adopt_native else None
    version = preferences.upgrade(store, legacy)
    if version != before:
        store.sync()
    return version


def interface_language(system_locale: str | None = None) -> str:
    """The language chosen in the settings; before any choice, the system's (kk, ru, else en)."""
    store = open_settings()
    if store.contains(LANGUAGE.key):
        return LANGUAGE.get(store)
    if system_locale is None:
        from PySide6.QtCore import QLocale

        system_locale = QLocale.system().name()
    return language_for_locale(system_locale)


def print_language() -> str:
    return PRINT_LANGUAGE.get() or interface_language()


def roster_positions() -> set[str] | None:
    lines = {line.strip() for line in ROSTER_POSITIONS.get().splitlines() if line.strip()}
    return lines or None
