"""The command line: no arguments starts the app; subcommands work headless."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]


def _open(args: argparse.Namespace) -> str:
    from kzcommission.services.installation.database import open_database

    return open_database(args.database or args.db)


def _cmd_demo(args: argparse.Namespace) -> int:
    from kzcommission.services.installation.demo import create_demo
    from kzcommission.services.preparation import commissions

    where = _open(args)
    if commissions.list_commissions() and not args.force:
        print(
            f"{where} already holds commissions; use --force to add the demo anyway",
            file=sys.stderr,
        )
        return 1
    sitting_id = create_demo()
    print(f"demo sitting {sitting_id} created in {where}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from kzcommission.services.preparation import commissions, persons
    from kzcommission.services.sitting import cases, sittings

    where = _open(args)
    if args.sitting is not None:  # one sitting's cases, with the ids other commands take
        for case in cases.list_cases(args.sitting):
            outcome = case.decision or case.status
            print(
                f"case {case.id}: no. {case.order + 1} {case.person_name} ({case.kind}) [{outcome}]"
            )
        return 0
    print(f"database: {where}")
    print(f"persons: {persons.count_persons()}")
    for commission in commissions.list_commissions():
        print(
            f"commission {commission.id}: {commission.name} "
            f"({len(commission.voting_seats)} voting members)"
        )
        for sitting in sittings.list_sittings(commission.id):
            print(
                f"  sitting {sitting.id} no. {sitting.number} on {sitting.held_on} "
                f"[{sitting.status}]"
            )
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from kzcommission.ui.app import run

    return run(
        args.database or args.db,
        package=getattr(args, "package", None),
        smoke_seconds=getattr(args, "smoke_seconds", None),
    )


class _VersionAction(argparse.Action):
    """--version: the version, commit and build date, read only when asked (git is slow)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show version, commit and build date")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from kzcommission.build_info import version_text

        print(version_text())
        parser.exit()


def _add_gui(sub: argparse._SubParsersAction) -> None:
    gui = sub.add_parser("gui", help="start the application (the default)")
    gui.add_argument("package", nargs="?", type=Path, help="an exchange package (.kzx) to import")
    # For the packaging smoke test (packaging/smoke-test.sh): quit that many seconds after
    # start-up began, with 0 when the first screen came up (ui/app.py quit_after).
    gui.add_argument("--smoke-seconds", type=float, default=None, help=argparse.SUPPRESS)
    gui.set_defaults(handler=_cmd_gui)


def route_package(argv: list[str]) -> list[str]:
    """`kzcommission FILE.kzx` (a double-click on a package) means `kzcommission gui FILE.kzx`."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in ("--db", "--database"):
            index += 2  # the option's value is not a command
            continue
        if not arg.startswith("-"):
            if arg.lower().endswith(".kzx"):
                return [*argv[:index], "gui", *argv[index:]]
            return argv
        index += 1
    return argv


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kzcommission",
        description="Certification commission desk. Without a command, starts the application.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite database file (default: the user's data directory; data/ when portable)",
    )
    parser.add_argument(
        "--database", metavar="URL", help="database URL, e.g. postgresql://user@host/name"
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="sign in as NAME for a headless command (password asked, or $KZCOMMISSION_PASSWORD)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_gui(sub)
    demo = sub.add_parser("demo", help="create the demo commission and sitting")
    demo.add_argument("--force", action="store_true", help="add it to a non-empty database")
    demo.set_defaults(handler=_cmd_demo)
    info = sub.add_parser("info", help="list commissions and sittings (--sitting ID: its cases)")
    info.add_argument("--sitting", type=int, default=None, help="list this sitting's cases")
    info.set_defaults(handler=_cmd_info)
    for name in COMMAND_MODULES:
        importlib.import_module(f"kzcommission.{name}").register(sub)
    return parser


# Modules that add subcommands through their register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "commands_print",
    "commands_report",
    "commands_exchange",
    "commands_trust",
    "commands_users",
    "commands_amend",
    "commands_calendar",
    "commands_followup",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(route_package(list(sys.argv[1:] if argv is None else argv)))
    handler: Handler = getattr(args, "handler", _cmd_gui)
    from kzcommission.store.errors import StoreError

    try:
        if args.user and handler is not _cmd_gui:  # the window asks for its own sign-in
            from kzcommission.commands_users import sign_in

            refused = sign_in(args)
            if refused:
                return refused
        if handler is not _cmd_gui:  # issue 18: every door asks the matrix first
            from kzcommission.command_doors import REFUSED_EXIT, refusal

            reason = refusal(args)
            if reason:
                print(f"kzcommission: {reason}", file=sys.stderr)
                return REFUSED_EXIT
        return handler(args)
    except StoreError as exc:
        print(f"kzcommission: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
