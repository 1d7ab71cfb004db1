"""Forms read as words: empty choices say what they mean ("Vælg et program", not
"---------"), and the team is ticked in a list of people, not a Ctrl-click multiple select."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [reverse("experiments:create"), reverse("concepts:create")],
)
def test_no_empty_choice_reads_as_dashes(client_for, url):
    boss = UserFactory(username="boss", roles=["staff", "strategic"])
    html = client_for(boss).get(url).content.decode()
    assert "<select" in html
    assert "---------" not in html


def test_the_team_is_a_list_of_checkboxes_with_a_search(client_for):
    boss = UserFactory(username="boss", first_name="Bo", roles=["staff", "strategic"])
    UserFactory(username="mette", first_name="Mette", last_name="Lund")
    html = client_for(boss).get(reverse("experiments:create")).content.decode()
    assert "<select multiple" not in html
    assert 'name="team" multiple' not in html
    assert html.count('type="checkbox" name="team"') >= 2
    assert "data-people-picker-search" in html
    assert "js/people_picker.js" in html
    assert '<legend class="form-label">Team' in html
