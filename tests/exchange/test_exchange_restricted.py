"""A package carries a round discarded under R-DEC-5 with its ballots; a package whose
restricted case records a decision outside decisions 3-5 is refused (R-DEC-5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kzcommission.services.exchange import PackageRefused, export_package, import_package
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.sitting import cases, voting
from kzcommission.store import models
from tests.exchange.test_exchange import KEY, finalize, rewrite
from tests.services.helpers import add_employee, make_desk


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    open_database(tmp_path / "office.sqlite3")
    desk = make_desk(members=5, held_on=date(2024, 6, 3))
    case = cases.add_case(desk.sitting_id, add_employee("Ахметова", "E-9").id, "extraordinary")
    cases.set_appearance(case.id, "present")
    first = voting.open_round(case.id)
    voting.cast_ballot(first.id, desk.voting[0], "fits")
    voting.cast_ballot(first.id, desk.voting[1], "fits_promote")
    cases.set_restricted(case.id, True)  # round 1 discarded, round 2 on decisions 3-5
    second = voting.open_round(case.id)
    voting.cast_all(second.id, "unfit_transfer")
    voting.close_round(second.id)
    finalize(desk.sitting_id)
    path = export_package(desk.sitting_id, tmp_path / "sitting.kzx", key=KEY, lang="ru")
    close_database()
    open_database(tmp_path / "centre.sqlite3")
    yield path
    close_database()


def test_the_discarded_round_travels_with_its_ballots_R_DEC_5(sent):
    assert import_package(sent, key=KEY).cases == 1
    rounds = {r.number: r for r in models.VoteRound.select()}
    assert (rounds[1].status, rounds[2].status) == ("discarded", "closed")
    assert rounds[1].ballots.count() == 2 and rounds[2].ballots.count() == 5
    assert models.Case.get().decision == "unfit_transfer"


def test_a_restricted_case_decided_fits_is_refused_R_DEC_5(sent, tmp_path):
    def change(data):
        [case] = data["sitting"]["cases"]
        case["rounds"] = [r for r in case["rounds"] if r["status"] == "discarded"]
        case["decision"] = "fits"

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "fits.kzx", change), key=KEY)
    assert ("decision", "R-DEC-5") in {(p.field, p.rule_id) for p in err.value.problems}
    assert models.Case.select().count() == 0
