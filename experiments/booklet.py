"""Experiments' part of the booklet import (`labportal.booklet`). The import page that runs
the whole import is experiments' too: views/booklet_import.py, services_booklet.py.

An experiment is found by slug, then by title within the program (the title above its
fields, then the one in its "Eksperiment:" field). On one that exists the import fills and
corrects its sections but never moves it round the wheel or adds to its history. A new one
starts in the phase the booklet reports (concept, or implementation) with one `import` move
in its history, recorded like every move through `transitions_record`.

Needs "program", "tracks" and "institutions" from the organisation's part; leaves
"experiments", by the booklet's title, for the concepts'.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from experiments.enums import EXPERIMENT_SECTIONS, Phase, TransitionKind
from experiments.models import Experiment
from experiments.transitions import transitions_record
from labportal.booklet import BookletContext, ParsedBooklet, booklet_save
from labportal.booklet.parsed import ParsedExperiment


def booklet_apply(parsed: ParsedBooklet, context: BookletContext) -> None:
    program, tracks = context["program"], context["tracks"]
    institutions = context["institutions"]
    experiments, imported = {}, []
    for item in parsed.experiments:
        # A label the booklet could not settle is in `tracks` when the portal's aliases did.
        values = {
            "title": item.title,
            "program": program,
            "track": tracks.get(item.track or item.track_spelling),
        }
        values |= {name: getattr(item, name) for name in EXPERIMENT_SECTIONS}
        if item.institution:
            values["institution"] = institutions[item.institution]
        found = experiment_found(item, program)
        phase = Phase.IMPLEMENTATION if item.phase == Phase.IMPLEMENTATION else Phase.CONCEPT
        experiment = booklet_save(
            Experiment,
            found,
            slug=item.slug,
            values=values,
            create={"phase": phase},
            report=context.report,
            kind="experiment",
        )
        if found is None:
            imported.append(experiment)
        experiments[item.title] = experiment
        context.tick()
    note = _("Imported from the inspiration booklet for “%(program)s”.") % {
        "program": program.title
    }
    transitions_record(
        {
            "experiment": experiment,
            "kind": TransitionKind.IMPORT,
            "to_phase": experiment.phase,
            "by": context.by,
            "note": note,
        }
        for experiment in imported
    )
    context["experiments"] = experiments


def experiment_found(parsed: ParsedExperiment, program) -> Experiment | None:
    found = Experiment.objects.filter(slug=parsed.slug).first()
    if found is not None:
        return found
    for title in dict.fromkeys(t for t in (parsed.title, parsed.name_in_fields) if t):
        found = (
            Experiment.objects.filter(program=program, title__iexact=title).order_by("pk").first()
        )
        if found is not None:
            return found
    return None
