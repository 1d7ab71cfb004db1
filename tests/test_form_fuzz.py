"""Every form of the portal, fuzzed with Hypothesis through real requests (the test client
against PostgreSQL): random Unicode, control characters (NUL too), a megabyte in a field,
wrong choices, missing and extra fields, several values where one is expected.

Invariants for every request: never a server error (the client re-raises a view's
exception, and no status is 5xx); a refused submit answers 4xx or re-renders the form with
errors, and changes no row of any table (tests/fuzz_support.snapshot); a GET changes
nothing. The tests of forms that can succeed also check that their examples reached both
outcomes, so a fuzz that only ever hits one refusal (a form that changed shape, say) fails
instead of passing quietly. The admin's forms: tests/test_admin_fuzz.py.
"""

import uuid

import pytest
from axes.utils import reset as axes_reset
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from concepts.models import Concept
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
from labportal.notifications.models import Notification
from labportal.organisation.models import DevelopmentLab
from tests.factories import ExperimentFactory, InstitutionFactory, TrackFactory, UserFactory
from tests.fuzz_support import (
    CHARS,
    FUZZ,
    changed_tables,
    form_data,
    form_errors,
    hidden_fields,
    junk,
    megabyte_bytes,
    readable_text,
    rolled_back,
    snapshot,
    value,
)

pytestmark = pytest.mark.django_db

PASSWORD = "secret-password"
# django-axes records every failed sign-in: that row is the point of a refusal there.
AXES_TABLES = ("axes_accessattempt", "axes_accessfailurelog", "axes_accesslog")

text = readable_text.filter(str.strip)
dates = st.dates().map(str)


@pytest.fixture
def site(db):
    """An administrator on an experiment's team (so every move of the wheel is open to
    them in the right phase), a second program, a concept and a notification."""
    admin = UserFactory(username="admin", roles=["staff", "administrator"], is_staff=True)
    strategic = UserFactory(username="strategic", roles=["staff", "strategic"])
    member = UserFactory(username="member", roles=["staff"])
    lab = DevelopmentLab.objects.create(slug="lab", name="Lab")
    track = TrackFactory(program__lab=lab, program__owner=strategic)
    other_track = TrackFactory()
    experiment = ExperimentFactory(track=track, owner=strategic)
    experiment.memberships.create(user=admin)
    experiment.memberships.create(user=member)
    Concept.objects.create(slug="tre-rum", title="Tre rum", program=track.program)
    Notification.objects.create(recipient=admin, subject="Hej", url="/")
    return {
        "admin": admin,
        "strategic": strategic,
        "member": member,
        "users": [admin, strategic, member],
        "tracks": [track, other_track],
        "institution": InstitutionFactory(),
        "experiment": experiment,
    }


def ids(objects) -> st.SearchStrategy:
    return st.sampled_from([str(obj.pk) for obj in objects])


class Outcomes:
    """Counts what the examples came to; the test asserts both happened."""

    def __init__(self):
        self.done = self.refused = 0

    def check(self, response, before: dict, *, done: bool, exclude=()) -> None:
        assert response.status_code < 500
        if done:
            self.done += 1
            return
        self.refused += 1
        assert response.status_code >= 400 or form_errors(response), response.status_code
        assert changed_tables(before, snapshot(exclude=exclude)) == []

    def assert_both(self):
        assert self.done > 0, "no example was accepted"
        assert self.refused > 0, "no example was refused"


# --- sign-in ------------------------------------------------------------------------------


def test_sign_in_fuzz(site):
    outcomes = Outcomes()
    url = reverse("accounts:login")
    fields = {
        "username": st.sampled_from(["admin", "member", "nobody"]),
        "password": st.sampled_from([PASSWORD, "wrong"]),
        "next": st.sampled_from(["", "/experiments/", "https://evil.example/", "//evil"]),
    }

    @FUZZ
    @given(data=form_data(fields, required=("username", "password")))
    def run(data):
        with rolled_back():
            # Failed attempts of earlier examples must not lock the account out (axes allows
            # 5): reset here, as the rollback also does for axes' database rows.
            axes_reset()
            before = snapshot(exclude=AXES_TABLES)
            response = Client().post(url, data)
            outcomes.check(response, before, done=response.status_code == 302, exclude=AXES_TABLES)
            assert response.status_code != 429
            assert not response.get("Location", "").startswith(("https://evil", "//"))

    run()
    outcomes.assert_both()


# --- the experiment list's filters ----------------------------------------------------------


def test_experiment_list_filter_fuzz(site, client):
    client.force_login(site["member"])
    program = site["tracks"][0].program
    fields = {
        "q": text,
        "lab": st.just("lab"),
        "program": st.just(program.slug),
        "track": st.sampled_from([t.slug for t in site["tracks"]]),
        "institution": st.just(site["experiment"].institution.slug),
        "phase": st.sampled_from(Phase.values),
        "concept": st.just("tre-rum"),
        "page": st.integers(-2, 3).map(str),
    }

    @FUZZ
    @given(params=form_data(fields), htmx=st.booleans())
    def run(params, htmx):
        with rolled_back():
            before = snapshot()
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.get(reverse("experiments:list"), params, headers=headers)
            assert response.status_code == 200
            assert changed_tables(before, snapshot()) == []

    run()


