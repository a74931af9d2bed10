"""The role x action matrix, checked inside every service (never only in the GUI)."""

from __future__ import annotations

from kzcommission.services.context import current_actor
from kzcommission.services.errors import PermissionDenied

ADMINISTRATOR = "administrator"
SECRETARY = "secretary"
CHAIR = "chair"
MEMBER = "member"
VIEWER = "viewer"
ROLES: tuple[str, ...] = (ADMINISTRATOR, SECRETARY, CHAIR, MEMBER, VIEWER)

# action -> roles allowed. The administrator sets up the installation and may
# act as secretary on a one-person desk.
MATRIX: dict[str, frozenset[str]] = {
    "commission.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "person.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "roster.import": frozenset({ADMINISTRATOR, SECRETARY}),
    "sitting.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "attendance.record": frozenset({ADMINISTRATOR, SECRETARY}),
    "case.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "ballot.record": frozenset({ADMINISTRATOR, SECRETARY}),
    "scorecard.record": frozenset({ADMINISTRATOR, SECRETARY, MEMBER, CHAIR}),
    "sitting.finalize": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "amendment.sign": frozenset({CHAIR}),
    "documents.print": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "results.view": frozenset({ADMINISTRATOR, SECRETARY, CHAIR, MEMBER}),
    "user.manage": frozenset({ADMINISTRATOR}),
    "demo.create": frozenset({ADMINISTRATOR, SECRETARY}),
}


def allowed(action: str, role: str) -> bool:
    return role in MATRIX.get(action, frozenset())


def require(action: str) -> None:
    actor = current_actor()
    if not allowed(action, actor.role):
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not do {action}")
