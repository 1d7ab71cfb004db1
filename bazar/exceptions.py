"""Domain errors of the bazar: a translated message and an HTTP status each.

Views answer `error.status` with `error.message`; nothing was changed when one is raised.
"""


class BazarError(Exception):
    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class NotAllowed(BazarError):
    """The person may not do this (rules.py said no)."""

    status = 403


class WrongStatus(BazarError):
    """The event's status does not allow this (statuses.py), or someone moved it meanwhile."""

    status = 409


class Refused(BazarError):
    """The input cannot be accepted: a booth of another event, a text too long, a visitor
    who is not invited, a duplicate."""

    status = 400
