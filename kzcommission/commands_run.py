"""What every headless command does around its service call: open the database, run,
and turn a refusal into a message on stderr and exit code 1 (never a traceback)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def run_on_database(args: argparse.Namespace, work: Callable[[], object]) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation.database import open_database

    open_database(args.database or args.db)
    try:
        work()
    except ServiceError as exc:
        problems = getattr(exc, "problems", None)  # a file refused whole: every bad cell
        if problems:
            print("kzcommission: the file was refused; nothing was imported:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem.message}", file=sys.stderr)
        else:
            print(f"kzcommission: {exc}", file=sys.stderr)
        return 1
    return 0
