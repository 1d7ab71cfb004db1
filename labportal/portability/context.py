"""What the sections of one import share: the report, the people, and the ids of what
earlier sections wrote (`refs`), so that later ones can resolve slugs without a query."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from labportal.core.updating import model_update

from .fields import Item, where_of
from .people import People
from .reading import Source


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=dict)
    people_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, what: str, n: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[what] += n

    def lines(self) -> list[str]:
        lines = [
            f"{kind}: " + ", ".join(f"{n} {what}" for what, n in sorted(counter.items()))
            for kind, counter in self.counts.items()
        ]
        if self.people_created:
            lines.append(
                _("people created as inactive users: %(n)d (%(names)s)")
                % {"n": len(self.people_created), "names": ", ".join(self.people_created[:10])}
                + (" …" if len(self.people_created) > 10 else "")
            )
        lines.extend(self.warnings)
        return lines


@dataclass
class Context:
    report: ImportReport
    people: People
    chunk_size: int = 500  # items of a large section read and written at a time
    # kind ("programs", "tracks", ...) → key (a slug, or a tuple) → what the section stored
    refs: dict[str, dict] = field(default_factory=dict)

    def ref(self, item: Item, key: str, kind: str, label: str, *, required: bool = False):
        slug = item.slug(key, required=required)
        if slug is None:
            return None
        table = self.refs.get(kind, {})
        if slug not in table:
            raise item.error(
                _("%(key)r refers to the unknown %(label)s %(slug)r.")
                % {"key": key, "label": label, "slug": slug}
            )
        return table[slug]


def read_section(source: Source, key: str) -> list[Item]:
    """A small section, read whole; every item has a slug that appears once."""
    items, seen = [], set()
    for index, data in enumerate(source.items(key)):
        item = Item(data, where_of(key, index, data))
        slug = item.slug("slug", required=True)
        if slug in seen:
            raise item.error(_("the slug %(slug)r appears twice.") % {"slug": slug})
        seen.add(slug)
        items.append(item)
    return items


def upsert(ctx: Context, model, wanted: dict[str, dict], kind: str) -> None:
    """Create or update rows of `model` by slug, in bulk; count what happened."""
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=list(wanted))}
    to_create, to_update, fields = [], [], set()
    has_updated_at = any(f.name == "updated_at" for f in model._meta.fields)
    for slug, values in wanted.items():
        obj = existing.get(slug)
        if obj is None:
            to_create.append(model(slug=slug, **values))
            continue
        changed = model_update(obj, values, save=False)
        if not changed:
            ctx.report.count(kind, "unchanged")
            continue
        if has_updated_at:
            obj.updated_at = timezone.now()
            changed.append("updated_at")
        fields.update(changed)
        to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    ctx.report.count(kind, "created", len(to_create))
    ctx.report.count(kind, "updated", len(to_update))
