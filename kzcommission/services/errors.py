"""Errors a service raises for the user to read: what, where, and which rule."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused action. ``field`` names the input at fault; ``rule_id`` the rule."""

    def __init__(self, message: str, *, field: str | None = None, rule_id: str | None = None):
        self.field = field
        self.rule_id = rule_id
        super().__init__(message)


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class LockedError(ServiceError):
    """The sitting is finalized; only an amendment may change it."""
