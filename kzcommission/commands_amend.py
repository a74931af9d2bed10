"""Headless amendments of a finalized sitting: request with a reason, the chair signs.

    kzcommission amend list SITTING
    kzcommission amend request SITTING FIELD NEW --reason TEXT [--case ID]
    kzcommission --user CHAIR amend sign AMENDMENT

The original record stays as it was; signed amendments print as the addendum to
the minutes with the pack (``kzcommission print``).
"""

from __future__ import annotations

import argparse

from kzcommission.commands_run import run_on_database


def register(sub: argparse._SubParsersAction) -> None:
    from kzcommission.services.sitting.amendments import CASE_FIELDS, SITTING_FIELDS

    amend = sub.add_parser("amend", help="amendments of a finalized sitting: list, request, sign")
    actions = amend.add_subparsers(dest="amend_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the amendments of a sitting")
    listing.add_argument("sitting", type=int)
    listing.set_defaults(handler=cmd_list)
    request = actions.add_parser("request", help="ask for a correction, with its reason")
    request.add_argument("sitting", type=int)
    request.add_argument("field", choices=sorted({*CASE_FIELDS, *SITTING_FIELDS}))
    request.add_argument("new", help="the corrected value")
    request.add_argument("--reason", required=True)
    request.add_argument("--case", type=int, help="the case id (info lists the sittings)")
    request.set_defaults(handler=cmd_request)
    sign = actions.add_parser("sign", help="the chair signs an amendment off")
    sign.add_argument("amendment", type=int)
    sign.set_defaults(handler=cmd_sign)


def _line(a) -> str:  # noqa: ANN001 - services.sitting.amendments.AmendmentView
    where = f"case {a.case_id} ({a.person_name})" if a.case_id else "the sitting"
    state = f"signed by {a.signed_by} {a.signed_at:%d.%m.%Y %H:%M}" if a.signed else "not signed"
    return f"amendment {a.id}: {where}, {a.field}: {a.old!r} -> {a.new!r}; {a.reason} [{state}]"


def cmd_list(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import amendments

    return run_on_database(
        args, lambda: [print(_line(a)) for a in amendments.list_amendments(args.sitting)]
    )


def cmd_request(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import amendments

    return run_on_database(
        args,
        lambda: print(
            _line(
                amendments.request_amendment(
                    args.sitting, args.field, args.new, args.reason, case_id=args.case
                )
            )
        ),
    )


def cmd_sign(args: argparse.Namespace) -> int:
    from kzcommission.services.sitting import amendments

    return run_on_database(args, lambda: print(_line(amendments.sign_amendment(args.amendment))))
