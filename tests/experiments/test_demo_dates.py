"""The demo's dates are relative to the day it is first loaded, so its phases read like a
live program; loading it again on a later day adds nothing."""

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from experiments import demo
from experiments.models import Experiment, PhaseTransition
from labportal.core.demo_loading import demo_content_load


def test_every_experiment_moved_recently_and_the_phases_last_weeks(db):
    demo_content_load()
    now = timezone.now()
    last_moves = Experiment.objects.annotate(last=Max("transitions__at")).values_list(
        "last", flat=True
    )
    ages = [(now - last).days for last in last_moves]
    assert ages
    assert max(ages) <= 60
    assert min(ages) >= 1
    first = PhaseTransition.objects.order_by("at").first().at
    assert (now - first).days < 365  # not years ago


def test_loading_again_another_day_adds_nothing(db, monkeypatch):
    demo_content_load()
    before = list(PhaseTransition.objects.order_by("pk").values_list("experiment_id", "at"))
    later = demo.history.today_morning() + dt.timedelta(days=45)
    monkeypatch.setattr(demo, "today_morning", lambda: later)
    monkeypatch.setattr(demo.history, "today_morning", lambda: later)
    demo_content_load()
    after = list(PhaseTransition.objects.order_by("pk").values_list("experiment_id", "at"))
    assert after == before
