"""Small things a new user meets: signing out says so, the accessibility statement names a
real contact, the Django admin carries the portal's name."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signing_out_says_so(client_for):
    client = client_for(UserFactory(username="anna", roles=["staff"]))
    response = client.post(reverse("accounts:logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "Du er logget ud." in response.content.decode()


def test_the_statement_names_the_configured_contact(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "it-support@skolen.dk"
    html = client.get(reverse("core:accessibility")).content.decode()
    assert '<a href="mailto:it-support@skolen.dk">it-support@skolen.dk</a>' in html
    settings.PORTAL_CONTACT_EMAIL = ""
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "mailto:" not in html
    assert "portalens administratorer" in html


def test_the_admin_carries_the_portals_name(client_for):
    admin = UserFactory(username="root", roles=["administrator"], is_staff=True)
    html = client_for(admin).get(reverse("admin:index")).content.decode()
    assert "labportal-administration" in html
    assert "Portalens data" in html
