"""Issue 18, item 10: a package whose person or commission is known here under another
name is refused, naming both, unless the operator merges; a package whose history
contradicts its ballots is refused."""

from __future__ import annotations

import base64
import json
import zipfile
from pathlib import Path

import pytest

from kzcommission.cli import main as cli_main
from kzcommission.services.exchange import PackageRefused, import_package
from kzcommission.services.exchange import package as fmt
from kzcommission.services.preparation import persons
from kzcommission.services.trust import secrets
from kzcommission.store import models
from tests.exchange.test_exchange import KEY, counts, office_package, rewrite


def package_data(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(fmt.DATA))


@pytest.fixture
def sent(tmp_path):
    return office_package(tmp_path)


def known_here_as(uuid: str, surname: str, given: str) -> int:
    """A person of the centre's own database under the package's uuid."""
    person = persons.add_person(surname, given)
    models.Person.update(uuid=uuid).where(models.Person.id == person.id).execute()
    return person.id


def test_a_person_known_here_under_another_name_is_refused_naming_both(sent, centre):
    theirs = next(p for p in package_data(sent)["persons"] if p["surname"] == "Әлиев")
    known_here_as(theirs["uuid"], "Сейітов", "Нұрлан")
    before = counts()
    with pytest.raises(PackageRefused) as err:
        import_package(sent, key=KEY)
    (problem,) = err.value.problems
    assert problem.code == "person_renamed" and err.value.mergeable
    assert "Әлиев" in problem.message and "Сейітов Нұрлан" in problem.message
    assert theirs["uuid"] in problem.place
    assert counts() == before  # nothing written


def test_merge_takes_them_as_one_keeps_the_name_here_and_says_so(sent, centre):
    theirs = next(p for p in package_data(sent)["persons"] if p["surname"] == "Әлиев")
    ours = known_here_as(theirs["uuid"], "Сейітов", "Нұрлан")
    report = import_package(sent, key=KEY, merge=True)
    assert report.cases == 3
    assert [(m["what"], m["here"]) for m in report.merged] == [("person", "Сейітов Нұрлан")]
    case = models.Case.get(models.Case.person == ours)  # the package's case, on our person
    assert case.person.surname == "Сейітов"
    entry = models.HistoryEntry.get(models.HistoryEntry.action == "exchange.import")
    assert json.loads(entry.after)["merged"][0]["package"].startswith("Әлиев")


def test_a_commission_known_here_under_another_name_is_refused(sent, centre):
    c = package_data(sent)["commission"]
    models.Commission.create(
        uuid=c["uuid"], name="Another commission", level=c["level"], place="Almaty"
    )
    with pytest.raises(PackageRefused) as err:
        import_package(sent, key=KEY)
    (problem,) = err.value.problems
    assert problem.code == "commission_renamed"
    assert "Test commission" in problem.message and "Another commission" in problem.message
    report = import_package(sent, key=KEY, merge=True)
    assert report.merged[0]["what"] == "commission"
    assert models.Commission.get(models.Commission.uuid == c["uuid"]).name == "Another commission"


def test_the_same_name_spaced_or_cased_otherwise_is_no_conflict(sent, centre):
    theirs = next(p for p in package_data(sent)["persons"] if p["surname"] == "Петров")
    known_here_as(theirs["uuid"], " ПЕТРОВ ", theirs["given_name"].upper())
    report = import_package(sent, key=KEY)
    assert report.merged == []


def test_ballots_rewritten_consistently_with_the_decision_are_refused_by_the_history(
    sent, centre, tmp_path
):
    """The recount passes (ballots, round and decision agree); the history, which recorded
    each ballot as it was cast, does not."""

    def change(data):
        case = next(c for c in data["sitting"]["cases"] if c["decision_rule"] == "R-VOTE-2")
        decision = case["rounds"][0]
        for ballot in decision["ballots"]:
            ballot["option"] = "unfit"
        decision["adopted"] = case["decision"] = "unfit"

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "history.kzx", change), key=KEY)
    (problem,) = err.value.problems  # the recount finds nothing: only the history does
    assert problem.code == "history_ballots" and not err.value.mergeable
    assert "Әлиев" in problem.place
    assert "unfit 8" in problem.message and "fits 8" in problem.message
    assert counts() == (0, 0, 0, 0, 0)


def test_a_ballot_removed_from_the_package_contradicts_the_history(sent, centre, tmp_path):
    def change(data):
        case = next(c for c in data["sitting"]["cases"] if c["decision_rule"] == "R-VOTE-3")
        case["rounds"][0]["ballots"].pop()

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "fewer.kzx", change), key=KEY)
    assert any(p.code == "history_ballots" for p in err.value.problems)
    assert counts() == (0, 0, 0, 0, 0)


def test_cli_refuses_then_merges_with_the_flag(sent, tmp_path, keyring_in_memory, capsys):
    from kzcommission.services.installation.database import close_database, open_database

    centre = tmp_path / "centre.sqlite3"
    open_database(centre)
    secrets.set_secret(fmt.KEY_SECRET, base64.b64encode(KEY).decode())
    theirs = next(p for p in package_data(sent)["persons"] if p["surname"] == "Петров")
    known_here_as(theirs["uuid"], "Иванов", "Иван")
    close_database()
    assert cli_main(["--db", str(centre), "import", str(sent)]) == 1
    err = capsys.readouterr().err
    assert "Иванов Иван" in err and "Петров" in err and "--merge" in err
    assert "Traceback" not in err
    assert cli_main(["--db", str(centre), "import", str(sent), "--merge"]) == 0
    out = capsys.readouterr().out
    assert "merged: person" in out and "'Иванов Иван' here" in out
    close_database()
