"""`kzcommission report`: the consolidated report of a period, headless (PDF, CSV, XLSX)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="the consolidated report of a period")
    parser.add_argument("--from", dest="date_from", type=date.fromisoformat, required=True,
                        metavar="DATE", help="first sitting day, YYYY-MM-DD")  # fmt: skip
    parser.add_argument("--to", dest="date_to", type=date.fromisoformat, required=True,
                        metavar="DATE", help="last sitting day, YYYY-MM-DD")  # fmt: skip
    parser.add_argument("--commission", type=int, help="commission id (see `kzcommission info`)")
    parser.add_argument("--unit", help="only the employees of this unit")
    parser.add_argument("--format", required=True, choices=("pdf", "csv", "xlsx"))
    parser.add_argument("--out", type=Path, required=True, help="file to write")
    parser.add_argument("--lang", default="kk", choices=("kk", "ru", "en"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.reports.consolidated import ReportFilter
    from kzcommission.services.reports.export import build_report, export_report

    if args.date_to < args.date_from:
        print("kzcommission: --to is before --from", file=sys.stderr)
        return 2
    open_database(args.database or args.db)
    flt = ReportFilter(args.date_from, args.date_to, args.commission, args.unit or None)
    try:
        report = build_report(flt)
        path = export_report(report, args.format, args.out, args.lang)
    except ServiceError as exc:
        print(f"kzcommission: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0
