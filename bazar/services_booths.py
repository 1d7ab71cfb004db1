"""Writes on an event's booths, pitch rounds and pitch slots (re-exported by services.py).

All need an organiser (rules.require_organiser) and a status that allows editing the
set-up (planning, open).
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from experiments.models import Experiment
from labportal.accounts.models import User
from labportal.core.text import danish_slugify
from labportal.core.updating import model_update

from . import rules, statuses
from .enums import Action, RoundKind
from .exceptions import Refused
from .models import BazarEvent, Booth, PitchRound, PitchSlot, Theme


def _editable(event: BazarEvent, by: User) -> BazarEvent:
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    return locked


def _check_theme(event: BazarEvent, theme: Theme | None) -> None:
    if theme is not None and theme.event_id != event.pk:
        raise Refused(_("That theme belongs to another event."))


def _next_order(queryset) -> int:
    return (queryset.aggregate(last=Max("order"))["last"] or 0) + 1


def _booth_slug(event: BazarEvent, title: str) -> str:
    base = danish_slugify(title) or "stand"
    taken = set(event.booths.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def experiment_people(experiment: Experiment) -> list[User]:
    """The experiment's team and its owner: the default hosts of its booth."""
    people = {m.user_id: m.user for m in experiment.memberships.select_related("user")}
    if experiment.owner_id is not None and experiment.owner_id not in people:
        people[experiment.owner_id] = experiment.owner
    return list(people.values())


# --- booths -------------------------------------------------------------------------------


@transaction.atomic
def booth_add(
    *,
    event: BazarEvent,
    by: User,
    experiment: Experiment | None = None,
    title: str | None = None,
    summary: str = "",
    theme: Theme | None = None,
    hosts: Iterable[User] | None = None,
) -> Booth:
    """A booth for an experiment (its title and, as hosts, its team and owner unless given)
    or for a project without one (then `title` is required). One booth per experiment."""
    locked = _editable(event, by)
    _check_theme(locked, theme)
    title = (title or "").strip() or (experiment.title if experiment is not None else "")
    if not title:
        raise Refused(_("A booth needs a title or an experiment."))
    if experiment is not None and locked.booths.filter(experiment=experiment).exists():
        raise Refused(
            _("“%(title)s” already has a booth at this event.") % {"title": experiment.title}
        )
    if hosts is None:
        hosts = experiment_people(experiment) if experiment is not None else []
    booth = Booth.objects.create(
        event=locked,
        slug=_booth_slug(locked, title),
        experiment=experiment,
        title=title,
        summary=(summary or "").strip(),
        theme=theme,
        order=_next_order(locked.booths.all()),
    )
    booth.hosts.set(list(hosts))
    return booth


BOOTH_FIELDS = frozenset({"title", "summary", "theme", "order", "hosts"})


@transaction.atomic
def booth_update(*, booth: Booth, by: User, **fields) -> list[str]:
    """Change a booth (any of BOOTH_FIELDS; `hosts` is a list of users); return the names
    that changed. The slug stays, so links keep working."""
    unknown = set(fields) - BOOTH_FIELDS
    if unknown:
        raise TypeError(f"booth_update() got fields it may not change: {sorted(unknown)}")
    locked = _editable(booth.event, by)
    _check_theme(locked, fields.get("theme"))
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise Refused(_("A booth needs a title or an experiment."))
    if "summary" in fields:
        fields["summary"] = (fields["summary"] or "").strip()
    hosts = fields.pop("hosts", None)
    changed = model_update(booth, fields)
    if hosts is not None:
        wanted = {u.pk for u in hosts}
        if wanted != set(booth.hosts.values_list("pk", flat=True)):
            booth.hosts.set(wanted)
            changed.append("hosts")
    return changed


@transaction.atomic
def booth_remove(*, booth: Booth, by: User) -> None:
    """Remove a booth with its pitch slots and pre-registrations; a booth with interest
    cards is kept."""
    _editable(booth.event, by)
    if booth.cards.exists():
        raise Refused(_("The booth has interest cards and cannot be removed."))
    booth.delete()


# --- pitch rounds and slots ---------------------------------------------------------------


def _check_times(starts_at: datetime.time, ends_at: datetime.time) -> None:
    if ends_at <= starts_at:
        raise Refused(_("A round must end after it starts."))


@transaction.atomic
def round_add(
    *,
    event: BazarEvent,
    by: User,
    kind: RoundKind,
    starts_at: datetime.time,
    ends_at: datetime.time,
    theme: Theme | None = None,
) -> PitchRound:
    """A block of the programme, placed after the others."""
    locked = _editable(event, by)
    if kind not in RoundKind.values:
        raise Refused(_("Choose the kind of round."))
    _check_theme(locked, theme)
    _check_times(starts_at, ends_at)
    return PitchRound.objects.create(
        event=locked,
        kind=kind,
        theme=theme,
        starts_at=starts_at,
        ends_at=ends_at,
        order=_next_order(locked.rounds.all()),
    )


ROUND_FIELDS = frozenset({"kind", "theme", "starts_at", "ends_at", "order"})


@transaction.atomic
def round_update(*, round: PitchRound, by: User, **fields) -> list[str]:
    """Change a round (any of ROUND_FIELDS); return the names that changed."""
    unknown = set(fields) - ROUND_FIELDS
    if unknown:
        raise TypeError(f"round_update() got fields it may not change: {sorted(unknown)}")
    locked = _editable(round.event, by)
    if "kind" in fields and fields["kind"] not in RoundKind.values:
        raise Refused(_("Choose the kind of round."))
    _check_theme(locked, fields.get("theme"))
    _check_times(fields.get("starts_at", round.starts_at), fields.get("ends_at", round.ends_at))
    return model_update(round, fields)


@transaction.atomic
def round_remove(*, round: PitchRound, by: User) -> None:
    """Remove a round with its slots."""
    _editable(round.event, by)
    round.delete()


@transaction.atomic
def slot_add(
    *, round: PitchRound, by: User, booth: Booth, starts_at: datetime.time | None = None
) -> PitchSlot:
    """Give a booth a pitch in a round, after the round's others."""
    locked = _editable(round.event, by)
    if booth.event_id != locked.pk:
        raise Refused(_("That booth belongs to another event."))
    if round.slots.filter(booth=booth).exists():
        raise Refused(_("“%(booth)s” already pitches in this round.") % {"booth": booth.title})
    return PitchSlot.objects.create(
        round=round, booth=booth, starts_at=starts_at, order=_next_order(round.slots.all())
    )


SLOT_FIELDS = frozenset({"order", "starts_at"})


@transaction.atomic
def slot_update(*, slot: PitchSlot, by: User, **fields) -> list[str]:
    """Change a slot's place in its round or its start (any of SLOT_FIELDS); return the
    names that changed."""
    unknown = set(fields) - SLOT_FIELDS
    if unknown:
        raise TypeError(f"slot_update() got fields it may not change: {sorted(unknown)}")
    _editable(slot.round.event, by)
    return model_update(slot, fields)


@transaction.atomic
def slot_remove(*, slot: PitchSlot, by: User) -> None:
    _editable(slot.round.event, by)
    slot.delete()
