"""What the bazar led to: the figures of the effect mapping, computed from the interest cards,
the follow-up groups and the survey answers.

A practice is a booth's experiment (the same experiment at two events is one practice) or,
for a booth without an experiment, the project shown at that booth. Per practice:

- taken home by: distinct educations with a "will try it" or "will implement it" card (the
  visitor's education at that event, from their Attendee row);
- implemented in / developed further in / new activities in / not pursued in: distinct
  educations with at least one answer of that outcome (a group whose members answer
  differently counts under each answer given);
- sent / answered surveys and the response rate;
- the follow-up groups, linked.

`figures(events)` reads all of it in five queries whatever the number of events, booths,
cards and answers; `for_experiment`, `by_track` and `by_concept` regroup the same rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from .enums import Commitment, Outcome
from .models import Attendee, Booth, EffectSurvey, FollowUpGroup, InterestCard

OUTCOMES = (Outcome.IMPLEMENTED, Outcome.DEVELOPED, Outcome.NEW_ACTIVITIES, Outcome.NOT_PURSUED)


@dataclass
class Figures:
    """Educations (ids) per stage, and the survey counts."""

    taken_home: set = field(default_factory=set)
    outcomes: dict = field(default_factory=lambda: {o: set() for o in OUTCOMES})
    sent: int = 0
    answered: int = 0

    def add(self, other: "Figures") -> None:
        self.taken_home |= other.taken_home
        for outcome in OUTCOMES:
            self.outcomes[outcome] |= other.outcomes[outcome]
        self.sent += other.sent
        self.answered += other.answered

    @property
    def taken_home_count(self) -> int:
        return len(self.taken_home)

    @property
    def implemented(self) -> int:
        return len(self.outcomes[Outcome.IMPLEMENTED])

    @property
    def developed(self) -> int:
        return len(self.outcomes[Outcome.DEVELOPED])

    @property
    def new_activities(self) -> int:
        return len(self.outcomes[Outcome.NEW_ACTIVITIES])

    @property
    def not_pursued(self) -> int:
        return len(self.outcomes[Outcome.NOT_PURSUED])

    @property
    def carried_on(self) -> bool:
        """Implemented or developed further somewhere."""
        return bool(self.outcomes[Outcome.IMPLEMENTED] or self.outcomes[Outcome.DEVELOPED])

    @property
    def response_rate(self) -> int | None:
        """Percent of the sent surveys that were answered (None when none were sent)."""
        return round(100 * self.answered / self.sent) if self.sent else None


@dataclass
class GroupLink:
    title: str
    url: str | None
    event_title: str


@dataclass
class Practice:
    """One experiment (or project) and its figures."""

    key: tuple
    title: str
    url: str | None
    is_project: bool
    experiment_id: int | None
    track: tuple | None  # (slug, title)
    figures: Figures = field(default_factory=Figures)
    groups: list = field(default_factory=list)


@dataclass
class Results:
    practices: list

    @property
    def total(self) -> Figures:
        total = Figures()
        for practice in self.practices:
            total.add(practice.figures)
        return total

    @property
    def carried_on(self) -> int:
        """Experiments (and projects) implemented or developed further somewhere: the
        booklet's headline figure."""
        return sum(1 for p in self.practices if p.figures.carried_on)

    @property
    def taken_home(self) -> int:
        return sum(1 for p in self.practices if p.figures.taken_home)


def group_url(event_slug: str, group_id: int) -> str | None:
    """The group's page, once it exists (the groups' pages are another module's)."""
    try:
        return reverse("bazar:group", kwargs={"event": event_slug, "group_id": group_id})
    except NoReverseMatch:
        return None


def _education(event_field: str, user_field: str):
    attendee = Attendee.objects.filter(event_id=OuterRef(event_field), user_id=OuterRef(user_field))
    return Subquery(attendee.values("education_id")[:1])


