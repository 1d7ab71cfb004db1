"""This app's part of the experiment page (labportal/core/parts.py): "Fra bazar til
praksis", what the bazar led to for this experiment — the educations that took it home and
what became of it three months on, with its follow-up groups linked. The same figures as the
results page (results.py), over the events after the day itself (closed, follow-up, mapped:
no card or check-in changes then). Six queries.

The section is kept in the fragment cache; apps.py registers the models whose saves change
it (events, booths, groups and their cards, answers). Cards and check-ins are written only
while an event runs, which this section leaves out, so their frequent saves on the day do
not empty the cache."""

from .enums import EventStatus
from .results import figures, for_experiment

TEMPLATE = "bazar/experiment_page/loop.html"
AFTER_THE_DAY = (EventStatus.CLOSED, EventStatus.FOLLOW_UP, EventStatus.MAPPED)


def loop_event_ids(experiment) -> list[int]:
    from .models import Booth

    return list(
        Booth.objects.filter(experiment=experiment, event__status__in=AFTER_THE_DAY).values_list(
            "event_id", flat=True
        )
    )


def bazar_loop(experiment) -> dict | None:
    event_ids = loop_event_ids(experiment)
    if not event_ids:
        return None
    practice = for_experiment(figures(event_ids, experiment_id=experiment.pk), experiment.pk)
    if practice is None or not practice.figures.taken_home:
        return None
    return {"practice": practice, "figures": practice.figures}


SECTIONS = [(TEMPLATE, bazar_loop)]

# The models whose saves change what the section shows (apps.py registers them).
CHANGED_BY = ("BazarEvent", "Booth", "FollowUpGroup", "GroupCard", "EffectAnswer")
