"""Headless calendar decisions (R-DL-9): what the deadlines are computed with, and a year's
transfers imported by the administrator.

    kzcommission calendar list
    kzcommission --user ADMIN calendar import FILE.csv

The file has the columns kind,date,day_off,decree,source (see
resources/calendar/README.md); it is taken whole or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kzcommission.commands_run import run_on_database


def register(sub: argparse._SubParsersAction) -> None:
    calendar = sub.add_parser(
        "calendar", help="the yearly transfers of days off: list, import (administrator)"
    )
    actions = calendar.add_subparsers(dest="calendar_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every decision the deadlines are computed with")
    listing.set_defaults(handler=cmd_list)
    importing = actions.add_parser("import", help="import a year's decisions from a CSV file")
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=cmd_import)


def cmd_list(args: argparse.Namespace) -> int:
    from kzcommission.domain.workdays import is_provisional
    from kzcommission.services.preparation import calendar

    def show() -> None:
        lines = calendar.decisions()
        for line in lines:
            row = line.row
            moved = f" -> day off {row.day_off:%d.%m.%Y}" if row.day_off else ""
            origin = "imported" if line.imported else "shipped"
            print(f"{row.on:%d.%m.%Y} {row.kind}{moved}; {row.decree} [{origin}]")
        years = sorted({line.row.year for line in lines})
        if years:
            following = years[-1] + 1
            state = "provisional" if is_provisional(following) else "firm"
            print(f"{following} and later: {state} (until its decisions are imported)")

    return run_on_database(args, show)


def cmd_import(args: argparse.Namespace) -> int:
    from kzcommission.services.preparation import calendar

    def run() -> None:
        years = calendar.import_file(args.file)
        print(f"imported the calendar decisions of {', '.join(map(str, years))}")

    return run_on_database(args, run)
