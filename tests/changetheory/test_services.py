"""Change theories' rules: one subject (program xor track), edits by their owners only, each
recorded with who and when, stale editors refused, bad input refused, and the health."""

import pytest
from django.db import IntegrityError, transaction

from changetheory import selectors, services
from changetheory.exceptions import ChangeTheoryError, NotAllowed, StaleTheory
from changetheory.models import ChangeTheory, Sign, SignExperiment
from experiments.enums import Decision, Phase
from labportal.accounts.enums import Role
from tests.factories import ExperimentFactory, ProgramFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return UserFactory(username="ejer", roles=[Role.STAFF, Role.STRATEGIC])


@pytest.fixture
def program(owner):
    return ProgramFactory(owner=owner)


@pytest.fixture
def theory(program, owner):
    return services.theory_create(subject=program, by=owner)


def test_a_theory_belongs_to_a_program_or_a_track_never_both_or_neither(program):
    track = TrackFactory(program=program)
    for values in ({}, {"program": program, "track": track}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ChangeTheory.objects.create(slug="x", **values)
    ChangeTheory.objects.create(slug="p", program=program)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeTheory.objects.create(slug="p2", program=program)  # one per program


def test_only_the_strategic_owner_or_an_administrator_creates_and_edits(program, owner):
    staff = UserFactory(roles=[Role.STAFF])
    other_strategic = UserFactory(roles=[Role.STAFF, Role.STRATEGIC])
    admin = UserFactory(roles=[Role.STAFF, Role.ADMINISTRATOR])
    for person in (staff, other_strategic):
        with pytest.raises(NotAllowed):
            services.theory_create(subject=program, by=person)
    assert not ChangeTheory.objects.exists()
    theory = services.theory_create(subject=program, by=owner)
    assert services.theory_create(subject=program, by=admin) == theory  # the one there is
    with pytest.raises(NotAllowed):
        services.theory_update(
            theory=theory, by=other_strategic, expected_version=1, desired_practice="x"
        )
    services.theory_update(theory=theory, by=admin, expected_version=1, desired_practice="y")


def test_a_track_owner_edits_the_tracks_theory_not_the_programs(program):
    track_owner = UserFactory(roles=[Role.STAFF, Role.STRATEGIC])
    track = TrackFactory(program=program, owner=track_owner)
    track_theory = services.theory_create(subject=track, by=track_owner)
    assert track_theory.track == track
    with pytest.raises(NotAllowed):
        services.theory_create(subject=program, by=track_owner)


def test_every_edit_is_recorded_with_who_and_moves_the_version_on(theory, owner):
    services.theory_update(
        theory=theory, by=owner, expected_version=1, desired_practice="Ledere sparrer"
    )
    sign = services.sign_add(theory=theory, by=owner, expected_version=2, text="Flere møder")
    theory.refresh_from_db()
    assert theory.version == 3
    versions = list(theory.history.order_by("history_date"))
    assert [v.desired_practice for v in versions] == ["", "Ledere sparrer", "Ledere sparrer"]
    assert sign.history.get().text == "Flere møder"


def test_a_stale_editor_is_refused_and_nothing_is_written(theory, owner):
    services.theory_update(theory=theory, by=owner, expected_version=1, challenge="Først")
    with pytest.raises(StaleTheory):
        services.theory_update(theory=theory, by=owner, expected_version=1, challenge="Sidst")
    theory.refresh_from_db()
    assert (theory.challenge, theory.version) == ("Først", 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "cannot be empty"), ("a\x00b", "cannot be stored"), ("x" * 5001, "longer than")],
)
def test_a_bad_sign_is_refused_with_a_message(theory, owner, text, message, in_english):
    with pytest.raises(ChangeTheoryError, match=message):
        services.sign_add(theory=theory, by=owner, expected_version=1, text=text)
    assert not Sign.objects.exists()


