"""The visitors' pages run a fixed number of queries, whatever the number of events, booths
and cards."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bazar import selectors, services
from bazar.models import InterestCard


def url(name, **kwargs):
    return reverse(f"bazar:{name}", kwargs=kwargs)


def _queries(client, path) -> int:
    client.get(path)  # what a first request caches (the unread notifications) is not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["leader", "administrator", "staff"])
def test_pages_run_a_fixed_number_of_queries(client, people, make_bazar, role):
    counts = []
    for n in (2, 20):
        event, booths = make_bazar("running", booths=n, themes=2, title=f"Bazar med {n}")
        for booth in booths:
            services.card_submit(
                event=event,
                booth=booth,
                visitor=people["leader"],
                commitment="try",
                take_home="Tekst",
            )
        client.force_login(people[role])
        pages = [
            url("index"),
            url("event", slug=event.slug),
            booths[-1].get_absolute_url(),
            url("my_cards", event=event.slug),
        ]
        if role == "leader":
            card = InterestCard.objects.filter(booth=booths[-1]).get()
            pages.append(url("card", event=event.slug, card_id=card.pk))
        counts.append([_queries(client, page) for page in pages])
    assert counts[0] == counts[1]


def test_open_event_page_runs_a_fixed_number_of_queries(client, people, make_bazar):
    counts = []
    for n in (2, 20):
        event, booths = make_bazar("open", booths=n, title=f"Åben bazar {n}")
        for booth in booths[:n]:
            services.pre_register(event=event, user=people["leader"], booth=booth, wanted=True)
        client.force_login(people["leader"])
        counts.append(_queries(client, url("event", slug=event.slug)))
    assert counts[0] == counts[1]


def test_index_runs_a_fixed_number_of_queries(client, people, make_bazar):
    counts = []
    for n in (1, 5):
        while len(selectors.events_for_user(people["leader"])) < n:
            event, booths = make_bazar("running", booths=1, title=f"Bazar {len(counts)}-{n}")
            services.card_submit(
                event=event,
                booth=booths[0],
                visitor=people["leader"],
                commitment="try",
                take_home="",
            )
        client.force_login(people["leader"])
        counts.append(_queries(client, url("index")))
    assert counts[0] == counts[1]
