"""Every user setting declared once (key, default, type), its store, and its upgrades.

No Qt here: the GUI reads and writes these declarations through QSettings
(``ui.settings``), the command line through :class:`IniStore`, and both open the
same INI file, ``kzcommission.paths.settings_file()``. QSettings writes that file
in its INI format, which :class:`IniStore` reads and writes with configparser
(values escaped the way Qt does, so each side reads what the other wrote).

The store carries its schema version (``meta/version``). :func:`upgrade` runs
each step above the stored version once, in order, and stores the new version:
a renamed key or a changed default is migrated there, never in a reader.
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from kzcommission import paths
from kzcommission.i18n import LANGUAGES

T = TypeVar("T", str, int, bool)


class Store(Protocol):
    """What a setting is read from and written to: raw values under slash-separated keys."""

    def value(self, key: str) -> object | None:
        """The stored value (str, int or bool as the backend keeps it), None when absent."""

    def set_value(self, key: str, value: object) -> None: ...

    def remove(self, key: str) -> None: ...

    def keys(self) -> list[str]: ...

    def sync(self) -> None:
        """Write the changes to disk now."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    kind: type[T]
    choices: tuple[T, ...] | None = None

    def read(self, store: Store) -> T:
        """The stored value; the default when absent, of the wrong type or not a choice."""
        raw = store.value(self.key)
        if raw is None:
            return self.default
        try:
            value = _coerce(raw, self.kind)
        except (TypeError, ValueError):
            return self.default
        if self.choices is not None and value not in self.choices:
            return self.default
        return value

    def write(self, store: Store, value: T) -> None:
        store.set_value(self.key, value)
        store.sync()  # the choice survives a crash right after it is made


def _coerce(raw: object, kind: type) -> Any:
    if kind is bool and isinstance(raw, str):
        return raw.lower() in ("1", "true", "yes")
    if isinstance(raw, list):  # Qt reads an unquoted comma as a list separator
        raw = ",".join(map(str, raw))
    return kind(raw)


# The interface language; before the user picks one, the system's (ui.settings).
LANGUAGE: Setting[str] = Setting("ui/language", "kk", str, LANGUAGES)
# Allowed positions for the roster import, one a line; empty = no check.
ROSTER_POSITIONS: Setting[str] = Setting("roster/positions", "", str)
# Backups (services.installation.backups): the
# folder, empty = paths.backups_dir(); how many to keep.
BACKUP_FOLDER: Setting[str] = Setting("backup/folder", "", str)
BACKUP_KEEP: Setting[int] = Setting("backup/keep", 10, int)
# Minutes without keyboard or mouse before the sign-in is asked again; 0 = never.
IDLE_LOCK_MINUTES: Setting[int] = Setting("trust/idle_lock_minutes", 15, int)
# The language of the printed pack; empty = the interface language. The last choice is kept.
PRINT_LANGUAGE: Setting[str] = Setting("print/language", "", str, ("", *LANGUAGES, "kk+ru"))
# The schema version of the store itself; absent = 1, the settings before versioning.
VERSION: Setting[int] = Setting("meta/version", 1, int)

