"""Errors a service raises for the user to read: what, where, and which rule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from kzcommission.domain.errors import RuleError


class ServiceError(Exception):
    """A refused action. ``field`` names the input at fault; ``rule_id`` the rule.

    ``key`` and ``params`` name the reason in the refusal catalogue, as for the
    domain's ``RuleError``; ``message`` is the English text for logs and scripts.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        rule_id: str | None = None,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.field = field
        self.rule_id = rule_id
        self.key = key
        self.params = dict(params or {})
        super().__init__(message)


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class LockedError(ServiceError):
    """The sitting is finalized; only an amendment may change it."""


@contextmanager
def rules() -> Iterator[None]:
    """Turn a domain RuleError into the ServiceError the screens show, keeping rule and field.

    Services ask the domain for a rule (each rule implemented once, there) inside
    this block instead of checking it again themselves.
    """
    try:
        yield
    except RuleError as error:
        raise ServiceError(  # refusal: passes on
            str(error), field=error.field, rule_id=error.rule_id, key=error.key,
            params=error.params,
        ) from error  # fmt: skip
