"""The new-experiment form creates one experiment per submission: its one-time token is stored
with the experiment, and the same form sent again (one after the other or at the same moment)
leads to the experiment the first one created."""

import threading
import time
import uuid

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections, transaction
from django.test import Client

from experiments import services
from experiments.exceptions import SubmissionUsed
from experiments.models import Experiment
from tests.experiments.wheel_support import strategic
from tests.factories import InstitutionFactory, TrackFactory

CREATE = "/experiments/new/"
TITLE = "Tre rum i praksis"


def form_data(track, token, **overrides) -> dict:
    data = {
        "submission": str(token),
        "title": TITLE,
        "slug": "",
        "program": track.program.pk,
        "track": track.pk,
        "institution": InstitutionFactory().pk,
        "challenge": "Udfordring",
        "hypothesis": "Hvis X, så Y",
        "summary": "",
        "start_date": "",
        "end_date": "",
    }
    return data | overrides


def token_on_page(client) -> uuid.UUID:
    response = client.get(CREATE)
    assert response.status_code == 200
    return uuid.UUID(response.context["form"]["submission"].value())


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_each_opened_form_carries_a_fresh_hidden_token(client_for, wheel):
    client = client_for(wheel["strategic"])
    response = client.get(CREATE)
    token = uuid.UUID(response.context["form"]["submission"].value())
    assert f'<input type="hidden" name="submission" value="{token}"' in response.content.decode()
    assert token_on_page(client) != token


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["", "tre-rum"])
def test_the_same_form_sent_twice_creates_one_experiment(client_for, wheel, in_english, slug):
    client = client_for(wheel["strategic"])
    data = form_data(TrackFactory(), token_on_page(client), slug=slug)

    first = client.post(CREATE, data)
    second = client.post(CREATE, data)

    [experiment] = Experiment.objects.filter(title=TITLE)
    assert experiment.slug == (slug or "tre-rum-i-praksis")
    assert experiment.created_by_submission == uuid.UUID(data["submission"])
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == experiment.get_absolute_url()
    assert flashed(second) == [  # the first one's message was not shown yet
        f"The experiment “{TITLE}” has been created in the pre-phase.",
        f"This form had already been sent; it created the experiment “{TITLE}”.",
    ]
    assert experiment.transitions.count() == 1


@pytest.mark.django_db
def test_a_new_form_creates_a_second_experiment_with_the_same_title(client_for, wheel):
    client = client_for(wheel["strategic"])
    track = TrackFactory()
    client.post(CREATE, form_data(track, token_on_page(client)))
    client.post(CREATE, form_data(track, token_on_page(client)))
    slugs = set(Experiment.objects.filter(title=TITLE).values_list("slug", flat=True))
    assert slugs == {"tre-rum-i-praksis", "tre-rum-i-praksis-2"}


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "ikke-en-uuid", "12345"])
def test_a_missing_or_broken_token_is_refused_and_creates_nothing(
    client_for, wheel, in_english, token
):
    client = client_for(wheel["strategic"])
    data = form_data(TrackFactory(), token)
    if token is None:
        del data["submission"]

    response = client.post(CREATE, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The form was incomplete or too old, so nothing was created." in page
    assert not Experiment.objects.filter(title=TITLE).exists()
    # The form comes back with the person's text and a fresh token, ready to be sent again.
    assert 'value="Tre rum i praksis"' in page
    fresh = uuid.UUID(response.context["form"]["submission"].value())
    assert client.post(CREATE, data | {"submission": str(fresh)}).status_code == 302
    assert Experiment.objects.get(title=TITLE).created_by_submission == fresh


@pytest.mark.django_db
def test_the_service_refuses_a_used_token_and_names_its_experiment(wheel):
    program, token = TrackFactory().program, uuid.uuid4()
    made = services.experiment_create(
        by=wheel["admin"], title="Én gang", program=program, submission=token
    )
    with pytest.raises(SubmissionUsed) as caught:
        services.experiment_create(
            by=wheel["admin"], title="Én gang", program=program, submission=token
        )
    assert caught.value.experiment == made
    assert Experiment.objects.filter(title="Én gang").count() == 1


# --- real races on PostgreSQL: separate connections, one per thread -----------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_simultaneous_submissions_make_one_experiment():
    boss = strategic(username="boss")
    track = TrackFactory()
    opener = Client()
    opener.force_login(boss)
    data = form_data(track, token_on_page(opener))
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(boss)
    barrier = threading.Barrier(2)
    responses = [None, None]

    def send(index: int) -> None:
        try:
            barrier.wait()
            responses[index] = clients[index].post(CREATE, data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    [experiment] = Experiment.objects.filter(title=TITLE)
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {experiment.get_absolute_url()}
    assert experiment.transitions.count() == 1


def _waits_for_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted)", [pid]
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_a_submission_that_waited_on_the_first_ones_row_gets_its_experiment():
    """Made deterministic: the second submission is held on the unique token until the first
    commits, so it meets the IntegrityError (in a savepoint) rather than the early check."""
    boss = strategic(username="boss")
    program, token = TrackFactory().program, uuid.uuid4()
    started, outcome = threading.Event(), {}

    def second() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                outcome["pid"] = cursor.fetchone()[0]
            started.set()
            services.experiment_create(by=boss, title="Samme", program=program, submission=token)
            outcome["result"] = "created a second one"
        except SubmissionUsed as exc:
            outcome["result"] = exc.experiment.pk
        finally:
            started.set()
            connections.close_all()

    with transaction.atomic():
        first = services.experiment_create(
            by=boss, title="Samme", program=program, submission=token
        )
        worker = threading.Thread(target=second)
        worker.start()
        started.wait()
        while worker.is_alive() and not _waits_for_a_lock(outcome["pid"]):
            time.sleep(0.01)
        assert worker.is_alive(), outcome  # it waits on the first one's uncommitted row
    worker.join()

    assert outcome["result"] == first.pk
    assert list(Experiment.objects.filter(title="Samme")) == [first]
