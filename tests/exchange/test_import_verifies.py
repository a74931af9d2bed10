"""Issue 17: a sitting received from an office verifies at the centre (exit 0), and a change
to its imported rows is named with the office it came from (exit 1)."""

from __future__ import annotations

import sqlite3

import pytest

from kzcommission.services.exchange import import_package
from kzcommission.services.trust import integrity
from tests.exchange.test_exchange import KEY, office_package


@pytest.fixture(autouse=True)
def keyring(keyring_in_memory):
    return keyring_in_memory


@pytest.fixture
def sent(tmp_path):
    return office_package(tmp_path)


def test_a_legitimate_import_verifies_at_the_centre(sent, centre):
    import_package(sent, key=KEY)
    report = integrity.verify_database()
    assert report.outcome == "intact" and report.exit_code == 0, report.problems[:3]


@pytest.mark.parametrize(
    ("what", "sql", "named"),
    [
        (
            "a received ballot",
            "UPDATE ballot SET option = CASE option WHEN 'fits' THEN 'unfit' ELSE 'fits' END "
            "WHERE id = 1",
            "ballot row 1",
        ),
        ("a received decision", "UPDATE \"case\" SET decision = 'unfit_dismiss'", "case row"),
        ("a received ballot deleted", "DELETE FROM ballot WHERE id = 2", "ballot row 2"),
    ],
)
def test_a_change_to_imported_rows_names_the_office(sent, centre, tmp_path, what, sql, named):
    report = import_package(sent, key=KEY)
    conn = sqlite3.connect(tmp_path / "centre.sqlite3")
    with conn:
        conn.execute(sql)
    conn.close()
    checked = integrity.verify_database()
    assert checked.outcome == "altered" and checked.exit_code == 1, what
    messages = [p.message for p in checked.tampered]
    assert any(named in m and f"imported from {report.office}" in m for m in messages), messages
