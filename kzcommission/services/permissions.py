"""The role x action matrix, checked inside every service (never only in the GUI)."""

from __future__ import annotations

from kzcommission.services.context import LOCAL_OPERATOR, current_actor
from kzcommission.services.errors import PermissionDenied

ADMINISTRATOR = "administrator"
SECRETARY = "secretary"
CHAIR = "chair"
MEMBER = "member"
VIEWER = "viewer"
ROLES: tuple[str, ...] = (ADMINISTRATOR, SECRETARY, CHAIR, MEMBER, VIEWER)

# action -> roles allowed. The administrator sets up the installation and may
# act as secretary on a one-person desk (before any account exists the local
# operator is that administrator). Members and the chair enter only their own
# scorecards (checked with the seat in services.sitting.scorecards). A viewer reads the
# sittings and cases but no results: evaluation results are confidential (R-CAL-4).
MATRIX: dict[str, frozenset[str]] = {
    # Reading the commissions, sittings, cases and persons: every signed-in role, nobody
    # unsigned on a desk with accounts (issue 18: every door, reads included).
    "records.view": frozenset(ROLES),
    "commission.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "person.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "personnel.restricted": frozenset({ADMINISTRATOR, SECRETARY}),  # R-ELIG-1
    "roster.import": frozenset({ADMINISTRATOR, SECRETARY}),
    "sitting.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    "attendance.record": frozenset({ADMINISTRATOR, SECRETARY}),
    "case.edit": frozenset({ADMINISTRATOR, SECRETARY}),
    # A case's attached papers (performance report, disagreement letter): personnel data.
    "case.files.read": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    # After the sitting (issue 21): the follow-up shows decisions, so the results' readers
    # minus the members; the secretary records minutes, familiarisation, the head's
    # decision and appeals; attached papers are detached (with a reason) only by him.
    "followup.view": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "followup.record": frozenset({ADMINISTRATOR, SECRETARY}),
    "case.files.detach": frozenset({ADMINISTRATOR, SECRETARY}),
    "ballot.record": frozenset({ADMINISTRATOR, SECRETARY}),
    "scorecard.record": frozenset({ADMINISTRATOR, SECRETARY, MEMBER, CHAIR}),
    "sitting.finalize": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    # The chair's review: anyone running the sitting may explain a finding in writing;
    # only the chair confirms (the administrator stands in on a desk without accounts).
    "review.explain": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "review.confirm": frozenset({ADMINISTRATOR, CHAIR}),
    "amendment.request": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "amendment.sign": frozenset({CHAIR}),
    "documents.print": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "documents.sign": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "results.view": frozenset({ADMINISTRATOR, SECRETARY, CHAIR, MEMBER}),
    "history.verify": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    # Entries written without the history key become verified only by an administrator.
    "history.adopt": frozenset({ADMINISTRATOR}),
    "backup.run": frozenset({ADMINISTRATOR, SECRETARY}),
    "backup.restore": frozenset({ADMINISTRATOR}),
    "user.manage": frozenset({ADMINISTRATOR}),
    "user.own_password": frozenset(ROLES),
    "demo.create": frozenset({ADMINISTRATOR, SECRETARY}),
    "reports.view": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "exchange.export": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),
    "exchange.import": frozenset({ADMINISTRATOR, SECRETARY}),
    # The key shared with the centre seals every package: only the administrator sets it.
    "exchange.key": frozenset({ADMINISTRATOR}),
    "evaluation.edit": frozenset({ADMINISTRATOR, SECRETARY}),  # R-CAL-4
    "evaluation.view": frozenset({ADMINISTRATOR, SECRETARY, CHAIR}),  # R-CAL-4
    # The year's transfers of days off move every deadline (R-DL-9): set up by the administrator.
    "calendar.import": frozenset({ADMINISTRATOR}),
    "calendar.view": frozenset(ROLES),
}


def allowed(action: str, role: str) -> bool:
    return role in MATRIX.get(action, frozenset())


# database -> (accounts exist, when checked). Accounts never disappear, so a yes is
# kept; a no is re-checked after a while, for accounts made by another client.
_accounts_seen: dict[int, tuple[bool, float]] = {}
NO_ACCOUNTS_RECHECK_SECONDS = 30.0


def accounts_exist() -> bool:
    """True once the installation has local accounts: from then on, sign-in is required."""
    import time

    from kzcommission.store import models

    if models.database.obj is None:
        return False
    key = id(models.database.obj)
    seen = _accounts_seen.get(key)
    if seen is not None and (seen[0] or time.monotonic() - seen[1] < NO_ACCOUNTS_RECHECK_SECONDS):
        return seen[0]
    # The table exists from schema v3 on (every opened database is upgraded first).
    row = models.database.execute_sql("SELECT 1 FROM user_account LIMIT 1").fetchone()
    _accounts_seen[key] = (row is not None, time.monotonic())
    return row is not None


def forget_accounts_check() -> None:
    """Called when accounts are created, or another database is opened."""
    _accounts_seen.clear()


def require(action: str) -> None:
    actor = current_actor()
    if actor == LOCAL_OPERATOR and accounts_exist():
        raise PermissionDenied(
            f"this installation has user accounts: sign in to do {action}",
            field="login",
            key="permission_sign_in",
            params={"action_key": f"permission.action.{action}"},
        )
    if not allowed(action, actor.role):
        raise PermissionDenied(
            f"{actor.name} ({actor.role}) may not do {action}",
            key="permission_denied",
            params={
                "name": actor.name,
                "role_key": f"permission.role.{actor.role}",
                "action_key": f"permission.action.{action}",
            },
        )
