from .accounts import UserFactory
from .experiments import (
    ExperimentFactory,
    InstitutionFactory,
    ProgramFactory,
    TeamMembershipFactory,
    TrackFactory,
)

__all__ = [
    "ExperimentFactory",
    "InstitutionFactory",
    "ProgramFactory",
    "TeamMembershipFactory",
    "TrackFactory",
    "UserFactory",
]
