"""The concepts' authors, published versions and events in "labportal/1" (concepts rows'
keys "authors", "versions" and "events"), beside concepts/portability.py.

A version is matched by its number: one the portal has keeps its frozen snapshot (a file never
rewrites a publication) and takes the file's withdrawal and public mark; a missing one is
created. A version without "snapshot" freezes the concept as the file gives it. An event is
matched by its kind, person and time (a publication by its version), so loading a file twice
records nothing twice. The PDFs are files, not data: a version the import creates gets the
job that makes its PDF.
"""

from django.utils.translation import gettext as _

from labportal.portability.context import Context
from labportal.portability.fields import Item, iso, person_ref

from .content import concept_content
from .enums import EventKind
from .models import Concept, ConceptEvent, ConceptVersion
from .services import pdf_job_record

TITLE_MAX = 200


def history_fields(concept: Concept) -> dict:
    """The rows' keys, from what concepts_rows prefetched."""
    return {
        "authors": sorted(person_ref(user) for user in concept.authors.all()),
        "versions": [
            {
                "number": version.number,
                "published_by": person_ref(version.published_by),
                "published_at": iso(version.published_at),
                "public": version.public,
                "withdrawn_at": iso(version.withdrawn_at),
                "withdrawn_by": person_ref(version.withdrawn_by),
                "withdraw_reason": version.withdraw_reason,
                "snapshot": version.snapshot,
            }
            for version in sorted(concept.versions.all(), key=lambda v: v.number)
        ],
        "events": [
            {
                "kind": event.kind,
                "by": person_ref(event.by),
                "at": iso(event.at),
                "version": event.version.number if event.version_id else None,
                "note": event.note,
            }
            for event in sorted(concept.events.all(), key=lambda e: (e.at, e.pk))
        ],
    }


HISTORY_PREFETCH = (
    "authors",
    "versions__published_by",
    "versions__withdrawn_by",
    "events__by",
    "events__version",
)


def read_history(item: Item) -> dict:
    """The history keys of one concept row, checked; people as references."""
    versions, numbers = [], set()
    for entry in item.items("versions"):
        number = entry.data.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise entry.error(_("'number' must be a whole number from 1."))
        if number in numbers:
            raise entry.error(_("version %(number)d is listed twice.") % {"number": number})
        numbers.add(number)
        snapshot = entry.data.get("snapshot")
        if snapshot is not None and not (
            isinstance(snapshot, dict) and isinstance(snapshot.get("title"), str)
        ):
            raise entry.error(_("'snapshot' must be an object with a 'title'."))
        if snapshot is not None and len(snapshot["title"]) > TITLE_MAX:
            raise entry.error(_("the snapshot's title is too long."))
        public = entry.data.get("public", False)
        if not isinstance(public, bool):
            raise entry.error(_("'public' must be true or false."))
        versions.append(
            {
                "number": number,
                "published_by": _required_person(entry, "published_by"),
                "published_at": entry.datetime("published_at", required=True),
                "public": public,
                "withdrawn_at": entry.datetime("withdrawn_at"),
                "withdrawn_by": entry.person("withdrawn_by"),
                "withdraw_reason": entry.text("withdraw_reason", max_length=2000),
                "snapshot": snapshot,
            }
        )
    events = []
    for entry in item.items("events"):
        version = entry.data.get("version")
        if version is not None and version not in numbers:
            raise entry.error(_("'version' names a version the concept does not list."))
        events.append(
            {
                "kind": entry.choice("kind", EventKind, required=True),
                "by": _required_person(entry, "by"),
                "at": entry.datetime("at", required=True),
                "version": version,
                "note": entry.text("note", max_length=2000),
            }
        )
    authors = [person for person in (a.strip() for a in item.texts("authors")) if person]
    return {"authors": authors, "versions": versions, "events": events}


def _required_person(entry: Item, key: str) -> str:
    person = entry.person(key)
    if person is None:
        raise entry.error(_("the key %(key)r is missing or empty.") % {"key": key})
    return person


def people_of(history: dict):
    yield from history["authors"]
    for version in history["versions"]:
        yield version["published_by"]
        yield version["withdrawn_by"]
    for event in history["events"]:
        yield event["by"]


def history_sync(ctx: Context, histories: dict[str, dict]) -> None:
    """Write the authors, versions and events of the concepts in the file."""
    people = ctx.people
    people.resolve(ref for history in histories.values() for ref in people_of(history))
    concepts = (
        Concept.objects.filter(slug__in=histories)
        .select_related("program", "track")
        .prefetch_related("authors", "versions", "events", "source_experiments")
    )
    for concept in concepts:
        history = histories[concept.slug]
        concept.authors.set([people.id(ref) for ref in history["authors"]])
        versions = {version.number: version for version in concept.versions.all()}
        for row in history["versions"]:
            versions[row["number"]] = _version_sync(ctx, concept, versions.get(row["number"]), row)
        seen = {_event_key(e.kind, e.by_id, e.at, e.version) for e in concept.events.all()}
        new_events = []
        for row in history["events"]:
            event = ConceptEvent(
                concept=concept,
                kind=row["kind"],
                by_id=people.id(row["by"]),
                at=row["at"],
                version=versions.get(row["version"]),
                note=row["note"],
            )
            key = _event_key(event.kind, event.by_id, event.at, event.version)
            if key not in seen:
                seen.add(key)
                new_events.append(event)
        ConceptEvent.objects.bulk_create(new_events)
        ctx.report.count("concept events", "added", len(new_events))


def _event_key(kind: str, by_id: int, at, version) -> tuple:
    """What makes an event the same one: a version is published once; anything else is one
    person's act at one moment."""
    if kind == EventKind.PUBLISHED and version is not None:
        return (kind, version.number)
    return (kind, by_id, at)


def _version_sync(ctx: Context, concept: Concept, version, row: dict) -> ConceptVersion:
    people = ctx.people
    mutable = {
        "public": row["public"],
        "withdrawn_at": row["withdrawn_at"],
        "withdrawn_by_id": people.id(row["withdrawn_by"]),
        "withdraw_reason": row["withdraw_reason"],
    }
    if version is None:
        snapshot = row["snapshot"] if row["snapshot"] is not None else concept_content(concept)
        version = ConceptVersion.objects.create(
            concept=concept,
            number=row["number"],
            snapshot=snapshot,
            published_by_id=people.id(row["published_by"]),
            published_at=row["published_at"],
            **mutable,
        )
        version.pdf_job = pdf_job_record(version)  # its PDF is made in the background
        version.save(update_fields=["pdf_job"])
        ctx.report.count("concept versions", "created")
        return version
    if any(getattr(version, name) != value for name, value in mutable.items()):
        for name, value in mutable.items():
            setattr(version, name, value)
        version.save(update_fields=[name.removesuffix("_id") for name in mutable])
        ctx.report.count("concept versions", "updated")
    return version
