"""Interest cards: one per visitor and booth, a form's token makes one card at most, and
every refusal leaves the database as it was."""

import threading
import uuid

import pytest
from django.db import connection
from django.utils import translation

from bazar import services, services_cards
from bazar.exceptions import Refused, WrongStatus
from bazar.models import InterestCard
from tests.factories import TeamMembershipFactory

from .conftest import set_status


@pytest.fixture
def running(make_event, people):
    event = make_event("open")
    experiment = TeamMembershipFactory().experiment
    booth = services.booth_add(event=event, by=people["administrator"], experiment=experiment)
    return set_status(event, "running"), booth


def submit(event, booth, visitor, **kwargs):
    fields = {"commitment": "try", "take_home": "Mødekulturen", **kwargs}
    return services.card_submit(event=event, booth=booth, visitor=visitor, **fields)


def test_an_invited_visitor_writes_a_card(running, people):
    event, booth = running
    card, created = submit(event, booth, people["leader"], take_home="  Tre rum  ")
    assert created is True
    stored = InterestCard.objects.get()
    assert (stored.pk, stored.booth, stored.visitor) == (card.pk, booth, people["leader"])
    assert (stored.commitment, stored.take_home, stored.visited) == ("try", "Tre rum", True)


def test_the_same_token_twice_makes_one_card(running, people):
    event, booth = running
    token = uuid.uuid4()
    first, created_first = submit(event, booth, people["leader"], submission=token)
    again, created_again = submit(
        event, booth, people["leader"], submission=token, take_home="Ændret"
    )
    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert InterestCard.objects.count() == 1
    assert InterestCard.objects.get().take_home == "Mødekulturen"  # the resent form's copy


def test_a_second_card_for_the_same_booth_changes_the_first(running, people):
    event, booth = running
    first, _ = submit(event, booth, people["leader"], submission=uuid.uuid4())
    second, created = submit(
        event,
        booth,
        people["leader"],
        submission=uuid.uuid4(),
        commitment="implement",
        take_home="Vi prøver det i efteråret",
        visited=False,
    )
    assert created is False
    assert second.pk == first.pk
    stored = InterestCard.objects.get()
    assert (stored.commitment, stored.take_home, stored.visited) == (
        "implement",
        "Vi prøver det i efteråret",
        False,
    )


def test_each_visitor_has_their_own_card(running, people):
    event, booth = running
    submit(event, booth, people["leader"])
    submit(event, booth, people["teacher"])
    assert sorted(InterestCard.objects.values_list("visitor__username", flat=True)) == sorted(
        [people["leader"].username, people["teacher"].username]
    )


def test_a_token_used_for_another_booth_is_refused(running, people):
    event, booth = running
    other = services.booth_add  # booths are set up while open
    set_status(event, "open")
    second_booth = other(event=event, by=people["administrator"], title="Projekt uden eksperiment")
    set_status(event, "running")
    token = uuid.uuid4()
    submit(event, booth, people["leader"], submission=token)
    with pytest.raises(Refused):
        submit(event, second_booth, people["leader"], submission=token)
    assert InterestCard.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
@pytest.mark.parametrize("same_token", [True, False])
def test_two_submits_at_once_make_one_card(running, people, same_token):
    event, booth = running
    visitor = people["leader"]
    tokens = [uuid.uuid4()] * 2 if same_token else [uuid.uuid4(), uuid.uuid4()]
    start = threading.Barrier(2)
    results, errors = [], []

    def send(token):
        try:
            start.wait()
            results.append(submit(event, booth, visitor, submission=token))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert InterestCard.objects.count() == 1
    card = InterestCard.objects.get()
    assert {c.pk for c, _ in results} == {card.pk}
    assert sorted(created for _, created in results) == [False, True]


def test_a_lost_race_is_answered_with_the_stored_card(running, people, monkeypatch):
    """As if a rival request saved the card just after this one looked and found none: the
    insert meets the unique constraint, and the retry returns the rival's card."""
    event, booth = running
    token = uuid.uuid4()
    rival = InterestCard.objects.create(
        booth=booth, visitor=people["leader"], commitment="inspiration", submission=token
    )
    real_write, attempts = services_cards._write, []

    def write_blind_first(booth, visitor, data, submission):
        attempts.append(submission)
        if len(attempts) == 1:  # the look-up saw nothing yet: straight to the insert
            return InterestCard.objects.create(
                booth=booth, visitor=visitor, submission=submission, **data
            ), True
        return real_write(booth, visitor, data, submission)

    monkeypatch.setattr(services_cards, "_write", write_blind_first)
    card, created = submit(event, booth, people["leader"], submission=token)
    assert (card.pk, created, len(attempts)) == (rival.pk, False, 2)
    assert InterestCard.objects.count() == 1


def _refused(event, booth, visitor, error_class, message, **kwargs):
    before = InterestCard.objects.count(), list(InterestCard.objects.values())
    with translation.override("en"), pytest.raises(error_class) as error:
        submit(event, booth, visitor, **kwargs)
    assert (InterestCard.objects.count(), list(InterestCard.objects.values())) == before
    assert error.value.message == message


def test_refused_a_booth_of_another_event(running, make_event, people):
    _event, booth = running
    other = make_event("running", title="En anden bazar")
    _refused(other, booth, people["leader"], Refused, "That booth belongs to another event.")


@pytest.mark.parametrize("status", ["planning", "open", "closed", "follow_up", "mapped"])
def test_refused_when_the_event_does_not_run(running, people, status):
    event, booth = running
    submit(event, booth, people["leader"])  # a card written while it ran
    set_status(event, status)
    with translation.override("en"), pytest.raises(WrongStatus) as error:
        submit(event, booth, people["leader"], take_home="Ændret bagefter")
    assert "so you cannot write interest cards now" in error.value.message
    assert error.value.status == 409
    assert InterestCard.objects.get().take_home == "Mødekulturen"


@pytest.mark.parametrize("who", ["staff", "member", "administrator"])
def test_refused_for_people_not_invited(running, people, who):
    event, booth = running
    message = "Only people invited to the event can write interest cards."
    _refused(event, booth, people[who], Refused, message)


def test_refused_a_booth_host_who_is_not_invited(running, people):
    event, booth = running
    host = booth.hosts.first()
    assert host is not None
    message = "Only people invited to the event can write interest cards."
    _refused(event, booth, host, Refused, message)


def test_refused_text_over_2000_characters(running, people):
    event, booth = running
    message = (
        "What you take home can be at most 2000 characters; you wrote 2001. Nothing was saved."
    )
    _refused(event, booth, people["leader"], Refused, message, take_home="x" * 2001)
    card, _ = submit(event, booth, people["leader"], take_home="x" * 2000)
    assert len(card.take_home) == 2000


@pytest.mark.parametrize("commitment", ["", "maybe", None])
def test_refused_an_unknown_commitment(running, people, commitment):
    event, booth = running
    message = "Choose what you want to do with the practice."
    _refused(event, booth, people["leader"], Refused, message, commitment=commitment)
