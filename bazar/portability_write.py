"""Writing the checked "bazar_events" rows (portability_read.py) into the portal, inside the
importer's one transaction: a reference that cannot be resolved raises PortabilityError
naming its place, and nothing stays written. See portability.py for what is matched, what
becomes exactly the file's, and what is only added to."""

from django.utils.translation import gettext as _

from experiments.models import Experiment
from labportal.core.updating import model_update
from labportal.organisation.models import Education, Institution
from labportal.portability.context import Context, upsert

from .models import (
    BazarEvent,
    Booth,
    PitchRound,
    PitchSlot,
    Theme,
    WorkingGroupMember,
)
from .portability_effect import KEY as EFFECT_KEY
from .portability_effect import effect_import, effect_people
from .portability_groups import write_groups
from .portability_read import Parsed
from .portability_write_people import PeopleWrite


def _unknown(item, key: str, label: str, value) -> Exception:
    return item.error(
        _("%(key)r refers to the unknown %(label)s %(slug)r.")
        % {"key": key, "label": label, "slug": value}
    )


class EventWrite(PeopleWrite):
    def __init__(self, ctx: Context, rows: list[Parsed]):
        self.ctx, self.rows = ctx, rows

    def count(self, what: str, created: int = 0, updated: int = 0, removed: int = 0) -> None:
        for verb, n in (("created", created), ("updated", updated), ("removed", removed)):
            if n:
                self.ctx.report.count(f"bazar {what}", verb, n)

    # --- references ----------------------------------------------------------------------

    def resolve(self) -> None:
        refs = []
        for row in self.rows:
            refs.append(row.created_by)
            refs += [ref for _i, ref, _r, _e in row.members]
            refs += [host for booth in row.booths for host in booth["hosts"]]
            refs += [a["person"] for a in row.attendees] + [
                a["checked_in_by"] for a in row.attendees
            ]
            refs += [card["visitor"] for card in row.cards] + [h["by"] for h in row.history]
        self.ctx.people.resolve(refs)
        self.educations = {
            f"{institution}/{slug}": pk
            for pk, institution, slug in Education.objects.values_list(
                "pk", "institution__slug", "slug"
            )
        }
        wanted = {b["experiment"] for row in self.rows for b in row.booths if b["experiment"]}
        self.experiments = {
            slug: (pk, title)
            for slug, pk, title in Experiment.objects.filter(slug__in=wanted).values_list(
                "slug", "pk", "title"
            )
        }
        wanted = {slug for row in self.rows for slug in row.institutions}
        self.institutions = dict(
            Institution.objects.filter(slug__in=wanted).values_list("slug", "pk")
        )
        for row in self.rows:
            for slug in row.institutions:
                if slug not in self.institutions:
                    raise _unknown(row.item, "institutions", _("institution"), slug)
            for item, _ref, _role, education in row.members:
                self.education_id(item, education)
            for booth in row.booths:
                if booth["experiment"] and booth["experiment"] not in self.experiments:
                    raise _unknown(
                        booth["item"], "experiment", _("experiment"), booth["experiment"]
                    )
                if not booth["title"]:
                    if not booth["experiment"]:
                        raise booth["item"].error(_("a booth needs a 'title'."))
                    booth["title"] = self.experiments[booth["experiment"]][1][:200]
            for attendee in row.attendees:
                self.education_id(attendee["item"], attendee["education"])

    def education_id(self, item, ref: str | None) -> int | None:
        if ref is None:
            return None
        if ref not in self.educations:
            raise _unknown(item, "education", _("education"), ref)
        return self.educations[ref]

    # --- writing -------------------------------------------------------------------------

    def run(self) -> None:
        self.resolve()
        people = self.ctx.people
        wanted = {
            row.slug: {**row.values, "created_by_id": people.id(row.created_by)}
            for row in self.rows
        }
        upsert(self.ctx, BazarEvent, wanted, "bazar_events")
        events = {e.slug: e for e in BazarEvent.objects.filter(slug__in=list(wanted))}
        for row in self.rows:
            self.event(events[row.slug], row)

    def event(self, event: BazarEvent, row: Parsed) -> None:
        ids = {self.institutions[slug] for slug in row.institutions}
        if ids != set(event.institutions.values_list("pk", flat=True)):
            event.institutions.set(ids)
            self.count("event institutions", updated=1)
        themes = self.themes(event, row)
        self.members(event, row)
        booths = self.booths(event, row, themes)
        self.rounds(event, row, themes, booths)
        self.attendees(event, row, booths)
        self.cards(event, row, booths)
        write_groups(self, event, row, booths)  # portability_groups.py
        answers = row.item.data.get(EFFECT_KEY) or []  # portability_effect.py
        if answers:
            self.ctx.people.resolve(effect_people(answers))
            written = effect_import(self.ctx, event, answers, where=row.item.where)
            self.count("effect surveys", updated=written)
        self.history(event, row)

    def themes(self, event, row) -> dict[str, int]:
        stored = {t.title: t for t in event.themes.all()}
        wanted = dict(row.themes)
        for title, order in wanted.items():
            theme = stored.get(title)
            if theme is None:
                stored[title] = Theme.objects.create(event=event, title=title, order=order)
                self.count("themes", created=1)
            elif model_update(theme, {"order": order}):
                self.count("themes", updated=1)
        stale = [t.pk for title, t in stored.items() if title not in wanted]
        Theme.objects.filter(pk__in=stale).delete()
        self.count("themes", removed=len(stale))
        return {title: t.pk for title, t in stored.items() if title in wanted}

    def members(self, event, row) -> None:
        people = self.ctx.people
        stored = {m.user_id: m for m in event.working_group.all()}
        wanted = {}
        for item, ref, role, education in row.members:
            wanted[people.id(ref)] = {
                "role": role,
                "education_id": self.education_id(item, education),
            }
        for user_id, values in wanted.items():
            member = stored.get(user_id)
            if member is None:
                WorkingGroupMember.objects.create(event=event, user_id=user_id, **values)
                self.count("working group members", created=1)
            elif model_update(member, values):
                self.count("working group members", updated=1)
        stale = [m.pk for user_id, m in stored.items() if user_id not in wanted]
        WorkingGroupMember.objects.filter(pk__in=stale).delete()
        self.count("working group members", removed=len(stale))

    def booths(self, event, row, themes: dict[str, int]) -> dict[str, int]:
        stored = {b.slug: b for b in event.booths.all()}
        in_file = {b["slug"] for b in row.booths}
        for booth in row.booths:  # a booth left out of the file may not hold its experiment
            experiment = booth["experiment"] and self.experiments[booth["experiment"]][0]
            other = next(
                (
                    b
                    for s, b in stored.items()
                    if s not in in_file and b.experiment_id == experiment
                ),
                None,
            )
            if experiment and other is not None:
                raise booth["item"].error(
                    _("the experiment already has the booth %(slug)r at this event.")
                    % {"slug": other.slug}
                )
        new, changed, fields = [], [], set()
        for booth in row.booths:
            values = {
                "title": booth["title"],
                "experiment_id": booth["experiment"] and self.experiments[booth["experiment"]][0],
                "summary": booth["summary"],
                "theme_id": themes.get(booth["theme"]),
                "order": booth["order"],
            }
            obj = stored.get(booth["slug"])
            if obj is None:
                obj = Booth(event=event, slug=booth["slug"], **values)
                new.append(obj)
                stored[booth["slug"]] = obj
            elif names := model_update(obj, values, save=False):
                changed.append(obj)
                fields.update(names)
        Booth.objects.bulk_create(new)
        if changed:
            Booth.objects.bulk_update(changed, sorted(fields))
        self.count("booths", created=len(new), updated=len(changed))
        ids = {slug: b.pk for slug, b in stored.items()}
        self.hosts(row, ids)
        return ids

    def hosts(self, row, booths: dict[str, int]) -> None:
        """Each booth of the file gets exactly its listed hosts."""
        through = Booth.hosts.through
        people = self.ctx.people
        wanted = {(booths[b["slug"]], people.id(ref)) for b in row.booths for ref in b["hosts"]}
        file_booths = [booths[b["slug"]] for b in row.booths]
        stored = {
            (booth_id, user_id): pk
            for pk, booth_id, user_id in through.objects.filter(
                booth_id__in=file_booths
            ).values_list("pk", "booth_id", "user_id")
        }
        stale = [pk for key, pk in stored.items() if key not in wanted]
        through.objects.filter(pk__in=stale).delete()
        missing = [through(booth_id=b, user_id=u) for b, u in sorted(wanted - stored.keys())]
        through.objects.bulk_create(missing)
        self.count("booth hosts", created=len(missing), removed=len(stale))

    def booth_id(self, booths: dict[str, int], item, slug: str, key: str = "booth") -> int:
        if slug not in booths:
            raise _unknown(item, key, _("booth"), slug)
        return booths[slug]

    def rounds(self, event, row, themes: dict[str, int], booths: dict[str, int]) -> None:
        """The event's rounds become the file's, matched by position (order, start)."""
        stored = list(event.rounds.order_by("order", "starts_at", "pk"))
        rounds = []
        for index, wanted in enumerate(row.rounds):
            values = {
                "kind": wanted["kind"],
                "theme_id": themes.get(wanted["theme"]),
                "starts_at": wanted["starts_at"],
                "ends_at": wanted["ends_at"],
                "order": wanted["order"],
            }
            if index < len(stored):
                obj = stored[index]
                if model_update(obj, values):
                    self.count("pitch rounds", updated=1)
            else:
                obj = PitchRound.objects.create(event=event, **values)
                self.count("pitch rounds", created=1)
            rounds.append((obj, wanted["slots"]))
        leftover = [r.pk for r in stored[len(row.rounds) :]]
        PitchRound.objects.filter(pk__in=leftover).delete()
        self.count("pitch rounds", removed=len(leftover))
        slots = {}
        for slot in PitchSlot.objects.filter(round__event=event):
            slots[(slot.round_id, slot.booth_id)] = slot
        keep = set()
        for obj, wanted_slots in rounds:
            for wanted in wanted_slots:
                key = (obj.pk, self.booth_id(booths, wanted["item"], wanted["booth"]))
                keep.add(key)
                values = {"order": wanted["order"], "starts_at": wanted["starts_at"]}
                slot = slots.get(key)
                if slot is None:
                    PitchSlot.objects.create(round_id=key[0], booth_id=key[1], **values)
                    self.count("pitch slots", created=1)
                elif model_update(slot, values):
                    self.count("pitch slots", updated=1)
        stale = [s.pk for key, s in slots.items() if key not in keep and key[0] not in leftover]
        PitchSlot.objects.filter(pk__in=stale).delete()
        self.count("pitch slots", removed=len(stale))
