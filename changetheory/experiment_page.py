"""This app's part of the experiment page (labportal/core/parts.py): the change theories and
signs the experiment serves, in its wheel section. One query."""

from . import selectors

TEMPLATE = "changetheory/experiment_section.html"


def served_signs(experiment) -> dict | None:
    return {"served": selectors.signs_served_by(experiment)}


SECTIONS = [(TEMPLATE, served_signs)]
