"""Headless trust commands: verify-db, adopt-history, verify, sign, backup, restore.

Passphrases are never taken on the command line (they would stay in the shell
history): from an environment variable, or asked on the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kzcommission import preferences

SECRETS_PASSPHRASE = "KZCOMMISSION_SECRETS_PASSPHRASE"
BACKUP_PASSPHRASE = "KZCOMMISSION_BACKUP_PASSPHRASE"
P12_PASSWORD = "KZCOMMISSION_P12_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify-db",
        help="check the history chain and the ballots for tampering "
        "(exit 0 intact, 1 altered, 2 could not be verified)",
    )
    p.add_argument(
        "--list-unsealed",
        action="store_true",
        help="list every entry written without the history key, for adoption",
    )
    _secrets_option(p)
    p.set_defaults(handler=cmd_verify_db)

    p = sub.add_parser(
        "adopt-history",
        help="administrator: adopt entries FIRST..LAST written without the history key",
    )
    p.add_argument("first", type=int)
    p.add_argument("last", type=int)
    p.add_argument("--yes", action="store_true", help="adopt without asking (after listing)")
    _secrets_option(p)
    p.set_defaults(handler=cmd_adopt_history)

    p = sub.add_parser(
        "verify", help="check a signed PDF: signature, detached FILE.cms, digest, QR code"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--cms", type=Path, help="the detached CMS signature (default: FILE.cms)")
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CERT",
        help="a certificate (PEM or DER) to trust as a root; repeatable (the data folder's "
        "trusted-certificates/ is always read)",
    )
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser(
        "sign",
        help="sign PDFs: with an NCA RK key through NCALayer (--ncalayer: a detached FILE.cms "
        "beside each), or with a PKCS#12 certificate (--p12: a visible stamp)",
    )
    p.add_argument("file", type=Path)
    p.add_argument("more", type=Path, nargs="*", help="more PDFs (with --ncalayer)")
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument(
        "--p12", type=Path, help=f"certificate file; password: ${P12_PASSWORD} or asked"
    )
    way.add_argument(
        "--ncalayer",
        action="store_true",
        help="sign each file with the key chosen in NCALayer (wss://127.0.0.1:13579)",
    )
    p.add_argument("--lang", choices=("kk", "ru", "en"), default="ru", help="NCALayer's language")
    p.add_argument("--out", type=Path, help="output (default: FILE-signed.pdf)")
    p.add_argument("--reason", default="")
    p.set_defaults(handler=cmd_sign)

    p = sub.add_parser("backup", help="write an encrypted backup of the database now")
    p.add_argument(
        "--folder", type=Path, help="where (default: the settings' folder, else the data directory)"
    )
    p.add_argument(
        "--keep",
        type=int,
        help="backups to keep (default: the settings' count, "
        f"else {preferences.BACKUP_KEEP.default})",
    )
    p.add_argument(
        "--passphrase",
        action="store_true",
        help=f"encrypt with a passphrase (${BACKUP_PASSPHRASE} or asked) instead of the stored key",
    )
    _secrets_option(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (preview first)")
    p.add_argument("backup", type=Path)
    p.add_argument("--yes", action="store_true", help="replace without asking")
    _secrets_option(p)
    p.set_defaults(handler=cmd_restore)


def _secrets_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--secrets-file",
        type=Path,
        metavar="PATH",
        help=f"encrypted secrets file to use where no keyring exists "
        f"(passphrase: ${SECRETS_PASSPHRASE} or asked)",
    )


def _ask(variable: str, prompt: str) -> str | None:
    value = os.environ.get(variable)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


def _use_secrets(args: argparse.Namespace, *, create: bool = False) -> None:
    """Use the encrypted secrets file given with --secrets-file (``create``: make it if it
    does not exist yet)."""
    from kzcommission.services.trust import secrets

    if getattr(args, "secrets_file", None):
        passphrase = _ask(SECRETS_PASSPHRASE, "passphrase of the secrets file: ")
        if not passphrase:
            raise secrets.SecretsError(f"give the passphrase in ${SECRETS_PASSPHRASE}")
        store = secrets.EncryptedFileStore(args.secrets_file, passphrase, create=create)
        secrets.use_store(store)


def _db_path(args: argparse.Namespace) -> Path:
    from kzcommission.services.installation.database import default_database_path

    return Path(args.db) if args.db else default_database_path()


def cmd_verify_db(args: argparse.Namespace) -> int:
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import integrity, secrets

    try:
        _use_secrets(args)
    except secrets.SecretsError as exc:
        print(f"kzcommission: {exc}", file=sys.stderr)
        return 2
    where = open_database(args.database or args.db)
    refused = _refused("history.verify")
    if refused:
        return refused
    report = integrity.verify_database()
    print(f"database: {where}")
    print(f"history: {report.entries} entries, {report.sealed} verified")
    for problem in report.problems:
        label = "TAMPERED" if problem in report.tampered else "UNVERIFIED"
        print(f"{label}: {problem.message}")
    if getattr(args, "list_unsealed", False):
        _print_stretches(integrity.unsealed_stretches())
    if report.outcome == integrity.INTACT:
        print("OK: the whole history was verified with the key; the ballots match it")
    elif report.outcome == integrity.UNVERIFIED:
        print(
            "NOT VERIFIED: nothing altered was found, but the history could not be verified "
            "as a whole (see above)"
        )
    else:
        print(f"FIRST PROBLEM: {report.tampered[0].message}")
    return report.exit_code


def _print_stretches(stretches: list) -> None:
    for stretch in stretches:
        print(f"unsealed entries #{stretch.first} to #{stretch.last}:")
        for seq, at, actor, action, after in stretch.entries:
            print(f"  #{seq} {at} {actor} {action} {after[:120]}")


def cmd_adopt_history(args: argparse.Namespace) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import integrity, secrets

    try:
        _use_secrets(args)
    except secrets.SecretsError as exc:
        print(f"kzcommission: {exc}", file=sys.stderr)
        return 2
    open_database(args.database or args.db)
    wanted = [
        s for s in integrity.unsealed_stretches() if (s.first, s.last) == (args.first, args.last)
    ]
    if not wanted:
        print(
            f"kzcommission: entries #{args.first} to #{args.last} are not an unsealed stretch "
            "awaiting adoption (verify-db --list-unsealed lists them)",
            file=sys.stderr,
        )
        return 2
    _print_stretches(wanted)
    if not args.yes:
        if not sys.stdin.isatty():
            print("kzcommission: give --yes after reading the list", file=sys.stderr)
            return 2
        if input("adopt these entries as the installation's own? [y/N] ").strip().lower() != "y":
            return 1
    try:
        count = integrity.adopt(args.first, args.last)
    except ServiceError as exc:
        print(f"kzcommission: {exc}", file=sys.stderr)
        return 2
    print(f"adopted {count} entries (#{args.first} to #{args.last})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import cms_signature, signing

    open_database(args.database or args.db)
    checked = cms_signature.verify_document(args.file, args.cms, args.trust)
    report, detached = checked.report, checked.detached
    if detached is not None:
        _print_detached(detached)
    print(f"file: {args.file}")
    for sig in report.signatures:
        state = "intact" if sig.intact and sig.valid else "BROKEN"
        print(f"signature {sig.field}: {state}; signed by {sig.signer} at {sig.signed_at}")
    if report.digest:
        print(f"digest: {report.digest}")
    for issued in report.registered:
        print(
            f"registered: {issued.kind} ({issued.lang}) issued {issued.issued_at} "
            f"{issued.file_name}"
        )
    if report.qr:
        print(f"QR code: {report.qr}")
    for issued in report.issued_file:
        print(f"file: the exact bytes of {issued.file_name}, issued {issued.issued_at}")
    for note in report.notes:
        print(f"NOTE: {note}")
    for reason in report.unverified:
        print(f"UNVERIFIED: {reason}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    verdicts = {
        signing.INTACT: "OK: the document is intact and was issued here",
        signing.ALTERED: "ALTERED: the document was changed, or was not issued here",
        signing.UNVERIFIED: "NOT VERIFIED: nothing vouches for this file (see above)",
    }
    outcome = checked.outcome
    if outcome == signing.INTACT and report.outcome != signing.INTACT:
        verdicts[signing.INTACT] = "OK: the document is intact and signed (detached CMS)"
    print(verdicts[outcome])
    return checked.exit_code


def _print_detached(check) -> None:  # noqa: ANN001 - cms_signature.CmsCheck
    state = {"intact": "intact", "altered": "BROKEN", "unverified": "not verified"}[check.outcome]
    when = f" at {check.signed_at:%d.%m.%Y %H:%M %Z}" if check.signed_at else ""
    print(
        f"CMS signature: {state}; signed by {check.signer}, IIN {check.iin}{when} "
        f"({check.cms.name})"
    )
    for reason in check.unverified:
        print(f"UNVERIFIED: {reason}")
    for problem in check.problems:
        print(f"PROBLEM: {problem}")


def _refused(action: str) -> int:
    """2 with the reason when the signed-in user (or nobody) may not do ``action``."""
    from kzcommission.services import permissions
    from kzcommission.services.errors import ServiceError

    try:
        permissions.require(action)
    except ServiceError as exc:
        print(f"kzcommission: REFUSED: {exc} (sign in with --user NAME)", file=sys.stderr)
        return 2
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    from kzcommission.files import write_atomic
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import signing

    # The accounts of the database decide who may sign; without it nobody is checked.
    open_database(args.database or args.db)
    refused = _refused("documents.sign")
    if refused:
        return refused
    if args.ncalayer:
        return _sign_with_ncalayer([args.file, *args.more], args.lang)
    if args.more:
        print("kzcommission: --p12 signs one file at a time", file=sys.stderr)
        return 2
    password = _ask(P12_PASSWORD, f"password of {args.p12.name}: ")
    out = args.out or args.file.with_name(args.file.stem + "-signed.pdf")
    signed = signing.sign_pdf(args.file.read_bytes(), args.p12, password, reason=args.reason)
    write_atomic(out, signed)
    print(out)
    return 0


def _sign_with_ncalayer(files: list[Path], lang: str) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.trust import cms_signature

    def progress(done: int, total: int) -> None:
        if done < total:
            print(f"signing {files[done].name} ({done + 1} of {total}) in NCALayer...")

    try:
        kept = cms_signature.sign_files(files, lang, progress=progress)
    except ServiceError as exc:
        print(f"kzcommission: {exc}; nothing was signed", file=sys.stderr)
        return 2
    for path in kept:
        print(path)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from kzcommission.services.installation import backups
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import secrets

    passphrase = None
    try:
        _use_secrets(args)
        if args.passphrase:
            passphrase = _ask(BACKUP_PASSPHRASE, "backup passphrase: ")
            if not passphrase:
                raise backups.BackupError(f"give the passphrase in ${BACKUP_PASSPHRASE}")
        open_database(args.database or args.db)
        # The folder and count the GUI's settings dialog saved, unless given here.
        backups.configure_from(preferences.open_store(), args.folder, args.keep)
        print(backups.backup_now(reason="manual", passphrase=passphrase))
    except (backups.BackupError, secrets.SecretsError, ValueError) as exc:
        print(f"kzcommission: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kzcommission.services.installation import backups, restore
    from kzcommission.services.trust import secrets

    target = _db_path(args)
    try:
        _use_secrets(args)
        header, _head, _rest = backups.read_header(args.backup)
        passphrase = None
        if header.get("key") == "passphrase":
            passphrase = _ask(BACKUP_PASSPHRASE, "backup passphrase: ")
        preview = restore.preview_restore(args.backup, target, passphrase)
    except (backups.BackupError, secrets.SecretsError) as exc:
        print(f"kzcommission: REFUSED: {exc}", file=sys.stderr)
        return 2
    print(f"restoring into {target}")
    print(preview.describe())
    if not args.yes:
        print("nothing replaced: run again with --yes to replace the current database")
        return 1
    refused = _may_restore(target)
    if refused:
        print(f"kzcommission: REFUSED: {refused}", file=sys.stderr)
        return 2
    kept = restore.restore_backup(args.backup, target, passphrase)
    print(f"restored; the replaced database is kept as {kept}" if kept else "restored")
    return 0


def _may_restore(target: Path) -> str:
    """Only an administrator replaces a database (accounts are those of the current one);
    the database is closed afterwards, so the swap can take place. "" when allowed."""
    from kzcommission.services import permissions
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation.database import close_database, open_database

    if not target.exists():
        return ""
    try:
        open_database(target)
        permissions.require("backup.restore")
    except ServiceError as exc:
        return f"{exc} (sign in as an administrator with --user NAME)"
    finally:
        close_database()
    return ""
