"""Domain errors of the concepts' workflow: a translated message and an HTTP status each."""

from django.utils.translation import gettext as _


class ConceptError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ConceptError):
    status = 403


class WrongStatus(ConceptError):
    """The concept or version is no longer where the person saw it (a double click, two
    administrators at once)."""

    status = 409


class SourceRefused(ConceptError):
    """An experiment that has not reached conceptualisation cannot be a source."""


class StaleEdit(ConceptError):
    """Someone else saved the concept after the edit form was opened: `current` is the
    stored concept and `version` the fingerprint to carry to save over it."""

    status = 409

    def __init__(self, *, current, version: str):
        super().__init__(
            _(
                "Someone else saved changes to this concept after you opened the form, so "
                "your changes were not saved. Their text and yours are shown side by side; "
                "your text is still in the form. Adjust it and save again to replace theirs."
            )
        )
        self.current = current
        self.version = version
