"""Domain errors of the experiment wheel. Each carries a translated message and an HTTP status."""

from django.utils.translation import gettext as _


class ExperimentError(Exception):
    """Base class: `message` is shown to the user, `status` is the HTTP answer."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ExperimentError):
    """The person's role does not allow this."""

    status = 403


class TransitionNotAllowed(NotAllowed):
    """The person may not make this move on the wheel."""


class InvalidTransition(ExperimentError):
    """The move does not fit the experiment's phase (e.g. a skipped phase)."""

    status = 400


class NoteRequired(ExperimentError):
    status = 400

    def __init__(self, message: str | None = None):
        super().__init__(message or _("Write a note: every move on the wheel needs one."))


class ReasonRequired(NoteRequired):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("Write a reason: a step back needs one."))


class StaleTransition(ExperimentError):
    """Someone else moved the experiment after the form was opened."""

    status = 409

    def __init__(self, message: str, *, current_phase: str):
        super().__init__(message)
        self.current_phase = current_phase


class SlugTaken(ExperimentError):
    status = 400


class SubmissionUsed(ExperimentError):
    """The new-experiment form was sent before: `experiment` is the one it created."""

    status = 303

    def __init__(self, experiment):
        super().__init__(
            _("This form had already been sent; it created the experiment “%(title)s”.")
            % {"title": experiment.title}
        )
        self.experiment = experiment


class StaleEdit(ExperimentError):
    """Someone else saved the experiment after the edit form was opened.

    `current` is the experiment as stored now, `current_team` its team when the form names
    the team (else None), and `version` the version to carry in the form to save over it."""

    status = 409

    def __init__(self, *, current, current_team, version: str):
        super().__init__(
            _(
                "Someone else saved changes to this experiment after you opened the form, so "
                "your changes were not saved. Their text and yours are shown side by side; "
                "your text is still in the form. Adjust it and save again to replace theirs."
            )
        )
        self.current = current
        self.current_team = current_team
        self.version = version
