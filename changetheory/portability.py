"""Change theories' key of the "labportal/1" document: "change_theories".

One row per theory, by slug: its program or its track (the other null), its texts, its
signs in order (each with the slugs of the experiments that serve it, sorted), and its
lists. Never exported: ids, the version counter, created_at/updated_at and the history.

On import a theory is matched by slug and updated where it differs; its signs become
exactly the file's list, in order (matched by position, so an unchanged sign keeps its row),
and each sign's experiments exactly what the file lists. What changes is written with
django-simple-history records (change reason "import"), and a changed theory's version
moves on, so an editor holding an older version is told. Everything is checked before the
first write; problems raise `PortabilityError` with the place in the file.

Queries: export reads theories, signs and their experiments in three queries per chunk;
import reads what it needs in a fixed number of queries and writes in bulk.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from experiments.models import LIST_ITEM_MAX_LENGTH, LIST_MAX_ITEMS, SECTION_MAX_LENGTH, Experiment
from labportal.core.updating import model_update
from labportal.portability import RowField, Section, with_row_fields
from labportal.portability.context import Context, read_section
from labportal.portability.fields import Item, slug_of
from labportal.portability.reading import Source

from .models import LIST_FIELDS, MAX_SIGNS, TEXT_FIELDS, ChangeTheory, Sign, SignExperiment

KEY = "change_theories"
CHANGE_REASON = "import"


# --- export ------------------------------------------------------------------------------


def theories_queryset():
    experiments = Experiment.objects.only("pk", "slug").order_by("slug")
    signs = Sign.objects.order_by("position", "pk").prefetch_related(
        Prefetch("experiments", queryset=experiments)
    )
    return (
        ChangeTheory.objects.select_related("program", "track")
        .prefetch_related(Prefetch("signs", queryset=signs))
        .order_by("slug")
    )


def theory_row(theory: ChangeTheory) -> dict:
    row = {
        "slug": theory.slug,
        "program": slug_of(theory.program),
        "track": slug_of(theory.track),
    }
    row |= {name: getattr(theory, name) for name in TEXT_FIELDS}
    row["signs"] = [
        {"text": sign.text, "experiments": [e.slug for e in sign.experiments.all()]}
        for sign in theory.signs.all()
    ]
    row |= {name: list(getattr(theory, name)) for name in LIST_FIELDS}
    return row


def theories_rows(chunk_size: int, row_fields: Sequence[RowField] = ()) -> Iterator[dict]:
    queryset = theories_queryset().prefetch_related(*(f.prefetch for f in row_fields))
    for theory in queryset.iterator(chunk_size=chunk_size):
        yield with_row_fields(theory_row(theory), theory, row_fields)


# --- import ------------------------------------------------------------------------------


@dataclass
class WantedSign:
    item: Item
    text: str
    experiments: list[str]  # slugs, as the file lists them


@dataclass
class Row:
    item: Item
    slug: str
    values: dict  # program_id, track_id, the texts and the lists
    scope: int  # the program whose experiments may serve the signs
    signs: list[WantedSign] = field(default_factory=list)


def _storable(item: Item, key: str, values: list[str]) -> None:
    """PostgreSQL stores no NUL character, and UTF-8 has no lone surrogate."""
    for value in values:
        if "\x00" in value or (not value.isascii() and not _encodes(value)):
            raise item.error(
                _("%(key)r contains a character that cannot be stored (NUL or a lone surrogate).")
                % {"key": key}
            )


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_theory(ctx: Context, item: Item) -> Row:
    program_id = ctx.ref(item, "program", "programs", _("program"))
    track = ctx.ref(item, "track", "tracks", _("track"))
    if (program_id is None) == (track is None):
        raise item.error(
            _(
                "a change theory belongs to a program or to a track: give exactly one of "
                "'program' and 'track'."
            )
        )
    values = {"program_id": program_id, "track_id": track[0] if track else None}
    for name in TEXT_FIELDS:
        values[name] = item.text(name, max_length=SECTION_MAX_LENGTH)
        _storable(item, name, [values[name]])
    for name in LIST_FIELDS:
        values[name] = item.texts(name, max_items=LIST_MAX_ITEMS, max_length=LIST_ITEM_MAX_LENGTH)
        _storable(item, name, values[name])
    row = Row(
        item=item,
        slug=item.slug("slug", required=True),
        values=values,
        scope=program_id if program_id is not None else track[1],
    )
    signs = item.items("signs")
    if len(signs) > MAX_SIGNS:
        raise item.error(
            _("%(key)r has more than %(count)d items.") % {"key": "signs", "count": MAX_SIGNS}
        )
    for sign in signs:
        text = sign.text("text", required=True, max_length=LIST_ITEM_MAX_LENGTH)
        _storable(sign, "text", [text])
        slugs = sign.slugs("experiments")
        if len(set(slugs)) < len(slugs):
            twice = next(slug for n, slug in enumerate(slugs) if slug in slugs[:n])
            raise sign.error(_("the experiment %(slug)r is listed twice.") % {"slug": twice})
        row.signs.append(WantedSign(sign, text, slugs))
    return row


def _subject(row: Row) -> tuple[str, int]:
    if row.values["program_id"] is not None:
        return ("program", row.values["program_id"])
    return ("track", row.values["track_id"])


def check_subjects(rows: list[Row]) -> None:
    """One theory per program or track: in the file, and against the portal's other theories."""
    by_subject: dict[tuple[str, int], Row] = {}
    for row in rows:
        other = by_subject.setdefault(_subject(row), row)
        if other is not row:
            raise row.item.error(
                _(
                    "the file has a second change theory for the same program or track "
                    "(the first is %(other)r)."
                )
                % {"other": other.slug}
            )
    programs = [s[1] for s in by_subject if s[0] == "program"]
    tracks = [s[1] for s in by_subject if s[0] == "track"]
    holders = ChangeTheory.objects.filter(Q(program_id__in=programs) | Q(track_id__in=tracks))
    for slug, program_id, track_id in holders.values_list("slug", "program_id", "track_id"):
        subject = ("program", program_id) if program_id is not None else ("track", track_id)
        row = by_subject[subject]
        if row.slug != slug:
            raise row.item.error(
                _(
                    "its program or track already has the change theory %(other)r; a program "
                    "or track has one change theory."
                )
                % {"other": slug}
            )


