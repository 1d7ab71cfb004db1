"""transitions_record: the one place a move on the wheel is written."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction

from experiments.enums import Phase, TransitionKind
from experiments.transitions import transitions_record
from labportal.notifications.models import Notification
from tests.factories import ExperimentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_records_moves_with_given_and_default_times():
    experiment = ExperimentFactory()
    by = UserFactory()
    imported_at = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    first, second = transitions_record(
        [
            {
                "experiment": experiment,
                "kind": TransitionKind.IMPORT,
                "to_phase": Phase.CONCEPT,
                "by": by,
                "at": imported_at,
                "note": "Importeret",
            },
            {
                "experiment": experiment,
                "kind": TransitionKind.FORWARD,
                "from_phase": Phase.CONCEPT,
                "to_phase": Phase.IMPLEMENTATION,
                "by": by,
                "note": "Videre",
            },
        ]
    )
    stored = list(experiment.transitions.order_by("at"))
    assert [t.pk for t in stored] == [first.pk, second.pk]
    assert stored[0].at == imported_at
    assert stored[0].from_phase == ""
    assert stored[1].at > imported_at


def test_notifies_only_when_asked_and_e_mails_only_after_commit(
    django_capture_on_commit_callbacks,
):
    experiment = ExperimentFactory(owner=UserFactory(email="owner@example.org"))
    move = {"experiment": experiment, "kind": TransitionKind.FORWARD, "to_phase": Phase.ACTION}
    transitions_record([{**move, "note": "stille"}])
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks() as told:
        transitions_record([{**move, "note": "sagt"}], notify=True)
    assert Notification.objects.get().recipient == experiment.owner  # with the move
    published = [c for c in told if c.__qualname__.startswith("record.")]
    assert len(published) == 1  # the e-mail job is published at commit
    assert mail.outbox == []


def test_a_rolled_back_move_leaves_nothing(django_capture_on_commit_callbacks):
    experiment = ExperimentFactory()
    move = {
        "experiment": experiment,
        "kind": TransitionKind.FORWARD,
        "to_phase": Phase.ACTION,
        "note": "fortrudt",
    }

    @transaction.atomic
    def move_then_fail():
        transitions_record([move], notify=True)
        raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        move_then_fail()
    assert callbacks == []
    assert not experiment.transitions.exists()
    assert not Notification.objects.exists()
