"""`kzcommission export / import / exchange-key`: packages between an office and the centre."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzcommission.commands_trust import _secrets_option, _use_secrets


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="write the sealed package of a finalized sitting")
    export.add_argument("sitting", type=int)
    export.add_argument("--out", type=Path, required=True, help="package file (.kzx)")
    export.add_argument("--lang", default="kk", choices=("kk", "ru", "en", "kk+ru"))
    _secrets_option(export)
    export.set_defaults(handler=_export)
    receive = sub.add_parser("import", help="verify a package and add its sitting")
    receive.add_argument("package", type=Path)
    receive.add_argument(
        "--merge",
        action="store_true",
        help="a person or the commission known here under another name is the same one: "
        "import, keeping the name here (without it such a package is refused)",
    )
    _secrets_option(receive)
    receive.set_defaults(handler=_import)
    key = sub.add_parser("exchange-key", help="set the key shared with the centre or an office")
    group = key.add_mutually_exclusive_group(required=True)
    group.add_argument("--generate", action="store_true", help="make a new key and print it")
    group.add_argument("--set", metavar="KEY", help="store a key received from the other side")
    _secrets_option(key)  # made if it does not exist yet (the key is its first secret)
    key.set_defaults(handler=_key)


def _refused(exc: object) -> int:
    """A secrets or service refusal as one line for the user, exit code 2 (no traceback)."""
    print(f"kzcommission: {exc}", file=sys.stderr)
    return 2


def _open(args: argparse.Namespace, *, create_secrets: bool = False) -> None:
    from kzcommission.services.installation.database import open_database

    _use_secrets(args, create=create_secrets)
    if create_secrets:
        return  # exchange-key touches only the secrets store
    open_database(args.database or args.db)


def _export(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.exchange import export_package
    from kzcommission.services.trust.secrets import SecretsError

    try:
        _open(args)
        print(export_package(args.sitting, args.out, lang=args.lang))
    except (SecretsError, ServiceError) as exc:
        return _refused(exc)
    return 0


def _import(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.exchange import PackageRefused, import_package
    from kzcommission.services.trust.secrets import SecretsError

    try:
        _open(args)
        report = import_package(args.package, merge=args.merge)
    except PackageRefused as exc:
        print(exc, file=sys.stderr)
        if exc.mergeable:
            print("if they are the same, import again with --merge", file=sys.stderr)
        return 1
    except (SecretsError, ServiceError) as exc:
        return _refused(exc)
    sitting = f"sitting {report.sitting_words()} of {report.sender()}"
    if report.already_present and report.steps:
        print(f"{sitting} was already imported; {report.steps} deadline steps brought up to date")
    elif report.already_present:
        print(f"{sitting} was already imported; nothing changed")
    else:
        print(f"imported {sitting}: {report.cases} cases, every tally recounted")
    for m in report.merged:
        print(f"merged: {m['what']} {m['package']!r} is {m['here']!r} here ({m['uuid']})")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _key(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.exchange.keys import KeyRefused, parse_key, set_exchange_key
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import secrets

    text = secrets.new_key_text() if args.generate else args.set
    try:
        parse_key(text)  # a weak or malformed key is refused before anything is opened
        _open(args, create_secrets=True)
        open_database(args.database or args.db)  # the change is a history entry
        key_id = set_exchange_key(text)
    except KeyRefused as exc:
        return _refused(_key_refusal(exc))
    except (secrets.SecretsError, ServiceError) as exc:
        return _refused(exc)
    if args.generate:
        print(text)
    store = secrets.current_store()
    print(f"exchange key {key_id} stored in the {store.description}", file=sys.stderr)
    return 0


def _key_refusal(exc: Exception) -> str:
    """Why the key was refused (a ``KeyRefused``), in the interface language (issue 18)."""
    from kzcommission.command_doors import interface_language
    from kzcommission.i18n import tr
    from kzcommission.services.exchange.keys import MIN_KEY_BYTES

    reason, length = getattr(exc, "reason", "malformed"), getattr(exc, "length", 0)
    return tr(f"cli.key.{reason}", interface_language(), count=length,
              minimum=MIN_KEY_BYTES)  # fmt: skip
