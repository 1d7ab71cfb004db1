"""Change theories' JSON section reads and writes in a fixed number of queries, whatever the
size."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changetheory.models import ChangeTheory, Sign, SignExperiment
from changetheory.portability import import_change_theories, theories_rows
from experiments.models import Experiment
from labportal.organisation.models import Program, Track
from labportal.portability.context import Context, ImportReport
from labportal.portability.people import People
from labportal.portability.reading import Source
from tests.factories import ExperimentFactory, ProgramFactory, TrackFactory
from tests.portability.conftest import portal  # noqa: F401 - the portal every test builds on

pytestmark = pytest.mark.django_db

PROGRAM, TRACK = "nye-ledelsesformer", "udforskende"


# --- queries -----------------------------------------------------------------------------


def build(n_theories: int, n_signs: int, n_links: int) -> None:
    """n theories (one per program), each with n signs, each served by n experiments."""
    for t in range(n_theories):
        program = ProgramFactory(slug=f"p{t}")
        experiments = [
            ExperimentFactory(program=program, track=None, slug=f"e{t}-{n}") for n in range(n_links)
        ]
        theory = ChangeTheory.objects.create(slug=f"t{t}", program=program, challenge="x")
        track_theory = ChangeTheory.objects.create(
            slug=f"t{t}-spor", track=TrackFactory(program=program)
        )
        for position in range(n_signs):
            for owner in (theory, track_theory):
                sign = Sign.objects.create(theory=owner, text=f"Tegn {position}", position=position)
                sign.experiments.set(experiments)


def export_queries() -> tuple[int, list[dict]]:
    with CaptureQueriesContext(connection) as queries:
        rows = list(theories_rows(chunk_size=500))
    return len(queries.captured_queries), rows


def section_source(rows: list[dict]) -> Source:
    text = json.dumps({"format": "labportal/1", "change_theories": rows}).encode()
    return Source(io.BytesIO(text)).scan()


def import_queries(rows: list[dict]) -> int:
    ctx = Context(report=ImportReport(), people=People())
    ctx.refs["programs"] = dict(Program.objects.values_list("slug", "pk"))
    ctx.refs["tracks"] = {t.slug: (t.pk, t.program_id) for t in Track.objects.all()}
    source = section_source(rows)
    with CaptureQueriesContext(connection) as queries:
        import_change_theories(ctx, source)
    return len(queries.captured_queries)


@pytest.mark.postgresql(reason="SQLite splits a bulk insert by its limit on parameters")
def test_export_and_import_run_a_fixed_number_of_queries_whatever_the_size(in_english):
    build(1, 1, 1)
    small_export, small = export_queries()
    ChangeTheory.objects.all().delete()
    Experiment.objects.all().delete()
    build(3, 12, 6)  # 6 theories, 72 signs, 432 links
    large_export, large = export_queries()

    assert small_export == large_export == 3  # theories, signs, their experiments
    assert sum(len(row["signs"]) for row in large) == 3 * 2 * 12
    # Into an empty portal: created in bulk.
    ChangeTheory.objects.all().delete()
    small_import = import_queries(small[:2])
    ChangeTheory.objects.all().delete()
    large_import = import_queries(large)
    assert large_import == small_import
    assert SignExperiment.objects.count() == 3 * 2 * 12 * 6
    # Again, nothing to change: reads only.
    # subjects, experiments, theories (locked), signs, links
    assert import_queries(large) == 5
