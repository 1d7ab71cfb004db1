"""What the change-theory chart shows (changetheory/diagram.py draws it): plain values taken
from the theory's page, hashable so that the drawn picture can be kept per content."""

from dataclasses import dataclass

from .selectors import TheoryPage


@dataclass(frozen=True)
class ExperimentItem:
    title: str
    url: str
    phase: str
    decision: str


@dataclass(frozen=True)
class SignItem:
    text: str
    experiments: tuple[ExperimentItem, ...]


@dataclass(frozen=True)
class DiagramData:
    subject: str
    is_program: bool
    challenge: str
    hypothesis: str
    desired_practice: str
    actions: tuple[str, ...]
    effects_short: tuple[str, ...]
    effects_long: tuple[str, ...]
    tracks: tuple[str, ...]
    signs: tuple[SignItem, ...]


def diagram_data(page: TheoryPage) -> DiagramData:
    theory = page.theory
    return DiagramData(
        subject=str(theory.subject),
        is_program=theory.program_id is not None,
        challenge=theory.challenge or "",
        hypothesis=theory.hypothesis or "",
        desired_practice=theory.desired_practice or "",
        actions=tuple(str(item) for item in theory.actions or ()),
        effects_short=tuple(str(item) for item in theory.effects_short or ()),
        effects_long=tuple(str(item) for item in theory.effects_long or ()),
        tracks=tuple(track.title for track in page.tracks),
        signs=tuple(
            SignItem(
                text=sign.text,
                experiments=tuple(
                    ExperimentItem(e.title, e.get_absolute_url(), e.phase, e.decision or "")
                    for e in sign.experiments_shown
                ),
            )
            for sign in page.signs
        ),
    )
