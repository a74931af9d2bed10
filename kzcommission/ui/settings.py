"""Every user setting declared once: key, default and type, stored with QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

from kzcommission import paths
from kzcommission.i18n import LANGUAGES, language_for_locale

T = TypeVar("T", str, int, bool)

ORGANISATION = "kzcommission"
APPLICATION = "kzcommission"


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    kind: type[T]
    choices: tuple[T, ...] | None = None

    def get(self, store: QSettings | None = None) -> T:
        store = store or open_settings()
        raw = store.value(self.key, self.default)
        try:
            value = _coerce(raw, self.kind)
        except (TypeError, ValueError):
            return self.default
        if self.choices is not None and value not in self.choices:
            return self.default
        return value

    def set(self, value: T, store: QSettings | None = None) -> None:
        store = store or open_settings()
        store.setValue(self.key, value)
        store.sync()  # the choice survives a crash right after it is made


def _coerce(raw: object, kind: type) -> object:
    if kind is bool and isinstance(raw, str):
        return raw.lower() in ("1", "true", "yes")
    return kind(raw)


# The interface language; before the user picks one, the system's (interface_language).
LANGUAGE: Setting[str] = Setting("ui/language", "kk", str, LANGUAGES)
# Allowed positions for the roster import, one a line; empty = no check.
ROSTER_POSITIONS: Setting[str] = Setting("roster/positions", "", str)
SETTINGS_VERSION: Setting[int] = Setting("meta/version", 1, int)
# Backups (services.backups): the folder, empty = the service's default; how many to keep.
BACKUP_FOLDER: Setting[str] = Setting("backup/folder", "", str)
BACKUP_KEEP: Setting[int] = Setting("backup/keep", 10, int)
# Minutes without keyboard or mouse before the sign-in is asked again; 0 = never.
IDLE_LOCK_MINUTES: Setting[int] = Setting("trust/idle_lock_minutes", 15, int)
# The language of the printed pack; empty = the interface language. The last choice is kept.
PRINT_LANGUAGE: Setting[str] = Setting("print/language", "", str, ("", "kk", "ru", "en", "kk+ru"))

ALL: tuple[Setting, ...] = (
    LANGUAGE,
    ROSTER_POSITIONS,
    SETTINGS_VERSION,
    BACKUP_FOLDER,
    BACKUP_KEEP,
    IDLE_LOCK_MINUTES,
    PRINT_LANGUAGE,
)


@dataclass(frozen=True)
class WindowSize:
    """A window's last size and maximised state (ui.window_fit); 0 = its own default."""

    width: Setting[int]
    height: Setting[int]
    maximised: Setting[bool]


def window_size(name: str) -> WindowSize:
    """The settings of the top-level window called ``name`` (main, review, a dialog)."""
    return WindowSize(
        Setting(f"window/{name}/width", 0, int),
        Setting(f"window/{name}/height", 0, int),
        Setting(f"window/{name}/maximised", False, bool),
    )


_path: str | None = None


def use_file(path: str | None) -> None:
    """Keep settings in an INI file (tests, portable installs) instead of the user profile."""
    global _path
    _path = path


def open_settings() -> QSettings:
    """The file given to use_file; else a portable copy's INI file; else the OS's store."""
    path = _path if _path is not None else paths.settings_file()
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


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
