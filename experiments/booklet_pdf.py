"""The experiments' part of a program's booklet (labportal.pdf.booklet): the experiment
wheel after the introduction, and every experiment of the program with its sections, each on
a page of its own. One query for all the experiments."""

from django.utils.translation import gettext_lazy as _

from labportal.pdf.booklet import Section

from .enums import PHASE_ORDER
from .models import Experiment
from .templatetags.wheel import CENTRE, wheel_segments

# Each section: its field, its heading (the booklet format's, read back by import_booklet)
# and whether it is a list of items.
EXPERIMENT_SECTIONS = [
    ("challenge", _("Challenge"), False),
    ("hypothesis", _("Transformative hypothesis"), False),
    ("actions", _("Actions"), True),
    ("findings", _("Findings"), True),
    ("conceptualisable_elements", _("Conceptualisable elements"), False),
    ("attention_points", _("Attention points"), True),
    ("concept_phases", _("The concept's phases"), True),
]


def wheel(program) -> dict:
    segments = wheel_segments(PHASE_ORDER[0].value)
    return {"segments": segments, "size": CENTRE * 2}


def program_experiments(program):
    return (
        Experiment.objects.filter(program=program)
        .select_related("institution", "track")
        .order_by("track__title", "title")
    )


def experiments(program) -> dict | None:
    rows = []
    for experiment in program_experiments(program):
        sections = []
        for field, label, is_list in EXPERIMENT_SECTIONS:
            value = getattr(experiment, field)
            if is_list:
                value = [str(item) for item in value or () if str(item).strip()]
            elif value is not None:
                value = value.strip()
            if value:
                sections.append({"label": label, "value": value, "is_list": is_list})
        rows.append({"experiment": experiment, "sections": sections})
    return {"program": program, "rows": rows} if rows else None


SECTIONS = [
    Section(20, "program", "experiments/pdf/wheel.html", wheel),
    Section(10, "experiments", "experiments/pdf/experiments.html", experiments),
]
