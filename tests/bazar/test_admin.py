"""The admin pages for the bazar render for administrators and keep the status read-only."""

import pytest
from django.urls import reverse

from bazar import services
from bazar.models import Attendee, BazarEvent, Booth, InterestCard

from .conftest import set_status


@pytest.fixture
def with_card(event, people):
    booth = services.booth_add(event=event, by=people["member"], title="Projekt")
    set_status(event, "running")
    services.card_submit(
        event=event, booth=booth, visitor=people["leader"], commitment="try", take_home="Tekst"
    )
    return event


@pytest.mark.parametrize("model", [BazarEvent, Booth, Attendee, InterestCard])
def test_admin_pages_render(with_card, client, make_user, model):
    client.force_login(make_user("administrator", is_staff=True))
    name = f"admin:bazar_{model._meta.model_name}"
    obj = model.objects.first()
    assert client.get(reverse(f"{name}_changelist")).status_code == 200
    page = client.get(reverse(f"{name}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert client.get(reverse(f"{name}_add")).status_code == 403


def test_event_status_cannot_be_changed_in_the_admin(with_card, client, make_user):
    client.force_login(make_user("administrator", is_staff=True))
    page = client.get(reverse("admin:bazar_bazarevent_change", args=[with_card.pk]))
    assert 'name="status"' not in page.content.decode()
    assert 'name="title"' in page.content.decode()


def test_staff_without_the_administrator_role_see_no_bazar_admin(with_card, client, make_user):
    client.force_login(make_user("staff", is_staff=True))
    url = reverse("admin:bazar_interestcard_changelist")
    assert client.get(url).status_code == 403