def resolve_experiments(rows: list[Row]) -> dict[str, tuple[int, int]]:
    """slug → (id, program id) of every experiment a sign names, in one query; an unknown
    one, or one of another program than the theory's, is an error."""
    wanted = {slug for row in rows for sign in row.signs for slug in sign.experiments}
    found = {
        slug: (pk, program_id)
        for slug, pk, program_id in Experiment.objects.filter(slug__in=wanted).values_list(
            "slug", "pk", "program_id"
        )
    }
    for row in rows:
        for sign in row.signs:
            for slug in sign.experiments:
                if slug not in found:
                    raise sign.item.error(
                        _("%(key)r refers to the unknown %(label)s %(slug)r.")
                        % {"key": "experiments", "label": _("experiment"), "slug": slug}
                    )
                if found[slug][1] != row.scope:
                    raise sign.item.error(
                        _(
                            "the experiment %(slug)r belongs to another program; only "
                            "experiments of the theory's program can serve its signs."
                        )
                        % {"slug": slug}
                    )
    return found


class TheoryWrite:
    """The writes of one import, collected first and then done in bulk."""

    def __init__(self, ctx: Context, experiments: dict[str, tuple[int, int]]):
        self.ctx = ctx
        self.experiments = experiments
        self.signs_created: list[tuple[Sign, list[int]]] = []
        self.signs_updated: list[Sign] = []
        self.signs_deleted: list[int] = []
        self.links_created: list[SignExperiment] = []
        self.links_deleted: list[int] = []

    def sync_signs(self, theory: ChangeTheory, wanted: list[WantedSign], signs, links) -> bool:
        """Make the theory's signs the file's, in its order; True when anything changes.

        `signs` are its stored signs in order, `links` sign id → {experiment id: link id}. A
        stored sign with the same text keeps its row (and history), others are reused in
        order, what is left over is removed; positions are kept while the order is right."""
        rows = _matched(wanted, signs)
        changed = len(signs) > len(wanted) or any(row is None for row in rows)
        self.signs_deleted += [s.pk for s in signs if s not in rows]
        positions = _positions(rows)
        for want, sign, position in zip(wanted, rows, positions, strict=True):
            experiment_ids = [self.experiments[slug][0] for slug in want.experiments]
            if sign is None:
                sign = Sign(theory=theory, text=want.text, position=position)
                self.signs_created.append((sign, experiment_ids))
                continue
            if model_update(sign, {"text": want.text, "position": position}, save=False):
                self.signs_updated.append(sign)
                changed = True
            stored = links.get(sign.pk, {})
            for experiment_id in experiment_ids:
                if experiment_id not in stored:
                    self.links_created.append(
                        SignExperiment(sign_id=sign.pk, experiment_id=experiment_id)
                    )
                    changed = True
            wanted_ids = set(experiment_ids)
            stale = [link for eid, link in stored.items() if eid not in wanted_ids]
            self.links_deleted += stale
            changed = changed or bool(stale)
        return changed

    def flush(self) -> None:
        report = self.ctx.report
        # (Signs and links keep no history once removed: cascade_delete_history. The
        # theory's own history records the import's new version.)
        SignExperiment.objects.filter(pk__in=self.links_deleted).delete()
        Sign.objects.filter(pk__in=self.signs_deleted).delete()
        if self.signs_updated:
            bulk_update_with_history(
                self.signs_updated,
                Sign,
                ["text", "position"],
                default_change_reason=CHANGE_REASON,
            )
        if self.signs_created:
            for sign, _ids in self.signs_created:
                sign.theory_id = sign.theory.pk  # a new theory got its id after the sign was made
            bulk_create_with_history(
                [sign for sign, _ids in self.signs_created],
                Sign,
                default_change_reason=CHANGE_REASON,
            )
            self.links_created += [
                SignExperiment(sign_id=sign.pk, experiment_id=experiment_id)
                for sign, experiment_ids in self.signs_created
                for experiment_id in experiment_ids
            ]
        if self.links_created:
            bulk_create_with_history(
                self.links_created, SignExperiment, default_change_reason=CHANGE_REASON
            )
        report.count("change theory signs", "added", len(self.signs_created))
        report.count("change theory signs", "updated", len(self.signs_updated))
        report.count("change theory signs", "removed", len(self.signs_deleted))
        report.count("change theory links", "added", len(self.links_created))
        report.count("change theory links", "removed", len(self.links_deleted))


