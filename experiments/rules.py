"""Who may do what with an experiment: predicates composed with django-rules.

Templates ask the same perms: `{% has_perm 'experiments.change' user experiment as can_edit %}`.
Phase-dependent perms (launch, advance, step back, decide) say whether the action is open to
this person *now*; the services in services.py check the same predicates under a row lock.
"""

import rules

from labportal.accounts.rules import has_any_role, is_administrator, is_strategic

from .enums import Phase


def team_user_ids(experiment) -> set[int]:
    """The team's user ids, from prefetched memberships when available (no extra query)."""
    cached = getattr(experiment, "_team_user_ids", None)
    if cached is not None:
        return cached
    prefetched = getattr(experiment, "_prefetched_objects_cache", {})
    if "memberships" in prefetched:
        ids = {m.user_id for m in prefetched["memberships"]}
    else:
        ids = set(experiment.memberships.values_list("user_id", flat=True))
    experiment._team_user_ids = ids
    return ids


@rules.predicate
def is_team_member(user, experiment) -> bool:
    if experiment is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk in team_user_ids(experiment)


@rules.predicate
def is_owner(user, experiment) -> bool:
    if experiment is None or not getattr(user, "is_authenticated", False):
        return False
    return experiment.owner_id is not None and experiment.owner_id == user.pk


def in_phase(*phases: Phase):
    names = ",".join(p.value for p in phases)

    @rules.predicate(f"in_phase:{names}")
    def fn(user, experiment) -> bool:
        return experiment is not None and experiment.phase in phases

    return fn


@rules.predicate
def is_undecided(user, experiment) -> bool:
    return experiment is not None and not experiment.decision


in_team_phase = in_phase(Phase.DESIGN, Phase.ACTION, Phase.ANALYSIS)
in_concept = in_phase(Phase.CONCEPT)
in_implementation = in_phase(Phase.IMPLEMENTATION)

can_view = has_any_role
can_edit = is_team_member | is_owner | is_administrator
can_create = is_strategic | is_administrator
can_view_history = is_team_member | is_strategic | is_administrator
can_manage_team = is_owner | is_strategic | is_administrator

# Pre-phase: only the strategic level sends the experiment off (pre -> design).
can_launch = is_strategic & in_phase(Phase.PRE)
# One step forward. In implementation there is no next phase: the strategic level decides there.
can_advance = (is_team_member & in_team_phase) | ((is_team_member | is_strategic) & in_concept)
# One step back with a reason: whoever acts in the current phase; design -> pre only by the
# strategic level (it withdraws the launch); a decided experiment stays where it is.
can_step_back = (
    (is_team_member & in_phase(Phase.ACTION, Phase.ANALYSIS, Phase.CONCEPT))
    | (is_strategic & in_phase(Phase.DESIGN, Phase.CONCEPT))
    | (is_strategic & in_implementation & is_undecided)
)
can_decide = is_strategic & in_implementation & is_undecided

rules.add_perm("experiments.view", can_view)
rules.add_perm("experiments.change", can_edit)
rules.add_perm("experiments.create", can_create)
rules.add_perm("experiments.view_history", can_view_history)
rules.add_perm("experiments.manage_team", can_manage_team)
rules.add_perm("experiments.launch", can_launch)
rules.add_perm("experiments.advance", can_advance)
rules.add_perm("experiments.step_back", can_step_back)
rules.add_perm("experiments.decide", can_decide)
