"""Setting an event up: the event, booths (with their defaults from the experiment),
themes, rounds and slots, the working group, invitations, check-in and pre-registration."""

import datetime

import pytest
from django.utils import translation

from bazar import services
from bazar.exceptions import NotAllowed, Refused, WrongStatus
from bazar.models import Attendee, BazarEvent, Booth, PitchSlot, PreRegistration
from labportal.organisation.models import Education
from tests.factories import ExperimentFactory, InstitutionFactory, TeamMembershipFactory

from .conftest import set_status


def test_event_create_makes_a_planning_event_with_a_danish_slug(people, institutions):
    event = services.event_create(
        by=people["administrator"],
        title="  Bazar på Ørestad  ",
        date=datetime.date(2030, 1, 2),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        institutions=institutions,
    )
    event.refresh_from_db()
    assert (event.slug, event.title, event.status) == (
        "bazar-paa-oerestad",
        "Bazar på Ørestad",
        "planning",
    )
    assert (event.created_by, event.survey_after_days) == (people["administrator"], 90)
    assert set(event.institutions.all()) == set(institutions)


def test_event_create_is_for_administrators_and_checks_times(people):
    fields = {"title": "Bazar", "date": datetime.date(2030, 1, 2), "start_time": datetime.time(12)}
    with pytest.raises(NotAllowed):
        services.event_create(by=people["member"], end_time=datetime.time(13), **fields)
    with pytest.raises(Refused):
        services.event_create(by=people["administrator"], end_time=datetime.time(11), **fields)
    assert BazarEvent.objects.count() == 0


def test_event_update_saves_what_changed(event, people, institutions):
    changed = services.event_update(
        event=event, by=people["member"], place="TEC Frederiksberg", institutions=institutions[:1]
    )
    assert changed == ["place", "institutions"]
    event.refresh_from_db()
    assert event.place == "TEC Frederiksberg"
    assert list(event.institutions.all()) == institutions[:1]
    assert services.event_update(event=event, by=people["member"], place="TEC Frederiksberg") == []


def test_event_update_refuses_an_end_before_the_start(event, people):
    with pytest.raises(Refused):
        services.event_update(event=event, by=people["member"], end_time=datetime.time(8))
    event.refresh_from_db()
    assert event.end_time == datetime.time(15)


def test_booth_defaults_to_the_experiments_title_team_and_owner(event, people):
    owner = people["staff"]
    experiment = ExperimentFactory(title="Tre rum for ledelse", owner=owner)
    members = [TeamMembershipFactory(experiment=experiment).user for _ in range(2)]
    booth = services.booth_add(event=event, by=people["member"], experiment=experiment)
    assert (booth.title, booth.slug, booth.experiment) == (
        "Tre rum for ledelse",
        "tre-rum-for-ledelse",
        experiment,
    )
    assert set(booth.hosts.all()) == {owner, *members}


def test_booth_for_a_project_without_experiment_needs_a_title(event, people):
    with pytest.raises(Refused):
        services.booth_add(event=event, by=people["member"], title="  ")
    booth = services.booth_add(
        event=event,
        by=people["member"],
        title="Mentorordning",
        summary="Et projekt",
        hosts=[people["teacher"]],
    )
    assert (booth.title, booth.summary, list(booth.hosts.all())) == (
        "Mentorordning",
        "Et projekt",
        [people["teacher"]],
    )


def test_one_booth_per_experiment_and_unique_slugs(event, people):
    experiment = ExperimentFactory(title="Fælles sprog")
    first = services.booth_add(event=event, by=people["member"], experiment=experiment)
    with pytest.raises(Refused):
        services.booth_add(event=event, by=people["member"], experiment=experiment)
    second = services.booth_add(event=event, by=people["member"], title="Fælles sprog")
    assert (first.slug, second.slug) == ("faelles-sprog", "faelles-sprog-2")
    assert (first.order, second.order) == (1, 2)
    assert Booth.objects.count() == 2


def test_booth_update_and_a_theme_of_another_event(event, make_event, people):
    booth = services.booth_add(event=event, by=people["member"], title="Projekt")
    theme = services.theme_add(event=event, by=people["member"], title="Trivsel")
    other = make_event(title="Anden bazar")
    foreign = services.theme_add(event=other, by=people["administrator"], title="Trivsel")
    with pytest.raises(Refused):
        services.booth_update(booth=booth, by=people["member"], theme=foreign)
    changed = services.booth_update(
        booth=booth, by=people["member"], theme=theme, hosts=[people["staff"]]
    )
    assert changed == ["theme", "hosts"]
    booth.refresh_from_db()
    assert (booth.theme, list(booth.hosts.all())) == (theme, [people["staff"]])


def test_themes_are_unique_per_event(event, people):
    services.theme_add(event=event, by=people["member"], title="Trivsel")
    with pytest.raises(Refused):
        services.theme_add(event=event, by=people["member"], title="Trivsel")
    assert list(event.themes.values_list("title", flat=True)) == ["Trivsel"]


def test_rounds_and_slots(event, make_event, people):
    by = people["member"]
    booth = services.booth_add(event=event, by=by, title="Projekt")
    with pytest.raises(Refused):
        services.round_add(
            event=event,
            by=by,
            kind="round_1",
            starts_at=datetime.time(10),
            ends_at=datetime.time(9),
        )
    first = services.round_add(
        event=event, by=by, kind="round_1", starts_at=datetime.time(9), ends_at=datetime.time(10)
    )
    services.round_add(
        event=event, by=by, kind="shopping", starts_at=datetime.time(10), ends_at=datetime.time(11)
    )
    slot = services.slot_add(round=first, by=by, booth=booth, starts_at=datetime.time(9, 5))
    with pytest.raises(Refused):
        services.slot_add(round=first, by=by, booth=booth)
    other_booth = services.booth_add(
        event=make_event(title="Anden"), by=people["administrator"], title="X"
    )
    with pytest.raises(Refused):
        services.slot_add(round=first, by=by, booth=other_booth)
    assert list(PitchSlot.objects.all()) == [slot]
    assert list(event.rounds.values_list("kind", "order")) == [("round_1", 1), ("shopping", 2)]


