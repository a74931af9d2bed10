"""Issue 20, item 7: settings declared once, without Qt, shared by the GUI and the CLI.

The GUI writes the INI file with QSettings and the command line reads it with
configparser (kzcommission.preferences.IniStore): each side must read exactly what
the other wrote. The store carries a schema version, and each upgrade runs once.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kzcommission import paths, preferences
from kzcommission.ui import settings
from tests.test_paths import profile  # noqa: F401 - the fake, empty user profile

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kzcommission"
# Where QSettings looked for its native store before a test moved it (restored after).
NATIVE_CONFIG = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")

# Values QSettings escapes or quotes in its INI format: commas, quotes, backslashes,
# line breaks, a leading @, spaces at the ends, Cyrillic and Kazakh letters.
AWKWARD = (
    r"C:\Users\Айгүл, backups",
    "Бас маман\nЖетекші маман, бөлім\n  қосымша",
    ' "quoted" ; and = signs',
    "@home",
    "trailing space ",
    "tab\there",
    "",
)


def test_the_declarations_and_the_cli_store_import_no_qt(tmp_path: Path):
    code = (
        "import sys\n"
        "from kzcommission import commands_trust, preferences\n"
        f"store = preferences.open_store(preferences.Path({str(tmp_path / 's.ini')!r}))\n"
        "assert preferences.BACKUP_KEEP.read(store) == preferences.BACKUP_KEEP.default\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("text", AWKWARD)
def test_what_qsettings_writes_the_ini_store_reads(tmp_path: Path, text: str):
    path = tmp_path / "settings.ini"
    qt = QSettings(str(path), QSettings.Format.IniFormat)
    settings.BACKUP_FOLDER.set(text, qt)
    settings.BACKUP_KEEP.set(7, qt)
    settings.window_size("main").maximised.set(True, qt)
    store = preferences.IniStore(path)
    assert preferences.BACKUP_FOLDER.read(store) == text
    assert preferences.BACKUP_KEEP.read(store) == 7
    assert preferences.window_size("main").maximised.read(store) is True


@pytest.mark.parametrize("text", AWKWARD)
def test_what_the_ini_store_writes_qsettings_reads(tmp_path: Path, text: str):
    path = tmp_path / "settings.ini"
    store = preferences.IniStore(path)
    preferences.ROSTER_POSITIONS.write(store, text)
    preferences.IDLE_LOCK_MINUTES.write(store, 0)
    preferences.window_size("review").maximised.write(store, False)
    preferences.LANGUAGE.write(store, "ru")
    qt = QSettings(str(path), QSettings.Format.IniFormat)
    assert settings.ROSTER_POSITIONS.get(qt) == text
    assert settings.IDLE_LOCK_MINUTES.get(qt) == 0
    assert settings.window_size("review").maximised.get(qt) is False
    assert settings.LANGUAGE.get(qt) == "ru"
    assert sorted(preferences.IniStore(path).keys()) == sorted(qt.allKeys())


def test_a_value_of_the_wrong_type_or_not_a_choice_reads_as_the_default(tmp_path: Path):
    path = tmp_path / "settings.ini"
    path.write_text("[backup]\nkeep=many\n[print]\nlanguage=de\n", encoding="utf-8")
    store = preferences.IniStore(path)
    assert preferences.BACKUP_KEEP.read(store) == preferences.BACKUP_KEEP.default
    assert preferences.PRINT_LANGUAGE.read(store) == ""


def test_upgrade_adopts_the_old_store_once_and_stores_the_version(tmp_path: Path):
    legacy = preferences.IniStore(tmp_path / "kzcommission.conf")
    preferences.BACKUP_KEEP.write(legacy, 4)
    preferences.LANGUAGE.write(legacy, "en")
    store = preferences.IniStore(tmp_path / "settings.ini")
    assert preferences.upgrade(store, legacy) == preferences.SCHEMA_VERSION == 2
    assert preferences.BACKUP_KEEP.read(store) == 4 and preferences.LANGUAGE.read(store) == "en"
    assert preferences.VERSION.read(store) == 2
    preferences.BACKUP_KEEP.write(legacy, 9)  # later changes to the old store are not copied
    assert preferences.upgrade(store, legacy) == 2
    assert preferences.BACKUP_KEEP.read(store) == 4


def test_a_file_with_values_of_its_own_keeps_them(tmp_path: Path):
    """A portable copy's settings.ini (version 1, unversioned) is not overwritten."""
    legacy = preferences.IniStore(tmp_path / "kzcommission.conf")
    preferences.BACKUP_KEEP.write(legacy, 4)
    store = preferences.IniStore(tmp_path / "settings.ini")
    preferences.BACKUP_KEEP.write(store, 6)
    preferences.upgrade(store, legacy)
    assert preferences.BACKUP_KEEP.read(store) == 6 and preferences.VERSION.read(store) == 2


