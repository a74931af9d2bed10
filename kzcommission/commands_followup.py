"""Headless follow-up of a sitting (issue 21), on the services the view uses:

    kzcommission followup list SITTING [--today DATE]
    kzcommission followup sign-minutes CASE DATE              (R-DL-6; R-DL-7 anchor)
    kzcommission followup familiarise CASE DATE               (R-DL-7)
    kzcommission followup head-decision CASE DATE [--order N] [--text T] [--reason R]
    kzcommission followup appeal-file CASE DATE [--text T] [--scan FILE]   (R-DOC-8)
    kzcommission followup appeal-decide APPEAL rejected|cancelled DATE [--note T]
    kzcommission followup attach CASE FILE [--step scan|appeal|...]
    kzcommission followup detach FILE_ID --reason TEXT

Dates are dd.mm.yyyy or yyyy-mm-dd. Each command runs as the signed-in user
(``--user``); the services check the role (followup.record, case.edit, ...).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path


def parse_day(text: str) -> date:
    """dd.mm.yyyy or yyyy-mm-dd; argparse names the argument when neither fits."""
    for layout in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a date (dd.mm.yyyy or yyyy-mm-dd)")


def register(sub: argparse._SubParsersAction) -> None:
    from kzcommission.domain.appeals import APPEAL_OUTCOMES
    from kzcommission.services.preparation.campaign import FILE_STEPS, SCAN

    followup = sub.add_parser(
        "followup", help="after the sitting: minutes, familiarisation, head's decision, appeals"
    )
    actions = followup.add_subparsers(dest="followup_action", metavar="ACTION", required=True)

    def action(name: str, handler: Callable[[argparse.Namespace], int], text: str):
        parser = actions.add_parser(name, help=text)
        parser.set_defaults(handler=handler)
        return parser

    listing = action("list", cmd_list, "one line per decided case of a sitting")
    listing.add_argument("sitting", type=int)
    listing.add_argument("--today", type=parse_day, default=None, help="read deadlines on")
    for name, handler, text in (
        ("sign-minutes", cmd_sign_minutes, "the minutes signed on DATE (R-DL-6)"),
        ("familiarise", cmd_familiarise, "results communicated against signature (R-DL-7)"),
    ):
        dated = action(name, handler, text)
        dated.add_argument("case", type=int)
        dated.add_argument("on", type=parse_day, metavar="DATE")
    head = action("head-decision", cmd_head, "the head's decision (R-DOC-7)")
    head.add_argument("case", type=int)
    head.add_argument("on", type=parse_day, metavar="DATE")
    head.add_argument("--order", default="", help="the order's number")
    head.add_argument("--text", default="", help="the decision's text")
    head.add_argument("--reason", default="", help="why a printed decision changes")
    appeal = action("appeal-file", cmd_appeal_file, "an appeal filed (R-DOC-8)")
    appeal.add_argument("case", type=int)
    appeal.add_argument("on", type=parse_day, metavar="DATE")
    appeal.add_argument("--text", default="")
    appeal.add_argument("--scan", type=Path, help="a scan of the appeal, attached to the case")
    outcome = action("appeal-decide", cmd_appeal_decide, "the appeal decided (R-DOC-8)")
    outcome.add_argument("appeal", type=int)
    outcome.add_argument("outcome", choices=APPEAL_OUTCOMES)
    outcome.add_argument("on", type=parse_day, metavar="DATE")
    outcome.add_argument("--note", default="")
    attach = action("attach", cmd_attach, "attach a file to a case, with its SHA-256")
    attach.add_argument("case", type=int)
    attach.add_argument("file", type=Path)
    attach.add_argument("--step", choices=sorted(FILE_STEPS), default=SCAN)
    detach = action("detach", cmd_detach, "detach a file, with the reason")
    detach.add_argument("file_id", type=int)
    detach.add_argument("--reason", required=True)


def _run(args: argparse.Namespace, work: Callable[[], object]) -> int:
    from kzcommission.services.errors import ServiceError
    from kzcommission.services.installation.database import open_database

    open_database(args.database or args.db)
    try:
        work()
    except ServiceError as exc:
        rule = f" ({exc.rule_id})" if exc.rule_id and exc.rule_id not in str(exc) else ""
        print(f"kzcommission: {exc}{rule}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file to attach that cannot be read
        print(f"kzcommission: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "-"


def _entry(entry) -> str:  # noqa: ANN001 - services.sitting.followup_lines.Entry
    due = f", due {_day(entry.due)}" if entry.due else ""
    return f"{_day(entry.done_on)} ({entry.status or 'no deadline'}{due}, {entry.rule_id})"


def line_text(line) -> str:  # noqa: ANN001 - services.sitting.followup_lines.FollowupLine
    head = line.head
    head_text = (
        f"{head.text}; no. {head.order_number}, {_day(head.decided_on)}".strip("; ")
        if head
        else "-"
    )
    appeal = line.appeal
    appeal_text = "-"
    if appeal is not None:
        appeal_text = f"appeal {appeal.id} filed {_day(appeal.filed_on)} [{line.appeal_state}"
        appeal_text += f" {_day(appeal.outcome_on)}]" if appeal.outcome_on else "]"
    appeal_text += " (R-DOC-8)"
    if line.recertify_from:
        appeal_text += f"; re-certification from {_day(line.recertify_from)} (R-ELIG-6)"
    return (
        f"case {line.case_id}: no. {line.number} {line.person_name} [{line.decision}]; "
        f"minutes {_entry(line.minutes)}; familiarised {_entry(line.communicate)}; "
        f"head's decision {head_text} (R-DOC-7); {appeal_text}"
    )


def cmd_list(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import followup_lines

    def work() -> None:
        for line in followup_lines.sitting_lines(args.sitting, args.today):
            print(line_text(line))

    return _run(args, work)


def _saved(_state: object) -> None:
    print("saved")


def cmd_sign_minutes(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import followup

    return _run(args, lambda: _saved(followup.sign_minutes(args.case, args.on)))


def cmd_familiarise(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import followup

    return _run(args, lambda: _saved(followup.familiarise(args.case, args.on)))


def cmd_head(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import followup

    return _run(
        args,
        lambda: _saved(
            followup.record_head_decision(
                args.case, args.on, args.order, args.text, reason=args.reason
            )
        ),
    )


def _read(path: Path) -> bytes:
    from kzcommission.services.preparation import campaign

    campaign.check_size(path.stat().st_size)  # refused before a byte is read
    return path.read_bytes()


def _attach(case_id: int, path: Path, step: str, content: bytes | None = None) -> None:
    from kzcommission.services.preparation import campaign

    content = _read(path) if content is None else content
    view = campaign.attach_file(case_id, step, path.name, content)
    print(f"file {view.id}: {view.file_name} sha256 {view.sha256}")


def cmd_appeal_file(args: argparse.Namespace) -> int:
    from kzcommission.services.preparation import campaign
    from kzcommission.services.sitting import followup

    def work() -> None:
        # The scan is read first: a missing or too large file records no appeal either.
        scan = _read(args.scan) if args.scan is not None else None
        appeal = followup.file_appeal(args.case, args.on, args.text)
        print(f"appeal {appeal.id} filed")
        if scan is not None:
            _attach(args.case, args.scan, campaign.APPEAL, scan)

    return _run(args, work)


def cmd_appeal_decide(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import followup

    def work() -> None:
        appeal = followup.decide_appeal(args.appeal, args.outcome, args.on, args.note)
        print(f"appeal {appeal.id}: {appeal.outcome}")

    return _run(args, work)


def cmd_attach(args: argparse.Namespace) -> int:
    return _run(args, lambda: _attach(args.case, args.file, args.step))


def cmd_detach(args: argparse.Namespace) -> int:
    from kzcommission.services.preparation import campaign

    def work() -> None:
        view = campaign.detach_file(args.file_id, args.reason)
        print(f"file {view.id} detached: {view.file_name}")

    return _run(args, work)
