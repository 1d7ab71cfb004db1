"""Answering an effect survey through its link (effect.py sends it): the token's hash, what
state a link is in, and `survey_answer(token=, outcome=, comment=)`, which stores the answer
and `answered_at` in one transaction with the survey row locked (two tabs submitting at once
give one answer)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import statuses
from .enums import Action, Outcome
from .exceptions import BazarError, Refused
from .models import EffectAnswer, EffectSurvey
from .models_followup import COMMENT_MAX_LENGTH


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


class SurveyState:
    OPEN = "open"
    UNKNOWN = "unknown"
    ANSWERED = "answered"
    EXPIRED = "expired"
    CLOSED = "closed"


def survey_for_token(token: str) -> EffectSurvey | None:
    """The survey whose link this is (with what its page shows), or None. One query."""
    if not token or len(token) > 100:
        return None
    return (
        EffectSurvey.objects.select_related("recipient", "event", "group__booth", "card__booth")
        .filter(token_hash=token_hash(token))
        .first()
    )


def survey_state(survey: EffectSurvey | None, now=None) -> str:
    now = now or timezone.now()
    if survey is None or survey.sent_at is None:
        return SurveyState.UNKNOWN
    if survey.answered_at is not None:
        return SurveyState.ANSWERED
    if not statuses.allows(survey.event, Action.SURVEY):
        return SurveyState.CLOSED
    if survey.expires_at <= now:
        return SurveyState.EXPIRED
    return SurveyState.OPEN


class SurveyNotOpen(BazarError):
    """The link cannot be answered (any more); `state` says why."""

    def __init__(self, state: str):
        messages = {
            SurveyState.UNKNOWN: (_("This survey link is not valid."), 404),
            SurveyState.ANSWERED: (_("This survey has already been answered."), 409),
            SurveyState.EXPIRED: (_("This survey link has expired."), 410),
            SurveyState.CLOSED: (_("The survey has closed."), 409),
        }
        message, status = messages[state]
        super().__init__(message, status)
        self.state = state


def survey_answer(*, token: str, outcome: str, comment: str = "") -> EffectAnswer:
    """Record the answer and close the survey, once: the row is locked, and a survey
    answered meanwhile (another tab) raises SurveyNotOpen("answered")."""
    if outcome not in Outcome.values:
        raise Refused(_("Choose what became of the practice."))
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise Refused(
            _("The comment can be at most %(n)s characters long.") % {"n": COMMENT_MAX_LENGTH}
        )
    with transaction.atomic():
        survey = (
            EffectSurvey.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(token_hash=token_hash(token or ""))
            .first()
        )
        state = survey_state(survey)
        if state != SurveyState.OPEN:
            raise SurveyNotOpen(state)
        answer = EffectAnswer.objects.create(survey=survey, outcome=outcome, comment=comment)
        survey.answered_at = answer.answered_at
        survey.save(update_fields=["answered_at"])
    return answer
