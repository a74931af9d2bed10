"""R-VOTE-4 Reading through the services: who presides is a fact of each case and round.

One sitting: on case A the chair is recused, on case B he is absent, on case C he
is back and votes. A and B each split 4-4; each is refused until the member
presiding over THAT case is named, then counted with his casting vote. The
minutes and every sheet name who presided over their own case.
"""

from __future__ import annotations

import pytest

from kzcommission.i18n import tr
from kzcommission.services.errors import LockedError, PermissionDenied, ServiceError
from kzcommission.services.papers import printing
from kzcommission.services.sitting import cases, presiding, review, sittings, voting
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk
from tests.services.test_printing import pdf_text


def split_vote(case_id: int, fits: list[int], unfit: list[int]) -> voting.RoundView:
    cases.set_appearance(case_id, "present")
    r = voting.open_round(case_id)
    for seat in fits:
        voting.cast_ballot(r.id, seat, "fits")
    for seat in unfit:
        voting.cast_ballot(r.id, seat, "unfit")
    return r


def refused_unchanged(case_id: int, round_id: int) -> None:
    """R-VOTE-4: a tie with nobody presiding is not counted; nothing changes."""
    with pytest.raises(ServiceError) as err:
        voting.close_round(round_id)
    assert err.value.rule_id == "R-VOTE-4" and err.value.field == "presiding"
    assert voting.live_tally(round_id).status == "open"
    assert models.VoteRound.select().where(models.VoteRound.case == case_id).count() == 1
    assert cases.get_case(case_id).decision is None


def name_of(seat_id: int) -> str:
    return models.Seat.get_by_id(seat_id).holder.full_name


def played(desk) -> dict[str, int]:  # noqa: ANN001
    members = desk.voting[1:]  # eight members besides the chair
    a = cases.add_case(desk.sitting_id, add_employee("Әбілов", "E-A").id, "regular").id
    cases.recuse(a, desk.chair, "relative of the employee")
    r = split_vote(a, members[:4], members[4:])
    refused_unchanged(a, r.id)
    view = presiding.name_presiding(a, members[5])  # he voted "unfit"
    assert view.presiding_id == members[5] and view.named_id == members[5]
    closed, result = voting.close_round(r.id)
    assert (result.adopted, result.casting_vote_used, result.runoff) == ("unfit", True, ())
    assert closed.presiding_id == members[5]

    sittings.mark_attendance(desk.sitting_id, desk.chair, "absent")
    b = cases.add_case(desk.sitting_id, add_employee("Бекова", "E-B").id, "regular").id
    r = split_vote(b, members[:4], members[4:])
    refused_unchanged(b, r.id)
    # A's presiding member does not carry over: each case has its own.
    assert presiding.presiding_of(b).presiding_id is None
    presiding.name_presiding(b, members[1])  # he voted "fits"
    closed, result = voting.close_round(r.id)
    assert (result.adopted, result.casting_vote_used) == ("fits", True)
    assert closed.presiding_id == members[1]

    sittings.mark_attendance(desk.sitting_id, desk.chair, "present")
    c = cases.add_case(desk.sitting_id, add_employee("Ғалиев", "E-C").id, "regular").id
    r = split_vote(c, [desk.chair, *members[:4]], members[4:])
    closed, result = voting.close_round(r.id)
    assert closed.presiding_id == desk.chair and not result.casting_vote_used
    return {"a": a, "b": b, "c": c, "a_presides": members[5], "b_presides": members[1]}


def test_each_case_has_its_own_presiding_member(database, backend):
    desk = make_desk()
    got = played(desk)
    assert models.Case.get_by_id(got["a"]).decision_rule == "R-VOTE-3"
    assert models.Case.get_by_id(got["b"]).decision_rule == "R-VOTE-3"
    assert presiding.presided(desk.sitting_id) == {
        got["a"]: got["a_presides"],
        got["b"]: got["b_presides"],
        got["c"]: desk.chair,
    }
    entries = models.HistoryEntry.select().where(models.HistoryEntry.action == "case.presiding")
    assert entries.count() == 2
    # The review names, per case, who presided and who held the casting vote.
    lines = {line.case_id: line for line in review.review_sitting(desk.sitting_id).lines}
    assert lines[got["a"]].presiding == name_of(got["a_presides"])
    assert lines[got["a"]].rounds[0].presiding == name_of(got["a_presides"])
    assert lines[got["b"]].presiding == name_of(got["b_presides"])
    assert lines[got["c"]].presiding == name_of(desk.chair)


