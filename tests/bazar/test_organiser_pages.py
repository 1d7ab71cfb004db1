"""The organisers' event pages: creating an event, the overview and its status moves,
editing, the working group, and who may open each organiser page."""

import pytest
from django.urls import reverse

from bazar import services
from bazar.enums import EventStatus, PersonRole
from bazar.models import BazarEvent, EventStatusChange, WorkingGroupMember
from tests.bazar.conftest import set_status

GET_PAGES = (
    "organise",
    "event_edit",
    "working_group",
    "booths",
    "rounds",
    "programme",
    "signs",
    "check_in",
    "compliance",
    "collection",
)


def url(name: str, event: BazarEvent, **kwargs) -> str:
    return reverse(f"bazar:{name}", kwargs={"event": event.slug, **kwargs})


# --- who may open the pages ---------------------------------------------------------------


@pytest.mark.parametrize("name", GET_PAGES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("administrator", 200), ("member", 200), ("leader", 403), ("staff", 403), ("nobody", 403)],
)
def test_organiser_pages_by_role_once_the_event_is_open(
    make_event, people, client_for, name, who, expected
):
    event = make_event(EventStatus.OPEN)
    response = client_for(people[who]).get(url(name, event))
    assert response.status_code == expected


@pytest.mark.parametrize("name", GET_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(event, client, name):
    response = client.get(url(name, event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", GET_PAGES)
def test_an_event_in_planning_is_not_said_to_exist_to_outsiders(event, people, client_for, name):
    assert client_for(people["staff"]).get(url(name, event)).status_code == 404


@pytest.mark.parametrize("name", GET_PAGES)
def test_an_unknown_event_is_404(people, client_for, name, db):
    path = reverse(f"bazar:{name}", kwargs={"event": "ukendt"})
    assert client_for(people["administrator"]).get(path).status_code == 404


# --- creating and editing the event -------------------------------------------------------


def test_only_administrators_open_the_new_event_form(people, client_for):
    assert client_for(people["administrator"]).get(reverse("bazar:event_create")).status_code == 200
    assert client_for(people["leader"]).get(reverse("bazar:event_create")).status_code == 403


def test_an_administrator_creates_an_event(people, institutions, client_for):
    response = client_for(people["administrator"]).post(
        reverse("bazar:event_create"),
        {
            "title": "Forårsbazar",
            "date": "2030-04-02",
            "start_time": "09:00",
            "end_time": "14:00",
            "place": "TEC Hvidovre",
            "institutions": [institutions[1].pk],
            "survey_after_days": "90",
        },
    )
    event = BazarEvent.objects.get(title="Forårsbazar")
    assert response.status_code == 302
    assert response["Location"] == url("organise", event)
    assert [i.name for i in event.institutions.all()] == ["TEC"]
    assert event.created_by == people["administrator"]


def test_a_bad_event_form_is_refused_and_nothing_is_created(people, client_for):
    response = client_for(people["administrator"]).post(
        reverse("bazar:event_create"),
        {"title": "X", "date": "2030-04-02", "start_time": "14:00", "end_time": "09:00"},
    )
    assert response.status_code == 400
    assert not BazarEvent.objects.exists()
    assert "end_time" in response.context["form"].errors


def test_the_working_group_edits_the_event(event, people, client_for):
    response = client_for(people["member"]).post(
        url("event_edit", event),
        {
            "title": "Bazar på KEA, 2. udgave",
            "date": "2030-05-02",
            "start_time": "10:00",
            "end_time": "15:00",
            "institutions": [i.pk for i in event.institutions.all()],
            "survey_after_days": "60",
        },
    )
    event.refresh_from_db()
    assert response.status_code == 302
    assert (event.title, event.survey_after_days) == ("Bazar på KEA, 2. udgave", 60)


def test_editing_a_running_event_is_refused_with_409(make_event, people, client_for):
    event = make_event(EventStatus.RUNNING)
    response = client_for(people["administrator"]).post(
        url("event_edit", event),
        {
            "title": "Nyt",
            "date": "2030-05-01",
            "start_time": "09:00",
            "end_time": "15:00",
            "survey_after_days": "90",
        },
    )
    event.refresh_from_db()
    assert response.status_code == 409
    assert event.title == "Bazar på KEA"


# --- the overview and its moves -----------------------------------------------------------


def test_the_overview_offers_the_moves_of_the_status(make_event, people, client_for):
    event = make_event(EventStatus.OPEN)
    page = client_for(people["member"]).get(url("organise", event)).content.decode()
    assert 'name="to_status" value="running"' in page
    assert 'name="to_status" value="planning"' in page
    assert 'name="from_status" value="open"' in page
    assert url("working_group", event) in page
    assert url("collection", event) in page


def test_an_organiser_moves_the_status(event, people, client_for):
    response = client_for(people["member"]).post(
        url("event_move", event), {"to_status": "open", "from_status": "planning"}
    )
    event.refresh_from_db()
    assert response.status_code == 302
    assert event.status == EventStatus.OPEN
    assert EventStatusChange.objects.get(event=event).by == people["member"]


def test_a_stale_page_moving_the_status_gets_409_and_nothing_moves(
    make_event, people, client_for, in_english
):
    event = make_event(EventStatus.OPEN)
    response = client_for(people["member"]).post(
        url("event_move", event), {"to_status": "open", "from_status": "planning"}
    )
    event.refresh_from_db()
    assert response.status_code == 409
    assert "someone else has moved it" in response.content.decode()
    assert event.status == EventStatus.OPEN
    assert not EventStatusChange.objects.exists()


def test_a_move_that_is_not_allowed_gets_409(event, people, client_for):
    response = client_for(people["member"]).post(
        url("event_move", event), {"to_status": "closed", "from_status": "planning"}
    )
    event.refresh_from_db()
    assert response.status_code == 409
    assert event.status == EventStatus.PLANNING


@pytest.mark.parametrize("data", [{}, {"to_status": "nonsense", "from_status": "planning"}])
def test_a_malformed_move_is_400(event, people, client_for, data):
    response = client_for(people["member"]).post(url("event_move", event), data)
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.status == EventStatus.PLANNING


def test_outsiders_cannot_move_the_status(make_event, people, client_for):
    event = make_event(EventStatus.OPEN)
    response = client_for(people["leader"]).post(
        url("event_move", event), {"to_status": "running", "from_status": "open"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.OPEN


def test_the_overview_counts(make_event, people, client_for):
    event = make_event(EventStatus.RUNNING)
    attendee = event.attendees.get(user=people["leader"])
    set_status(event, EventStatus.RUNNING)
    services.attendee_check_in(event=event, by=people["member"], attendee=attendee, present=True)
    counts = client_for(people["member"]).get(url("organise", event)).context["counts"]
    assert (counts.booths, counts.invited, counts.checked_in, counts.cards) == (0, 2, 1, 0)


# --- the working group --------------------------------------------------------------------


def test_adding_and_removing_a_member(event, people, educations, client_for):
    client = client_for(people["administrator"])
    response = client.post(
        url("working_group", event),
        {"user": people["teacher"].pk, "role": PersonRole.LEADER, "education": educations[2].pk},
    )
    member = WorkingGroupMember.objects.get(event=event, user=people["teacher"])
    assert response.status_code == 302
    assert (member.role, member.education) == (PersonRole.LEADER, educations[2])
    response = client.post(url("working_group_remove", event, member=member.pk))
    assert response.status_code == 302
    assert not WorkingGroupMember.objects.filter(pk=member.pk).exists()


def test_adding_someone_twice_is_refused_with_the_message(event, people, client_for):
    response = client_for(people["administrator"]).post(
        url("working_group", event), {"user": people["member"].pk, "role": PersonRole.TEACHER}
    )
    assert response.status_code == 400
    assert event.working_group.count() == 1


def test_a_member_of_another_event_is_404(make_event, people, client_for):
    event, other = make_event(), make_event(title="Anden bazar")
    member = other.working_group.get()
    response = client_for(people["administrator"]).post(
        url("working_group_remove", event, member=member.pk)
    )
    assert response.status_code == 404
    assert WorkingGroupMember.objects.filter(pk=member.pk).exists()


def test_the_representation_flags_the_gaps(event, people, client_for, educations):
    response = client_for(people["member"]).get(url("working_group", event))
    representation = response.context["representation"]
    page = response.content.decode()
    assert [e.name for e in representation.missing_educations] == [e.name for e in educations]
    assert PersonRole.LEADER in representation.missing_roles
    assert "Elektriker" in page
    assert "alert-warning" in page


def test_the_working_group_page_hides_the_form_once_setup_is_closed(make_event, people, client_for):
    event = make_event(EventStatus.RUNNING)
    page = client_for(people["member"]).get(url("working_group", event)).content.decode()
    assert 'name="role"' not in page
    assert url("working_group_remove", event, member=event.working_group.get().pk) not in page
