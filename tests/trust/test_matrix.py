"""The role x action matrix: every role tries every action through the services.

An allowed action goes through; a forbidden one is refused with PermissionDenied
naming the role and the action, and leaves every table as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from kzcommission.services import permissions
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.installation import accounts, backups
from kzcommission.services.preparation import commissions, persons
from kzcommission.services.sitting import (
    amendments,
    cases,
    finalize,
    review,
    scorecards,
    sittings,
    voting,
)
from kzcommission.services.trust import documents_registry
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk


@dataclass
class World:
    desk: object
    case_id: int
    round_case_id: int
    round_id: int
    done_sitting_id: int
    finalized_sitting_id: int
    amendment_id: int
    chair_seat_uuid: str
    member_seat: int
    member_seat_uuid: str
    moved_case_id: int


def build_world(tmp_path) -> World:
    desk = make_desk(members=5)
    case = cases.add_case(desk.sitting_id, add_employee("Employee", "E1").id, "regular")
    round_case = cases.add_case(desk.sitting_id, add_employee("Voter", "E2").id, "regular")
    cases.set_appearance(round_case.id, "present")
    round_id = voting.open_round(round_case.id).id
    moved = cases.add_case(desk.sitting_id, add_employee("Moved", "E4").id, "regular")
    cases.set_appearance(moved.id, "absent_excused")  # R-SIT-3: a case with nothing to flag
    done = sittings.create_sitting(desk.commission.id, date(2025, 4, 1))
    sittings.set_status(done.id, "open")
    locked = sittings.create_sitting(desk.commission.id, date(2025, 4, 2))
    sittings.set_status(locked.id, "open")
    locked_case = cases.add_case(locked.id, add_employee("Locked", "E3").id, "regular")
    cases.set_appearance(locked_case.id, "absent_excused")  # R-SIT-3: moved, nothing to review
    finalize.finalize_sitting(locked.id, backup=False)
    amendment = amendments.request_amendment(
        locked.id, "opinion", "corrected", "typo", case_id=locked_case.id
    )
    seats = {s.id: s for s in desk.commission.seats}
    member = desk.voting[1]
    backups.configure(tmp_path / "backups")
    return World(
        desk,
        case.id,
        round_case.id,
        round_id,
        done.id,
        locked.id,
        amendment.id,
        seats[desk.chair].uuid,
        member,
        seats[member].uuid,
        moved.id,
    )


def _backup() -> None:
    try:
        backups.backup_now()
    except backups.BackupError as exc:
        # Past the permission check: a PostgreSQL database is backed up on its server.
        assert "pg_dump" in str(exc)


def _seat_for(role: str, w: World) -> str | None:
    return {"chair": w.chair_seat_uuid, "member": w.member_seat_uuid}.get(role)


# action -> what a user does for it, through the services.
ACTIONS: dict[str, Callable[[World, str], object]] = {
    "commission.edit": lambda w, r: commissions.create_commission(
        "Another",
        [commissions.SeatSpec(role=s.role, holder_id=s.holder_id) for s in w.desk.commission.seats],
    ),
    "person.edit": lambda w, r: persons.add_person("New", "Person"),
    "sitting.edit": lambda w, r: sittings.create_sitting(w.desk.commission.id, date(2025, 5, 5)),
    "attendance.record": lambda w, r: sittings.mark_attendance(
        w.desk.sitting_id, w.desk.voting[0], "late"
    ),
    "case.edit": lambda w, r: cases.set_text(w.case_id, "questions", "Why?"),
    "ballot.record": lambda w, r: voting.cast_ballot(w.round_id, w.desk.voting[1], "fits"),
    "scorecard.record": lambda w, r: scorecards.save_scorecard(
        w.case_id, w.desk.chair if r == "chair" else w.member_seat, score="good"
    ),
    "sitting.finalize": lambda w, r: finalize.finalize_sitting(w.done_sitting_id, backup=False),
    "amendment.request": lambda w, r: amendments.request_amendment(
        w.finalized_sitting_id, "place", "Almaty", "wrong city"
    ),
    "amendment.sign": lambda w, r: amendments.sign_amendment(w.amendment_id),
    "documents.print": lambda w, r: documents_registry.register_issued(
        "minutes", "kk", "a" * 64, w.desk.sitting_id
    ),
    "results.view": lambda w, r: scorecards.scorecards_of(w.case_id),
    "backup.run": lambda w, r: _backup(),
    "review.explain": lambda w, r: review.explain(
        w.case_id, "undecided:R-DOC-1:decision", "moved to the next sitting by the chair"
    ),
    "review.confirm": lambda w, r: review.confirm(w.desk.sitting_id, [w.moved_case_id]),
    "user.manage": lambda w, r: accounts.create_user("boss", "long-password", "administrator"),
}


def table_counts() -> dict[str, int]:
    db = models.database
    return {
        t: db.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in sorted(db.get_tables())
    }


def row_state() -> tuple:
    """Counts of every table, and the contents of the rows the actions change."""
    db = models.database
    texts = db.execute_sql('SELECT id, questions, version FROM "case" ORDER BY id').fetchall()
    statuses = db.execute_sql("SELECT id, status FROM sitting ORDER BY id").fetchall()
    signed = db.execute_sql("SELECT id, signed_by FROM amendment ORDER BY id").fetchall()
    return table_counts(), texts, statuses, signed


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", permissions.ROLES)
def test_role_tries_action(database, tmp_path, role: str, action: str):
    world = build_world(tmp_path)
    set_actor(Actor(name=f"test-{role}", role=role, seat_uuid=_seat_for(role, world)))
    before = row_state()
    try:
        if permissions.allowed(action, role):
            ACTIONS[action](world, role)
        else:
            with pytest.raises(PermissionDenied) as refused:
                ACTIONS[action](world, role)
            assert role in str(refused.value) and action in str(refused.value)
            assert row_state() == before, "a refused action changed the database"
    finally:
        reset_actor()


def test_every_action_of_the_matrix_is_driven_or_checked():
    """Actions added by other features are at least checked through require()."""
    for action in permissions.MATRIX:
        for role in permissions.ROLES:
            set_actor(Actor(name="x", role=role))
            try:
                if permissions.allowed(action, role):
                    permissions.require(action)
                else:
                    with pytest.raises(PermissionDenied):
                        permissions.require(action)
            finally:
                reset_actor()
    assert set(ACTIONS) <= set(permissions.MATRIX)


def test_viewer_sees_no_results_but_the_cases(database, tmp_path):
    world = build_world(tmp_path)
    set_actor(Actor(name="v", role="viewer"))
    try:
        assert cases.get_case(world.case_id).id == world.case_id
        for read in (
            lambda: scorecards.scorecards_of(world.case_id),
            lambda: voting.rounds_of(world.round_case_id),
            lambda: voting.live_tally(world.round_id),
        ):
            with pytest.raises(PermissionDenied, match="results.view"):
                read()
    finally:
        reset_actor()


def test_member_enters_only_his_own_scorecard(database, tmp_path):
    world = build_world(tmp_path)
    set_actor(Actor(name="m", role="member", seat_uuid=world.member_seat_uuid))
    try:
        scorecards.save_scorecard(world.case_id, world.member_seat, score="good")
        with pytest.raises(PermissionDenied, match="own scorecard"):
            scorecards.save_scorecard(world.case_id, world.desk.voting[2], score="good")
    finally:
        reset_actor()
