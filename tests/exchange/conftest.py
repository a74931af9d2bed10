"""The centre's database, where packages are imported."""

from __future__ import annotations

import pytest

from kzcommission.services.installation.database import close_database, open_database


@pytest.fixture
def centre(tmp_path):
    open_database(tmp_path / "centre.sqlite3")
    yield
    close_database()
