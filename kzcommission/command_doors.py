"""Which action of the matrix each headless command needs, checked before it runs.

Issue 18: every door checks the matrix. ``cli.main`` signs the user in (``--user``),
opens the database and asks :func:`refusal` before any handler runs, so a command
never reads or writes for a role the matrix refuses, nor for nobody on a desk with
accounts. The services check again inside (the same matrix); the table here makes the
command line refuse with its own words and exit code before anything is touched.
A command missing from :data:`COMMAND_ACTIONS` is refused outright (and fails the
suite's enumeration of commands x roles).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

# "command" or "command action" -> the action of services.permissions.MATRIX.
COMMAND_ACTIONS: dict[str, str] = {
    "demo": "demo.create",
    "info": "records.view",
    "print": "documents.print",
    "report": "reports.view",
    "export": "exchange.export",
    "import": "exchange.import",
    "exchange-key": "exchange.key",
    "verify-db": "history.verify",
    "adopt-history": "history.adopt",
    "verify": "records.view",  # reads the register of documents issued here
    "sign": "documents.sign",
    "backup": "backup.run",
    "restore": "backup.restore",
    "user seats": "records.view",
    "user list": "user.manage",
    "user add": "user.manage",  # the first account needs none: nobody has signed in yet
    "user password": "user.own_password",  # another's: user.manage, checked by the service
    "user disable": "user.manage",
    "user enable": "user.manage",
    "amend list": "records.view",
    "amend request": "amendment.request",
    "amend sign": "amendment.sign",
    "calendar list": "calendar.view",
    "calendar import": "calendar.import",
    # After the sitting (issue 21): the same actions the services check.
    "followup list": "followup.view",
    "followup sign-minutes": "followup.record",
    "followup familiarise": "followup.record",
    "followup head-decision": "followup.record",
    "followup appeal-file": "followup.record",  # with --scan, case.edit too (same roles)
    "followup appeal-decide": "followup.record",
    "followup attach": "case.edit",
    "followup detach": "case.files.detach",
}
# The window signs its user in itself (ui.login_dialog) before showing anything.
WINDOW_COMMANDS: frozenset[str] = frozenset({"gui"})

REFUSED_EXIT = 2


def command_name(args: argparse.Namespace) -> str:
    """``user list`` for ``kzcommission user list``; ``info`` for ``kzcommission info``."""
    command = args.command or "gui"
    action = getattr(args, f"{command}_action", None)
    return f"{command} {action}" if action else command


def interface_language() -> str:
    """The language of the messages a command prints: the system's (kk, ru, else en)."""
    from kzcommission.i18n import language_for_locale

    for variable in ("KZCOMMISSION_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return language_for_locale(value)
    return "en"


def _database_to_check(args: argparse.Namespace, command: str) -> bool:
    """Open the database whose accounts decide; False when there is none to protect (a
    restore onto a file that does not exist yet)."""
    from kzcommission.services.installation.database import default_database_path, open_database

    if command == "restore" and not args.database:
        target = Path(args.db) if args.db else default_database_path()
        if not target.exists():
            return False
    open_database(args.database or args.db)
    return True


def refusal(args: argparse.Namespace) -> str:
    """The reason ``args``' command may not run for the current actor, in the interface
    language; "" when it may."""
    from kzcommission.i18n import tr
    from kzcommission.services import permissions
    from kzcommission.services.context import LOCAL_OPERATOR, current_actor

    command = command_name(args)
    if command in WINDOW_COMMANDS:
        return ""
    lang = interface_language()
    action = COMMAND_ACTIONS.get(command)
    if action is None:
        return tr("cli.refused.unknown", lang, command=command)
    if not _database_to_check(args, command):
        return ""
    try:
        actor = current_actor()
        if actor == LOCAL_OPERATOR and permissions.accounts_exist():
            return tr("cli.refused.sign_in", lang, command=command)
        if not permissions.allowed(action, actor.role):
            return tr(
                "cli.refused.role", lang, name=actor.name, role=actor.role, command=command,
                action=action,
            )  # fmt: skip
        return ""
    finally:
        if command == "restore":  # the swap needs the database closed (restore reopens it)
            from kzcommission.services.installation.database import close_database

            close_database()
