"""The reads: which events a person sees, booths, a person's cards."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from bazar import selectors, services
from bazar.models import BazarEvent

from .conftest import set_status


def test_events_for_user_upcoming_first_then_past(make_event, people):
    today = timezone.localdate()
    past = make_event("closed", title="Forrige", date=today - datetime.timedelta(days=30))
    later = make_event("open", title="Senere", date=today + datetime.timedelta(days=60))
    soon = make_event("open", title="Snart", date=today + datetime.timedelta(days=5))
    older = make_event("mapped", title="Ældst", date=today - datetime.timedelta(days=400))
    events = selectors.events_for_user(people["staff"])
    assert [e.title for e in events] == [soon.title, later.title, past.title, older.title]
    assert [e.is_upcoming for e in events] == [True, True, False, False]


@pytest.mark.parametrize(
    ("who", "sees_planning", "sees_open"),
    [
        ("administrator", True, True),
        ("member", True, True),
        ("leader", False, True),
        ("staff", False, True),
        ("nobody", False, False),
    ],
)
def test_visibility_matches_the_view_perm(make_event, people, who, sees_planning, sees_open):
    planning = make_event("planning", title="I planlægning")
    opened = make_event("open", title="Åben")
    user = people[who]
    visible = {e.pk for e in selectors.events_for_user(user)}
    assert (planning.pk in visible, opened.pk in visible) == (sees_planning, sees_open)
    for event in (planning, opened):
        assert user.has_perm("bazar.view_event", event) is (event.pk in visible)


def test_event_for_user_is_404_when_not_visible(event, people):
    with pytest.raises(Http404):
        selectors.event_for_user(people["staff"], event.slug)
    found = selectors.event_for_user(people["member"], event.slug)
    assert (found.pk, found.viewer_is_member, found.viewer_is_attendee) == (event.pk, True, False)


def test_booth_for_event_is_none_for_an_unknown_slug(event, people):
    booth = services.booth_add(
        event=event, by=people["member"], title="Projekt", hosts=[people["staff"]]
    )
    assert selectors.booth_for_event(event, "projekt") == booth
    assert selectors.booth_for_event(event, "findes-ikke") is None


@pytest.mark.parametrize("n", [1, 6])
def test_booths_of_event_in_fixed_queries(event, people, django_assert_num_queries, n):
    for i in range(n):
        services.booth_add(
            event=event, by=people["member"], title=f"Stand {i}", hosts=[people["staff"]]
        )
    with django_assert_num_queries(2):
        booths = selectors.booths_of_event(event)
        hosts = [[h.username for h in b.hosts.all()] for b in booths]
    assert hosts == [[people["staff"].username]] * n


def test_my_cards_and_card_for_user(event, people):
    booth = services.booth_add(event=event, by=people["member"], title="Projekt")
    set_status(event, "running")
    card, _ = services.card_submit(
        event=event, booth=booth, visitor=people["leader"], commitment="try", take_home="Tekst"
    )
    assert selectors.my_cards(people["leader"], event) == [card]
    assert selectors.my_cards(people["teacher"], event) == []
    assert selectors.card_for_user(people["leader"], card.pk) == card
    with pytest.raises(Http404):
        selectors.card_for_user(people["teacher"], card.pk)
    with pytest.raises(Http404):
        selectors.card_for_user(people["member"], card.pk)


def test_events_visible_is_empty_for_anonymous(event):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.events_for_user(AnonymousUser()) == []
    assert BazarEvent.objects.count() == 1