ALL: tuple[Setting, ...] = (
    LANGUAGE,
    ROSTER_POSITIONS,
    BACKUP_FOLDER,
    BACKUP_KEEP,
    IDLE_LOCK_MINUTES,
    PRINT_LANGUAGE,
    VERSION,
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


# ---- upgrades ---------------------------------------------------------------------------

Step = Callable[[Store, "Store | None"], None]


def _adopt_legacy_store(store: Store, legacy: Store | None) -> None:
    """Version 2: settings moved from the OS's own store (QSettings' native format: the
    registry on Windows) to the INI file both the GUI and the command line read. The
    old values are copied once, unless the file already holds values of its own (a
    portable copy's file was always the INI file)."""
    if legacy is None or any(key != VERSION.key for key in store.keys()):
        return
    for key in legacy.keys():
        value = legacy.value(key)
        if value is not None:
            store.set_value(key, value)


STEPS: dict[int, Step] = {2: _adopt_legacy_store}
SCHEMA_VERSION = max(STEPS)


def upgrade(store: Store, legacy: Store | None = None, steps: dict[int, Step] = STEPS) -> int:
    """Run every step above the stored version, once and in order; store the version reached.

    ``legacy``: the old native store, for the step that adopts it. Nothing is synced
    here: the caller decides whether the upgraded store is written (the GUI) or only
    read (the command line, which never writes the user's settings)."""
    version = VERSION.read(store)
    for number in sorted(n for n in steps if n > version):
        steps[number](store, legacy)
        version = number
        store.set_value(VERSION.key, version)
    return version


# ---- the INI file without Qt ------------------------------------------------------------

GENERAL = "General"  # QSettings' section for keys without a slash
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ESCAPED = {v: k for k, v in _ESCAPES.items()} | {'"': '"', "\\": "\\"}


def qt_escape(value: object) -> str:
    """``value`` as QSettings writes it in an INI file (bool, int and str)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith("@"):
        text = "@" + text  # Qt's marker for typed values; a literal @ is doubled
    out = []
    for ch in text:
        if ch in _ESCAPED:
            out.append("\\" + _ESCAPED[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):x}")
        else:
            out.append(ch)
    escaped = "".join(out)
    if any(c in text for c in ",;=") or escaped[:1] == " " or escaped[-1:] == " ":
        escaped = f'"{escaped}"'
    return escaped


def qt_unescape(raw: str) -> str | list[str]:
    """A value of QSettings' INI format: quotes, backslash escapes, commas between items."""
    items: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(raw):
            i += 1
            code = raw[i]
            if code == "x":
                digits = ""
                while i + 1 < len(raw) and raw[i + 1] in "0123456789abcdefABCDEF":
                    i += 1
                    digits += raw[i]
                current.append(chr(int(digits or "0", 16)))
            elif code in "01234567":
                digits = code
                while i + 1 < len(raw) and raw[i + 1] in "01234567" and len(digits) < 3:
                    i += 1
                    digits += raw[i]
                current.append(chr(int(digits, 8)))
            else:
                current.append(_ESCAPES.get(code, code))
        elif ch == "," and not quoted:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    if items:
        return [*items, "".join(current).strip()]
    text = "".join(current)
    if not raw.lstrip().startswith('"'):
        text = text.strip()
    return text[1:] if text.startswith("@@") else text


def _split(key: str) -> tuple[str, str]:
    section, _, rest = key.partition("/")
    if not rest:
        return GENERAL, section
    return section, rest.replace("/", "\\")


class _Parser(configparser.RawConfigParser):
    def optionxform(self, optionstr: str) -> str:
        return optionstr  # Qt's keys are case-sensitive: never lower-cased


class IniStore:
    """The settings file read and written with configparser, in QSettings' INI format."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.parser = _Parser(delimiters=("=",), strict=False, interpolation=None)
        if self.path.is_file():
            self.parser.read(self.path, encoding="utf-8")

    def value(self, key: str) -> object | None:
        section, option = _split(key)
        if not self.parser.has_option(section, option):
            return None
        return qt_unescape(self.parser.get(section, option))

    def set_value(self, key: str, value: object) -> None:
        section, option = _split(key)
        if not self.parser.has_section(section):
            self.parser.add_section(section)
        self.parser.set(section, option, qt_escape(value))

    def remove(self, key: str) -> None:
        section, option = _split(key)
        if self.parser.has_section(section):
            self.parser.remove_option(section, option)

    def keys(self) -> list[str]:
        found = []
        for section in self.parser.sections():
            prefix = "" if section == GENERAL else f"{section}/"
            found += [prefix + option.replace("\\", "/") for option in self.parser.options(section)]
        return found

    def sync(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            self.parser.write(out, space_around_delimiters=False)
        os.replace(temporary, self.path)


def legacy_native_file() -> Path | None:
    """The OS store the GUI used before version 2, when it is a file we can read without
    Qt: on Linux and BSD, QSettings' native format is an INI file in the config folder.
    (On Windows it is the registry, on macOS a plist: only the GUI adopts those.)"""
    if sys.platform.startswith(("win", "darwin")) or paths.is_portable():
        return None
    return paths.settings_file().parent / f"{paths.APP_NAME}.conf"


def open_store(path: Path | None = None) -> IniStore:
    """The settings as the command line sees them: the GUI's file, upgraded in memory only."""
    store = IniStore(path or paths.settings_file())
    legacy_file = legacy_native_file() if path is None else None
    legacy = IniStore(legacy_file) if legacy_file is not None and legacy_file.is_file() else None
    upgrade(store, legacy)
    return store
