"""model_update: only what differs is set, saved and reported."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from labportal.core.updating import model_update
from tests.factories import ExperimentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_nothing_changed_writes_nothing():
    experiment = ExperimentFactory(title="Mødekultur", summary="Kort")
    with CaptureQueriesContext(connection) as queries:
        changed = model_update(experiment, {"title": "Mødekultur", "summary": "Kort"})
    assert changed == []
    assert len(queries) == 0


def test_saves_only_changed_fields_and_updated_at():
    experiment = ExperimentFactory(title="Før", summary="Samme")
    before = experiment.updated_at
    with CaptureQueriesContext(connection) as queries:
        changed = model_update(experiment, {"title": "Efter", "summary": "Samme"})
    assert changed == ["title"]
    update = next(q["sql"] for q in queries if q["sql"].startswith("UPDATE"))
    assert '"title"' in update
    assert '"updated_at"' in update
    assert '"summary"' not in update
    experiment.refresh_from_db()
    assert experiment.title == "Efter"
    assert experiment.updated_at > before


def test_related_objects_compare_by_primary_key():
    experiment = ExperimentFactory()
    same = experiment.program
    assert model_update(experiment, {"program": same}) == []
    other = ProgramFactory()
    assert model_update(experiment, {"program": other}) == ["program"]
    experiment.refresh_from_db()
    assert experiment.program_id == other.pk


def test_without_save_only_sets_for_bulk_callers():
    experiment = ExperimentFactory(start_date=None)
    changed = model_update(experiment, {"start_date": dt.date(2026, 1, 5)}, save=False)
    assert changed == ["start_date"]
    assert experiment.start_date == dt.date(2026, 1, 5)
    experiment.refresh_from_db()
    assert experiment.start_date is None
