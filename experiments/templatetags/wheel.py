"""The experiment wheel as an inline SVG picture: six ring segments, the current one marked."""

import math
from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from experiments.enums import PHASE_ORDER, Phase

register = template.Library()

CENTRE = 110
OUTER = 104
INNER = 52
LABEL_RADIUS = (OUTER + INNER) / 2
GAP_DEGREES = 2


def _point(radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return (
        round(CENTRE + radius * math.cos(angle), 2),
        round(CENTRE + radius * math.sin(angle), 2),
    )


def segment_path(index: int, count: int = 6) -> str:
    """An annular sector, clockwise from the top, with a small gap between segments."""
    step = 360 / count
    start = -90 + index * step + GAP_DEGREES / 2
    end = start + step - GAP_DEGREES
    ox1, oy1 = _point(OUTER, start)
    ox2, oy2 = _point(OUTER, end)
    ix2, iy2 = _point(INNER, end)
    ix1, iy1 = _point(INNER, start)
    return (
        f"M {ox1} {oy1} A {OUTER} {OUTER} 0 0 1 {ox2} {oy2} "
        f"L {ix2} {iy2} A {INNER} {INNER} 0 0 0 {ix1} {iy1} Z"
    )


def wheel_segments(current: str) -> list[dict]:
    current_phase = Phase(current)
    current_index = PHASE_ORDER.index(current_phase)
    step = 360 / len(PHASE_ORDER)
    segments = []
    for index, phase in enumerate(PHASE_ORDER):
        label_x, label_y = _point(LABEL_RADIUS, -90 + index * step + step / 2)
        if index == current_index:
            state = "current"
        elif index < current_index:
            state = "done"
        else:
            state = "ahead"
        segments.append(
            {
                "phase": phase,
                "number": phase.number,
                "label": phase.label,
                "dna": phase.dna,
                "actor": phase.actor,
                "path": segment_path(index, len(PHASE_ORDER)),
                # Strings: a float in the template is localised ("149,0" in Danish), and SVG
                # coordinates need a decimal point.
                "label_x": f"{label_x:g}",
                "label_y": f"{label_y:g}",
                "state": state,
                "is_current": index == current_index,
            }
        )
    return segments


@register.simple_tag
def experiment_wheel(experiment, id_prefix: str = "wheel") -> SafeString:
    """The wheel of the experiment's phase: the same picture for every experiment in a phase,
    so it is rendered once per phase, language and id prefix and kept for the process."""
    return _wheel_html(experiment.phase, get_language(), id_prefix)


@lru_cache(maxsize=128)
def _wheel_html(phase_value: str, language: str, id_prefix: str) -> SafeString:
    phase = Phase(phase_value)
    context = {
        "segments": wheel_segments(phase_value),
        "current": phase,
        "id_prefix": id_prefix,
        "centre": CENTRE,
        "size": CENTRE * 2,
    }
    return render_to_string("experiments/includes/wheel.html", context)
