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

from experiments.enums import Phase
from labportal.notifications.models import Notification
from tests.form_fuzz_site import Outcomes, ids, site_fixture  # noqa: F401 (a fixture)
from tests.fuzz_support import (
    CHARS,
    FUZZ,
    changed_tables,
    form_data,
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
