"""Every move on the wheel is recorded here, whoever makes it: the wheel's services, creating
an experiment, the booklet importer and the JSON importer (with the times they import).

A recorded move can notify the team and owner; the notification task is enqueued only once
the transaction commits, so a move that is rolled back tells nobody.
"""

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from .models import PhaseTransition


def transitions_record(moves: Iterable[dict], *, notify: bool = False) -> list[PhaseTransition]:
    """Store each move (the fields of a PhaseTransition; `at` defaults to now, `from_phase`
    and `decision` to empty) in one query; with `notify`, tell the people concerned after
    commit. Return the stored transitions."""
    now = timezone.now()
    transitions = PhaseTransition.objects.bulk_create(
        PhaseTransition(**{"at": now, "from_phase": "", "decision": ""} | move) for move in moves
    )
    if notify:
        for transition in transitions:
            transaction.on_commit(partial(_enqueue_notification, transition.pk))
    return transitions


def _enqueue_notification(transition_id: int) -> None:
    from .tasks import notify_transition

    notify_transition.delay(transition_id=transition_id)
