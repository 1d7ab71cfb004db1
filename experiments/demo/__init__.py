"""The demo's 22 experiments of the program "Nye ledelses- og samarbejdsformer".

Facts and names (titles, tracks, institutions) follow the inspiration booklet; every
summary, section text and history note is written for the demo, so no sentence of the
booklet is reproduced. Where the booklet names no institution, the experiment has none. The
phases, teams and history are invented so that every page of the portal has something to
show. Which concepts they fed is the concepts' part (`concepts.demo`).
"""

import datetime as dt

from django.utils.translation import ngettext_lazy

from experiments.models import PhaseTransition
from labportal.organisation.demo import PROGRAM_SLUG

from . import experiments_exploring, experiments_innovation, experiments_relation
from .history import phase_path, today_morning

TRACK_MODULES = (experiments_innovation, experiments_relation, experiments_exploring)


def demo_experiments() -> list[dict]:
    """Every experiment's demo data with its track, in a fixed order (the history uses it)."""
    return [
        {**experiment, "track": module.TRACK}
        for module in TRACK_MODULES
        for experiment in module.EXPERIMENTS
    ]


def demo_anchor() -> dt.datetime:
    """The morning of the day the demo was first loaded: read back from the first demo
    experiment's first history entry when there is one, else this morning."""
    first = demo_experiments()[0]
    start = (
        PhaseTransition.objects.filter(experiment__slug=first["slug"])
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    today = today_morning()
    if start is None:
        return today
    offset = today - dt.datetime.fromisoformat(phase_path(first, 0, today)[0]["at"])
    return start + offset


def experiment_row(experiment: dict, index: int, anchor: dt.datetime) -> dict:
    history = phase_path(experiment, index, anchor)
    launched = next((h for h in history if h["kind"] == "launch"), None)
    finished = experiment["phase"] == "implementation"
    education = experiment.get("education")
    return {
        "slug": experiment["slug"],
        "title": experiment["title"],
        "institution": experiment["institution"],
        "education": (
            {"institution": experiment["institution"], "slug": education} if education else None
        ),
        "program": PROGRAM_SLUG,
        "track": experiment["track"],
        "phase": experiment["phase"],
        "phase_entered_at": history[-1]["at"],
        "decision": experiment.get("decision", ""),
        "owner": experiment["owner"],
        "summary": experiment["summary"],
        "challenge": experiment["challenge"],
        "hypothesis": experiment["hypothesis"],
        "actions": experiment["actions"],
        "findings": experiment.get("findings", []),
        "conceptualisable_elements": experiment.get("conceptualisable_elements", ""),
        "attention_points": experiment.get("attention_points", []),
        "concept_phases": experiment.get("concept_phases", []),
        "start_date": history[0]["at"][:10],
        "end_date": history[-1]["at"][:10] if finished else None,
        "registered_challenge": experiment["challenge"] if launched else "",
        "registered_hypothesis": experiment["hypothesis"] if launched else "",
        "registered_at": launched["at"] if launched else None,
        "team": [{"person": person, "role": role} for person, role in experiment["team"]],
        "phase_history": history,
    }


def demo_part() -> dict:
    anchor = demo_anchor()
    return {"experiments": [experiment_row(e, i, anchor) for i, e in enumerate(demo_experiments())]}


SUMMARY = {"experiments": ngettext_lazy("%(count)d experiment", "%(count)d experiments", "count")}
