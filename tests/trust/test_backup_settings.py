"""Issue 20, item 7: ``kzcommission backup`` uses the folder and count the GUI saved.

The settings are written the way the settings dialog writes them (ui.settings, through
QSettings, into paths.settings_file()); the command reads them without Qt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kzcommission import commands_trust, paths, preferences
from kzcommission.services.installation import backups
from kzcommission.ui import settings
from tests.services.helpers import make_desk
from tests.test_paths import profile  # noqa: F401 - the fake, empty user profile


@pytest.fixture
def run_backup(sqlite_database: Path, profile: Path):  # noqa: F811 - the imported fixture
    """``kzcommission backup ARGS`` on the test database; its exit code."""
    saved = (backups.settings.folder, backups.settings.keep, backups.settings.passphrase)
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    make_desk(members=3)

    def run(*argv: str) -> int:
        args = parser.parse_args(["--db", str(sqlite_database), "backup", *argv])
        return args.handler(args)

    yield run
    backups.configure(*saved)


def test_the_cli_keeps_the_folder_and_count_set_in_the_gui(run_backup, tmp_path: Path):
    folder = tmp_path / "chosen"
    settings.BACKUP_FOLDER.set(str(folder))
    settings.BACKUP_KEEP.set(2)
    assert [run_backup() for _ in range(3)] == [0, 0, 0]
    assert len(backups.list_backups(folder)) == 2
    assert backups.list_backups(paths.backups_dir()) == []  # none in the default folder


def test_options_given_win_over_the_settings(run_backup, tmp_path: Path):
    settings.BACKUP_FOLDER.set(str(tmp_path / "chosen"))
    settings.BACKUP_KEEP.set(1)
    other = tmp_path / "other"
    assert [run_backup("--folder", str(other), "--keep", "3") for _ in range(4)] == [0] * 4
    assert len(backups.list_backups(other)) == 3
    assert not (tmp_path / "chosen").exists()


def test_without_settings_the_declared_defaults(run_backup):
    assert run_backup() == 0
    assert backups.backup_folder() == paths.backups_dir()
    assert backups.settings.keep == preferences.BACKUP_KEEP.default


def test_a_count_below_one_is_an_error_not_a_traceback(run_backup, tmp_path: Path, capsys):
    assert run_backup("--folder", str(tmp_path / "b"), "--keep", "0") == 2
    assert "kzcommission: keep at least one backup" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
