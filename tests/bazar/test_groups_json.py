"""The follow-up groups in "bazar_events": export -> empty portal -> import -> export gives
the same text; importing twice creates nothing; bad input is refused with its place named
and nothing written."""

import copy
import datetime as dt

import pytest
from django.core.management import CommandError

from bazar import selectors_groups, services_groups, services_workshops
from bazar.calendar import ZONE
from bazar.models import FollowUpGroup, GroupCard, Workshop
from tests.bazar.test_portability import _import, wipe
from tests.portability.helpers import export_json, export_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(in_english):
    """The refusals are asserted in English."""


@pytest.fixture
def grouped(groups_world):
    world, event = groups_world, groups_world["event"]
    admin = world["administrator"]
    while found := selectors_groups.grouping_page(event, "education").suggestions.suggestions:
        services_groups.group_accept(event=event, by=admin, basis="education", key=found[0].key)
    first = FollowUpGroup.objects.get(title__endswith="Bioanalytiker")
    workshop = Workshop.objects.get(group=first, number=1)
    workshop.group = first
    starts = dt.datetime(2031, 3, 12, 9, 0, tzinfo=ZONE)
    services_workshops.workshop_schedule(
        workshop=workshop,
        by=admin,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        place="KEA – æøå",
    )
    services_workshops.workshop_invite(workshop=workshop, by=admin)
    for field, value in (
        ("arena", [{"stakeholder": "Studerende", "stake": "Mere feedback"}]),
        ("values", ["Tillid", "Mod"]),
        ("pitch", "Vi prøver makkerpar i første semester."),
    ):
        services_workshops.workshop_save(workshop=workshop, by=admin, field=field, value=value)
    return world


def _state():
    return (
        sorted(FollowUpGroup.objects.values_list("title", "basis", "reason")),
        GroupCard.objects.count(),
        sorted(Workshop.objects.values_list("group__title", "number", "place", "content")),
    )


def _wipe():
    Workshop.objects.all().delete()
    GroupCard.objects.all().delete()
    FollowUpGroup.objects.all().delete()
    wipe()


def test_the_contract_keys_and_the_extra_ones(grouped):
    [row] = export_json()["bazar_events"]
    keys = list(row)
    assert keys.index("groups") == keys.index("interest_cards") + 1
    first = next(g for g in row["groups"] if g["title"].endswith("Bioanalytiker"))
    assert first["booth"] == grouped["booths"][0].slug
    assert first["members"] == sorted(["a1", "a2", grouped["leader"].username])
    assert first["cards"][0] == {"visitor": "a1", "booth": grouped["booths"][0].slug}
    assert first["basis"] == "education"
    assert first["reason"].startswith("3 cards from Bioanalytiker")
    assert [w["number"] for w in first["workshops"]] == [1, 2]
    one = first["workshops"][0]
    assert one["starts_at"] == "2031-03-12T08:00:00+00:00"
    assert one["content"]["values"] == ["Tillid", "Mod"]
    assert one["invited_at"] is not None
    assert len(row["groups"]) == 4


def test_export_import_export_is_the_same_and_twice_creates_nothing(grouped, tmp_path):
    before = export_text()
    wanted = _state()
    _wipe()
    _import(before, tmp_path)
    assert export_text() == before
    assert _state() == wanted
    _import(before, tmp_path)
    assert _state() == wanted
    assert export_text() == before


def test_the_file_moves_a_card_and_fills_a_missing_workshop(grouped, tmp_path):
    data = export_json()
    groups = data["bazar_events"][0]["groups"]
    first = next(g for g in groups if g["title"].endswith("Bioanalytiker"))
    other = next(g for g in groups if g["title"].endswith("Bygningskonstruktør"))
    moved = first["cards"].pop(0)
    other["cards"].append(moved)
    other["workshops"] = [other["workshops"][0]]
    Workshop.objects.filter(group__title=other["title"], number=2).delete()
    _import(data, tmp_path)
    group = FollowUpGroup.objects.get(title=other["title"])
    assert sorted(group.members.values_list("card__visitor__username", flat=True)) == sorted(
        ["b1", moved["visitor"]]
    )
    assert group.workshops.count() == 2


def _refused(data, tmp_path, *fragments):
    before = _state()
    with pytest.raises(CommandError) as error:
        _import(data, tmp_path)
    for fragment in fragments:
        assert fragment in str(error.value)
    assert _state() == before


def _changed(change):
    data = export_json()
    row = data["bazar_events"][0]
    change(row)
    return data


def test_a_card_of_another_event_is_refused(grouped, tmp_path):
    def change(row):
        row["groups"][0]["cards"].append({"visitor": "a1", "booth": "bod-fra-en-anden-bazar"})

    _refused(_changed(change), tmp_path, "bazar_events[0]", "groups[0].cards[", "booth")


def test_a_visitor_without_a_card_at_the_booth_is_refused(grouped, tmp_path):
    def change(row):
        row["groups"][0]["cards"].append({"visitor": "c2", "booth": row["booths"][1]["slug"]})

    _refused(_changed(change), tmp_path, "groups[0].cards[", "'c2' has no interest card")


def test_a_card_in_two_groups_is_refused(grouped, tmp_path):
    def change(row):
        row["groups"][1]["cards"].append(copy.deepcopy(row["groups"][0]["cards"][0]))

    _refused(_changed(change), tmp_path, "groups[1].cards[", "is in two groups")


def test_a_third_workshop_is_refused(grouped, tmp_path):
    def change(row):
        extra = copy.deepcopy(row["groups"][0]["workshops"][0]) | {"number": 3}
        row["groups"][0]["workshops"].append(extra)

    _refused(_changed(change), tmp_path, "groups[0].workshops[2]", "workshop 1 and workshop 2 only")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ({"pitch": "x" * 601}, "At most 600 characters"),
        ({"unknown": "x"}, "has no field"),
        ({"arena": "Studerende"}, "Expected a list"),
    ],
)
def test_content_that_does_not_fit_is_refused(grouped, tmp_path, content, fragment):
    def change(row):
        row["groups"][0]["workshops"][0]["content"] = content

    _refused(_changed(change), tmp_path, "groups[0].workshops[0]", fragment)


def test_two_groups_with_one_title_are_refused(grouped, tmp_path):
    def change(row):
        row["groups"][1]["title"] = row["groups"][0]["title"]

    _refused(_changed(change), tmp_path, "groups[1]", "two groups are called")
