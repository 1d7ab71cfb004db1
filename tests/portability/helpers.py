"""Helpers for export/import tests: run the commands, empty the portal, count rows."""

import io
import json

from django.core.management import call_command

from bazar.models import (
    Attendee,
    BazarEvent,
    EffectSurvey,
    FollowUpGroup,
    InterestCard,
    PreRegistration,
)
from concepts.models import Concept, ConceptEvent, ConceptVersion
from experiments.models import Experiment, PhaseTransition, TeamMembership
from labportal.accounts.models import User
from labportal.organisation.models import (
    DevelopmentLab,
    Education,
    Institution,
    Program,
    Track,
    TrackAlias,
)


def export_text(**kwargs) -> str:
    out = io.StringIO()
    call_command("export_portal", stdout=out, **kwargs)
    return out.getvalue()


def export_json(**kwargs) -> dict:
    return json.loads(export_text(**kwargs))


def wipe_portal(*, keep_superusers: bool = False) -> None:
    """Empty the portal (and its people) as a fresh installation would be.

    The benchmark (bench/portability.py) uses it too, keeping the superusers of its database.
    """
    EffectSurvey.objects.all().delete()
    FollowUpGroup.objects.all().delete()  # with its workshops and cards' memberships
    InterestCard.objects.all().delete()
    PreRegistration.objects.all().delete()
    Attendee.objects.all().delete()
    BazarEvent.objects.all().delete()  # with its booths, rounds and working group
    ConceptEvent.objects.all().delete()
    ConceptVersion.objects.all().delete()
    Concept.objects.all().delete()
    Experiment.objects.all().delete()
    Experiment.history.all().delete()
    TrackAlias.objects.all().delete()
    Track.objects.all().delete()
    Program.objects.all().delete()
    DevelopmentLab.objects.all().delete()
    Institution.objects.all().delete()
    people = User.objects.filter(is_superuser=False) if keep_superusers else User.objects.all()
    people.delete()


def portal_counts() -> dict[str, int]:
    models = (
        DevelopmentLab,
        Program,
        Track,
        TrackAlias,
        Institution,
        Education,
        Concept,
        Experiment,
        TeamMembership,
        PhaseTransition,
        User,
        Concept.source_experiments.through,
    )
    return {model.__name__: model.objects.count() for model in models}
