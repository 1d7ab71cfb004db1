"""Every move on the wheel is recorded here, whoever makes it: the wheel's services, creating
an experiment, the booklet importer and the JSON importer (with the times they import).

A recorded move can notify the team and owner: the notifications (and the job that e-mails
them) are written in the same transaction as the move, so a move that is rolled back tells
nobody and a move that is kept tells everyone, whatever the broker does.
"""

from collections.abc import Iterable

from django.utils import timezone

from .models import PhaseTransition


def transitions_record(moves: Iterable[dict], *, notify: bool = False) -> list[PhaseTransition]:
    """Store each move (the fields of a PhaseTransition; `at` defaults to now, `from_phase`
    and `decision` to empty) in one query; with `notify`, tell the people concerned. Return
    the stored transitions."""
    now = timezone.now()
    transitions = PhaseTransition.objects.bulk_create(
        PhaseTransition(**{"at": now, "from_phase": "", "decision": ""} | move) for move in moves
    )
    if notify:
        from .notify import transition_notify

        for transition in transitions:
            transition_notify(transition=transition)
    return transitions