def _matched(wanted: list[WantedSign], signs: list[Sign]) -> list[Sign | None]:
    """For each wanted sign the stored row it becomes: the first unused one with its text,
    else the first unused one left (reused with a new text), else None (a new row)."""
    rows: list[Sign | None] = [None] * len(wanted)
    unused = list(signs)
    for index, want in enumerate(wanted):
        same = next((s for s in unused if s.text == want.text), None)
        if same is not None:
            rows[index] = same
            unused.remove(same)
    for index in range(len(wanted)):
        if rows[index] is None and unused:
            rows[index] = unused.pop(0)
    return rows


def _positions(rows: list[Sign | None]) -> list[int]:
    """The rows' stored positions while they still rise (new rows after the last one);
    else 1, 2, 3, ..."""
    kept = [row.position for row in rows if row is not None]
    last_kept = max((i for i, row in enumerate(rows) if row is not None), default=-1)
    rising = all(a < b for a, b in pairwise(kept))
    if not rising or any(row is None for row in rows[: last_kept + 1]):
        return list(range(1, len(rows) + 1))
    top = kept[-1] if kept else 0
    return kept + list(range(top + 1, top + 1 + len(rows) - len(kept)))


def import_change_theories(ctx: Context, source: Source) -> None:
    rows = [parse_theory(ctx, item) for item in read_section(source, KEY)]
    if not rows:
        return
    check_subjects(rows)
    write = TheoryWrite(ctx, resolve_experiments(rows))
    existing = {
        t.slug: t
        for t in ChangeTheory.objects.select_for_update().filter(slug__in=[r.slug for r in rows])
    }
    stored_signs: dict[int, list[Sign]] = {}
    for sign in Sign.objects.filter(theory_id__in=[t.pk for t in existing.values()]).order_by(
        "theory_id", "position", "pk"
    ):
        stored_signs.setdefault(sign.theory_id, []).append(sign)
    links: dict[int, dict[int, int]] = {}
    stored_links = SignExperiment.objects.filter(
        sign__theory_id__in=[t.pk for t in existing.values()]
    )
    for pk, sign_id, experiment_id in stored_links.values_list("pk", "sign_id", "experiment_id"):
        links.setdefault(sign_id, {})[experiment_id] = pk

    to_create, to_update, fields, unchanged = [], [], set(), 0
    now = timezone.now()
    for row in rows:
        theory = existing.get(row.slug)
        if theory is None:
            theory = ChangeTheory(slug=row.slug, **row.values)
            to_create.append(theory)
            write.sync_signs(theory, row.signs, [], {})
            continue
        changed = model_update(theory, row.values, save=False)
        signs_changed = write.sync_signs(theory, row.signs, stored_signs.get(theory.pk, []), links)
        if not changed and not signs_changed:
            unchanged += 1
            continue
        theory.version += 1
        theory.updated_at = now
        fields.update(changed, ["version", "updated_at"])
        to_update.append(theory)
    if to_create:
        bulk_create_with_history(to_create, ChangeTheory, default_change_reason=CHANGE_REASON)
    if to_update:
        bulk_update_with_history(
            to_update, ChangeTheory, sorted(fields), default_change_reason=CHANGE_REASON
        )
    for what, n in (("created", len(to_create)), ("updated", len(to_update))):
        ctx.report.count(KEY, what, n)
    ctx.report.count(KEY, "unchanged", unchanged)
    write.flush()


SECTIONS = [Section(KEY, theories_rows, import_change_theories)]
