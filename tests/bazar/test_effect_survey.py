"""The survey page behind its token: open without signing in, single use, expiring, bound to
its recipient; friendly pages for everything else, and never a second answer."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bazar import effect
from bazar.enums import EventStatus
from bazar.models import EffectAnswer, EffectSurvey
from tests.bazar.conftest import set_status
from tests.bazar.test_effect import card, group


@pytest.fixture
def survey_link(make_bazar, make_user, educations):
    """A sent survey to Alma about the group "Bio" and its plain token."""
    event, booths = make_bazar("follow_up", booths=1)
    alma = make_user("staff", first_name="Alma")
    from tests.bazar.test_effect import attend

    attend(event, alma, educations[0], checked_in=True)
    bio = group(booths[0], "Bio", [card(booths[0], alma)])
    token, digest = effect.new_token()
    now = timezone.now()
    survey = EffectSurvey.objects.create(
        event=event,
        recipient=alma,
        group=bio,
        token_hash=digest,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=60),
    )
    return {"survey": survey, "token": token, "url": reverse("bazar:survey", args=[token])}


def anonymous() -> Client:
    return Client(enforce_csrf_checks=True)


def post(client: Client, url: str, **data):
    client.get(url)
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(url, data)


def test_the_page_greets_the_recipient_without_signing_in(survey_link):
    response = anonymous().get(survey_link["url"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alma" in html
    assert survey_link["survey"].group.booth.title in html
    assert html.count('name="outcome"') == 4
    assert 'name="comment"' in html
    assert "csrftoken" in response.cookies


def test_answering_saves_one_answer_and_thanks(survey_link):
    client = anonymous()
    response = post(
        client, survey_link["url"], outcome="developed", comment="Vi har tilpasset den."
    )
    assert response.status_code == 200
    assert b'name="outcome"' not in response.content
    assert b"Alma" in response.content
    answer = EffectAnswer.objects.get()
    assert (answer.outcome, answer.comment) == ("developed", "Vi har tilpasset den.")
    survey = EffectSurvey.objects.get()
    assert survey.answered_at == answer.answered_at


def test_the_token_works_once(survey_link):
    client = anonymous()
    post(client, survey_link["url"], outcome="implemented")
    again = post(client, survey_link["url"], outcome="not_pursued")
    assert again.status_code == 409
    assert EffectAnswer.objects.get().outcome == "implemented"
    # the page itself now says "already answered" (no form)
    page = client.get(survey_link["url"])
    assert page.status_code == 200
    assert b'name="outcome"' not in page.content


def test_without_csrf_nothing_is_saved(survey_link):
    response = anonymous().post(survey_link["url"], {"outcome": "implemented"})
    assert response.status_code == 403
    assert not EffectAnswer.objects.exists()


@pytest.mark.parametrize("token", ["garbage", "x" * 43, "a" * 300, "%00"])
def test_unknown_tokens_get_a_friendly_404(survey_link, token):
    response = anonymous().get(f"/bazar/survey/{token}/")
    assert response.status_code == 404
    assert b'name="outcome"' not in response.content
    assert b"<h1>" in response.content


def test_an_expired_link_gets_a_friendly_page(survey_link):
    EffectSurvey.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client = anonymous()
    assert client.get(survey_link["url"]).status_code == 410
    assert post(client, survey_link["url"], outcome="implemented").status_code in (409, 410)
    assert not EffectAnswer.objects.exists()


def test_a_closed_survey_takes_no_answer(survey_link):
    set_status(survey_link["survey"].event, EventStatus.MAPPED)
    client = anonymous()
    response = client.get(survey_link["url"])
    assert response.status_code == 409
    assert b'name="outcome"' not in response.content
    assert post(client, survey_link["url"], outcome="implemented").status_code == 409
    assert not EffectAnswer.objects.exists()


def test_someone_elses_token_answers_for_its_recipient_only(survey_link, make_user, client):
    """Signed in as someone else, the link is still Alma's survey: it greets Alma, and the
    answer is hers (the token is bound to its recipient, not to the session)."""
    other = make_user("staff", first_name="Otto")
    client.force_login(other)
    page = client.get(survey_link["url"])
    assert b"Alma" in page.content
    assert b"Otto" not in page.content.split(b"<main")[1]
    client.post(survey_link["url"], {"outcome": "implemented"})
    assert EffectAnswer.objects.get().survey.recipient.first_name == "Alma"
    assert not EffectSurvey.objects.filter(recipient=other).exists()


def test_bad_input_says_what_is_wrong_and_saves_nothing(survey_link):
    client = anonymous()
    assert post(client, survey_link["url"], outcome="maybe").status_code == 400
    too_long = post(client, survey_link["url"], outcome="implemented", comment="x" * 2001)
    assert too_long.status_code == 400
    assert not EffectAnswer.objects.exists()


def test_the_old_token_stops_working_after_a_reminder(survey_link):
    survey = survey_link["survey"]
    survey.sent_at = timezone.now() - datetime.timedelta(days=20)
    survey.save()
    assert effect.reminder_deliver(survey_id=survey.pk, number=1)
    assert anonymous().get(survey_link["url"]).status_code == 404


def test_the_service_refuses_a_second_answer(survey_link):
    effect.survey_answer(token=survey_link["token"], outcome="implemented")
    with pytest.raises(effect.SurveyNotOpen) as raised:
        effect.survey_answer(token=survey_link["token"], outcome="developed")
    assert raised.value.state == "answered"
    assert EffectAnswer.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_tabs_at_once_give_one_answer(make_bazar, make_user, educations):
    event, booths = make_bazar("follow_up", booths=1)
    alma = make_user("staff")
    bio = group(booths[0], "Bio", [card(booths[0], alma)])
    token, digest = effect.new_token()
    now = timezone.now()
    EffectSurvey.objects.create(
        event=event,
        recipient=alma,
        group=bio,
        token_hash=digest,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=1),
    )
    results, barrier = [], threading.Barrier(2)

    def answer(outcome):
        barrier.wait()
        try:
            effect.survey_answer(token=token, outcome=outcome)
            results.append("saved")
        except effect.SurveyNotOpen:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(o,)) for o in ("implemented", "developed")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "saved"]
    assert EffectAnswer.objects.count() == 1
