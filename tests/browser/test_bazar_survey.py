"""End to end on a phone (390×844): three months after the bazar the daily job e-mails a
survey; the recipient opens the link from the e-mail without signing in, answers, sees the
thank-you page, and the link then says it has been answered."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from bazar import effect
from bazar.models import Attendee, BazarEvent, Booth, EffectAnswer, InterestCard
from labportal.accounts.enums import Role
from labportal.organisation.models import Education
from tests.browser.helpers import assert_accessible, sign_in
from tests.factories import ExperimentFactory, InstitutionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def sent_survey(db, settings, live_url):
    settings.PORTAL_BASE_URL = live_url
    visitor = UserFactory(username="alma", first_name="Alma", email="alma@example.org")
    education = Education.objects.create(
        institution=InstitutionFactory(name="KEA"), slug="bio", name="Bioanalytiker"
    )
    today = timezone.localdate()
    event = BazarEvent.objects.create(
        slug="projekt-bazar",
        title="Projekt Bazar",
        date=today - datetime.timedelta(days=90),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        status="follow_up",
    )
    experiment = ExperimentFactory(title="Tre rum i udforskende ledelse")
    booth = Booth.objects.create(
        event=event, slug="tre-rum", title=experiment.title, experiment=experiment
    )
    Attendee.objects.create(
        event=event,
        user=visitor,
        education=education,
        role="teacher",
        checked_in_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=90),
    )
    InterestCard.objects.create(booth=booth, visitor=visitor, commitment="implement")
    mail.outbox.clear()
    assert effect.effect_daily(today)["surveys"] == 1
    (message,) = mail.outbox
    return re.search(r"https?://\S+/bazar/survey/\S+/", message.body).group(0)


def test_answer_the_survey_on_a_phone_from_the_email_link(browser_page, sent_survey):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(sent_survey)
    expect(page.locator("h1")).to_contain_text("Alma")
    expect(page.locator("main")).to_contain_text("Tre rum i udforskende ledelse")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    page.locator("label.bazar-tile").filter(has=page.locator('input[value="developed"]')).click()
    page.locator("textarea[name=comment]").fill("Vi har gjort det til et fast punkt på mødet.")
    page.locator("button.bazar-survey-submit").click()
    expect(page.locator("h1")).to_contain_text("Alma")
    expect(page.locator("form.bazar-survey-form")).to_have_count(0)
    assert_accessible(page)
    answer = EffectAnswer.objects.get()
    assert (answer.outcome, answer.survey.recipient.username) == ("developed", "alma")
    page.goto(sent_survey)
    expect(page.locator("input[name=outcome]")).to_have_count(0)
    assert EffectAnswer.objects.count() == 1
    assert page.portal_console == []


def test_the_results_page_is_accessible_on_a_phone(browser_page, live_url, sent_survey):
    from bazar.models import EffectSurvey

    survey = EffectSurvey.objects.get()
    EffectAnswer.objects.create(survey=survey, outcome="implemented")
    EffectSurvey.objects.filter(pk=survey.pk).update(answered_at=timezone.now())
    UserFactory(username="strateg", roles=[Role.STAFF, Role.STRATEGIC])
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_url, "strateg", "secret-password")
    page.goto(f"{live_url}/bazar/projekt-bazar/results/")
    expect(page.locator('[data-figure="carried-on"]')).to_have_text("1")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    assert page.portal_console == []
