"""Who may do what with an experiment: predicates composed with django-rules.

Templates ask the same perms: `{% has_perm 'experiments.change' user experiment as can_edit %}`.
Phase-dependent perms (launch, advance, step back, decide) say whether the action is open to
this person *now*; the services in services.py check the same predicates under a row lock.

The strategic level acts on what it owns. An experiment's owners are its own owner and the
owners of its program and of its track. They act for the strategic level on it while they
hold the strategic role (DOMAIN.md gives these gates to the strategic level: an owner who has
left it, the owner field not yet changed, no longer acts); administrators act on every
experiment. The gates: launch and withdraw the launch, move on or back in conceptualisation,
step back from and decide in implementation, edit, name the team (the experiment's own owner
also edits and names the team without the role). The whole strategic level creates (there is
nothing to own yet; the form names the owner) and reads every edit history.

What the predicates read comes with the experiment, under Django's public names: pages load
program and track with it (select_related) and prefetch `memberships`, so a check costs them
no query. On a bare row (the services' locked row) the team costs a query per check, and
program and track a query each, once (Django keeps them on the row). The predicates keep
nothing of their own, so a changed team counts at the next check.
"""

import rules

from labportal.accounts.rules import has_any_role, is_administrator, is_strategic

from .enums import Phase


def team_user_ids(experiment) -> set[int]:
    """The team's user ids: from `memberships` as prefetched by the caller, else one query."""
    return {m.user_id for m in experiment.memberships.all()}


def owner_ids(experiment) -> set[int]:
    """Who owns the experiment: its own owner and the owners of its program and track."""
    ids = {experiment.owner_id, experiment.program.owner_id}  # every experiment has a program
    if experiment.track_id is not None:
        ids.add(experiment.track.owner_id)
    ids.discard(None)
    return ids


def _signed_in(user, experiment) -> bool:
    return experiment is not None and getattr(user, "is_authenticated", False)


@rules.predicate
def is_team_member(user, experiment) -> bool:
    return _signed_in(user, experiment) and user.pk in team_user_ids(experiment)


@rules.predicate
def is_owner(user, experiment) -> bool:
    """The experiment's own owner (not its program's or track's)."""
    return _signed_in(user, experiment) and experiment.owner_id == user.pk


@rules.predicate
def owns(user, experiment) -> bool:
    return _signed_in(user, experiment) and user.pk in owner_ids(experiment)


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

# The strategic level for this experiment: its owners who hold the role; administrators for all.
is_strategic_for = (is_strategic & owns) | is_administrator

# Phase and owner checks come before the team's: on a bare row the team costs a query.
can_view = has_any_role
can_edit = is_owner | is_strategic_for | is_team_member
can_create = is_strategic | is_administrator
can_view_history = is_strategic | is_administrator | is_team_member
can_manage_team = is_owner | is_strategic_for

# Pre-phase: only the strategic level sends the experiment off (pre -> design).
can_launch = in_phase(Phase.PRE) & is_strategic_for
# One step forward. In implementation there is no next phase: the strategic level decides there.
can_advance = (in_team_phase & is_team_member) | (in_concept & (is_team_member | is_strategic_for))
# One step back with a reason: whoever acts in the current phase; design -> pre only by the
# strategic level (it withdraws the launch); a decided experiment stays where it is.
can_step_back = (
    (in_phase(Phase.ACTION, Phase.ANALYSIS, Phase.CONCEPT) & is_team_member)
    | (in_phase(Phase.DESIGN, Phase.CONCEPT) & is_strategic_for)
    | (in_implementation & is_undecided & is_strategic_for)
)
can_decide = in_implementation & is_undecided & is_strategic_for

rules.add_perm("experiments.view", can_view)
rules.add_perm("experiments.change", can_edit)
rules.add_perm("experiments.create", can_create)
rules.add_perm("experiments.view_history", can_view_history)
rules.add_perm("experiments.manage_team", can_manage_team)
rules.add_perm("experiments.launch", can_launch)
rules.add_perm("experiments.advance", can_advance)
rules.add_perm("experiments.step_back", can_step_back)
rules.add_perm("experiments.decide", can_decide)
