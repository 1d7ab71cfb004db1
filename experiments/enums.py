"""The experiment wheel's six phases, their DNA and who acts in each; decisions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    PRE = "pre", _("Pre-phase")
    DESIGN = "design", _("Design phase")
    ACTION = "action", _("Action phase")
    ANALYSIS = "analysis", _("Analysis and evaluation phase")
    CONCEPT = "concept", _("Conceptualisation phase")
    IMPLEMENTATION = "implementation", _("Implementation and spreading phase")

    @property
    def number(self) -> int:
        return PHASE_ORDER.index(self) + 1

    @property
    def dna(self) -> str:
        return PHASE_DNA[self]

    @property
    def actor(self) -> str:
        return PHASE_ACTOR[self]

    @property
    def activity(self) -> str:
        return PHASE_ACTIVITY[self]

    def next(self) -> "Phase | None":
        i = PHASE_ORDER.index(self)
        return PHASE_ORDER[i + 1] if i + 1 < len(PHASE_ORDER) else None

    def previous(self) -> "Phase | None":
        i = PHASE_ORDER.index(self)
        return PHASE_ORDER[i - 1] if i > 0 else None


PHASE_ORDER = list(Phase)

PHASE_DNA = {
    Phase.PRE: _("Need for change"),
    Phase.DESIGN: _("Prototyping"),
    Phase.ACTION: _("Exploring practice"),
    Phase.ANALYSIS: _("Assessing the power to change"),
    Phase.CONCEPT: _("Simplifying and generalising"),
    Phase.IMPLEMENTATION: _("Deciding on adoption"),
}

PHASE_ACTOR = {
    Phase.PRE: _("Strategic level"),
    Phase.DESIGN: _("Experiment team"),
    Phase.ACTION: _("Experiment team"),
    Phase.ANALYSIS: _("Experiment team"),
    Phase.CONCEPT: _("Experiment team and strategic level"),
    Phase.IMPLEMENTATION: _("Strategic level"),
}

PHASE_ACTIVITY = {
    Phase.PRE: _("The experiment brief is sent"),
    Phase.DESIGN: _("The experiment is designed"),
    Phase.ACTION: _("The experiment is carried out"),
    Phase.ANALYSIS: _("The experiment is analysed and evaluated"),
    Phase.CONCEPT: _("The experiment is conceptualised"),
    Phase.IMPLEMENTATION: _("The result is received and new practice is put to use"),
}


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    NEW_ITERATION = "new_iteration", _("New iteration")


class TransitionKind(models.TextChoices):
    LAUNCH = "launch", _("Launched")
    FORWARD = "forward", _("Moved forward")
    BACK = "back", _("Moved back")
    DECISION = "decision", _("Decision recorded")
    IMPORT = "import", _("Imported")
    CREATED = "created", _("Created")


# The experiment's booklet sections, in the booklet's order (after title, institution, track).
EXPERIMENT_SECTIONS = (
    "challenge",
    "hypothesis",
    "actions",
    "findings",
    "conceptualisable_elements",
    "attention_points",
    "concept_phases",
)
