"""Headless account commands, and signing in for any headless command.

    kzcommission user seats                       the seats, to link a member's account
    kzcommission user add NAME --role ROLE [--seat ID] [--full-name TEXT]
    kzcommission user list | password NAME | disable NAME | enable NAME
    kzcommission --user NAME COMMAND ...          act as NAME once accounts exist

Passwords are never taken on the command line (they would stay in the shell
history): asked on the terminal, twice for a new one, or read from
``KZCOMMISSION_PASSWORD`` (signing in) and ``KZCOMMISSION_NEW_PASSWORD`` (a new
password) for scripts. The first account must be an administrator and needs no
sign-in; after that the services ask for one (services/permissions.py).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

PASSWORD_ENV = "KZCOMMISSION_PASSWORD"
NEW_PASSWORD_ENV = "KZCOMMISSION_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    from kzcommission.services.permissions import ROLES

    user = sub.add_parser("user", help="local accounts: seats, add, list, password, disable")
    actions = user.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    actions.add_parser("seats", help="every seat with its id").set_defaults(handler=cmd_seats)
    actions.add_parser("list", help="every account and its role").set_defaults(handler=cmd_list)
    add = actions.add_parser("add", help=f"a new account; password asked or ${NEW_PASSWORD_ENV}")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--seat", type=int, help="the seat id of a chair or member (user seats)")
    add.add_argument("--full-name", default="")
    add.set_defaults(handler=cmd_add)
    for action, text in (
        ("password", "set a new password (asked, or $" + NEW_PASSWORD_ENV + ")"),
        ("disable", "the account can no longer sign in; its history stays"),
        ("enable", "the account may sign in again"),
    ):
        parser = actions.add_parser(action, help=text)
        parser.add_argument("name")
        parser.set_defaults(handler={"password": cmd_password}.get(action, cmd_active))


def _fail(message: object) -> int:
    print(f"kzcommission: {message}", file=sys.stderr)
    return 1


def _open(args: argparse.Namespace) -> None:
    from kzcommission.services.installation.database import open_database

    open_database(args.database or args.db)


def _new_password(name: str) -> str | None:
    from_env = os.environ.get(NEW_PASSWORD_ENV)
    if from_env:
        return from_env
    first = getpass.getpass(f"new password for {name}: ")
    if first != getpass.getpass("again: "):
        print("kzcommission: the two passwords differ; nothing changed", file=sys.stderr)
        return None
    return first


def sign_in(args: argparse.Namespace) -> int:
    """``--user NAME``: open the database and act as NAME for this command."""
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation import accounts

    _open(args)
    password = os.environ.get(PASSWORD_ENV) or getpass.getpass(f"password for {args.user}: ")
    try:
        accounts.authenticate(args.user, password)
    except ServiceError as exc:
        return _fail(exc)
    return 0


def cmd_seats(args: argparse.Namespace) -> int:
    from kzcommission.services.preparation import commissions

    _open(args)
    for commission in commissions.list_commissions():
        print(f"commission {commission.id}: {commission.name}")
        for seat in commission.seats:
            holder = seat.holder_name or "—"
            print(f"  seat {seat.id}: {seat.role} — {holder} ({seat.position_title or '—'})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation import accounts

    _open(args)
    try:
        users = accounts.list_users()
    except ServiceError as exc:
        return _fail(exc)
    for user in users:
        state = "" if user.active else " (disabled)"
        print(f"{user.name}: {user.role}{state} {user.full_name}".rstrip())
    return 0


def _seat_uuid(seat_id: int | None) -> str | None:
    from kzcommission.services.errors import NotFound
    from kzcommission.services.preparation import commissions

    if seat_id is None:
        return None
    for commission in commissions.list_commissions():
        for seat in commission.seats:
            if seat.id == seat_id:
                return seat.uuid
    raise NotFound(
        f"no seat {seat_id} (see: kzcommission user seats)",
        field="seat",
        key="not_found_seat_cli",
        params={"id": seat_id},
    )


def cmd_add(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation import accounts

    _open(args)
    try:
        seat = _seat_uuid(args.seat)
        password = _new_password(args.name)
        if password is None:
            return 1
        view = accounts.create_user(
            args.name, password, args.role, seat_uuid=seat, full_name=args.full_name
        )
    except ServiceError as exc:
        return _fail(exc)
    print(f"account {view.name} ({view.role}) created")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    from kzcommission.services.context import current_actor
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation import accounts

    _open(args)
    old = None
    if current_actor().name == args.name:  # one's own password: the current one first
        old = os.environ.get(PASSWORD_ENV) or getpass.getpass("current password: ")
    password = _new_password(args.name)
    if password is None:
        return 1
    try:
        accounts.change_password(args.name, password, old_password=old)
    except ServiceError as exc:
        return _fail(exc)
    print(f"password of {args.name} changed")
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation import accounts

    _open(args)
    try:
        view = accounts.set_active(args.name, args.user_action == "enable")
    except ServiceError as exc:
        return _fail(exc)
    print(f"account {view.name} {'enabled' if view.active else 'disabled'}")
    return 0
