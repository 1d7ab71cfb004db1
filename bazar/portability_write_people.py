"""The people's part of writing a "bazar_events" row (portability_write.py): attendees with
their pre-registrations, interest cards with their times, and the status history."""

from django.utils import timezone

from labportal.core.updating import model_update

from .models import Attendee, EventStatusChange, InterestCard, PreRegistration


class PeopleWrite:
    """Mixed into EventWrite, which gives `ctx`, `count`, `booth_id` and `education_id`."""

    def attendees(self, event, row, booths: dict[str, int]) -> None:
        people = self.ctx.people
        stored = {a.user_id: a for a in event.attendees.all()}
        new, changed, fields = [], [], set()
        for wanted in row.attendees:
            values = {
                "education_id": self.education_id(wanted["item"], wanted["education"]),
                "role": wanted["role"],
                "invited_at": wanted["invited_at"],
                "checked_in_at": wanted["checked_in_at"],
                "checked_in_by_id": people.id(wanted["checked_in_by"]),
            }
            user_id = people.id(wanted["person"])
            obj = stored.get(user_id)
            if obj is None:
                obj = Attendee(event=event, user_id=user_id, **values)
                new.append(obj)
                stored[user_id] = obj
            elif names := model_update(obj, values, save=False):
                changed.append(obj)
                fields.update(names)
        Attendee.objects.bulk_create(new)
        if changed:
            Attendee.objects.bulk_update(changed, sorted(fields))
        self.count("attendees", created=len(new), updated=len(changed))
        wanted_links = {
            (
                stored[people.id(a["person"])].pk,
                self.booth_id(booths, a["item"], slug, "pre_registrations"),
            )
            for a in row.attendees
            for slug in a["pre_registrations"]
        }
        file_attendees = [stored[people.id(a["person"])].pk for a in row.attendees]
        links = {
            (attendee_id, booth_id): pk
            for pk, attendee_id, booth_id in PreRegistration.objects.filter(
                attendee_id__in=file_attendees
            ).values_list("pk", "attendee_id", "booth_id")
        }
        stale = [pk for key, pk in links.items() if key not in wanted_links]
        PreRegistration.objects.filter(pk__in=stale).delete()
        missing = sorted(wanted_links - links.keys())
        PreRegistration.objects.bulk_create(
            PreRegistration(attendee_id=a, booth_id=b) for a, b in missing
        )
        self.count("pre-registrations", created=len(missing), removed=len(stale))

    def cards(self, event, row, booths: dict[str, int]) -> None:
        people = self.ctx.people
        stored = {
            (c.booth_id, c.visitor_id): c for c in InterestCard.objects.filter(booth__event=event)
        }
        now = timezone.now()
        new, changed, times = [], [], []
        for wanted in row.cards:
            key = (
                self.booth_id(booths, wanted["item"], wanted["booth"]),
                people.id(wanted["visitor"]),
            )
            values = {k: wanted[k] for k in ("commitment", "take_home", "visited")}
            obj = stored.get(key)
            if obj is None:
                obj = InterestCard(booth_id=key[0], visitor_id=key[1], **values)
                new.append(obj)
            elif model_update(obj, values, save=False):
                obj.updated_at = now
                changed.append(obj)
            times.append((obj, wanted["created_at"], wanted["updated_at"]))
        InterestCard.objects.bulk_create(new)
        if changed:
            fields = ["commitment", "take_home", "visited", "updated_at"]
            InterestCard.objects.bulk_update(changed, fields)
        self.count("interest cards", created=len(new), updated=len(changed))
        # created_at/updated_at as the file gives them (bulk_create stamps them "now").
        restamped = []
        for obj, created_at, updated_at in times:
            wanted = {"created_at": created_at or obj.created_at}
            wanted["updated_at"] = updated_at or obj.updated_at
            if model_update(obj, wanted, save=False):
                restamped.append(obj)
        if restamped:
            InterestCard.objects.bulk_update(restamped, ["created_at", "updated_at"])

    def history(self, event, row) -> None:
        """The k-th move from one status to another in the file is the k-th such move the
        event has: its person and time are updated; moves the event lacks are added."""
        people = self.ctx.people
        stored: dict[tuple[str, str], list] = {}
        for change in EventStatusChange.objects.filter(event=event).order_by("at", "pk"):
            stored.setdefault((change.from_status, change.to_status), []).append(change)
        seen: dict[tuple[str, str], int] = {}
        new, changed, stamps = [], [], []
        for entry in sorted(row.history, key=lambda e: e["at"]):
            move = (entry["from_status"], entry["to_status"])
            index = seen[move] = seen.get(move, -1) + 1
            values = {"by_id": people.id(entry["by"]), "at": entry["at"]}
            if index < len(stored.get(move, ())):
                change = stored[move][index]
                if model_update(change, values, save=False):
                    changed.append(change)
                continue
            new.append(EventStatusChange(event=event, from_status=move[0], to_status=move[1]))
            new[-1].by_id = values["by_id"]
            stamps.append(values["at"])
        EventStatusChange.objects.bulk_create(new)
        for change, at in zip(new, stamps, strict=True):
            change.at = at  # bulk_create stamped it "now"
        if new or changed:
            EventStatusChange.objects.bulk_update([*new, *changed], ["by", "at"])
        self.count("status changes", created=len(new), updated=len(changed))
