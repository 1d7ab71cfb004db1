"""The reads of the effect mapping's pages: which events' results a person may see, the
results themselves (results.py), and an experiment's loop figures for its page. Each runs a
fixed number of queries."""

from django.http import Http404

from labportal.accounts.rules import has_any_role, is_administrator, is_strategic

from . import results
from .enums import EventStatus
from .models import BazarEvent, Booth
from .selectors import events_visible


def result_events(user):
    """Events whose results `user` may see: visible to them and out of planning."""
    if not has_any_role(user):
        return BazarEvent.objects.none()
    return events_visible(user).exclude(status=EventStatus.PLANNING)


def event_for_results(user, slug: str) -> BazarEvent:
    """The event, or 404 when unknown, in planning, or not visible to `user`."""
    event = result_events(user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def all_results(user) -> tuple[list[BazarEvent], results.Results]:
    """Every event `user` may see results of (newest first) and their figures together."""
    events = list(result_events(user).order_by("-date", "title"))
    return events, results.figures([e.pk for e in events])


def experiment_loop(experiment) -> results.Practice | None:
    """The experiment's figures over every event out of planning where it had a booth; the
    same for everyone (the experiment page's cached section). Six queries."""
    event_ids = list(
        Booth.objects.filter(experiment=experiment)
        .exclude(event__status=EventStatus.PLANNING)
        .values_list("event_id", flat=True)
    )
    if not event_ids:
        return None
    found = results.figures(event_ids, experiment_id=experiment.pk)
    return results.for_experiment(found, experiment.pk)


def sees_strategic_results(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        is_strategic(user) or is_administrator(user)
    )
