"""`kzcommission export / import / exchange-key`: packages between an office and the centre."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="write the sealed package of a finalized sitting")
    export.add_argument("sitting", type=int)
    export.add_argument("--out", type=Path, required=True, help="package file (.kzx)")
    export.add_argument("--lang", default="kk", choices=("kk", "ru", "en", "kk+ru"))
    export.set_defaults(handler=_export)
    receive = sub.add_parser("import", help="verify a package and add its sitting")
    receive.add_argument("package", type=Path)
    receive.set_defaults(handler=_import)
    key = sub.add_parser("exchange-key", help="set the key shared with the centre or an office")
    group = key.add_mutually_exclusive_group(required=True)
    group.add_argument("--generate", action="store_true", help="make a new key and print it")
    group.add_argument("--set", metavar="KEY", help="store a key received from the other side")
    key.set_defaults(handler=_key)


def _open(args: argparse.Namespace) -> None:
    from kzcommission.services.database import open_database

    open_database(args.database or args.db)


def _export(args: argparse.Namespace) -> int:
    from kzcommission.services.exchange import export_package

    _open(args)
    print(export_package(args.sitting, args.out, lang=args.lang))
    return 0


def _import(args: argparse.Namespace) -> int:
    from kzcommission.services.exchange import PackageRefused, import_package

    _open(args)
    try:
        report = import_package(args.package)
    except PackageRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    if report.already_present:
        print(f"sitting {report.sitting_uuid} was already imported; nothing changed")
    else:
        print(
            f"imported sitting {report.sitting_uuid} from {report.office}: "
            f"{report.cases} cases, every tally recounted"
        )
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _key(args: argparse.Namespace) -> int:
    from kzcommission.services import secrets
    from kzcommission.services.exchange.package import KEY_SECRET

    text = secrets.new_key_text() if args.generate else args.set
    secrets.key_bytes(text)  # refuses a malformed key before storing it
    secrets.set_secret(KEY_SECRET, text)
    if args.generate:
        print(text)
    return 0
