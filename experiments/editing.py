"""Writes on experiments outside the wheel: creating, editing sections, naming the team.

Re-exported by services.py, the one module views and tasks call.
"""

import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labportal.accounts.models import User
from labportal.core.text import danish_slugify
from labportal.core.updating import fingerprint, model_update

from . import rules as wheel_rules
from .enums import EXPERIMENT_SECTIONS, Phase, TransitionKind
from .exceptions import InvalidTransition, NotAllowed, SlugTaken, StaleEdit, SubmissionUsed
from .models import Experiment, TeamMembership
from .selectors import experiment_created_by_submission
from .transitions import transitions_record

# Paths under /experiments/ that a slug may not take.
RESERVED_SLUGS = frozenset({"new"})

CREATE_FIELDS = frozenset(
    {
        "title",
        "program",
        "track",
        "institution",
        "education",
        "owner",
        "summary",
        *EXPERIMENT_SECTIONS,
        "links",
        "start_date",
        "end_date",
    }
)
EDITABLE_FIELDS = CREATE_FIELDS

# --- slugs --------------------------------------------------------------------------------


def slug_from_title(title: str) -> str:
    return danish_slugify(title) or "eksperiment"


def slug_is_free(slug: str) -> bool:
    return slug not in RESERVED_SLUGS and not Experiment.objects.filter(slug=slug).exists()


def unique_slug(base: str) -> str:
    base = base[:100].strip("-") or "eksperiment"
    taken = set(
        Experiment.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    ) | set(RESERVED_SLUGS)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# --- create, edit, team -------------------------------------------------------------------


@transaction.atomic
def experiment_create(
    *,
    by: User,
    team: Iterable[User] = (),
    slug: str = "",
    note: str = "",
    submission: uuid.UUID | None = None,
    **fields,
) -> Experiment:
    """Create an experiment in the pre-phase and record a `created` transition.

    `submission` is the new-experiment form's one-time token, stored with the experiment in
    this transaction: when the form is sent again, also at the same moment, SubmissionUsed
    names the experiment the first submission created and nothing more is made."""
    if not wheel_rules.can_create(by):
        raise NotAllowed(_("Only the strategic level and administrators create experiments."))
    unknown = set(fields) - CREATE_FIELDS
    if unknown:
        raise TypeError(f"experiment_create() got unexpected fields: {sorted(unknown)}")
    _refuse_used_submission(submission)
    title = (fields.pop("title", "") or "").strip()
    if not title:
        raise InvalidTransition(_("An experiment needs a title."))
    if slug:
        if not slug_is_free(slug):
            raise SlugTaken(_("The address “%(slug)s” is already taken.") % {"slug": slug})
    else:
        slug = unique_slug(slug_from_title(title))
    experiment = Experiment(
        slug=slug, title=title, phase=Phase.PRE, created_by_submission=submission, **fields
    )
    experiment._history_user = by
    try:
        with transaction.atomic():
            experiment.save()
    except IntegrityError as exc:
        # A submission of the same form that committed while this one waited on its row.
        _refuse_used_submission(submission)
        if Experiment.objects.filter(slug=slug).exists():
            raise SlugTaken(_("The address “%(slug)s” is already taken.") % {"slug": slug}) from exc
        raise
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(experiment=experiment, user=user)
            for user in {u.pk: u for u in team}.values()
        ]
    )
    transitions_record(
        [
            {
                "experiment": experiment,
                "kind": TransitionKind.CREATED,
                "to_phase": Phase.PRE,
                "by": by,
                "at": experiment.created_at,
                "note": note.strip() or _("Experiment created."),
            }
        ]
    )
    return experiment


def _refuse_used_submission(submission: uuid.UUID | None) -> None:
    earlier = experiment_created_by_submission(submission)
    if earlier is not None:
        raise SubmissionUsed(earlier)


def edit_version(experiment: Experiment, fields: Iterable[str], team: Iterable[int] | None) -> str:
    """A fingerprint of what an edit form shows: the stored `fields` and, when the form names
    the team, the team's user ids. The form carries it; a save compares it with the stored
    experiment's, as the wheel compares the phase the person saw."""
    shown = {name: getattr(experiment, name) for name in fields}
    if team is not None:
        shown["team"] = sorted(team)
    return fingerprint(shown)


@transaction.atomic
def experiment_update(
    *,
    experiment: Experiment,
    by: User,
    data: dict,
    team: Iterable[User] | None = None,
    expected_version: str | None = None,
) -> list[str]:
    """Save the fields of `data` that differ from what is stored; return their names.

    With `team`, the team becomes exactly those people ("team" is then among the names when
    it changed). With `expected_version` (see edit_version), a save over changes someone else
    made since the form was opened is refused with StaleEdit and nothing is written."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"experiment_update() got fields it may not change: {sorted(unknown)}")
    locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if not wheel_rules.can_edit(by, locked):
        raise NotAllowed(_("Only the experiment's team, its owner and administrators edit it."))
    if expected_version is not None:
        _check_version(locked, data, team is not None, expected_version)
    if "title" in data and not (data["title"] or "").strip():
        raise InvalidTransition(_("An experiment needs a title."))
    locked._history_user = by
    changed = model_update(locked, data)
    for name in changed:
        setattr(experiment, name, data[name])
    if team is not None and any(team_set(experiment=experiment, users=team, by=by)):
        changed.append("team")
    return changed


def _check_version(locked: Experiment, data: dict, with_team: bool, expected: str) -> None:
    current_team = None
    if with_team:
        current_team = list(
            User.objects.filter(memberships__experiment=locked).order_by("first_name", "username")
        )
    team_ids = None if current_team is None else [user.pk for user in current_team]
    version = edit_version(locked, data, team_ids)
    if version != expected:
        raise StaleEdit(current=locked, current_team=current_team, version=version)


def team_refused() -> NotAllowed:
    return NotAllowed(
        _("Only the experiment's owners at the strategic level and administrators name the team.")
    )


def team_membership_add(
    *, experiment: Experiment, user: User, by: User, role: str = ""
) -> TeamMembership:
    if not wheel_rules.can_manage_team(by, experiment):
        raise team_refused()
    membership, created = TeamMembership.objects.get_or_create(
        experiment=experiment, user=user, defaults={"role": role}
    )
    if not created and role and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def team_membership_remove(*, experiment: Experiment, user: User, by: User) -> bool:
    if not wheel_rules.can_manage_team(by, experiment):
        raise team_refused()
    deleted, _rows = TeamMembership.objects.filter(experiment=experiment, user=user).delete()
    return bool(deleted)


@transaction.atomic
def team_set(*, experiment: Experiment, users: Iterable[User], by: User) -> tuple[int, int]:
    """Make the team exactly `users`; return (added, removed)."""
    wanted = {u.pk: u for u in users}
    current = set(experiment.memberships.values_list("user_id", flat=True))
    added = removed = 0
    for pk, user in wanted.items():
        if pk not in current:
            team_membership_add(experiment=experiment, user=user, by=by)
            added += 1
    for pk in current - set(wanted):
        removed += team_membership_remove(experiment=experiment, user=User(pk=pk), by=by)
    return added, removed