def test_naming_refusals(database, backend):
    """R-VOTE-4: only a voter on the case; not the chair; not once the case is counted."""
    desk = make_desk()
    members = desk.voting[1:]
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular").id
    with pytest.raises(ServiceError) as err:
        presiding.name_presiding(case, members[0])  # the chair votes on this case
    assert err.value.rule_id == "R-VOTE-4" and "chair votes" in str(err.value)
    cases.recuse(case, desk.chair, "conflict of interest")
    cases.recuse(case, members[2], "relative")
    sittings.mark_attendance(desk.sitting_id, members[3], "absent")
    for seat in (desk.chair, desk.secretary, members[2], members[3], 999_999):
        with pytest.raises(ServiceError) as err:
            presiding.name_presiding(case, seat)
        assert err.value.field == "presiding" and err.value.rule_id == "R-VOTE-4"
    assert models.Case.get_by_id(case).presiding_id is None
    # Changed before the vote is counted: the last naming counts, both are in the history.
    presiding.name_presiding(case, members[0])
    presiding.name_presiding(case, members[1])
    assert presiding.presiding_of(case).presiding_id == members[1]
    cases.set_appearance(case, "present")
    r = voting.open_round(case)
    voting.cast_all(r.id, "unfit")  # no grade vote follows: the case is counted
    voting.close_round(r.id)
    with pytest.raises(ServiceError) as err:
        presiding.name_presiding(case, members[0])  # counted: who presided is recorded
    assert err.value.rule_id == "R-VOTE-4"
    assert voting.rounds_of(case)[0].presiding_id == members[1]
    models.Sitting.update(status="finalized").where(models.Sitting.id == desk.sitting_id).execute()
    other = models.Case.create(
        sitting=desk.sitting_id, person=add_employee("Late").id, kind="regular", ruleset="ORDER_880"
    )
    with pytest.raises(LockedError):
        presiding.name_presiding(other.id, members[1])


def test_only_those_running_the_sitting_name_him(database, backend):
    """R-VOTE-4 naming is the secretary's act: a member or the chair at his desk may not."""
    from kzcommission.services.context import Actor, acting_as

    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular").id
    cases.recuse(case, desk.chair, "relative")
    for role in ("member", "chair", "viewer"):
        with acting_as(Actor(name=role, role=role)), pytest.raises(PermissionDenied):
            presiding.name_presiding(case, desk.voting[1])
    assert models.Case.get_by_id(case).presiding_id is None
    with acting_as(Actor(name="secretary", role="secretary")):
        assert presiding.name_presiding(case, desk.voting[1]).presiding_id == desk.voting[1]


def test_a_named_member_who_left_is_refused_on_a_tie_only(database, backend):
    """R-VOTE-4: the member named must be voting when the tie is counted."""
    desk = make_desk(present=8)
    members = desk.voting[1:]
    sittings.mark_attendance(desk.sitting_id, desk.chair, "left")
    sittings.mark_attendance(desk.sitting_id, members[7], "present")
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular").id
    presiding.name_presiding(case, members[0])
    sittings.mark_attendance(desk.sitting_id, members[0], "left")
    sittings.mark_attendance(desk.sitting_id, members[1], "left")
    r = split_vote(case, members[2:5], members[5:8])  # six voters: 3-3
    with pytest.raises(ServiceError) as err:
        voting.close_round(r.id)
    assert err.value.rule_id == "R-VOTE-4" and "must be a voter" in str(err.value)
    for seat in members[2:8]:
        voting.cast_ballot(r.id, seat, "fits")
    closed, result = voting.close_round(r.id)  # no tie: nobody's casting vote is needed
    assert result.adopted == "fits" and closed.presiding_id is None


def sheet_chair_line(text: str, lang: str) -> str:
    """The chair's signature line; its label wraps onto the line that carries the name."""
    lines = text.splitlines()
    start = " ".join(tr("doc.sheet.chair", lang).split()[:2])
    i = next(i for i, line in enumerate(lines) if start in line)
    return lines[i] + " " + lines[i + 1]


def test_minutes_and_sheets_name_who_presided_per_case(database, backend, tmp_path):
    """R-VOTE-4, R-DOC-1..3: per case, never a sitting-wide stand-in nor the absent chair."""
    desk = make_desk()
    got = played(desk)
    files = printing.print_pack(desk.sitting_id, "ru", tmp_path)
    minutes = pdf_text(next(f for f in files if "minutes" in f.name))
    label = tr("doc.minutes.presiding", "ru")
    presided = [line for line in minutes.splitlines() if label in line]
    names = [name_of(got["a_presides"]), name_of(got["b_presides"]), name_of(desk.chair)]
    assert len(presided) == 3
    for line, name in zip(presided, names, strict=True):
        assert name in line, (line, name)
    casting = " ".join(minutes.split())
    for name in names[:2]:
        assert tr("doc.minutes.casting_vote_by", "ru", name=name) in casting
    texts = [pdf_text(f) for f in files if "sheet" in f.name]
    sheets = [next(t for t in texts if p in t) for p in ("Әбілов", "Бекова", "Ғалиев")]
    assert len(sheets) == 3
    for sheet, name in zip(sheets, names, strict=True):
        assert name in sheet_chair_line(sheet, "ru"), name
    assert name_of(desk.chair) not in sheet_chair_line(sheets[1], "ru")  # absent on B
    for sheet, name in zip(sheets[:2], names[:2], strict=True):
        assert sheet.count(name) == 1  # he signs as presiding, not again as a member