def test_working_group_add_and_remove(event, people, educations):
    member = services.working_group_add(
        event=event,
        by=people["member"],
        user=people["staff"],
        role="leader",
        education=educations[1],
    )
    with pytest.raises(Refused):
        services.working_group_add(
            event=event, by=people["member"], user=people["staff"], role="leader"
        )
    assert people["staff"].has_perm("bazar.manage_event", event) is True
    services.working_group_remove(member=member, by=people["member"])
    assert people["staff"].has_perm("bazar.manage_event", event) is False


def test_invite_again_changes_education_and_role(event, people, educations):
    by = people["member"]
    attendee = services.attendee_invite(
        event=event, by=by, user=people["staff"], education=educations[0], role="teacher"
    )
    again = services.attendee_invite(
        event=event, by=by, user=people["staff"], education=educations[2], role="other_staff"
    )
    assert again.pk == attendee.pk
    attendee.refresh_from_db()
    assert (attendee.education, attendee.role, attendee.invited_at) == (
        educations[2],
        "other_staff",
        None,
    )


def test_invite_refuses_an_education_of_an_institution_not_taking_part(event, people):
    outside = Education.objects.create(institution=InstitutionFactory(), slug="x", name="Udenfor")
    before = Attendee.objects.count()
    with translation.override("en"), pytest.raises(Refused) as error:
        services.attendee_invite(
            event=event,
            by=people["member"],
            user=people["staff"],
            education=outside,
            role="teacher",
        )
    assert error.value.message == "Udenfor is not part of an institution taking part in the event."
    assert Attendee.objects.count() == before


def test_invitation_sent_is_recorded_once(event):
    attendee = event.attendees.first()
    assert services.attendee_invitation_sent(attendee=attendee) is True
    first = Attendee.objects.get(pk=attendee.pk).invited_at
    assert services.attendee_invitation_sent(attendee=attendee) is False
    assert Attendee.objects.get(pk=attendee.pk).invited_at == first is not None


def test_check_in_while_running(event, people):
    attendee = event.attendees.get(user=people["leader"])
    with pytest.raises(WrongStatus):
        services.attendee_check_in(
            event=event, by=people["member"], attendee=attendee, present=True
        )
    set_status(event, "running")
    with pytest.raises(NotAllowed):
        services.attendee_check_in(
            event=event, by=people["teacher"], attendee=attendee, present=True
        )
    services.attendee_check_in(event=event, by=people["member"], attendee=attendee, present=True)
    attendee.refresh_from_db()
    assert attendee.checked_in_by == people["member"]
    assert attendee.is_checked_in is True
    services.attendee_check_in(event=event, by=people["member"], attendee=attendee, present=False)
    attendee.refresh_from_db()
    assert (attendee.checked_in_at, attendee.checked_in_by) == (None, None)


def test_pre_register_while_open(event, people):
    booth = services.booth_add(event=event, by=people["member"], title="Projekt")
    with pytest.raises(WrongStatus):
        services.pre_register(event=event, user=people["leader"], booth=booth, wanted=True)
    set_status(event, "open")
    with pytest.raises(Refused):
        services.pre_register(event=event, user=people["staff"], booth=booth, wanted=True)
    assert services.pre_register(event=event, user=people["leader"], booth=booth, wanted=True)
    assert services.pre_register(event=event, user=people["leader"], booth=booth, wanted=True)
    assert PreRegistration.objects.filter(booth=booth).count() == 1
    assert not services.pre_register(event=event, user=people["leader"], booth=booth, wanted=False)
    assert PreRegistration.objects.count() == 0


def test_a_booth_with_cards_is_not_removed(event, people):
    booth = services.booth_add(event=event, by=people["member"], title="Projekt")
    set_status(event, "running")
    services.card_submit(
        event=event, booth=booth, visitor=people["leader"], commitment="inspiration", take_home=""
    )
    set_status(event, "open")
    with pytest.raises(Refused):
        services.booth_remove(booth=booth, by=people["member"])
    assert Booth.objects.filter(pk=booth.pk).exists()


def test_updates_and_removals_of_the_programme(event, people):
    by = people["member"]
    theme = services.theme_add(event=event, by=by, title="Trivsel")
    assert services.theme_update(theme=theme, by=by, title="Trivsel og læring") == ["title"]
    pitch = services.round_add(
        event=event, by=by, kind="round_1", starts_at=datetime.time(9), ends_at=datetime.time(10)
    )
    with pytest.raises(Refused):
        services.round_update(round=pitch, by=by, ends_at=datetime.time(8))
    assert services.round_update(round=pitch, by=by, theme=theme) == ["theme"]
    booth = services.booth_add(event=event, by=by, title="Projekt", theme=theme)
    slot = services.slot_add(round=pitch, by=by, booth=booth)
    assert services.slot_update(slot=slot, by=by, starts_at=datetime.time(9, 30)) == ["starts_at"]
    services.theme_remove(theme=theme, by=by)
    booth.refresh_from_db()
    pitch.refresh_from_db()
    assert (booth.theme, pitch.theme) == (None, None)
    services.booth_remove(booth=booth, by=by)
    assert PitchSlot.objects.count() == 0
    services.round_remove(round=pitch, by=by)
    assert event.rounds.count() == 0
