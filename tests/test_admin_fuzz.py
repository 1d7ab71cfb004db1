"""The portal's admin pages fuzzed with Hypothesis (see tests/test_form_fuzz.py for the
invariants): the add and change forms of every model the administrators manage, as the page
renders them with up to three controls replaced, removed or given several values, and the
change lists' search, filters, ordering and pages."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.forms import BooleanField
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from experiments.models import Experiment, PhaseTransition
from labportal.core.admin import PortalAdminMixin
from labportal.organisation.models import DevelopmentLab, Education, TrackAlias
from tests.factories import ExperimentFactory, UserFactory
from tests.fuzz_support import (
    CHARS,
    FUZZ,
    changed_tables,
    form_controls,
    junk,
    megabyte_text,
    readable_text,
    rolled_back,
    snapshot,
    value,
)

pytestmark = pytest.mark.django_db

# Fewer examples per page than the portal's own forms: there are many pages.
ADMIN_FUZZ = settings(FUZZ, max_examples=15)

PORTAL_ADMINS = sorted(
    model._meta.label
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, PortalAdminMixin)
)


@pytest.fixture
def administrator(db):
    """An administrator, and one object of each model the portal's admin manages."""
    user = UserFactory(username="admin", roles=["staff", "administrator"], is_staff=True)
    experiment = ExperimentFactory(owner=user, links=[{"title": "Side", "url": "https://a.b/"}])
    experiment.memberships.create(user=user, role="Tovholder")
    PhaseTransition.objects.create(
        experiment=experiment,
        kind="created",
        to_phase="pre",
        by=user,
        note="Oprettet",
        at=experiment.created_at,
    )
    lab = DevelopmentLab.objects.create(slug="lab", name="Lab")
    experiment.program.lab = lab
    experiment.program.save()
    TrackAlias.objects.create(track=experiment.track, name="Et andet navn")
    Education.objects.create(institution=experiment.institution, slug="data", name="Data")
    from concepts.models import Concept

    concept = Concept.objects.create(
        slug="begreb", title="Begreb", program=experiment.program, track=experiment.track
    )
    concept.authors.add(user)
    _published_and_at_a_bazar(user, concept, experiment)
    return user


def _published_and_at_a_bazar(user, concept, experiment) -> None:
    """A concept version with its event, a fact sheet, and a bazar event with a booth, an
    attendee and an interest card: every admin page has an object to change."""
    import datetime as dt

    from bazar import services as bazar
    from concepts import services as concepts
    from concepts.models import Publication

    type(concept).objects.filter(pk=concept.pk).update(status="review")
    concept.refresh_from_db()
    concepts.concept_publish(concept=concept, by=user)
    Publication.objects.create(kind="fact_sheet", experiment=experiment, requested_by=user)
    event = bazar.event_create(
        by=user,
        title="Bazar",
        date=dt.date(2026, 5, 1),
        start_time=dt.time(9),
        end_time=dt.time(14),
        institutions=[experiment.institution],
    )
    booth = bazar.booth_add(event=event, by=user, experiment=experiment)
    bazar.attendee_invite(
        event=event, by=user, user=user, education=Education.objects.get(slug="data"), role="leader"
    )
    for status in ("open", "running"):
        bazar.event_move(event=event, by=user, to_status=status)
    bazar.card_submit(
        event=event, booth=booth, visitor=user, commitment="try", take_home="Observationer"
    )


def control_value(control: dict) -> st.SearchStrategy:
    """A value the control could send, or junk."""
    if control["options"]:
        choice = st.sampled_from(control["options"])
        if control["kind"] == "select":
            return st.one_of(choice, st.lists(choice, min_size=2, max_size=3), junk)
        return st.one_of(choice, junk)
    return value(st.one_of(readable_text, st.just((control["values"] or [""])[0])))


def as_sent(controls: dict[str, dict]) -> dict:
    return {
        name: control["values"] if len(control["values"]) != 1 else control["values"][0]
        for name, control in controls.items()
        if control["values"]
    }


@st.composite
def edited(draw, controls: dict[str, dict]):
    """What the browser would send, with up to three controls changed or left out."""
    data = as_sent(controls)
    names = sorted(controls)
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
        change = draw(st.sampled_from(["value", "value", "remove", "megabyte"]))
        if change == "remove":
            data.pop(name, None)
        elif change == "megabyte":
            data[name] = draw(megabyte_text)
        else:
            data[name] = draw(control_value(controls[name]))
    extra = draw(st.dictionaries(st.text(CHARS, min_size=1, max_size=20), junk, max_size=2))
    return extra | data


