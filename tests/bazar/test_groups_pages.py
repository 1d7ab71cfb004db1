"""The follow-up groups' pages: the organisers' grouping page and its actions, a group's page
with its workshops (members and organisers only), and the save-as-you-go endpoint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bazar import selectors_groups, services_groups
from bazar.models import FollowUpGroup, GroupCard, Workshop
from tests.bazar.conftest import add_card, set_status

pytestmark = pytest.mark.django_db


def groups_url(event, name="groups", **kwargs):
    return reverse(f"bazar:{name}", kwargs={"event": event.slug, **kwargs})


def group_url(group, name="group", **kwargs):
    return reverse(
        f"bazar:{name}", kwargs={"event": group.event.slug, "group_id": group.pk, **kwargs}
    )


def _accept_all(world):
    made = []
    while True:
        found = selectors_groups.grouping_page(world["event"], "education").suggestions
        if not found.suggestions:
            return made
        made.append(
            services_groups.group_accept(
                event=world["event"],
                by=world["administrator"],
                basis="education",
                key=found.suggestions[0].key,
            )
        )


# --- the organisers' page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("administrator", 200), ("member", 200), ("leader", 403), ("staff", 403), ("nobody", 403)],
)
def test_only_organisers_see_the_grouping_page(groups_world, client_for, who, status):
    response = client_for(groups_world[who]).get(groups_url(groups_world["event"]))
    assert response.status_code == status


def test_the_page_shows_suggestions_with_reasons_and_accepts_one(
    groups_world, client_for, in_english
):
    client = client_for(groups_world["member"])
    event = groups_world["event"]
    page = client.get(groups_url(event))
    html = page.content.decode()
    assert "3 cards from Bioanalytiker want to try or implement" in html
    assert "A single card: it can still be a group of one, or be left out." in html
    key = page.context["page"].suggestions.suggestions[0].key
    by_institution = client.get(groups_url(event) + "?basis=institution")
    assert "4 cards from KEA want to try or implement" in by_institution.content.decode()
    response = client.post(groups_url(event, "group_accept"), {"basis": "education", "key": key})
    group = FollowUpGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#group-{group.pk}")
    assert group.members.count() == 3
    again = client.post(groups_url(event, "group_accept"), {"basis": "education", "key": key})
    assert again.status_code == 409
    assert FollowUpGroup.objects.count() == 1
    assert client.post(groups_url(event, "group_accept"), {"key": ""}).status_code == 400


def test_grouping_is_refused_when_the_status_does_not_allow_it(groups_world, client_for):
    event = set_status(groups_world["event"], "closed")
    client = client_for(groups_world["administrator"])
    page = client.get(groups_url(event))
    assert page.status_code == 200
    assert groups_url(event, "group_accept").encode() not in page.content
    key = selectors_groups.grouping_page(event, "education").suggestions.suggestions[0].key
    response = client.post(groups_url(event, "group_accept"), {"basis": "education", "key": key})
    assert response.status_code == 409
    assert not FollowUpGroup.objects.exists()


def test_adjusting_by_hand_through_the_page(groups_world, client_for, in_english):
    first, second, *_rest = _accept_all(groups_world)
    event = groups_world["event"]
    client = client_for(groups_world["administrator"])
    card = groups_world["cards"]["a1"]
    response = client.post(groups_url(event, "group_card_move"), {"card": card.pk, "to": second.pk})
    assert response.status_code == 302
    assert GroupCard.objects.get(card=card).group_id == second.pk
    response = client.post(
        groups_url(event, "group_rename", group_id=second.pk), {"title": "Nyt navn"}
    )
    assert response.status_code == 302
    assert FollowUpGroup.objects.get(pk=second.pk).title == "Nyt navn"
    cards = [groups_world["cards"]["a1"].pk]
    response = client.post(groups_url(event, "group_split", group_id=second.pk), {"cards": cards})
    assert response.status_code == 302
    new = FollowUpGroup.objects.get(members__card=card)
    assert new.pk not in (first.pk, second.pk)
    response = client.post(groups_url(event, "group_merge", group_id=new.pk), {"into": first.pk})
    assert response.status_code == 302
    assert GroupCard.objects.get(card=card).group_id == first.pk
    response = client.post(groups_url(event, "group_remove", group_id=second.pk))
    assert response.status_code == 302
    assert not FollowUpGroup.objects.filter(pk=second.pk).exists()


def test_a_merge_with_another_events_group_is_refused_on_the_page(
    groups_world, make_bazar, people, client_for, in_english
):
    first, *_rest = _accept_all(groups_world)
    other, booths = make_bazar("running", booths=1, title="Anden bazar")
    card = add_card(booths[0], people["teacher"], "try")
    set_status(other, "follow_up")
    foreign = services_groups.group_create(
        event=other, by=people["administrator"], cards=[card], title="Andet hold"
    )
    before = list(GroupCard.objects.values_list("group_id", "card_id").order_by("card_id"))
    client = client_for(groups_world["administrator"])
    url = groups_url(groups_world["event"], "group_merge", group_id=first.pk)
    response = client.post(url, {"into": foreign.pk})
    assert response.status_code == 400
    assert "Groups of two different events cannot be combined" in response.content.decode()
    assert list(GroupCard.objects.values_list("group_id", "card_id").order_by("card_id")) == before
    assert FollowUpGroup.objects.filter(pk=first.pk).exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(world, make_user, educations, n: int):
    """n more cards at booth 0, for n more educations' people (one group each once
    accepted)."""
    booth = world["booths"][0]
    for i in range(n):
        add_card(booth, make_user("staff"), "try", educations[i % 3])


def test_the_grouping_page_runs_a_fixed_number_of_queries(
    groups_world, client_for, make_user, educations
):
    client = client_for(groups_world["administrator"])
    url = groups_url(groups_world["event"])
    for suggestion in selectors_groups.grouping_page(
        groups_world["event"], "education"
    ).suggestions.suggestions[:2]:  # two groups, two suggestions left
        services_groups.group_accept(
            event=groups_world["event"],
            by=groups_world["administrator"],
            basis="education",
            key=suggestion.key,
        )
    client.get(url)
    few = _queries(client, url)
    _accept_all(groups_world)  # 4 groups
    _grow(groups_world, make_user, educations, 20)  # 20 cards in 3 suggestions
    assert _queries(client, url) == few
    _accept_all(groups_world)
    page = client.get(url).context["page"]
    assert len(page.groups) >= 4
    assert sum(g.members.count() for g in page.groups) >= 25
    assert _queries(client, url) == few


# --- a group's page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("a1", 200), ("administrator", 200), ("member", 200), ("b1", 404), ("staff", 404)],
)
def test_who_sees_a_groups_page(groups_world, client_for, who, status):
    group = _accept_all(groups_world)[0]  # Bioanalytiker: leader, a1, a2
    user = groups_world["users"].get(who) or groups_world[who]
    response = client_for(user).get(group_url(group))
    assert response.status_code == status


def test_anonymous_is_sent_to_sign_in(groups_world, client):
    group = _accept_all(groups_world)[0]
    assert client.get(group_url(group)).status_code == 302
    response = client.post(group_url(group, "workshop_save", number=1), {"field": "codex"})
    assert response.status_code == 302
    assert Workshop.objects.get(group=group, number=1).content == {}


def test_a_missing_group_is_404_for_everyone(groups_world, client_for):
    group = _accept_all(groups_world)[0]
    client = client_for(groups_world["administrator"])
    url = reverse("bazar:group", kwargs={"event": groups_world["event"].slug, "group_id": 999999})
    assert client.get(url).status_code == 404
    assert client.get(group_url(group, "workshop_save", number=1)).status_code == 405


def test_the_group_page_shows_members_practice_and_both_workshops(
    groups_world, client_for, in_english
):
    group = _accept_all(groups_world)[0]
    response = client_for(groups_world["users"]["a1"]).get(group_url(group))
    html = response.content.decode()
    assert "Bioanalytiker" in html
    assert groups_world["booths"][0].experiment.get_absolute_url() in html
    for name in ("arena-stakeholder", "values", "codex", "redesign", "pitch"):
        assert f'name="{name}"' in html
    for name in ("final_design", "planning", "roles-who", "roles-what", "roles-by"):
        assert f'name="{name}"' in html
    assert html.count('hx-trigger="change, submit"') == 10
    assert group_url(group, "workshop_schedule", number=1).encode() not in response.content
    organiser = client_for(groups_world["member"]).get(group_url(group))
    assert group_url(group, "workshop_schedule", number=1) in organiser.content.decode()


def test_saving_as_you_go(groups_world, client_for, in_english):
    group = _accept_all(groups_world)[0]
    client = client_for(groups_world["users"]["a1"])
    url = group_url(group, "workshop_save", number=1)
    response = client.post(
        url,
        {"field": "codex", "codex": "Vi **deler** altid <script>x</script>"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved" in html
    assert "<strong>deler</strong>" in html
    assert "<script>" not in html
    assert 'id="wf-1-codex"' in html
    data = {
        "field": "arena",
        "arena-stakeholder": ["Studerende", "", "Praktiksteder"],
        "arena-stake": ["Mere feedback", "", "Ny rolle"],
    }
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    response = client.post(url, {"field": "values", "values": ["Tillid", " ", "Mod"]})
    assert response.status_code == 302
    assert response["Location"].endswith("#wf-1-values")
    content = Workshop.objects.get(group=group, number=1).content
    assert content == {
        "codex": "Vi **deler** altid <script>x</script>",
        "arena": [
            {"stakeholder": "Studerende", "stake": "Mere feedback"},
            {"stakeholder": "Praktiksteder", "stake": "Ny rolle"},
        ],
        "values": ["Tillid", "Mod"],
    }
    roles = {
        "field": "roles",
        "roles-who": ["Anne"],
        "roles-what": ["Booker"],
        "roles-by": ["2031-01-15"],
    }
    response = client.post(group_url(group, "workshop_save", number=2), roles)
    assert response.status_code == 302
    assert Workshop.objects.get(group=group, number=2).updated_by == groups_world["users"]["a1"]


def test_bad_workshop_input_is_refused_and_nothing_changes(groups_world, client_for, in_english):
    group = _accept_all(groups_world)[0]
    client = client_for(groups_world["users"]["a1"])
    url = group_url(group, "workshop_save", number=1)
    response = client.post(url, {"field": "pitch", "pitch": "x" * 601}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "At most 600 characters" in response.content.decode()
    bad_date = {"field": "roles", "roles-who": ["A"], "roles-what": ["B"], "roles-by": ["snart"]}
    assert client.post(group_url(group, "workshop_save", number=2), bad_date).status_code == 400
    assert client.post(url, {"field": "final_design", "final_design": "x"}).status_code == 400
    assert client.post(group_url(group, "workshop_save", number=3), {}).status_code == 404
    assert [w.content for w in Workshop.objects.filter(group=group)] == [{}, {}]


def test_someone_not_in_the_group_cannot_save(groups_world, client_for, in_english):
    group = _accept_all(groups_world)[0]
    url = group_url(group, "workshop_save", number=1)
    for user in (groups_world["users"]["b1"], groups_world["staff"]):
        response = client_for(user).post(url, {"field": "codex", "codex": "Overtaget"})
        assert response.status_code == 403
        assert "organisers can write in its workshops." in response.content.decode()
        response = client_for(user).post(
            url, {"field": "codex", "codex": "Overtaget"}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 403
    assert Workshop.objects.get(group=group, number=1).content == {}
    # An organiser may write.
    response = client_for(groups_world["member"]).post(url, {"field": "codex", "codex": "OK"})
    assert response.status_code == 302
    assert Workshop.objects.get(group=group, number=1).content == {"codex": "OK"}


def test_the_group_page_runs_a_fixed_number_of_queries(
    groups_world, client_for, make_user, educations
):
    group = _accept_all(groups_world)[0]
    client = client_for(groups_world["users"]["a1"])
    client.get(group_url(group))
    few = _queries(client, group_url(group))
    _grow(groups_world, make_user, educations, 30)
    for card in groups_world["booths"][0].cards.filter(group_membership__isnull=True):
        if card.commitment == "try":
            GroupCard.objects.create(group=group, card=card)
    Workshop.objects.filter(group=group, number=1).update(
        content={"values": [f"Ord {i}" for i in range(20)], "codex": "Tekst"}
    )
    assert group.members.count() >= 20
    assert _queries(client, group_url(group)) == few


def test_my_groups_on_the_event_page_include(groups_world, in_english):
    from django.template.loader import render_to_string

    group = _accept_all(groups_world)[0]
    user = groups_world["users"]["a1"]
    mine = selectors_groups.my_groups(user, groups_world["event"])
    assert mine == [group]
    html = render_to_string(
        "bazar/groups/includes/my_groups.html",
        {"my_groups": mine, "event": groups_world["event"]},
    )
    assert group_url(group) in html
    assert selectors_groups.my_groups(groups_world["users"]["b1"], groups_world["event"]) != [group]
