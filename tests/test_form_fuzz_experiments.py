"""The experiment forms fuzzed (the wheel's moves, create, edit with the team): never a 5xx,
never a changed row on a refused submit."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from experiments.enums import Decision, Phase
from experiments.forms import (
    AdvanceForm,
    DecisionForm,
    ExperimentCreateForm,
    ExperimentEditForm,
    LaunchForm,
    StepBackForm,
)
from experiments.models import Experiment
from tests.form_fuzz_site import Outcomes, ids, site_fixture  # noqa: F401 (a fixture)
from tests.fuzz_support import (
    FUZZ,
    form_data,
    hidden_fields,
    readable_text,
    rolled_back,
    snapshot,
)

pytestmark = pytest.mark.django_db

PASSWORD = "secret-password"
# django-axes records every failed sign-in: that row is the point of a refusal there.
AXES_TABLES = ("axes_accessattempt", "axes_accessfailurelog", "axes_accesslog")

text = readable_text.filter(str.strip)
dates = st.dates().map(str)


# --- the wheel ----------------------------------------------------------------------------

WHEEL_FORMS = {
    "launch": LaunchForm,
    "advance": AdvanceForm,
    "step_back": StepBackForm,
    "decide": DecisionForm,
}
# A phase in which each move is open to an administrator on the team.
OPEN_IN = {
    "launch": [Phase.PRE],
    "advance": [Phase.DESIGN, Phase.ACTION, Phase.ANALYSIS, Phase.CONCEPT],
    "step_back": [Phase.DESIGN, Phase.ACTION, Phase.ANALYSIS, Phase.CONCEPT, Phase.IMPLEMENTATION],
    "decide": [Phase.IMPLEMENTATION],
}


def wheel_fields(form_class, phase: Phase) -> dict[str, st.SearchStrategy]:
    target = phase.previous() if form_class is StepBackForm else phase.next()
    valid = {
        "expected_phase": st.just(phase.value),
        "to_phase": st.just(target.value if target else ""),
        "note": text,
        "decision": st.sampled_from(Decision.values),
    }
    form = form_class()
    return {form.add_prefix(name): valid[name] for name in form.fields}


@pytest.mark.parametrize("action", list(WHEEL_FORMS))
def test_wheel_fuzz(site, client, action):
    experiment = site["experiment"]
    client.force_login(site["admin"])
    url = reverse(f"experiments:{action}", kwargs={"slug": experiment.slug})
    outcomes = Outcomes()

    @st.composite
    def move(draw):
        phase = draw(st.sampled_from([*OPEN_IN[action], *Phase]))
        form_class = WHEEL_FORMS[action]
        required = tuple(form_class().add_prefix(n) for n in ("expected_phase", "note", "decision"))
        fields = wheel_fields(form_class, phase)
        data = draw(form_data(fields, required=tuple(n for n in required if n in fields)))
        return phase, data

    @FUZZ
    @given(move=move(), htmx=st.booleans())
    def run(move, htmx):
        phase, data = move
        with rolled_back():
            Experiment.objects.filter(pk=experiment.pk).update(phase=phase)
            before = snapshot()
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.post(url, data, headers=headers)
            done = response.status_code == (200 if htmx else 302)
            outcomes.check(response, before, done=done)

    run()
    outcomes.assert_both()


# --- create and edit ----------------------------------------------------------------------


def visible_fields(form) -> list[str]:
    """The fields a person fills in; hidden ones come from the rendered page."""
    return [name for name, field in form.fields.items() if not field.widget.is_hidden]


def experiment_fields(site, names: list[str]) -> dict[str, st.SearchStrategy]:
    programs = [t.program for t in site["tracks"]]
    valid = {
        "title": text,
        "slug": st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,40}\Z"),
        "program": ids(programs),
        "track": ids(site["tracks"]),
        "institution": ids([site["institution"]]),
        "owner": ids([site["strategic"]]),
        "team": st.lists(ids(site["users"]), max_size=3),
        "start_date": dates,
        "end_date": dates,
    }
    return {name: valid.get(name, readable_text) for name in names}


def post_fuzzed_form(client, url: str, fields: dict, required: tuple, outcomes: Outcomes):
    @FUZZ
    @given(data=form_data(fields, required=required))
    def run(data):
        with rolled_back():
            # The hidden fields as a fresh GET renders them (a submission token or a
            # version, say); the rest is fuzzed.
            page = client.get(url)
            assert page.status_code == 200
            data |= hidden_fields(page.content.decode(), url)
            before = snapshot()
            response = client.post(url, data)
            outcomes.check(response, before, done=response.status_code == 302)

    run()


def test_create_experiment_fuzz(site, client):
    client.force_login(site["strategic"])
    fields = experiment_fields(site, visible_fields(ExperimentCreateForm()))
    outcomes = Outcomes()
    url = reverse("experiments:create")
    post_fuzzed_form(client, url, fields, ("title", "program"), outcomes)
    outcomes.assert_both()


def test_edit_experiment_and_team_fuzz(site, client):
    experiment = site["experiment"]
    client.force_login(site["strategic"])  # its owner: edits and names the team
    form = ExperimentEditForm(experiment=experiment, can_manage_team=True)
    fields = experiment_fields(site, visible_fields(form))
    outcomes = Outcomes()
    url = reverse("experiments:edit", kwargs={"slug": experiment.slug})
    post_fuzzed_form(client, url, fields, ("title",), outcomes)
    outcomes.assert_both()