def test_an_experiment_of_another_program_cannot_serve_a_sign(theory, owner, in_english):
    sign = services.sign_add(theory=theory, by=owner, expected_version=1, text="Tegn")
    stranger = ExperimentFactory(title="Fremmed")
    with pytest.raises(ChangeTheoryError, match="another program"):
        services.link_add(sign=sign, experiment=stranger, by=owner, expected_version=2)
    ours = ExperimentFactory(program=theory.program)
    services.link_add(sign=sign, experiment=ours, by=owner, expected_version=2)
    with pytest.raises(ChangeTheoryError, match="already serves"):
        services.link_add(sign=sign, experiment=ours, by=owner, expected_version=3)
    assert SignExperiment.objects.count() == 1


def test_reordering_needs_exactly_the_signs_there_are(theory, owner):
    first = services.sign_add(theory=theory, by=owner, expected_version=1, text="Et")
    second = services.sign_add(theory=theory, by=owner, expected_version=2, text="To")
    with pytest.raises(StaleTheory):
        services.signs_reorder(theory=theory, by=owner, expected_version=3, sign_ids=[second.pk])
    services.signs_reorder(
        theory=theory, by=owner, expected_version=3, sign_ids=[second.pk, first.pk]
    )
    assert list(theory.signs.values_list("text", flat=True)) == ["To", "Et"]


def test_the_health_names_what_is_missing_and_how_far_each_sign_has_come(theory, owner):
    page = selectors.theory_page(theory.slug)
    assert page.missing == ["no_desired_practice", "no_signs"]

    version = services.theory_update(
        theory=theory, by=owner, expected_version=1, desired_practice="Ny praksis"
    ).version
    served = services.sign_add(theory=theory, by=owner, expected_version=version, text="A")
    unserved = services.sign_add(theory=theory, by=owner, expected_version=version + 1, text="B")
    program = theory.program
    early = ExperimentFactory(program=program, phase=Phase.DESIGN)
    done = ExperimentFactory(program=program, phase=Phase.IMPLEMENTATION, decision=Decision.ADOPTED)
    concept = ExperimentFactory(program=program, phase=Phase.CONCEPT)
    lonely = ExperimentFactory(program=program, phase=Phase.PRE)
    version += 2
    for experiment in (early, done, concept):
        services.link_add(sign=served, experiment=experiment, by=owner, expected_version=version)
        version += 1

    page = selectors.theory_page(theory.slug)
    assert page.missing == [f"sign_unserved:{unserved.pk}", f"experiment_unlinked:{lonely.pk}"]
    progress = {s.text: s.progress for s in page.signs}["A"]
    assert progress.experiments == 3
    assert progress.reached == {Phase.ANALYSIS: 2, Phase.CONCEPT: 2, Phase.IMPLEMENTATION: 1}
    assert progress.adopted == 1

    services.link_add(sign=unserved, experiment=lonely, by=owner, expected_version=version)
    assert selectors.theory_page(theory.slug).complete


def test_the_experiment_page_knows_the_signs_it_serves(theory, owner):
    sign = services.sign_add(theory=theory, by=owner, expected_version=1, text="Tegn")
    experiment = ExperimentFactory(program=theory.program)
    services.link_add(sign=sign, experiment=experiment, by=owner, expected_version=2)
    [(found, signs)] = selectors.signs_served_by(experiment)
    assert (found, [s.text for s in signs]) == (theory, ["Tegn"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_owners_saving_at_once_one_wins_the_other_is_told(program, owner):
    import threading

    from django.db import connection

    admin = UserFactory(roles=[Role.STAFF, Role.ADMINISTRATOR])
    theory = services.theory_create(subject=program, by=owner)
    barrier, outcomes = threading.Barrier(2), {}

    def save(person, text):
        barrier.wait()
        try:
            services.theory_update(
                theory=theory, by=person, expected_version=1, desired_practice=text
            )
            outcomes[text] = "saved"
        except StaleTheory:
            outcomes[text] = "stale"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=args) for args in ((owner, "Ejers"), (admin, "Admins"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["saved", "stale"]
    theory.refresh_from_db()
    winner = next(text for text, outcome in outcomes.items() if outcome == "saved")
    assert (theory.desired_practice, theory.version) == (winner, 2)
