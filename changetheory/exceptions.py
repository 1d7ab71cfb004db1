"""Errors of change-theory editing, each with a translated message and an HTTP status."""


class ChangeTheoryError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ChangeTheoryError):
    status = 403


class StaleTheory(ChangeTheoryError):
    """Someone saved the theory after this form was loaded."""

    status = 409
