"""Follow-up groups: suggestions on a known set of cards (by education and by institution,
each with its reason), accepting one, and adjusting by hand (move, merge, split, rename,
remove) with their refusals: a clear message and nothing changed."""

import pytest

from bazar import selectors_groups, services_groups
from bazar.enums import GroupBasis
from bazar.exceptions import NotAllowed, Refused, WrongStatus
from bazar.models import FollowUpGroup, GroupCard, Workshop
from labportal.notifications.models import Notification
from tests.bazar.conftest import set_status

pytestmark = pytest.mark.django_db


def _suggestions(world, basis):
    return selectors_groups.grouping_page(world["event"], basis).suggestions


def _names(suggestion):
    return sorted(card.visitor.username for card in suggestion.cards)


def _state():
    return (
        sorted(FollowUpGroup.objects.values_list("pk", "title", "booth_id")),
        sorted(GroupCard.objects.values_list("group_id", "card_id")),
        Workshop.objects.count(),
    )


def test_suggestions_by_education_with_their_reasons(groups_world, in_english, people):
    found = _suggestions(groups_world, GroupBasis.EDUCATION)
    booth0, booth1 = (b.title for b in groups_world["booths"])
    rows = [(s.booth.title, s.label, _names(s), s.reason) for s in found.suggestions]
    leader = people["leader"].username
    assert rows == [
        (
            booth0,
            "Bioanalytiker",
            sorted(["a1", "a2", leader]),
            f"3 cards from Bioanalytiker want to try or implement “{booth0}”.",
        ),
        (
            booth0,
            "Bygningskonstruktør",
            ["b1"],
            f"1 card from Bygningskonstruktør wants to try or implement “{booth0}”.",
        ),
        (
            booth0,
            "Elektriker",
            ["c1"],
            f"1 card from Elektriker wants to try or implement “{booth0}”.",
        ),
        (
            booth1,
            "Elektriker",
            ["c1"],
            f"1 card from Elektriker wants to try or implement “{booth1}”.",
        ),
    ]
    assert [s.single for s in found.suggestions] == [False, True, True, True]
    assert found.left_out == 0


def test_suggestions_by_institution(groups_world, in_english):
    found = _suggestions(groups_world, GroupBasis.INSTITUTION)
    booth0 = groups_world["booths"][0].title
    assert [(s.label, len(s.cards)) for s in found.suggestions] == [
        ("KEA", 4),
        ("TEC", 1),
        ("TEC", 1),
    ]
    assert found.suggestions[0].reason == f"4 cards from KEA want to try or implement “{booth0}”."
    assert found.suggestions[0].basis == "institution"


def test_a_card_whose_writer_is_no_longer_invited_is_left_out(groups_world):
    groups_world["event"].attendees.filter(user=groups_world["users"]["b1"]).delete()
    found = _suggestions(groups_world, GroupBasis.EDUCATION)
    assert found.left_out == 1
    assert "b1" not in [n for s in found.suggestions for n in _names(s)]


def _accept(world, basis=GroupBasis.EDUCATION, index=0):
    suggestion = _suggestions(world, basis).suggestions[index]
    return services_groups.group_accept(
        event=world["event"], by=world["administrator"], basis=basis, key=suggestion.key
    )


