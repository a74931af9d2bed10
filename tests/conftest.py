"""Every test gets a fresh SQLite database and the local operator as actor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Offscreen windows live on a 1366 x 768 screen, the smallest office laptop's (the
# offscreen plugin's own default is 800 x 600): windows are fitted to it (ui.window_fit).
SCREEN = Path(__file__).parent / "ui" / "screen_1366x768.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kz.sqlite3"


# Store and services tests run on both backends; the GUI and the rest on SQLite, except a
# test marked `both_backends` (a GUI test whose point differs between the backends).
BOTH_BACKENDS = ("store", "services", "trust")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.fspath)).parent.name
    both = folder in BOTH_BACKENDS or metafunc.definition.get_closest_marker("both_backends")
    backends = ["sqlite", "postgresql"] if both else ["sqlite"]
    metafunc.parametrize("backend", backends, scope="function")


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def database(db_path: Path, backend: str):
    """A fresh database opened through the services; yields what was opened."""
    from kzcommission.services.context import reset_actor
    from kzcommission.services.installation.database import close_database, open_database

    reset_actor()
    if backend == "postgresql":
        from tests.postgres import fresh_database

        with fresh_database() as url:
            open_database(url)
            yield url
            close_database()
    else:
        open_database(db_path)
        yield db_path
        close_database()
    reset_actor()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def keyring_in_memory():
    """A working keyring for the test (this box has none): the history gets sealed."""
    import keyring

    from kzcommission.services.trust import history, secrets
    from tests.keyrings import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    secrets.reset()
    history.forget_key()
    yield backend
    keyring.set_keyring(previous)
    secrets.reset()
    history.forget_key()


@pytest.fixture(autouse=True)
def fresh_desk_sign_in_delays():
    """Each test starts as a desk without failed sign-ins (the delay counter is per process)."""
    from kzcommission.services.installation import accounts

    accounts._desk_failures = 0
    yield
    accounts._desk_failures = 0
