"""The demo's change theories (changetheory/demo.py): a complete program theory and three
track theories whose signs are served by experiments in different phases, owned by the
demo's strategic account, loaded idempotently, and a byte-identical round trip."""

import io

import pytest
from django.core.management import call_command

from changetheory import selectors
from changetheory.demo import PROGRAM_THEORY, TRACK_THEORIES
from changetheory.models import LIST_FIELDS, TEXT_FIELDS, ChangeTheory, Sign, SignExperiment
from experiments.enums import Phase
from labportal.accounts.models import User
from labportal.organisation.demo import PROGRAM_SLUG, TRACKS
from tests.fuzz_support import changed_tables, snapshot
from tests.portability.helpers import export_text, wipe_portal

pytestmark = pytest.mark.django_db

EARLY = {Phase.PRE, Phase.DESIGN, Phase.ACTION}
FILLED = TEXT_FIELDS + LIST_FIELDS


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db, in_english):
    return run_demo()


def test_the_program_and_each_track_have_a_theory(demo):
    theories = ChangeTheory.objects.select_related("program", "track")
    assert {t.program.slug for t in theories if t.program_id} == {PROGRAM_SLUG}
    assert {t.track.slug for t in theories if t.track_id} == {t["slug"] for t in TRACKS}
    assert "4 change theories: 4 created, 0 updated, 0 unchanged." in demo
    for theory in theories:
        empty = [name for name in FILLED if not getattr(theory, name)]
        assert empty == [], theory.slug
        assert 3 <= theory.signs.count() <= 5, theory.slug


def test_the_program_theory_is_complete(demo):
    page = selectors.theory_page(PROGRAM_SLUG)
    assert page.missing == []
    assert page.complete
    served = {e.slug for sign in page.signs for e in sign.experiments_shown}
    assert len(served) == 22  # every demo experiment serves one of its signs


@pytest.mark.parametrize("track", [t["slug"] for t in TRACKS])
def test_track_signs_are_served_in_different_phases(demo, track):
    page = selectors.theory_page(track)
    phases = [{e.phase for e in sign.experiments_shown} for sign in page.signs]
    assert all(phases), "every sign is served"
    assert any(Phase.IMPLEMENTATION in p for p in phases)
    assert any(p <= EARLY for p in phases)  # served only by experiments not yet far
    reached = [sign.progress.reached[Phase.ANALYSIS] for sign in page.signs]
    assert max(reached) > 0
    assert min(reached) == 0
    assert any(sign.progress.adopted for sign in page.signs) == (track != "udforskende-ledelse")


def test_the_exploring_theory_shows_an_unlinked_experiment(demo):
    missing = selectors.theory_page("udforskende-ledelse").missing
    unlinked = [code for code in missing if code.startswith("experiment_unlinked:")]
    assert len(unlinked) == len(missing) == 1


def test_the_demo_strategist_owns_every_theory(demo):
    strateg = User.objects.get(username="strateg")
    for theory in selectors.theory_queryset():
        assert strateg.has_perm("changetheory.change", theory), theory.slug
    leder = User.objects.get(username="leder")
    assert not leder.has_perm("changetheory.change", ChangeTheory.objects.first())


def test_running_demo_twice_changes_nothing(demo):
    before = snapshot(exclude=("django_session", "axes_accessattempt", "axes_accesslog"))

    second = run_demo()

    after = snapshot(exclude=("django_session", "axes_accessattempt", "axes_accesslog"))
    changed = changed_tables(before, after)
    assert [t for t in changed if t.startswith("changetheory_")] == []
    assert "4 change theories: 0 created, 0 updated, 4 unchanged." in second
    assert ChangeTheory.objects.filter(version=1).count() == 4


def test_the_demo_round_trips_byte_identically(demo, tmp_path):
    before = export_text()
    wipe_portal()
    assert not Sign.objects.exists()
    path = tmp_path / "demo.json"
    path.write_text(before, encoding="utf-8")

    call_command("import_portal", str(path), stdout=io.StringIO())

    assert export_text() == before
    assert SignExperiment.objects.count() == sum(
        len(sign["experiments"])
        for theory in (PROGRAM_THEORY, *TRACK_THEORIES)
        for sign in theory["signs"]
    )