def fuzz_page(client, url: str, form_id: str, outcomes: dict) -> None:
    page = client.get(url)
    assert page.status_code == 200
    controls = form_controls(page.content.decode(), form_id)
    assert controls, f"no form controls found on {url}"

    @ADMIN_FUZZ
    @given(data=edited(controls))
    def run(data):
        with rolled_back():
            before = snapshot()
            response = client.post(url, data)
            assert response.status_code < 500
            if response.status_code == 302:
                outcomes["saved"] += 1
                return
            outcomes["refused"] += 1
            assert response.status_code in (200, 400, 403)
            assert changed_tables(before, snapshot()) == []

    run()


@pytest.mark.parametrize("label", PORTAL_ADMINS)
def test_admin_forms_fuzz(administrator, client, label):
    client.force_login(administrator)
    model = apps.get_model(label)
    name, form_id = (
        f"admin:{model._meta.app_label}_{model._meta.model_name}",
        f"{model._meta.model_name}_form",
    )
    request = RequestFactory().get("/")
    request.user = administrator
    model_admin = admin.site._registry[model]
    objects = list(model.objects.all()[:1])
    pages = [reverse(f"{name}_change", args=[obj.pk]) for obj in objects]
    writable = model_admin.has_add_permission(request) or any(
        model_admin.has_change_permission(request, obj) for obj in objects
    )
    if model_admin.has_add_permission(request):
        pages.append(reverse(f"{name}_add"))
    if not pages:
        pytest.skip(f"{label}: the fixture has none to change and the admin adds none")
    outcomes = {"saved": 0, "refused": 0}
    for url in pages:
        fuzz_page(client, url, form_id, outcomes)
    # A read-only page (kept by its services, e.g. interest cards) takes no POST at all; a
    # page whose only editable field is a checkbox (a PDF's public mark) refuses nothing.
    assert (outcomes["saved"] > 0) is writable
    obj = objects[0] if objects else None
    fields = model_admin.get_form(request, obj)().fields.values() if writable else ()
    can_refuse = not writable or any(not isinstance(f, BooleanField) for f in fields)
    assert (outcomes["refused"] > 0) is can_refuse


@pytest.mark.parametrize("label", PORTAL_ADMINS)
def test_admin_change_list_fuzz(administrator, client, label):
    client.force_login(administrator)
    opts = apps.get_model(label)._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    names = ["q", "o", "p", "e", "all", "_popup", "_to_field", "phase__exact", "created_at__year"]
    params = st.dictionaries(
        st.sampled_from(names) | st.text(CHARS, min_size=1, max_size=20), value(junk), max_size=4
    )

    @ADMIN_FUZZ
    @given(params=params)
    def run(params):
        with rolled_back():
            before = snapshot()
            response = client.get(url, params)
            assert response.status_code in (200, 302, 400)
            assert changed_tables(before, snapshot()) == []

    run()


# Found by the fuzz (an empty field) and by trying its odd values one by one.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('["\\u0000"]', "character"),
        ('{"a\\u0000": 1}', "character"),
        ('["\\ud800"]', "character"),
        ("1e999", "number"),
        ("[NaN]", "number"),
        ("[" * 100_000 + "]" * 100_000, "deep"),
        ("1" * 5000, "invalid"),
    ],
)
def test_admin_json_fields_refuse_what_postgresql_cannot_store(administrator, client, text, code):
    client.force_login(administrator)
    experiment = Experiment.objects.get()
    url = reverse("admin:experiments_experiment_change", args=[experiment.pk])
    data = as_sent(form_controls(client.get(url).content.decode(), "experiment_form"))
    before = snapshot()
    response = client.post(url, data | {"links": text})
    assert response.status_code == 200
    assert [e.code for e in response.context["adminform"].form.errors.as_data()["links"]] == [code]
    assert changed_tables(before, snapshot()) == []


def test_admin_empty_json_field_stores_an_empty_list(administrator, client):
    client.force_login(administrator)
    experiment = Experiment.objects.get()
    url = reverse("admin:experiments_experiment_change", args=[experiment.pk])
    data = as_sent(form_controls(client.get(url).content.decode(), "experiment_form"))
    response = client.post(url, data | {"actions": "", "links": ""})
    experiment.refresh_from_db()
    assert response.status_code == 302
    assert (experiment.actions, experiment.links) == ([], [])
