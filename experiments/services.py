"""Every write on experiments and every rule of the experiment wheel, in one place.

Each move on the wheel locks the experiment row (select_for_update), compares the phase the
person saw (`expected_phase`) with the phase now stored, checks the phase and the person's
role, records a PhaseTransition and, once the transaction commits, enqueues the notification
task. Checks run in this order: stale form (409), phase (400), role (403), note (400).

A decision of "new iteration" keeps this experiment in the implementation phase with that
decision recorded and starts a linked follow-up experiment (parent = this one) in the design
phase, with the same team, owner, track, challenge and hypothesis; the follow-up is launched
by the decision, so its challenge and hypothesis are registered at that moment.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labportal.accounts.models import User

from . import rules as wheel_rules
from .editing import (  # noqa: F401 - services is the one module views and tasks call
    CREATE_FIELDS,
    EDITABLE_FIELDS,
    RESERVED_SLUGS,
    experiment_create,
    experiment_update,
    slug_from_title,
    slug_is_free,
    team_membership_add,
    team_membership_remove,
    team_set,
    unique_slug,
)
from .enums import Decision, Phase, TransitionKind
from .exceptions import (
    InvalidTransition,
    NoteRequired,
    ReasonRequired,
    StaleTransition,
    TransitionNotAllowed,
)
from .models import Experiment, PhaseTransition, TeamMembership
from .transitions import transitions_record

# --- the wheel ----------------------------------------------------------------------------


def _lock_and_check_fresh(experiment: Experiment, expected_phase: str) -> Experiment:
    # The owner checks read the program's and track's owners: fetched with the row, which
    # alone is locked (PostgreSQL locks no row through the nullable track join).
    locked = (
        Experiment.objects.select_for_update(of=("self",))
        .select_related("program", "track")
        .get(pk=experiment.pk)
    )
    if str(expected_phase) != locked.phase:
        raise StaleTransition(
            _(
                "The experiment has moved to the %(phase)s since you opened the page; "
                "your note was kept."
            )
            % {"phase": Phase(locked.phase).label},
            current_phase=locked.phase,
        )
    return locked


def _clean_note(note: str | None, error=NoteRequired) -> str:
    note = (note or "").strip()
    if not note:
        raise error()
    return note


def _check_target(current: Phase, target: Phase | None, wanted: str | None) -> None:
    if wanted and str(wanted) != (target.value if target else ""):
        raise InvalidTransition(
            _("The experiment moves one phase at a time: from the %(from)s only to the %(to)s.")
            % {"from": current.label, "to": target.label if target else "–"}
        )


def _move(
    locked: Experiment,
    *,
    to_phase: Phase,
    by: User,
    note: str,
    kind: str,
    decision: str = "",
    extra_fields: tuple[str, ...] = (),
) -> PhaseTransition:
    now = timezone.now()
    from_phase = locked.phase
    locked.phase = to_phase
    if to_phase != from_phase:
        locked.phase_entered_at = now
    locked._history_user = by
    locked._change_reason = note[:100]
    locked.save(update_fields=["phase", "phase_entered_at", "updated_at", *extra_fields])
    [transition] = transitions_record(
        [
            {
                "experiment": locked,
                "kind": kind,
                "from_phase": from_phase,
                "to_phase": to_phase,
                "decision": decision,
                "by": by,
                "at": now,
                "note": note,
            }
        ],
        notify=True,
    )
    return transition


def _refresh_caller(experiment: Experiment, locked: Experiment) -> None:
    for name in ("phase", "phase_entered_at", "decision", "updated_at"):
        setattr(experiment, name, getattr(locked, name))
    for name in ("registered_challenge", "registered_hypothesis", "registered_at"):
        setattr(experiment, name, getattr(locked, name))


@transaction.atomic
def experiment_launch(
    *, experiment: Experiment, by: User, note: str, expected_phase: str
) -> PhaseTransition:
    """Pre-phase -> design, by the strategic level; registers challenge and hypothesis."""
    locked = _lock_and_check_fresh(experiment, expected_phase)
    if locked.phase != Phase.PRE:
        raise InvalidTransition(_("Only an experiment in the pre-phase can be launched."))
    if not wheel_rules.can_launch(by, locked):
        raise TransitionNotAllowed(
            _("Only the experiment's owners at the strategic level and administrators launch it.")
        )
    note = _clean_note(note)
    locked.registered_challenge = locked.challenge
    locked.registered_hypothesis = locked.hypothesis
    locked.registered_at = timezone.now()
    transition = _move(
        locked,
        to_phase=Phase.DESIGN,
        by=by,
        note=note,
        kind=TransitionKind.LAUNCH,
        extra_fields=("registered_challenge", "registered_hypothesis", "registered_at"),
    )
    _refresh_caller(experiment, locked)
    return transition


@transaction.atomic
def experiment_advance(
    *,
    experiment: Experiment,
    by: User,
    note: str,
    expected_phase: str,
    to_phase: str | None = None,
) -> PhaseTransition:
    """One phase forward. `to_phase`, when given, must be the next phase (no skipping)."""
    locked = _lock_and_check_fresh(experiment, expected_phase)
    current = Phase(locked.phase)
    if current == Phase.PRE:
        raise InvalidTransition(_("An experiment in the pre-phase is launched, not moved on."))
    target = current.next()
    if target is None:
        raise InvalidTransition(
            _("The implementation phase is the last one: the strategic level records a decision.")
        )
    _check_target(current, target, to_phase)
    if not wheel_rules.can_advance(by, locked):
        if current == Phase.CONCEPT:
            message = _(
                "Only the experiment team, its owners at the strategic level and "
                "administrators move it on from here."
            )
        else:
            message = _("Only the experiment team moves the experiment on in this phase.")
        raise TransitionNotAllowed(message)
    note = _clean_note(note)
    transition = _move(locked, to_phase=target, by=by, note=note, kind=TransitionKind.FORWARD)
    _refresh_caller(experiment, locked)
    return transition


@transaction.atomic
def experiment_step_back(
    *,
    experiment: Experiment,
    by: User,
    reason: str,
    expected_phase: str,
    to_phase: str | None = None,
) -> PhaseTransition:
    """One phase back, with a reason: the wheel iterates."""
    locked = _lock_and_check_fresh(experiment, expected_phase)
    current = Phase(locked.phase)
    target = current.previous()
    if target is None:
        raise InvalidTransition(_("The pre-phase is the first phase: there is no step back."))
    if locked.decision:
        raise InvalidTransition(
            _("A decision has been recorded: the experiment stays in the implementation phase.")
        )
    _check_target(current, target, to_phase)
    if not wheel_rules.can_step_back(by, locked):
        raise TransitionNotAllowed(
            _("Only those who act in the current phase may move the experiment back.")
        )
    reason = _clean_note(reason, ReasonRequired)
    transition = _move(locked, to_phase=target, by=by, note=reason, kind=TransitionKind.BACK)
    _refresh_caller(experiment, locked)
    return transition


@transaction.atomic
def experiment_decide(
    *, experiment: Experiment, by: User, decision: str, note: str, expected_phase: str
) -> PhaseTransition:
    """In implementation, the strategic level decides: adopted, not adopted, new iteration."""
    locked = _lock_and_check_fresh(experiment, expected_phase)
    if locked.decision:
        raise StaleTransition(
            _("A decision (%(decision)s) has already been recorded; your note was kept.")
            % {"decision": Decision(locked.decision).label},
            current_phase=locked.phase,
        )
    if locked.phase != Phase.IMPLEMENTATION:
        raise InvalidTransition(_("A decision is recorded only in the implementation phase."))
    if decision not in Decision.values:
        raise InvalidTransition(_("Choose one of the decisions."))
    if not wheel_rules.can_decide(by, locked):
        raise TransitionNotAllowed(
            _(
                "Only the experiment's owners at the strategic level and administrators record the "
                "decision."
            )
        )
    note = _clean_note(note)
    locked.decision = decision
    transition = _move(
        locked,
        to_phase=Phase.IMPLEMENTATION,
        by=by,
        note=note,
        kind=TransitionKind.DECISION,
        decision=decision,
        extra_fields=("decision",),
    )
    if decision == Decision.NEW_ITERATION:
        # The page links to the follow-up at once.
        transition.follow_up = _iteration_start(parent=locked, by=by, note=note)
    _refresh_caller(experiment, locked)
    return transition


def _iteration_start(*, parent: Experiment, by: User, note: str) -> Experiment:
    number = parent.iterations.count() + 2
    title = _("%(title)s (iteration %(number)d)") % {"title": parent.title, "number": number}
    follow_up = Experiment(
        slug=unique_slug(f"{parent.slug[:90]}-{number}"),
        title=title[:200],
        parent=parent,
        program_id=parent.program_id,
        track_id=parent.track_id,
        institution_id=parent.institution_id,
        education_id=parent.education_id,
        owner_id=parent.owner_id,
        summary=parent.summary,
        challenge=parent.challenge,
        hypothesis=parent.hypothesis,
        conceptualisable_elements=parent.conceptualisable_elements,
        phase=Phase.DESIGN,
        registered_challenge=parent.challenge,
        registered_hypothesis=parent.hypothesis,
        registered_at=timezone.now(),
    )
    follow_up._history_user = by
    follow_up.save()
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(experiment=follow_up, user_id=m.user_id, role=m.role)
            for m in parent.memberships.all()
        ]
    )
    transitions_record(
        [
            {
                "experiment": follow_up,
                "kind": TransitionKind.LAUNCH,
                "from_phase": Phase.PRE,
                "to_phase": Phase.DESIGN,
                "by": by,
                "at": follow_up.created_at,
                "note": note,
            }
        ],
        notify=True,
    )
    return follow_up
