"""One factory module per app; the package re-exports them for short imports."""

from .accounts import UserFactory
from .experiments import ExperimentFactory, TeamMembershipFactory
from .organisation import InstitutionFactory, ProgramFactory, TrackFactory

__all__ = [
    "ExperimentFactory",
    "InstitutionFactory",
    "ProgramFactory",
    "TeamMembershipFactory",
    "TrackFactory",
    "UserFactory",
]
