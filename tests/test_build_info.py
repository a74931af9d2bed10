"""--version names version, commit and build date; a bundle reads its build stamp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzcommission import __version__, build_info
from kzcommission.cli import main, route_package


@pytest.fixture(autouse=True)
def fresh_stamp():
    build_info.stamp.cache_clear()
    yield
    build_info.stamp.cache_clear()


def test_version_prints_version_commit_and_build_date(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    first, second = capsys.readouterr().out.strip().splitlines()
    assert first == f"kzcommission {__version__}"
    assert second.startswith("commit ") and ", built " in second


def test_a_bundle_reads_the_stamp_written_at_build_time(tmp_path: Path, monkeypatch):
    written = build_info.write_stamp(tmp_path / build_info.STAMP_FILE)
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["version"] == __version__ and data["built"].endswith("Z")
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert build_info.stamp() == build_info.Stamp(__version__, data["commit"], data["built"])
    assert data["built"] in build_info.version_text()


def test_from_source_without_git_the_commit_is_source(monkeypatch):
    monkeypatch.setattr(build_info, "_git", lambda *args: None)
    build_info.git_commit.cache_clear()
    try:
        assert build_info.stamp() == build_info.Stamp(__version__, "source", "source")
    finally:
        build_info.git_commit.cache_clear()


def test_about_text_names_components_and_data_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KZCOMMISSION_PORTABLE_DIR", str(tmp_path))
    (tmp_path / "kzcommission.portable").write_text("")
    text = build_info.collect().as_text()
    assert f"data folder: {tmp_path / 'data'}" in text and "portable: yes" in text
    assert "Qt: " in text and "SQLite: " in text and "reportlab: " in text


def test_a_package_alone_on_the_command_line_starts_the_gui():
    assert route_package(["sitting.kzx"]) == ["gui", "sitting.kzx"]
    assert route_package(["--db", "a.sqlite3", "S.KZX"]) == ["--db", "a.sqlite3", "gui", "S.KZX"]
    assert route_package(["import", "sitting.kzx"]) == ["import", "sitting.kzx"]
    assert route_package(["--db", "x.kzx"]) == ["--db", "x.kzx"]
