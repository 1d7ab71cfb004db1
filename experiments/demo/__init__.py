"""The demo program "Nye ledelses- og samarbejdsformer", as a "labportal/1" document.

Facts and names (program, tracks, institutions, the 22 experiments and 6 concepts, which
experiment fed which concept) follow the inspiration booklet; every summary, section text
and history note is written for the demo, so no sentence of the booklet is reproduced.
Where the booklet names no institution, the experiment has none. The phases, teams and
history are invented so that every page of the portal has something to show.

`demo_document()` builds the document; `labportal.core.demo` loads it through the JSON
importer (so loading twice changes nothing), after `demo_staff_ensure()`.
"""

from labportal.portability import FORMAT
from labportal.accounts.models import User
from labportal.accounts.services import user_set_roles

from . import experiments_exploring, experiments_innovation, experiments_relation
from .concepts import CONCEPTS
from .history import phase_path
from .organisation import INSTITUTIONS, LABS, PROGRAM, PROGRAM_SLUG, STAFF, TRACKS

TRACK_MODULES = (experiments_innovation, experiments_relation, experiments_exploring)
EMAIL_DOMAIN = "demo.labportal.invalid"


def demo_experiments() -> list[dict]:
    return [
        {**experiment, "track": module.TRACK}
        for module in TRACK_MODULES
        for experiment in module.EXPERIMENTS
    ]


def experiment_document(experiment: dict, index: int) -> dict:
    history = phase_path(experiment, index)
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
        "concepts": experiment["concepts"],
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


def demo_document() -> dict:
    experiments = demo_experiments()
    sources: dict[str, list[str]] = {}
    for experiment in experiments:
        for concept in experiment["concepts"]:
            sources.setdefault(concept, []).append(experiment["slug"])
    return {
        "format": FORMAT,
        "labs": LABS,
        "programs": [PROGRAM],
        "tracks": TRACKS,
        "institutions": INSTITUTIONS,
        "concepts": [
            {**concept, "program": PROGRAM_SLUG, "source_experiments": sources[concept["slug"]]}
            for concept in CONCEPTS
        ],
        "experiments": [experiment_document(e, i) for i, e in enumerate(experiments)],
        "change_theories": [],
        "bazar_events": [],
    }


def demo_staff_ensure() -> list[User]:
    """The demo's staff (idempotent). They have no usable password: nobody signs in as them."""
    users = []
    for username, first_name, last_name, title, roles in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": f"{username}@{EMAIL_DOMAIN}",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user_set_roles(user=user, roles=list(roles))
        users.append(user)
    return users
