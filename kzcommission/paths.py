"""Where the application keeps its data: the one module that decides it.

Installed normally, data lives in the user's profile (platformdirs): the database
and backups in the data directory, settings in an INI file in the config directory, printed packs
under Documents. In **portable mode** everything lives in a ``data/`` folder
beside the program instead, so a copy on a USB stick carries its own data and
leaves nothing in the profile of the computer it runs on.

Portable mode is on when a marker file ``kzcommission.portable`` sits in the
install folder: beside the executable of a frozen bundle, or at the root of a
source checkout (beside ``pyproject.toml``). ``KZCOMMISSION_PORTABLE_DIR`` names
another folder to look in (tests, unusual installs); the marker must still be
there, so the variable alone never moves anyone's data.

Every answer is computed on each call (one ``stat``): a test, or a user creating
the marker, changes the answer without restarting anything that imported us.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "kzcommission"
MARKER = "kzcommission.portable"
PORTABLE_DIR_ENV = "KZCOMMISSION_PORTABLE_DIR"
DATA_FOLDER = "data"
DATABASE_FILE = "kzcommission.sqlite3"
SETTINGS_FILE = "settings.ini"
SECRETS_FILE = "secrets.kzsec"


def install_dir() -> Path:
    """The folder the marker is looked for in (see the module docstring)."""
    named = os.environ.get(PORTABLE_DIR_ENV)
    if named:
        return Path(named)
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_root() -> Path | None:
    """The folder holding the marker, or None when the app is installed normally."""
    folder = install_dir()
    from_source = not getattr(sys, "frozen", False) and not os.environ.get(PORTABLE_DIR_ENV)
    # From source only a real checkout counts: an installed wheel's parent folder is
    # site-packages, where a stray marker must not turn portable mode on.
    if from_source and not (folder / "pyproject.toml").is_file():
        return None
    return folder if (folder / MARKER).is_file() else None


def is_portable() -> bool:
    return portable_root() is not None


def data_dir() -> Path:
    """Where the database, backups and the secrets file live."""
    root = portable_root()
    if root is not None:
        return root / DATA_FOLDER
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def temp_dir() -> Path:
    """Where a session keeps the files it hands to other programs (kzcommission.session_files):
    beside the data, so a portable copy leaves nothing in the computer's own temp folder."""
    return data_dir() / "temp"


def database_file() -> Path:
    return data_dir() / DATABASE_FILE


def backups_dir() -> Path:
    return data_dir() / "backups"


def secrets_file() -> Path:
    return data_dir() / SECRETS_FILE


def settings_file() -> Path:
    """The INI file the GUI (QSettings) and the command line (kzcommission.preferences) share:
    a portable copy's in data/, else in the user's config folder."""
    root = portable_root()
    if root is not None:
        return root / DATA_FOLDER / SETTINGS_FILE
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


def documents_dir() -> Path:
    """The parent folder of printed packs: Documents/kzcommission, or data/documents."""
    root = portable_root()
    if root is not None:
        return root / DATA_FOLDER / "documents"
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / APP_NAME
