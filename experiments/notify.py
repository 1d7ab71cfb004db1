"""Telling the team and the owner about a move on the wheel (transitions_record calls this)."""

from django.utils.translation import gettext as _

from labportal.accounts.models import User
from labportal.notifications.models import Notification
from labportal.notifications.services import notifications_create

from .enums import Decision, Phase, TransitionKind
from .models import PhaseTransition


def transition_recipients(transition: PhaseTransition) -> list[User]:
    """The team and the owner, except whoever made the move (they know)."""
    experiment = transition.experiment
    users = list(
        User.objects.filter(memberships__experiment=experiment, is_active=True).exclude(
            pk=transition.by_id
        )
    )
    owner = experiment.owner
    if owner is not None and owner.is_active and owner.pk != transition.by_id:
        users.append(owner)
    return users


def transition_url(transition: PhaseTransition) -> str:
    return f"{transition.experiment.get_absolute_url()}#transition-{transition.pk}"


def _render(transition: PhaseTransition) -> tuple[str, str]:
    """Subject and body in the active language (notifications_create sets the recipient's)."""
    values = {
        "title": transition.experiment.title,
        "by": str(transition.by) if transition.by else _("Someone"),
        "from": Phase(transition.from_phase).label if transition.from_phase else "–",
        "to": Phase(transition.to_phase).label,
        "note": transition.note,
    }
    kind = transition.kind
    if kind == TransitionKind.LAUNCH:
        subject = _("“%(title)s” has been launched") % values
        body = _("%(by)s launched the experiment “%(title)s”: it moved from %(from)s to %(to)s.")
    elif kind == TransitionKind.BACK:
        subject = _("“%(title)s” moved back to %(to)s") % values
        body = _("%(by)s moved the experiment “%(title)s” back from %(from)s to %(to)s.")
    elif kind == TransitionKind.DECISION:
        values["decision"] = Decision(transition.decision).label
        subject = _("Decision on “%(title)s”: %(decision)s") % values
        body = _("%(by)s recorded the decision “%(decision)s” for the experiment “%(title)s”.")
    else:
        subject = _("“%(title)s” moved on to %(to)s") % values
        body = _("%(by)s moved the experiment “%(title)s” from %(from)s to %(to)s.")
    note_line = _("Note: %(note)s") % values
    return subject[:200], f"{body % values}\n\n{note_line}"


def transition_notify(*, transition: PhaseTransition) -> list[Notification]:
    """One notification (inbox + e-mail) per team member and the owner."""
    return notifications_create(
        recipients=transition_recipients(transition),
        render=lambda: _render(transition),
        url=transition_url(transition),
    )
