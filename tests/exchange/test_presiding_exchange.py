"""R-VOTE-4 in the exchange: the case carries who presided; a package contradicting
the reading (per round) is refused whole by the recount."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzcommission.services.exchange import PackageRefused, export_package, import_package
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.sitting import cases, presiding, voting
from kzcommission.store import models
from tests.exchange.test_exchange import KEY, finalize, rewrite
from tests.services.helpers import add_employee, make_desk


def office_package(tmp_path: Path) -> Path:
    """The chair is recused on a 4-4 case; the member named for it casts the deciding vote."""
    open_database(tmp_path / "office.sqlite3")
    desk = make_desk()
    members = desk.voting[1:]
    tie = cases.add_case(desk.sitting_id, add_employee("Қасымова", "E-2").id, "regular").id
    cases.recuse(tie, desk.chair, "relative")
    cases.set_appearance(tie, "present")
    r = voting.open_round(tie)
    for seat in members[:4]:
        voting.cast_ballot(r.id, seat, "unfit")
    for seat in members[4:]:
        voting.cast_ballot(r.id, seat, "fits")
    presiding.name_presiding(tie, members[6])
    voting.close_round(r.id)
    finalize(desk.sitting_id)
    path = export_package(desk.sitting_id, tmp_path / "sitting.kzx", key=KEY, lang="ru")
    close_database()
    return path


@pytest.fixture
def sent(tmp_path):
    return office_package(tmp_path)


def the_case(data):
    (case,) = data["sitting"]["cases"]
    return case


def test_the_presiding_member_travels_with_the_case(sent, centre):
    import_package(sent, key=KEY)
    (case,) = models.Case.select()
    (r,) = models.VoteRound.select()
    assert case.decision == "fits" and case.decision_rule == "R-VOTE-3"
    assert case.presiding_id is not None and r.presiding_id == case.presiding_id
    assert case.presiding.holder.surname == "Member7"
    assert import_package(sent, key=KEY).already_present  # the same content again


def chair_uuid(data) -> str:
    return next(s["uuid"] for s in data["commission"]["seats"] if s["role"] == "chair")


@pytest.mark.parametrize(
    ("why", "change"),
    [
        (
            "a tie adopted by the casting vote of nobody presiding",
            lambda data: the_case(data)["rounds"][0].update(presiding=None),
        ),
        (
            "a tie adopted with the recused chair, not a voter, presiding",
            lambda data: the_case(data)["rounds"][0].update(presiding=chair_uuid(data)),
        ),
        (
            "the case names the recused chair to preside in his own place",
            lambda data: the_case(data).update(presiding=chair_uuid(data)),
        ),
    ],
)
def test_a_package_contradicting_who_presided_is_refused(sent, centre, tmp_path, why, change):
    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "presiding.kzx", change), key=KEY)
    assert any(p.rule_id == "R-VOTE-4" for p in err.value.problems), (why, err.value.problems)
    assert "Қасымова" in err.value.problems[0].place
    assert models.Sitting.select().count() == 0 and models.Case.select().count() == 0


def test_the_recount_names_a_package_seat_by_its_uuid(sent, centre, tmp_path):
    """Issue 20: the recount takes the package's seats numbered (a seat id is an int),
    and its problems still name each seat by the package's uuid (R-VOTE-4, R-COMP-2)."""
    seats: dict[str, str] = {}

    def change(data):
        seats.update({s["role"]: s["uuid"] for s in data["commission"]["seats"]})
        r = the_case(data)["rounds"][0]
        r["presiding"] = seats["chair"]  # recused: not a voter
        r["ballots"].append({**r["ballots"][0], "seat": seats["secretary"]})

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "seats.kzx", change), key=KEY)
    found = {(p.field, p.message.split(" presided")[0]) for p in err.value.problems}
    assert ("rounds[decision 1].presiding", repr(seats["chair"])) in found
    assert f"rounds[decision 1].ballots[{seats['secretary']}]" in {f for f, _ in found}
