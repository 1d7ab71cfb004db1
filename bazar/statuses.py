"""The event's status flow and the one table of what each status allows.

    planning → open → running → closed → follow_up → mapped
    (and one step back: open → planning)

`ALLOWS` is the only place that says which action a status allows; services ask
`allows(event, action)` (or `require(event, action)`, which raises WrongStatus with a message
naming the status and what it allows) and pages ask `allows` to show or hide a button.
Who may act is a separate question, answered by rules.py.
"""

from django.utils.translation import gettext as _

from .enums import Action, EventStatus
from .exceptions import WrongStatus

S, A = EventStatus, Action

ALLOWS: dict[EventStatus, frozenset[Action]] = {
    S.PLANNING: frozenset({A.EDIT_SETUP, A.INVITE}),
    S.OPEN: frozenset({A.EDIT_SETUP, A.INVITE, A.PRE_REGISTER}),
    S.RUNNING: frozenset({A.CHECK_IN, A.WRITE_CARD, A.SEE_COLLECTION}),
    S.CLOSED: frozenset({A.SEE_COLLECTION}),
    S.FOLLOW_UP: frozenset({A.SEE_COLLECTION, A.FORM_GROUPS, A.SURVEY}),
    S.MAPPED: frozenset({A.SEE_COLLECTION}),
}

ORDER: tuple[EventStatus, ...] = (
    S.PLANNING,
    S.OPEN,
    S.RUNNING,
    S.CLOSED,
    S.FOLLOW_UP,
    S.MAPPED,
)

# The only step back: an event opened too early goes back to planning.
BACK: dict[EventStatus, EventStatus] = {S.OPEN: S.PLANNING}


def allows(event_or_status, action: Action) -> bool:
    """Whether the event's status (or a status given directly) allows `action`."""
    status = getattr(event_or_status, "status", event_or_status)
    return Action(action) in ALLOWS[EventStatus(status)]


def next_status(status) -> EventStatus | None:
    """The status after `status`, or None for the last one."""
    index = ORDER.index(EventStatus(status))
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def moves_from(status) -> list[EventStatus]:
    """Where an event in `status` may move: the next status, then the step back if any."""
    status = EventStatus(status)
    return [s for s in (next_status(status), BACK.get(status)) if s is not None]


def allowed_labels(status) -> str:
    """What `status` allows, as a readable list in the current language ("–" for nothing)."""
    status = EventStatus(status)
    labels = [str(action.label) for action in Action if action in ALLOWS[status]]
    return ", ".join(labels) or "–"


def require(event, action: Action) -> None:
    """Raise WrongStatus unless the event's status allows `action`; the message says the
    status and what it allows."""
    if allows(event, action):
        return
    status = EventStatus(event.status)
    raise WrongStatus(
        _(
            "The event is “%(status)s”, so you cannot %(action)s now. "
            "In this status you can: %(allowed)s."
        )
        % {
            "status": status.label,
            "action": Action(action).label,
            "allowed": allowed_labels(status),
        }
    )
