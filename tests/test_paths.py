"""Portable mode: with the marker everything lives in data/ beside it, nothing in the profile.

HOME and the XDG folders point at empty temporary folders for each test, so a file
written to the user's profile by mistake shows up as a non-empty folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from kzcommission import paths


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake, empty user profile: HOME and every XDG folder platformdirs or Qt use."""
    home = tmp_path / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv(paths.PORTABLE_DIR_ENV, raising=False)
    return home


@pytest.fixture
def portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, profile: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / paths.MARKER).write_text("")
    monkeypatch.setenv(paths.PORTABLE_DIR_ENV, str(folder))
    return folder


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_marker_puts_every_location_under_data(portable: Path):
    from kzcommission.services.installation import backups, database
    from kzcommission.services.trust import secrets
    from kzcommission.ui import print_dialog, settings

    data = portable / "data"
    assert paths.is_portable() and paths.data_dir() == data
    assert database.default_database_path() == data / "kzcommission.sqlite3"
    assert backups.backup_folder() == data / "backups"
    assert secrets.default_secrets_file() == data / "secrets.kzsec"
    assert print_dialog.default_folder("7/2026").parent == data / "documents"
    assert Path(settings.open_settings().fileName()) == data / "settings.ini"


def test_portable_copy_writes_nothing_in_the_profile(portable: Path, profile: Path):
    """Open the default database, save a setting, take a backup, create the secrets file."""
    from kzcommission.services.context import reset_actor
    from kzcommission.services.installation import backups
    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.installation.demo import create_demo
    from kzcommission.services.trust import secrets
    from kzcommission.ui import settings

    reset_actor()
    backups.configure()  # the defaults: the folder comes from kzcommission.paths
    opened = open_database()
    try:
        create_demo()
        settings.LANGUAGE.set("ru")
        backup = backups.backup_now(passphrase="a long test passphrase")
        store = secrets.EncryptedFileStore(
            secrets.default_secrets_file(), "a long test passphrase", create=True
        )
        store.set("probe", "value")
    finally:
        close_database()
        reset_actor()
    data = portable / "data"
    assert Path(opened) == data / "kzcommission.sqlite3"
    assert backup.parent == data / "backups"
    assert settings.LANGUAGE.get() == "ru"
    written = {p.relative_to(data).parts[0] for p in files_under(data)}
    assert {"kzcommission.sqlite3", "settings.ini", "backups", "secrets.kzsec"} <= written
    assert files_under(profile) == []


def test_marker_without_the_variable_is_looked_for_in_the_install_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, profile: Path
):
    """A frozen bundle looks beside its executable."""
    exe = tmp_path / "bundle" / "kzcommission"
    exe.parent.mkdir()
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", str(exe))
    assert paths.install_dir() == exe.parent and not paths.is_portable()
    (exe.parent / paths.MARKER).write_text("")
    assert paths.data_dir() == exe.parent / "data"


def test_without_the_marker_the_platform_folders(tmp_path: Path, profile: Path, monkeypatch):
    from kzcommission.services.installation import backups, database
    from kzcommission.services.trust import secrets
    from kzcommission.ui import print_dialog, settings

    empty = tmp_path / "no-marker"
    empty.mkdir()
    monkeypatch.setenv(paths.PORTABLE_DIR_ENV, str(empty))
    user_data = Path(platformdirs.user_data_dir("kzcommission", appauthor=False))
    assert user_data.is_relative_to(profile)  # the fake profile is the one consulted
    assert not paths.is_portable()
    assert database.default_database_path() == user_data / "kzcommission.sqlite3"
    assert backups.backup_folder() == user_data / "backups"
    assert secrets.default_secrets_file() == user_data / "secrets.kzsec"
    documents = Path(platformdirs.user_documents_dir()) / "kzcommission"
    assert print_dialog.default_folder("3").parent == documents
    config = Path(platformdirs.user_config_dir("kzcommission", appauthor=False))
    assert paths.settings_file() == config / "settings.ini"  # one INI file for GUI and CLI
    assert Path(settings.open_settings().fileName()) == config / "settings.ini"


def test_a_stray_marker_beside_an_installed_package_is_ignored(monkeypatch, profile: Path):
    """From source the marker counts only at a checkout's root, beside pyproject.toml."""
    monkeypatch.setattr(paths, "__file__", str(profile / "site-packages" / "kz" / "paths.py"))
    (profile / "site-packages").mkdir()
    (profile / "site-packages" / paths.MARKER).write_text("")
    assert paths.install_dir() == profile / "site-packages"
    assert not paths.is_portable()