def figures(event_ids, *, experiment_id: int | None = None) -> Results:
    """The figures of these events' booths (of one experiment's booths only, with
    `experiment_id`): five queries (none without events, one without booths)."""
    event_ids = list(event_ids)
    if not event_ids:
        return Results(practices=[])
    booths = Booth.objects.filter(event_id__in=event_ids)
    if experiment_id is not None:
        booths = booths.filter(experiment_id=experiment_id)
    booths = list(booths.select_related("experiment__track").order_by("order", "title", "pk"))
    practices: dict[tuple, Practice] = {}
    booth_practice: dict[int, Practice] = {}
    for booth in booths:
        experiment = booth.experiment
        key = ("experiment", experiment.pk) if experiment else ("booth", booth.pk)
        practice = practices.get(key)
        if practice is None:
            track = experiment.track if experiment else None
            practice = practices[key] = Practice(
                key=key,
                title=experiment.title if experiment else booth.title,
                url=experiment.get_absolute_url() if experiment else None,
                is_project=experiment is None,
                experiment_id=experiment.pk if experiment else None,
                track=(track.slug, track.title) if track else None,
            )
        booth_practice[booth.pk] = practice
    booth_ids = list(booth_practice)
    if not booth_ids:
        return Results(practices=[])
    cards = (
        InterestCard.objects.filter(
            booth_id__in=booth_ids, commitment__in=(Commitment.TRY, Commitment.IMPLEMENT)
        )
        .annotate(education_id=_education("booth__event_id", "visitor_id"))
        .values_list("booth_id", "visitor_id", "education_id")
    )
    for booth_id, visitor_id, education_id in cards:
        booth_practice[booth_id].figures.taken_home.add(education_id or ("person", visitor_id))
    surveys = (
        EffectSurvey.objects.filter(
            Q(group__booth_id__in=booth_ids) | Q(card__booth_id__in=booth_ids)
        )
        .annotate(
            booth_id=Coalesce(F("group__booth_id"), F("card__booth_id")),
            education_id=_education("event_id", "recipient_id"),
        )
        .values_list("booth_id", "recipient_id", "education_id", "sent_at", "answer__outcome")
    )
    for booth_id, recipient_id, education_id, sent_at, outcome in surveys:
        practice = booth_practice.get(booth_id)
        if practice is None or sent_at is None:
            continue
        practice.figures.sent += 1
        if outcome:
            practice.figures.answered += 1
            practice.figures.outcomes[Outcome(outcome)].add(
                education_id or ("person", recipient_id)
            )
    groups = FollowUpGroup.objects.filter(booth_id__in=booth_ids).values_list(
        "pk", "booth_id", "title", "event__slug", "event__title"
    )
    for pk, booth_id, title, slug, event_title in groups:
        booth_practice[booth_id].groups.append(GroupLink(title, group_url(slug, pk), event_title))
    ordered = sorted(
        practices.values(),
        key=lambda p: (-p.figures.taken_home_count, -p.figures.implemented, p.title.lower()),
    )
    return Results(practices=ordered)


def for_experiment(results: Results, experiment_id: int) -> Practice | None:
    for practice in results.practices:
        if practice.experiment_id == experiment_id:
            return practice
    return None


def regrouped(results: Results, labels: dict[int, list[tuple]]) -> list[tuple]:
    """(label, Figures, practices) per label, from `labels` experiment id → [(slug, title)]."""
    rows: dict[tuple, tuple[Figures, list]] = defaultdict(lambda: (Figures(), []))
    for practice in results.practices:
        for label in labels.get(practice.experiment_id, []):
            total, members = rows[label]
            total.add(practice.figures)
            members.append(practice)
    return sorted(((label, *rows[label]) for label in rows), key=lambda r: r[0][1].lower())


def by_track(results: Results) -> list[tuple]:
    labels = {p.experiment_id: [p.track] for p in results.practices if p.track}
    return regrouped(results, labels)


def by_concept(results: Results) -> list[tuple]:
    """Per concept the experiment was developed into (one query)."""
    from concepts.models import Concept

    through = Concept.source_experiments.through.objects.filter(
        experiment_id__in=[p.experiment_id for p in results.practices if p.experiment_id]
    ).values_list("experiment_id", "concept__slug", "concept__title")
    labels: dict[int, list[tuple]] = defaultdict(list)
    for experiment_id, slug, title in through:
        labels[experiment_id].append((slug, title))
    return regrouped(results, labels)