def test_accepting_a_suggestion_makes_the_group_its_workshops_and_tells_the_members(
    groups_world, in_english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = _accept(groups_world)
    assert group.basis == "education"
    assert group.reason.startswith("3 cards from Bioanalytiker")
    assert group.title == f"{groups_world['booths'][0].title} – Bioanalytiker"
    assert sorted(group.members.values_list("card__visitor__username", flat=True)) == sorted(
        ["a1", "a2", groups_world["leader"].username]
    )
    assert list(group.workshops.values_list("number", flat=True)) == [1, 2]
    told = Notification.objects.filter(url__endswith=f"/groups/{group.pk}/")
    assert told.count() == 3
    # The grouped cards are no longer suggested.
    remaining = _suggestions(groups_world, GroupBasis.EDUCATION).suggestions
    assert [s.label for s in remaining] == ["Bygningskonstruktør", "Elektriker", "Elektriker"]


def test_a_stale_suggestion_is_refused(groups_world):
    key = _suggestions(groups_world, GroupBasis.EDUCATION).suggestions[0].key
    _accept(groups_world)
    before = _state()
    with pytest.raises(WrongStatus):
        services_groups.group_accept(
            event=groups_world["event"],
            by=groups_world["administrator"],
            basis="education",
            key=key,
        )
    assert _state() == before


def test_only_organisers_group_and_only_in_follow_up(groups_world):
    with pytest.raises(NotAllowed):
        _accept({**groups_world, "administrator": groups_world["staff"]})
    set_status(groups_world["event"], "closed")
    with pytest.raises(WrongStatus):
        _accept(groups_world)
    assert not FollowUpGroup.objects.exists()


def _two_groups(world):
    first = _accept(world)  # Bioanalytiker, booth 0
    second = _accept(world)  # Bygningskonstruktør, booth 0 (now first)
    return first, second


def test_moving_a_card(groups_world, in_english):
    _first, second = _two_groups(groups_world)
    card = groups_world["cards"]["a1"]
    note = services_groups.group_card_move(
        event=groups_world["event"], by=groups_world["member"], card=card, to=second
    )
    assert note == ""
    assert GroupCard.objects.get(card=card).group == second
    # A card of another booth may join, and the answer says so.
    other = groups_world["cards"]["c1-1"]
    note = services_groups.group_card_move(
        event=groups_world["event"], by=groups_world["member"], card=other, to=second
    )
    assert "Note: the card was written at" in note
    # Out of its group.
    services_groups.group_card_move(
        event=groups_world["event"], by=groups_world["member"], card=other, to=None
    )
    assert not GroupCard.objects.filter(card=other).exists()


def test_moving_refusals_change_nothing(groups_world, make_event, people, in_english):
    first, _second = _two_groups(groups_world)
    before = _state()
    only = groups_world["cards"]["b1"]
    with pytest.raises(Refused, match="only card"):
        services_groups.group_card_move(
            event=groups_world["event"], by=groups_world["member"], card=only, to=first
        )
    with pytest.raises(Refused):
        services_groups.group_card_move(
            event=groups_world["event"],
            by=groups_world["member"],
            card=groups_world["cards"]["a1"],
            to=first,  # already there
        )
    assert _state() == before


def _other_event_group(make_bazar, people, educations):
    from tests.bazar.conftest import add_card

    event, booths = make_bazar("running", booths=1, title="Anden bazar")
    card = add_card(booths[0], people["teacher"], "try")
    set_status(event, "follow_up")
    return services_groups.group_create(
        event=event, by=people["administrator"], cards=[card], title="Andet hold"
    )


def test_merging(groups_world):
    first, second = _two_groups(groups_world)
    services_groups.group_merge(
        event=groups_world["event"], by=groups_world["administrator"], group=second, into=first
    )
    assert not FollowUpGroup.objects.filter(pk=second.pk).exists()
    assert first.members.count() == 4
    assert Workshop.objects.filter(group=first).count() == 2


def test_merging_groups_of_two_events_is_refused(
    groups_world, make_bazar, people, educations, in_english
):
    first, _second = _two_groups(groups_world)
    foreign = _other_event_group(make_bazar, people, educations)
    before = _state()
    with pytest.raises(Refused, match="two different events"):
        services_groups.group_merge(
            event=groups_world["event"], by=groups_world["administrator"], group=first, into=foreign
        )
    with pytest.raises(Refused):
        services_groups.group_merge(
            event=groups_world["event"], by=groups_world["administrator"], group=first, into=first
        )
    assert _state() == before


def test_splitting(groups_world, in_english):
    first, _second = _two_groups(groups_world)
    cards = [groups_world["cards"]["a1"], groups_world["cards"]["a2"]]
    new = services_groups.group_split(
        event=groups_world["event"], by=groups_world["administrator"], group=first, cards=cards
    )
    assert new.title == f"{first.title} (2)"
    assert new.basis == "manual"
    assert new.reason == f"Split from “{first.title}”."
    assert sorted(new.members.values_list("card_id", flat=True)) == sorted(c.pk for c in cards)
    assert first.members.count() == 1
    assert new.workshops.count() == 2


def test_split_refusals(groups_world):
    first, _second = _two_groups(groups_world)
    before = _state()
    everyone = [m.card for m in first.members.all()]
    for cards in ([], everyone, [groups_world["cards"]["b1"]]):
        with pytest.raises(Refused):
            services_groups.group_split(
                event=groups_world["event"],
                by=groups_world["administrator"],
                group=first,
                cards=cards,
            )
    assert _state() == before


def test_renaming_and_removing(groups_world):
    first, second = _two_groups(groups_world)
    services_groups.group_rename(
        event=groups_world["event"], by=groups_world["member"], group=first, title="  Bio  holdet "
    )
    first.refresh_from_db()
    assert first.title == "Bio holdet"
    with pytest.raises(Refused):  # the name of another group
        services_groups.group_rename(
            event=groups_world["event"], by=groups_world["member"], group=second, title="Bio holdet"
        )
    with pytest.raises(Refused):
        services_groups.group_rename(
            event=groups_world["event"], by=groups_world["member"], group=second, title="  "
        )
    services_groups.group_remove(
        event=groups_world["event"], by=groups_world["member"], group=first
    )
    assert not FollowUpGroup.objects.filter(pk=first.pk).exists()
    assert not Workshop.objects.filter(group_id=first.pk).exists()
    assert not GroupCard.objects.filter(card=groups_world["cards"]["a1"]).exists()
    # Its cards are suggested again.
    labels = [s.label for s in _suggestions(groups_world, "education").suggestions]
    assert "Bioanalytiker" in labels


def test_a_group_can_be_made_by_hand_but_not_from_another_events_card(
    groups_world, make_bazar, people, educations
):
    foreign = _other_event_group(make_bazar, people, educations)
    card = foreign.members.get().card
    GroupCard.objects.filter(card=card).delete()
    with pytest.raises(Refused):
        services_groups.group_create(
            event=groups_world["event"], by=groups_world["administrator"], cards=[card], title="X"
        )
    cards = [groups_world["cards"]["a1"], groups_world["cards"]["c1-1"]]
    with pytest.raises(Refused):  # two booths
        services_groups.group_create(
            event=groups_world["event"], by=groups_world["administrator"], cards=cards, title="Y"
        )
    assert not FollowUpGroup.objects.filter(event=groups_world["event"]).exists()
