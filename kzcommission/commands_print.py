"""`kzcommission print`: the print pack of a sitting, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("print", help="print the minutes, sheets and scorecards of a sitting")
    parser.add_argument("sitting", type=int, help="sitting id (see `kzcommission info`)")
    parser.add_argument("--lang", default="kk", choices=("kk", "ru", "en", "kk+ru"))
    parser.add_argument("--out", type=Path, required=True, help="folder for the PDF files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kzcommission.services import printing
    from kzcommission.services.database import open_database

    open_database(args.database or args.db)

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} files", end="", file=sys.stderr, flush=True)

    files = printing.print_pack(args.sitting, args.lang, args.out, progress=progress)
    print(file=sys.stderr)
    for path in files:
        print(path)
    return 0
