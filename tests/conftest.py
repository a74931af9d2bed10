"""Every test gets a fresh SQLite database and the local operator as actor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kz.sqlite3"


@pytest.fixture
def database(db_path: Path):
    from kzcommission.services.context import reset_actor
    from kzcommission.services.database import close_database, open_database

    reset_actor()
    open_database(db_path)
    yield db_path
    close_database()
    reset_actor()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