def test_each_step_runs_once_in_order(tmp_path: Path):
    """A renamed key, as a later version would migrate it: moved once, then left alone."""
    ran: list[int] = []

    def rename(store: preferences.Store, _legacy: preferences.Store | None) -> None:
        ran.append(3)
        old = store.value("backup/count")
        if old is not None:
            store.set_value(preferences.BACKUP_KEEP.key, old)
            store.remove("backup/count")

    steps = {**preferences.STEPS, 3: rename}
    store = preferences.IniStore(tmp_path / "settings.ini")
    store.set_value("backup/count", 3)
    store.set_value(preferences.VERSION.key, 2)
    assert preferences.upgrade(store, None, steps) == 3
    assert preferences.BACKUP_KEEP.read(store) == 3 and store.value("backup/count") is None
    store.set_value("backup/count", 8)
    assert preferences.upgrade(store, None, steps) == 3
    assert ran == [3] and preferences.BACKUP_KEEP.read(store) == 3


@pytest.fixture
def native(profile: Path):  # noqa: F811 - the imported fixture
    """QSettings' native store (before version 2) in the fake profile's config folder."""
    config = profile / ".config"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(config))
    yield QSettings(settings.ORGANISATION, settings.APPLICATION)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, NATIVE_CONFIG)


def test_the_gui_moves_the_native_store_into_the_shared_file(native: QSettings):
    native.setValue(preferences.LANGUAGE.key, "ru")
    native.setValue(preferences.BACKUP_KEEP.key, 5)
    native.sync()
    assert settings.upgrade_on_start() == preferences.SCHEMA_VERSION  # as ui.app.run does
    assert settings.LANGUAGE.get() == "ru"
    shared = preferences.IniStore(paths.settings_file())
    assert preferences.LANGUAGE.read(shared) == "ru"
    assert preferences.BACKUP_KEEP.read(shared) == 5
    assert preferences.VERSION.read(shared) == preferences.SCHEMA_VERSION


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the native store is not INI")
def test_the_cli_reads_the_old_store_before_the_gui_moved_it(native: QSettings):
    native.setValue(preferences.BACKUP_FOLDER.key, "/srv/backups")
    native.sync()
    assert preferences.BACKUP_FOLDER.read(preferences.open_store()) == "/srv/backups"
    assert not paths.settings_file().exists()  # the command line never writes the settings


# ---- the structure: each default written once ---------------------------------------------


def _literal_counts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every int literal given to something named like "keep"."""
    found: list[tuple[int, str]] = []

    def named_keep(name: str) -> bool:
        return "keep" in name.lower()

    def literal_int(node: ast.AST | None) -> bool:
        return isinstance(node, ast.Constant) and type(node.value) is int

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and literal_int(node.value):
            found += [(node.lineno, t.id) for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and literal_int(node.value):
            found += [(node.lineno, ast.unparse(node.target))]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.posonlyargs + node.args.args
            pairs = list(
                zip(args[len(args) - len(node.args.defaults) :], node.args.defaults, strict=True)
            )
            pairs += [
                (a, d)
                for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
                if d
            ]
            found += [(d.lineno, a.arg) for a, d in pairs if literal_int(d)]
        elif isinstance(node, ast.Call):
            flags = [a.value for a in node.args if isinstance(a, ast.Constant)]
            keep_option = any(isinstance(f, str) and named_keep(f) for f in flags)
            for kw in node.keywords:
                if literal_int(kw.value) and (
                    named_keep(kw.arg or "") or (keep_option and kw.arg == "default")
                ):
                    found.append((node.lineno, kw.arg or ""))
    return [(line, name) for line, name in found if named_keep(name) or name == "default"]


def test_the_checker_finds_a_written_count():
    snippet = (
        "DEFAULT_KEEP = 10\n"
        "class S:\n    keep: int = 10\n"
        "def configure(folder=None, keep=10): ...\n"
        "p.add_argument('--keep', type=int, default=10)\n"
        "backups.configure(folder, keep=10)\n"
    )
    assert sorted(line for line, _ in _literal_counts(ast.parse(snippet))) == [1, 3, 4, 5, 6]


def test_the_backup_count_default_is_declared_once():
    """Only kzcommission.preferences writes the number; everything else refers to it."""
    declaration = PACKAGE / "preferences.py"
    written = {
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path in PACKAGE.rglob("*.py")
        if path != declaration
        for line, name in _literal_counts(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert written == set()


def test_every_setting_key_is_written_only_in_the_declarations():
    keys = {s.key for s in preferences.ALL}
    declaration = PACKAGE / "preferences.py"
    elsewhere = {
        f"{path.relative_to(ROOT)}: {node.value}"
        for path in PACKAGE.rglob("*.py")
        if path != declaration
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in keys
    }
    assert elsewhere == set()
