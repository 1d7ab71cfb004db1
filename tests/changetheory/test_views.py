"""The change-theory pages: the list by program and track, one theory with its texts,
diagram, health and history, and the theories an experiment serves on its page."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from changetheory import services
from changetheory.models import ChangeTheory
from experiments.enums import Decision, Phase
from labportal.core import fragments
from tests.changetheory.pages_support import HTMX, url, version_of, world_fixture  # noqa: F401
from tests.factories import ExperimentFactory, TrackFactory

# The wording is asserted in English: the Danish comes with the translation catalogue.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

INDEX = reverse("changetheory:index")
CREATE = reverse("changetheory:create")


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def link(world, sign, experiment):
    theory = world["theory"]
    services.link_add(
        sign=sign, experiment=experiment, by=world["owner"], expected_version=version_of(theory)
    )


def add_sign(world, text):
    theory = world["theory"]
    return services.sign_add(
        theory=theory, by=world["owner"], expected_version=version_of(theory), text=text
    )


# --- the list ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "creates"),
    [("owner", True), ("admin", True), ("staff", False), ("leader", False), ("stranger", False)],
)
def test_the_list_shows_programs_tracks_and_create_buttons_to_owners(
    client_for, world, person, creates
):
    page = html(client_for(world[person]).get(INDEX))
    assert "Nye ledelsesformer" in page
    assert "Et andet program" in page
    assert f'<a href="{url("detail", world["theory"])}">Nye ledelsesformer</a>' in page
    assert "Incomplete" in page
    # The track has no theory yet; the other program neither (and it has no owner).
    assert page.count('name="track" value="udforskende"') == (1 if creates else 0)
    assert page.count('name="program" value="andet"') == (1 if person == "admin" else 0)
    assert page.count("Create change theory") == page.count('class="button button-secondary')
    assert ("No change theory yet" in page) == (person != "admin")  # admins create any


def test_the_list_says_when_a_theory_is_complete(client_for, world):
    theory = world["theory"]
    services.theory_update(
        theory=theory, by=world["owner"], expected_version=1, desired_practice="P"
    )
    link(world, add_sign(world, "Et tegn"), world["experiment"])
    page = html(client_for(world["staff"]).get(INDEX))
    assert re.search(
        r"theory-status-complete\">Complete</span>\s*<span class=\"meta\">1 sign", page
    )
    ExperimentFactory(track=world["track"])  # an experiment that serves no sign
    assert "Incomplete" in html(client_for(world["staff"]).get(INDEX))


def test_the_list_has_an_empty_state(client_for, make_user, db):
    page = html(client_for(make_user("staff")).get(INDEX))
    assert "There are no programs yet" in page


@pytest.mark.parametrize("n", [1, 8])
def test_the_list_runs_a_constant_number_of_queries(
    client_for, world, n, django_assert_num_queries
):
    for _i in range(n):
        track = TrackFactory(program=world["program"])
        services.theory_create(subject=track, by=world["owner"])
    client = client_for(world["owner"])
    client.get(INDEX)
    with django_assert_num_queries(5):  # user, groups, theories, programs, their tracks
        page = html(client.get(INDEX))
    # Both programs: a header row, the program's row, its tracks (one each in the world).
    assert page.count("<tr>") == 2 * 3 + n


def test_the_owner_creates_a_track_theory_and_lands_in_the_editor(client_for, world):
    response = client_for(world["owner"]).post(CREATE, {"track": "udforskende"})
    theory = ChangeTheory.objects.get(track=world["track"])
    assert response.status_code == 302
    assert response["Location"] == url("edit", theory)
    again = client_for(world["admin"]).post(CREATE, {"track": "udforskende"})
    assert again["Location"] == url("edit", theory)  # the one there is
    assert ChangeTheory.objects.count() == 2


def test_a_program_called_new_gets_a_theory_its_page_can_show(client_for, world):
    from tests.factories import ProgramFactory

    program = ProgramFactory(slug="new", title="Nyt program", owner=world["owner"])
    response = client_for(world["owner"]).post(CREATE, {"program": "new"})
    theory = ChangeTheory.objects.get(program=program)
    assert theory.slug == "new-2"  # /changetheory/new/ is the create button's address
    assert response["Location"] == url("edit", theory)
    assert "Change theory: Nyt program" in html(
        client_for(world["staff"]).get(url("detail", theory))
    )


def test_others_may_not_create_and_bad_posts_are_refused(client_for, world):
    for person in ("staff", "leader", "stranger"):
        response = client_for(world[person]).post(CREATE, {"track": "udforskende"})
        assert response.status_code == 403
    response = client_for(world["owner"]).post(CREATE, {"track": "x", "program": "ledelse"})
    assert response.status_code == 400
    assert "Choose either a program or a trial track." in response.content.decode()
    assert client_for(world["owner"]).post(CREATE, {"track": "ukendt"}).status_code == 404
    assert ChangeTheory.objects.count() == 1


# --- one theory ----------------------------------------------------------------------------


def test_the_theory_page_shows_texts_findings_and_progress(client_for, world):
    theory, owner = world["theory"], world["owner"]
    services.theory_update(
        theory=theory,
        by=owner,
        expected_version=1,
        challenge="Ledere arbejder i **siloer**",
        hypothesis="Hvis ledere sparrer, så <script>x</script> lærer de",
        actions=["Tid til møder"],
        effects_short=["Mere sparring"],
        effects_long=["En delt kultur"],
    )
    served, unserved = add_sign(world, "Ledere deler viden"), add_sign(world, "Ingen silo")
    track = world["track"]
    in_analysis = world["experiment"]
    in_analysis.phase = Phase.ANALYSIS
    in_analysis.save()
    adopted = ExperimentFactory(
        title="Indført", track=track, phase=Phase.IMPLEMENTATION, decision=Decision.ADOPTED
    )
    in_design = ExperimentFactory(title="Tidligt", track=track, phase=Phase.DESIGN)
    for experiment in (in_analysis, adopted, in_design):
        link(world, served, experiment)
    lonely = ExperimentFactory(title="Ensomt forsøg", track=track)

    page = html(client_for(world["staff"]).get(url("detail", theory)))
    assert "Ledere arbejder i <strong>siloer</strong>" in page  # Markdown
    assert "<script>x" not in page
    assert "Tid til møder" in page
    assert "En delt kultur" in page
    findings = page.split('class="theory-findings-list"')[1].split("</ul>")[0]
    assert "The desired practice is not described." in findings
    assert "No experiment serves the sign “Ingen silo”." in findings
    assert f'href="#sign-{unserved.pk}"' in findings
    assert "The experiment “Ensomt forsøg” serves none of the signs." in findings
    assert f'href="{lonely.get_absolute_url()}"' in findings
    assert "Describe it" not in findings  # the editor's link, for editors only
    row = page.split(f'<tr id="sign-{served.pk}">')[1].split("</tr>")[0]
    numbers = re.findall(r'<td class="theory-number">(\d+)</td>', row)
    assert numbers == ["2", "1", "1", "1"]  # analysis, concept, implementation; adopted
    assert row.count('href="/experiments/') == 3
    assert "Incomplete" in page


def test_a_complete_theory_says_so(client_for, world):
    theory = world["theory"]
    services.theory_update(
        theory=theory, by=world["owner"], expected_version=1, desired_practice="P"
    )
    link(world, add_sign(world, "Tegn"), world["experiment"])
    page = html(client_for(world["leader"]).get(url("detail", theory)))
    assert "theory-findings-list" not in page
    assert "Complete: the desired practice is described" in page


def test_the_diagram_shows_the_signs_and_their_experiments(client_for, world):
    sign = add_sign(world, "Synligt tegn")
    link(world, sign, world["experiment"])
    page = html(client_for(world["staff"]).get(url("detail", world["theory"])))
    diagram = page.split('id="sec-diagram"')[1].split("</section>")[0]
    assert "Synligt tegn" in diagram
    assert "Tre rum i praksis" in diagram


def test_an_unknown_theory_is_not_found(client_for, world):
    client = client_for(world["staff"])
    for name in ("detail", "history"):
        assert client.get(reverse(f"changetheory:{name}", args=["ukendt"])).status_code == 404


def fill(world, signs: int, experiments: int):
    theory = world["theory"]
    made = [add_sign(world, f"Tegn {i}") for i in range(signs)]
    rows = ExperimentFactory.create_batch(experiments, track=world["track"])
    for i, experiment in enumerate(rows):
        link(world, made[i % signs], experiment)
    ExperimentFactory(track=world["track"])  # one that serves none
    return theory


@pytest.mark.parametrize(("signs", "experiments"), [(1, 1), (30, 200)])
def test_the_theory_page_runs_a_constant_number_of_queries(
    client_for, world, signs, experiments, django_assert_num_queries
):
    theory = fill(world, signs, experiments)
    client = client_for(world["owner"])
    client.get(url("detail", theory))  # warm up the session
    with django_assert_num_queries(QUERIES_DETAIL):
        page = html(client.get(url("detail", theory)))
    assert page.count('<tr id="sign-') == signs
    # No desired practice; two experiments serve no sign (the world's and fill's).
    assert page.count('class="theory-finding"') == 3


# user, groups; theory_page: theory, signs, their experiments, the program's tracks,
# experiments serving no sign.
QUERIES_DETAIL = 7


# --- history -------------------------------------------------------------------------------


def test_the_history_shows_who_changed_what_and_when(client_for, world):
    owner_client = client_for(world["owner"])
    theory = world["theory"]
    owner_client.post(
        url("edit_practice", theory),
        {"version": 1, "desired_practice": "Første udgave"},
        **HTMX,
    )
    owner_client.post(
        url("edit_practice", theory),
        {"version": 2, "desired_practice": "Anden udgave"},
        **HTMX,
    )
    owner_client.post(url("edit_signs", theory), {"version": 3, "op": "add", "text": "Et tegn"})
    sign = theory.signs.get()
    owner_client.post(
        url("edit_links", theory),
        {"version": 4, "op": "add", "sign": sign.pk, "experiment": world["experiment"].pk},
    )
    page = html(client_for(world["leader"]).get(url("history", theory)))
    edits = re.findall(r'<li class="theory-edit">(.*?)</li>', page, re.S)
    assert len(edits) == 5  # created, two texts, a sign, a link: newest first
    assert "Ella Ejer" in edits[0]
    assert "Experiment linked to the sign “Et tegn”" in edits[0]
    assert "Tre rum i praksis" in edits[0]
    assert "Sign added" in edits[1]
    assert "Et tegn" in edits[1]
    assert "Første udgave" in edits[2]
    assert "Anden udgave" in edits[2]  # before and after
    assert "Change theory created" in edits[4]
    assert "Version" not in page  # the version number is no change of its own
    partial = client_for(world["leader"]).get(url("history", theory), **HTMX)
    assert partial.content.decode().lstrip().startswith('<ol class="theory-history no-max-width">')


@pytest.mark.parametrize("n", [1, 15])
def test_the_history_runs_a_constant_number_of_queries(
    client_for, world, n, django_assert_num_queries
):
    theory = world["theory"]
    for i in range(n):
        sign = add_sign(world, f"Tegn {i}")
        link(world, sign, ExperimentFactory(track=world["track"]))
    client = client_for(world["staff"])
    client.get(url("history", theory))
    with django_assert_num_queries(7):  # user, groups, theory, its records, signs', links', titles
        page = html(client.get(url("history", theory)))
    assert page.count("Sign added") == n


# --- the experiment page -------------------------------------------------------------------


def test_the_experiment_page_lists_the_theories_and_signs_it_serves(client_for, world):
    experiment = world["experiment"]
    client = client_for(world["staff"])
    page = html(client.get(experiment.get_absolute_url()))
    assert "It serves no sign of a change theory yet." in page
    sign = add_sign(world, "Ledere deler viden")
    link(world, sign, experiment)  # after the page was cached: the cache must let go
    track_theory = services.theory_create(subject=world["track"], by=world["owner"])
    track_sign = services.sign_add(
        theory=track_theory, by=world["owner"], expected_version=1, text="Nysgerrige ledere"
    )
    services.link_add(sign=track_sign, experiment=experiment, by=world["owner"], expected_version=2)
    page = html(client.get(experiment.get_absolute_url()))
    wheel = page.split('id="wheel-panel"')[1]
    assert f'href="{url("detail", world["theory"])}">Change theory: Nye ledelsesformer</a>' in wheel
    assert f'href="{url("detail", world["theory"])}#sign-{sign.pk}">Ledere deler viden</a>' in wheel
    assert f'href="{url("detail", track_theory)}#sign-{track_sign.pk}">Nysgerrige ledere' in wheel
    services.sign_update(
        sign=sign,
        by=world["owner"],
        expected_version=version_of(world["theory"]),
        text="Omdøbt tegn",
    )
    assert "Omdøbt tegn" in html(client.get(experiment.get_absolute_url()))


def test_the_experiment_page_adds_one_query_only_when_rendered_afresh(
    client_for, world, django_assert_num_queries
):
    experiment = world["experiment"]
    link(world, add_sign(world, "Tegn"), experiment)
    client = client_for(world["staff"])
    client.get(experiment.get_absolute_url())
    cache.delete(fragments.GENERATION_KEY)
    with django_assert_num_queries(QUERIES_EXPERIMENT):
        html(client.get(experiment.get_absolute_url()))
    with django_assert_num_queries(QUERIES_EXPERIMENT_CACHED):
        assert "Tegn</a>" in html(client.get(experiment.get_absolute_url()))


# As tests/experiments/test_views_detail.py counts them for an experiment with no concepts
# (user, groups, experiment, team, transitions), plus the signs it serves and its bazar booths;
# from the fragment cache only user and groups.
QUERIES_EXPERIMENT = 7
QUERIES_EXPERIMENT_CACHED = 2
