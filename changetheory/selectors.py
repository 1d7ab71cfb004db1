"""What the change-theory pages read, each in a fixed number of queries, and the theory's
health (what is missing, how far each sign has come), computed from what was read."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from experiments.enums import PHASE_ORDER, Decision, Phase
from experiments.models import Experiment
from labportal.organisation.models import Program, Track

from .models import ChangeTheory, Sign, SignExperiment

EXPERIMENT_FIELDS = ("pk", "slug", "title", "phase", "decision", "program_id", "track_id")
REACHED = (Phase.ANALYSIS, Phase.CONCEPT, Phase.IMPLEMENTATION)


def _at_least(phase: str, wanted: str) -> bool:
    return PHASE_ORDER.index(phase) >= PHASE_ORDER.index(wanted)


@dataclass
class SignProgress:
    """How far a sign's experiments have come: how many reached each of the later phases
    (or passed them), and how many were adopted."""

    experiments: int = 0
    reached: dict[str, int] = field(default_factory=dict)
    adopted: int = 0


@dataclass
class TheoryPage:
    theory: ChangeTheory
    signs: list[Sign]  # each with .experiments_shown (list of Experiment) and .progress
    tracks: list  # a program theory: the program's tracks; a track theory: [its track]
    unlinked: list[Experiment]  # experiments in scope that serve no sign of this theory
    missing: list[str] = field(default_factory=list)  # codes, see `findings`

    @property
    def complete(self) -> bool:
        return not self.missing


def theory_queryset():
    return ChangeTheory.objects.select_related(
        "program__owner", "track__owner", "track__program__owner"
    )


def _signs_with_experiments(theory_filter: Q):
    experiments = Experiment.objects.only(*EXPERIMENT_FIELDS).order_by("title")
    return Sign.objects.filter(theory_filter).prefetch_related(
        Prefetch("experiments", queryset=experiments)
    )


def scope_experiments(theory: ChangeTheory):
    """Experiments the theory is about: its track's, or its program's. One that serves none
    of its signs is a finding."""
    if theory.track_id is not None:
        return Experiment.objects.filter(track_id=theory.track_id)
    return Experiment.objects.filter(program_id=theory.program_id)


def linkable_experiments(theory: ChangeTheory):
    """Experiments that may serve the theory's signs: those of its program (a track's theory
    may count on experiments of the program's other tracks too)."""
    return Experiment.objects.filter(program_id=theory.program_id_of_scope)


def theory_page(slug: str) -> TheoryPage | None:
    """The theory, its signs with their experiments, its tracks, the experiments in scope
    that serve none of its signs, and its findings: five queries, whatever the size."""
    theory = theory_queryset().filter(slug=slug).first()
    if theory is None:
        return None
    signs = list(_signs_with_experiments(Q(theory=theory)))
    program_id = theory.program_id or theory.track.program_id
    tracks = (
        list(Track.objects.filter(program_id=program_id).order_by("title"))
        if theory.program_id
        else [theory.track]
    )
    linked = SignExperiment.objects.filter(sign__theory=theory).values("experiment_id")
    unlinked = list(
        scope_experiments(theory).exclude(pk__in=linked).only(*EXPERIMENT_FIELDS).order_by("title")
    )
    for sign in signs:
        sign.experiments_shown = list(sign.experiments.all())
        sign.progress = sign_progress(sign.experiments_shown)
    page = TheoryPage(theory=theory, signs=signs, tracks=tracks, unlinked=unlinked)
    page.missing = findings(page)
    return page


def sign_progress(experiments) -> SignProgress:
    progress = SignProgress(experiments=len(experiments))
    for phase in REACHED:
        progress.reached[phase] = sum(1 for e in experiments if _at_least(e.phase, phase))
    progress.adopted = sum(1 for e in experiments if e.decision == Decision.ADOPTED)
    return progress


def findings(page: TheoryPage) -> list[str]:
    """What the theory lacks, as codes the page words: "no_desired_practice", "no_signs",
    "sign_unserved:<sign pk>" and "experiment_unlinked:<experiment pk>"."""
    missing = []
    if not page.theory.desired_practice.strip():
        missing.append("no_desired_practice")
    if not page.signs:
        missing.append("no_signs")
    missing += [f"sign_unserved:{s.pk}" for s in page.signs if not s.experiments_shown]
    missing += [f"experiment_unlinked:{e.pk}" for e in page.unlinked]
    return missing


def theories_by_program():
    """Every program with its theory and its tracks with theirs (the list page): 2 queries.
    Each theory comes with what its completeness needs (`theory_is_complete`): how many signs
    it has, how many no experiment serves, whether an experiment in scope serves none."""
    linked = SignExperiment.objects.filter(
        sign__theory_id=OuterRef(OuterRef("pk")), experiment_id=OuterRef("pk")
    )
    in_scope = Experiment.objects.filter(
        Q(track_id=OuterRef("track_id")) | Q(program_id=OuterRef("program_id"))
    )
    theories = ChangeTheory.objects.only(
        "slug", "program_id", "track_id", "desired_practice"
    ).annotate(
        sign_count=Count("signs", distinct=True),
        unserved_count=Count("signs", filter=Q(signs__links__isnull=True), distinct=True),
        has_unlinked=Exists(in_scope.filter(~Exists(linked))),
    )
    by_program = {t.program_id: t for t in theories if t.program_id}
    by_track = {t.track_id: t for t in theories if t.track_id}
    programs = list(Program.objects.prefetch_related("tracks").order_by("title"))
    for theory in theories:
        theory.complete = theory_is_complete(theory)
    for program in programs:
        program.theory = by_program.get(program.pk)
        program.track_rows = [(track, by_track.get(track.pk)) for track in program.tracks.all()]
    return programs


def theory_is_complete(theory: ChangeTheory) -> bool:
    """`findings` finds nothing, from theories_by_program's counts."""
    return bool(
        theory.desired_practice.strip()
        and theory.sign_count
        and not theory.unserved_count
        and not theory.has_unlinked
    )


def signs_served_by(experiment: Experiment) -> list[tuple[ChangeTheory, list[Sign]]]:
    """The theories and signs an experiment serves (its page), one query."""
    signs = (
        Sign.objects.filter(links__experiment=experiment)
        .select_related("theory__program", "theory__track")
        .order_by("theory__slug", "position", "pk")
    )
    grouped: dict[int, tuple[ChangeTheory, list[Sign]]] = {}
    for sign in signs:
        grouped.setdefault(sign.theory_id, (sign.theory, []))[1].append(sign)
    return list(grouped.values())


def experiment_choices(theory: ChangeTheory, query: str = "", limit: int = 20):
    """The editor's experiment picker: experiments of the program whose title matches."""
    found = linkable_experiments(theory).only(*EXPERIMENT_FIELDS).order_by("title")
    if query:
        found = found.filter(title__icontains=query)
    return list(found[:limit])


# --- the editor ---------------------------------------------------------------------------


def theory_for_editing(slug: str) -> ChangeTheory | None:
    """The theory alone (with what the permission check reads), for a save."""
    return theory_queryset().filter(slug=slug).first()


def sign_of(theory: ChangeTheory, sign_id: int) -> Sign | None:
    return Sign.objects.filter(theory=theory, pk=sign_id).first()


def experiment_by_pk(pk: int) -> Experiment | None:
    return Experiment.objects.only(*EXPERIMENT_FIELDS).filter(pk=pk).first()


def linked_experiment_ids(sign: Sign) -> set[int]:
    return set(SignExperiment.objects.filter(sign=sign).values_list("experiment_id", flat=True))