def test_pages_ignore_junk_parameters(site, client):
    """The other GET pages read at most a page number: any parameters give the page."""
    client.force_login(site["admin"])
    slug = site["experiment"].slug
    urls = [
        reverse("core:dashboard"),
        reverse("notifications:inbox"),
        reverse("experiments:detail", kwargs={"slug": slug}),
        reverse("experiments:history", kwargs={"slug": slug}),
        reverse("experiments:edit", kwargs={"slug": slug}),
        reverse("experiments:create"),
        reverse("experiments:booklet_import"),
        reverse("concepts:list"),
        reverse("concepts:detail", kwargs={"slug": "tre-rum"}),
    ]
    names = st.sampled_from(["page", "q", "next", "HX-Request"]) | st.text(CHARS, min_size=1)

    @FUZZ
    @given(url=st.sampled_from(urls), params=st.dictionaries(names, value(junk), max_size=3))
    def run(url, params):
        with rolled_back():
            before = snapshot()
            response = client.get(url, params)
            assert response.status_code == 200
            assert changed_tables(before, snapshot()) == []

    run()


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


# --- booklet upload (administrators) --------------------------------------------------------


def test_booklet_upload_fuzz(site, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(site["admin"])
    url = reverse("experiments:booklet_import")
    names = st.one_of(
        st.text(CHARS, min_size=1, max_size=300),
        st.tuples(
            st.text(CHARS, max_size=60), st.sampled_from([".txt", ".pdf", ".PDF", ".txt.exe", ""])
        ).map("".join),
    ).filter(str.strip)
    contents = st.one_of(
        st.binary(max_size=2000),
        st.sampled_from([b"%PDF-1.7\n", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"]).flatmap(
            lambda head: st.binary(max_size=2000).map(lambda tail: head + tail)
        ),
        st.text(CHARS, max_size=2000).map(str.encode),
        megabyte_bytes,
    )

    outcomes = Outcomes()

    @FUZZ
    @given(name=names, content=contents, program=value(st.just("")) | st.none())
    def run(name, content, program):
        with rolled_back():
            data = {"file": SimpleUploadedFile(name, content)}
            if program is not None:
                data["program"] = program
            before = snapshot()
            response = client.post(url, data)
            outcomes.check(response, before, done=response.status_code == 302)

    run()
    outcomes.assert_both()


def test_booklet_confirm_fuzz(site, client):
    client.force_login(site["admin"])

    @FUZZ
    @given(token=st.uuids(), data=st.dictionaries(st.text(CHARS, min_size=1, max_size=10), junk))
    def run(token: uuid.UUID, data):
        with rolled_back():
            before = snapshot()
            url = reverse("experiments:booklet_import_detail", kwargs={"token": token})
            response = client.post(url, data)
            assert response.status_code == 404
            assert changed_tables(before, snapshot()) == []

    run()


# --- small POSTs: notifications, language, sign-out -------------------------------------------


def test_mark_notifications_read_fuzz(site, client):
    """It takes no input: whatever is posted, it marks the person's notifications read and
    changes nothing else."""
    client.force_login(site["admin"])

    @FUZZ
    @given(data=st.dictionaries(st.text(CHARS, min_size=1, max_size=20), value(junk), max_size=4))
    def run(data):
        with rolled_back():
            before = snapshot()
            response = client.post(reverse("notifications:mark_all_read"), data)
            assert response.status_code == 302
            assert changed_tables(before, snapshot()) == ["notifications_notification"]
            assert not Notification.objects.filter(read_at=None).exists()

    run()


def test_set_language_fuzz(site, client):
    client.force_login(site["member"])
    fields = {
        "language": st.sampled_from(["da", "en"]),
        "next": st.sampled_from(["/", "/experiments/", "https://evil.example/"]),
    }

    @FUZZ
    @given(data=form_data(fields))
    def run(data):
        with rolled_back():
            before = snapshot()
            response = client.post(reverse("set_language"), data)
            assert response.status_code in (204, 302)
            if response.status_code == 302:
                assert not response["Location"].startswith(("https://evil", "//"))
            assert changed_tables(before, snapshot()) == []

    run()


def test_sign_out_fuzz(site):
    fields = {"next": st.sampled_from(["", "/experiments/", "https://evil.example/"])}

    @FUZZ
    @given(data=form_data(fields))
    def run(data):
        with rolled_back():
            client = Client()
            client.force_login(site["member"])
            response = client.post(reverse("accounts:logout"), data)
            assert response.status_code == 302
            assert not response["Location"].startswith(("https://evil", "//"))
            assert "_auth_user_id" not in client.session

    run()
