"""The results (bazar/results.py) from a known set of cards and answers: the same figures on
the results pages, the experiment page and the strategic panel; who sees them; a constant
number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bazar import effect_selectors, results
from bazar.enums import Commitment, EventStatus
from bazar.models import Booth, EffectAnswer, EffectSurvey
from bazar.models_people import Attendee
from tests.bazar.conftest import set_status
from tests.bazar.test_effect import card, group

IMPL, TRY = Commitment.IMPLEMENT, Commitment.TRY


def survey(event, user, *, about, outcome=None):
    """A sent survey about a group or a card, answered with `outcome` when given."""
    token = f"{user.pk}-{about.__class__.__name__}-{about.pk}"
    key = "group" if about.__class__.__name__ == "FollowUpGroup" else "card"
    now = timezone.now()
    made = EffectSurvey.objects.create(
        event=event,
        recipient=user,
        token_hash=token.ljust(64, "0")[:64],
        sent_at=now,
        expires_at=now + datetime.timedelta(days=60),
        answered_at=now if outcome else None,
        **{key: about},
    )
    if outcome:
        EffectAnswer.objects.create(survey=made, outcome=outcome)
    return made


def known_loop(event, booths, educations, make_user, prefix=""):
    """Booth 0 (experiment A): taken home by bio, byg, el; implemented in bio and el,
    developed further in bio; 4 surveys sent, 3 answered. Booth 1 (experiment B): taken home
    by el and byg, not pursued in el. A project booth: taken home by bio, new activities in
    bio."""
    bio, byg, el = educations
    people = {}
    for name, education in (("p1", bio), ("p2", bio), ("p3", byg), ("p4", el), ("p5", el)):
        people[name] = make_user("staff", username=f"{prefix}{name}")
        Attendee.objects.create(event=event, user=people[name], education=education, role="teacher")
    p = people
    project = Booth.objects.create(event=event, slug=f"projekt{prefix}", title="Projekt X", order=9)
    a, b = booths[0], booths[1]
    g = group(a, f"Bio-gruppen{prefix}", [card(a, p["p1"], IMPL), card(a, p["p2"], TRY)])
    card(a, p["p5"], Commitment.INSPIRATION)
    survey(event, p["p1"], about=g, outcome="implemented")
    survey(event, p["p2"], about=g, outcome="developed")
    survey(event, p["p3"], about=card(a, p["p3"], IMPL))
    survey(event, p["p4"], about=card(a, p["p4"], IMPL), outcome="implemented")
    survey(event, p["p5"], about=card(b, p["p5"], IMPL), outcome="not_pursued")
    card(b, p["p3"], TRY)
    survey(event, p["p2"], about=card(project, p["p2"], IMPL), outcome="new_activities")
    return g, project


@pytest.fixture
def loop(make_bazar, educations, make_user):
    event, booths = make_bazar("follow_up", booths=2)
    g, project = known_loop(event, booths, educations, make_user)
    return {"event": event, "booths": booths, "group": g, "project": project}


def practice_of(found, booth):
    key = ("experiment", booth.experiment_id) if booth.experiment_id else ("booth", booth.pk)
    return next(p for p in found.practices if p.key == key)


def test_the_figures_from_known_answers(loop):
    found = results.figures([loop["event"].pk])
    a = practice_of(found, loop["booths"][0]).figures
    assert (a.taken_home_count, a.implemented, a.developed, a.new_activities, a.not_pursued) == (
        3,
        2,
        1,
        0,
        0,
    )
    assert (a.sent, a.answered, a.response_rate) == (4, 3, 75)
    b = practice_of(found, loop["booths"][1]).figures
    assert (b.taken_home_count, b.implemented, b.not_pursued, b.sent, b.answered) == (2, 0, 1, 1, 1)
    project = practice_of(found, loop["project"])
    assert project.is_project
    assert project.figures.new_activities == 1
    assert project.figures.taken_home_count == 1
    assert found.carried_on == 1
    assert found.taken_home == 3
    assert found.total.sent == 6
    assert found.total.answered == 5
    assert [g.title for g in practice_of(found, loop["booths"][0]).groups] == ["Bio-gruppen"]


def _figure(html: str, name: str) -> list[str]:
    return re.findall(rf'data-figure="{name}">(?:<[^>]+>)*\s*(\d+)', html)


def test_the_results_page_shows_the_headline_and_figures(loop, client_for, people):
    response = client_for(people["staff"]).get(
        reverse("bazar:results", kwargs={"event": loop["event"].slug})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert _figure(html, "carried-on") == ["1"]
    assert "Bio-gruppen" in html
    assert "Projekt X" in html


def test_the_experiment_page_shows_the_same_figures(loop, client_for, people):
    booth = loop["booths"][0]
    result_html = (
        client_for(people["staff"])
        .get(reverse("bazar:results", kwargs={"event": loop["event"].slug}))
        .content.decode()
    )
    block = result_html.split(f'data-practice="experiment-{booth.experiment_id}"')[1]
    block = block.split("</li>")[0]
    page = client_for(people["staff"]).get(
        reverse("experiments:detail", kwargs={"slug": booth.experiment.slug})
    )
    assert page.status_code == 200
    section = page.content.decode().split('id="sec-bazar-loop"')[1].split("</div>")[0]
    for name, expected in (("taken-home", "3"), ("implemented", "2"), ("developed", "1")):
        assert _figure(block, name) == [expected]
        assert _figure(section, name) == [expected]
    assert "Bio-gruppen" in section


def test_the_experiment_page_section_follows_a_new_answer(loop, client_for, people, settings):
    settings.FRAGMENT_CACHE = True
    booth = loop["booths"][1]
    url = reverse("experiments:detail", kwargs={"slug": booth.experiment.slug})
    client = client_for(people["staff"])
    assert _figure(client.get(url).content.decode(), "implemented") == ["0"]
    p3 = Attendee.objects.get(event=loop["event"], user__username="p3").user
    survey(loop["event"], p3, about=p3.bazar_cards.get(booth=booth), outcome="implemented")
    assert _figure(client.get(url).content.decode(), "implemented") == ["1"]


def test_no_section_for_an_experiment_never_taken_home(make_bazar, client_for, people):
    _event, booths = make_bazar("follow_up", booths=1)
    page = client_for(people["staff"]).get(
        reverse("experiments:detail", kwargs={"slug": booths[0].experiment.slug})
    )
    assert b"sec-bazar-loop" not in page.content


def test_the_all_events_page_adds_events_up(
    loop, make_bazar, educations, make_user, client_for, people
):
    other, booths = make_bazar("follow_up", booths=2, title="Anden bazar")
    known_loop(other, booths, educations, make_user, prefix="x")
    response = client_for(people["staff"]).get(reverse("bazar:results_all"))
    assert response.status_code == 200
    assert _figure(response.content.decode(), "carried-on") == ["2"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("leader", 200), ("administrator", 200), ("nobody", 403)],
)
def test_who_sees_the_results(loop, client_for, people, who, status):
    url = reverse("bazar:results", kwargs={"event": loop["event"].slug})
    assert client_for(people[who]).get(url).status_code == status
    assert client_for(people[who]).get(reverse("bazar:results_all")).status_code == status


def test_results_of_an_event_in_planning_are_not_shown(loop, client_for, people):
    set_status(loop["event"], EventStatus.PLANNING)
    url = reverse("bazar:results", kwargs={"event": loop["event"].slug})
    assert client_for(people["staff"]).get(url).status_code == 404
    assert client_for(people["administrator"]).get(url).status_code == 404
    assert effect_selectors.all_results(people["staff"])[0] == []


def test_anonymous_is_sent_to_sign_in(loop, client):
    url = reverse("bazar:results", kwargs={"event": loop["event"].slug})
    assert client.get(url).status_code == 302


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_constant_queries_whatever_the_size(make_bazar, educations, make_user, client_for, people):
    client = client_for(people["staff"])
    small, booths = make_bazar("follow_up", booths=2, title="Lille")
    known_loop(small, booths, educations, make_user, prefix="s")
    urls = [reverse("bazar:results", kwargs={"event": small.slug}), reverse("bazar:results_all")]
    detail = reverse("experiments:detail", kwargs={"slug": booths[0].experiment.slug})
    client.get(reverse("bazar:index"))  # the session's first request reads more
    before = [_queries(client, url) for url in [*urls, detail]]
    for i in range(3):
        big, more = make_bazar("follow_up", booths=4, title=f"Stor {i}")
        known_loop(big, more, educations, make_user, prefix=f"b{i}")
        known_loop(small, [booths[0], more[1]], educations, make_user, prefix=f"c{i}")
    after = [_queries(client, url) for url in [*urls, detail]]
    assert before == after


def test_the_strategic_panel_per_track_and_concept(loop, client_for, people, make_user):
    from concepts.models import Concept

    experiment = loop["booths"][0].experiment
    concept = Concept.objects.create(
        slug="koncept-a", title="Koncept A", program=experiment.program, track=experiment.track
    )
    concept.source_experiments.add(experiment)
    strategic = make_user("strategic")
    html = client_for(strategic).get(reverse("core:dashboard")).content.decode()
    assert 'id="bazar-effect"' in html
    concept_row = html.split('data-label="koncept-a"')[1].split("</tr>")[0]
    assert re.findall(r'class="num">(\d+)', concept_row)[:3] == ["3", "2", "1"]
    track_row = html.split(f'data-label="{experiment.track.slug}"')[1].split("</tr>")[0]
    assert re.findall(r'class="num">(\d+)', track_row)[:3] == ["3", "2", "1"]
    staff_html = client_for(people["staff"]).get(reverse("core:dashboard")).content.decode()
    assert 'id="bazar-effect"' not in staff_html
