"""The organisers' reports on an event, each in a fixed number of queries (re-exported by
selectors.py):

- representation(event): who the working group covers, and the gaps;
- compliance(event): per education, whether it comes with a leader and a teacher;
- collection(event): the interest cards counted per booth, by commitment and education.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery

from labportal.organisation.models import Education, Institution

from .enums import Commitment, EventStatus, PersonRole
from .models import Attendee, BazarEvent, Booth, InterestCard, WorkingGroupMember

# From `running` on, the attendance rule counts people checked in, before it people invited.
COUNTS_CHECKED_IN = frozenset(
    {EventStatus.RUNNING, EventStatus.CLOSED, EventStatus.FOLLOW_UP, EventStatus.MAPPED}
)


def _participating_educations(event: BazarEvent) -> list[Education]:
    return list(
        Education.objects.filter(institution__bazar_events=event)
        .select_related("institution")
        .order_by("institution__name", "name")
    )


# --- representation -----------------------------------------------------------------------


@dataclass
class Representation:
    """Who the working group covers. Lists are ordered by name; roles in PersonRole order.

    members: the members, with `user` and `education__institution` loaded;
    institutions / educations / roles: what at least one member covers;
    missing_institutions: participating institutions with no member;
    missing_educations: participating institutions' educations with no member;
    missing_roles: roles no member has.
    """

    members: list[WorkingGroupMember]
    institutions: list[Institution]
    educations: list[Education]
    roles: list[PersonRole]
    missing_institutions: list[Institution]
    missing_educations: list[Education]
    missing_roles: list[PersonRole]


def representation(event: BazarEvent) -> Representation:
    """Three queries."""
    members = list(event.working_group.select_related("user", "education__institution"))
    educations = {m.education_id: m.education for m in members if m.education_id}
    institutions = {e.institution_id: e.institution for e in educations.values()}
    roles = {m.role for m in members}
    participating = list(event.institutions.order_by("name"))
    return Representation(
        members=members,
        institutions=sorted(institutions.values(), key=lambda i: i.name),
        educations=sorted(educations.values(), key=lambda e: (e.institution.name, e.name)),
        roles=[r for r in PersonRole if r in roles],
        missing_institutions=[i for i in participating if i.pk not in institutions],
        missing_educations=[e for e in _participating_educations(event) if e.pk not in educations],
        missing_roles=[r for r in PersonRole if r not in roles],
    )


# --- compliance ---------------------------------------------------------------------------


@dataclass
class EducationCompliance:
    """One education's attendance: leaders and teachers invited and checked in; `meets`
    the rule (at least one leader and one teacher, counted as checked in once the event
    runs, as invited before)."""

    education: Education
    leaders_invited: int = 0
    leaders_checked_in: int = 0
    teachers_invited: int = 0
    teachers_checked_in: int = 0
    others_invited: int = 0
    others_checked_in: int = 0
    counts_checked_in: bool = False

    @property
    def has_leader(self) -> bool:
        return (self.leaders_checked_in if self.counts_checked_in else self.leaders_invited) > 0

    @property
    def has_teacher(self) -> bool:
        n = self.teachers_checked_in if self.counts_checked_in else self.teachers_invited
        return n > 0

    @property
    def meets(self) -> bool:
        return self.has_leader and self.has_teacher


@dataclass
class Compliance:
    """Every education of the participating institutions (by institution, then name).
    `counts_checked_in`: whether the rule is read from check-ins (the event runs or ran)."""

    rows: list[EducationCompliance]
    counts_checked_in: bool

    @property
    def all_met(self) -> bool:
        return all(row.meets for row in self.rows)

    @property
    def missing(self) -> list[EducationCompliance]:
        return [row for row in self.rows if not row.meets]


def compliance(event: BazarEvent) -> Compliance:
    """Two queries."""
    checked = event.status in COUNTS_CHECKED_IN
    rows = {
        e.pk: EducationCompliance(education=e, counts_checked_in=checked)
        for e in _participating_educations(event)
    }
    counts = (
        Attendee.objects.filter(event=event, education_id__in=rows)
        .values("education_id", "role")
        .annotate(
            invited=Count("pk"), checked_in=Count("pk", filter=Q(checked_in_at__isnull=False))
        )
        .order_by()
    )
    prefix = {PersonRole.LEADER: "leaders", PersonRole.TEACHER: "teachers"}
    for count in counts:
        row, name = rows[count["education_id"]], prefix.get(count["role"], "others")
        setattr(row, f"{name}_invited", count["invited"])
        setattr(row, f"{name}_checked_in", count["checked_in"])
    return Compliance(rows=list(rows.values()), counts_checked_in=checked)


# --- collection ---------------------------------------------------------------------------


@dataclass
class BoothCollection:
    """One booth's cards: `by_commitment` maps every Commitment to a count (0 included);
    `by_education` maps an education id (None: the visitor is no longer an attendee) to a
    count, only where there are cards."""

    booth: Booth
    by_commitment: dict[str, int] = field(default_factory=dict)
    by_education: dict[int | None, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_commitment.values())


@dataclass
class Collection:
    """The event's cards counted. `booths` in the booths' order (booths without cards
    included); `educations`: the educations that wrote cards, the columns of a booth ×
    education table; `by_commitment`: the totals over all booths."""

    booths: list[BoothCollection]
    educations: list[Education]
    by_commitment: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_commitment.values())


def collection(event: BazarEvent) -> Collection:
    """Four queries, whatever the number of booths and cards."""
    booths = {b.pk: BoothCollection(booth=b) for b in event.booths.all()}
    for entry in booths.values():
        entry.by_commitment = dict.fromkeys(Commitment.values, 0)
    cards = InterestCard.objects.filter(booth__event=event).order_by()
    for row in cards.values("booth_id", "commitment").annotate(n=Count("pk")):
        booths[row["booth_id"]].by_commitment[row["commitment"]] = row["n"]
    education = Attendee.objects.filter(event=event, user_id=OuterRef("visitor_id")).values(
        "education_id"
    )[:1]
    per_education = cards.annotate(education_id=Subquery(education)).values(
        "booth_id", "education_id"
    )
    seen = set()
    for row in per_education.annotate(n=Count("pk")):
        booths[row["booth_id"]].by_education[row["education_id"]] = row["n"]
        seen.add(row["education_id"])
    totals = defaultdict(int)
    for entry in booths.values():
        for commitment, n in entry.by_commitment.items():
            totals[commitment] += n
    educations = Education.objects.filter(pk__in=seen - {None}).select_related("institution")
    return Collection(
        booths=list(booths.values()),
        educations=list(educations.order_by("institution__name", "name")),
        by_commitment=dict(totals),
    )
