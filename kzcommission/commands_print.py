"""`kzcommission print`: the print pack of a sitting, or one case's paper, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ONLY = ("characteristic", "familiarisation", "summary")  # case_documents.CASE_DOCUMENTS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("print", help="print the minutes, sheets and scorecards of a sitting")
    parser.add_argument("sitting", type=int, help="sitting id (see `kzcommission info`)")
    parser.add_argument("--lang", default="kk", choices=("kk", "ru", "en", "kk+ru"))
    parser.add_argument("--out", type=Path, required=True, help="folder for the PDF files")
    parser.add_argument(
        "--only",
        choices=ONLY,
        help="print only this form of one case (Decree 490 App. 2 characteristic, the "
        "familiarisation slip, or the personal-file extract of a finalized sitting's case) "
        "instead of the pack; needs --case",
    )
    parser.add_argument(
        "--case",
        type=int,
        metavar="N",
        help="the case's number in the sitting, as the minutes number it (1, 2, ...)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.papers import printing

    if (args.only is None) != (args.case is None):
        print("--only and --case go together", file=sys.stderr)
        return 2
    open_database(args.database or args.db)
    if args.only:
        from kzcommission.services.errors import ServiceError
        from kzcommission.services.papers import case_documents

        try:
            case_id = case_documents.case_by_number(args.sitting, args.case)
            path = case_documents.print_case_document(args.only, case_id, args.lang, args.out)
        except ServiceError as exc:
            print(f"kzcommission: {exc}", file=sys.stderr)
            return 1
        print(path)
        return 0

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} files", end="", file=sys.stderr, flush=True)

    files = printing.print_pack(args.sitting, args.lang, args.out, progress=progress)
    print(file=sys.stderr)
    for path in files:
        print(path)
    return 0
