"""The effect surveys of a "bazar_events" row: the key "effect_answers", one entry per survey
sent (answered or not). To be wired into portability_read/write (the event's other keys).

    {"group": "<group title>" | null,   # a survey about a follow-up group ...
     "visitor": "<person>" | null,      # ... or about this person's card (one of the two)
     "recipient": "<person>",           # whom it went to (for a card: the visitor)
     "booth": "<booth slug>",           # the group's or the card's booth
     "outcome": "implemented" | "developed" | "new_activities" | "not_pursued" | null,
     "comment": str, "answered_at": ISO | null, "sent_at": ISO | null,
     "reminders_sent": int}

A group is identified by its booth and title (as the groups' own rows identify them); a
card by its booth and visitor. Tokens are never exported: an imported survey gets a fresh
hash of a token nobody has, so its old link does not work (a reminder sends a new one).

`effect_rows(event)` reads (two queries). `effect_import(ctx, event, items)` writes, after the
event's booths, cards and groups are written: `items` are the raw entries; it resolves
people with `ctx.people` (call `ctx.people.resolve(effect_people(items))` first, with the
event's other people), and only adds or updates (a survey the file lacks stays).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labportal.portability.fields import Item, iso, person_ref

from .effect import LINK_DAYS, new_token
from .enums import Outcome
from .models import EffectAnswer, EffectSurvey, FollowUpGroup, InterestCard
from .models_followup import COMMENT_MAX_LENGTH

KEY = "effect_answers"


def effect_rows(event) -> list[dict]:
    """The event's surveys, by booth and recipient."""
    surveys = (
        EffectSurvey.objects.filter(event=event)
        .select_related("recipient", "group__booth", "card__booth", "card__visitor", "answer")
        .order_by("pk")
    )
    rows = []
    for survey in surveys:
        answer = getattr(survey, "answer", None)
        booth = survey.group.booth if survey.group_id else survey.card.booth
        rows.append(
            {
                "group": survey.group.title if survey.group_id else None,
                "visitor": person_ref(survey.card.visitor) if survey.card_id else None,
                "recipient": person_ref(survey.recipient),
                "booth": booth.slug,
                "outcome": answer.outcome if answer else None,
                "comment": answer.comment if answer else "",
                "answered_at": iso(survey.answered_at),
                "sent_at": iso(survey.sent_at),
                "reminders_sent": survey.reminders_sent,
            }
        )
    return sorted(rows, key=lambda r: (r["booth"], r["group"] or "", r["recipient"] or ""))


def effect_people(items: list[dict]) -> list[str]:
    """The people the entries refer to (for ctx.people.resolve)."""
    return [
        ref
        for data in items
        if isinstance(data, dict)
        for ref in (data.get("recipient"), data.get("visitor"))
        if isinstance(ref, str) and ref
    ]


def _parse(item: Item) -> dict:
    group, visitor = item.text("group", max_length=200), item.person("visitor")
    if bool(group) == bool(visitor):
        raise item.error(_("an effect answer is about a 'group' or the card of a 'visitor'."))
    answered_at = item.datetime("answered_at")
    outcome = item.choice("outcome", Outcome)
    if bool(outcome) != bool(answered_at):
        raise item.error(_("an answered survey has both 'outcome' and 'answered_at'."))
    reminders = item.data.get("reminders_sent", 0)
    if not isinstance(reminders, int) or not 0 <= reminders <= 20:
        raise item.error(_("'reminders_sent' must be a whole number from 0 to 20."))
    return {
        "group": group,
        "visitor": visitor,
        "recipient": item.person("recipient") or visitor,
        "booth": item.slug("booth", required=True),
        "outcome": outcome,
        "comment": item.text("comment", max_length=COMMENT_MAX_LENGTH),
        "answered_at": answered_at,
        "sent_at": item.datetime("sent_at"),
        "reminders_sent": reminders,
    }


@transaction.atomic
def effect_import(ctx, event, items: list[dict], *, where: str = "bazar_events") -> int:
    """Add or update the event's surveys and answers from the entries; return how many
    entries were written. Raises PortabilityError (naming the entry) for what cannot be
    resolved; the importer's transaction then keeps nothing."""
    parsed = [
        (item, _parse(item))
        for item in (Item(d, f"{where}.{KEY}[{i}]") for i, d in enumerate(items))
    ]
    groups = {
        (booth_slug, title): pk
        for pk, booth_slug, title in FollowUpGroup.objects.filter(event=event).values_list(
            "pk", "booth__slug", "title"
        )
    }
    cards = {
        (booth_slug, visitor_id): pk
        for pk, booth_slug, visitor_id in InterestCard.objects.filter(
            booth__event=event
        ).values_list("pk", "booth__slug", "visitor_id")
    }
    stored = {
        (s.recipient_id, s.group_id, s.card_id): s
        for s in EffectSurvey.objects.filter(event=event).select_related("answer")
    }
    written = 0
    now = timezone.now()
    for item, row in parsed:
        recipient_id = ctx.people.id(row["recipient"])
        group_id = card_id = None
        if row["group"]:
            group_id = groups.get((row["booth"], row["group"]))
            if group_id is None:
                raise item.error(
                    _("no follow-up group %(title)r at the booth %(booth)r.")
                    % {"title": row["group"], "booth": row["booth"]}
                )
        else:
            card_id = cards.get((row["booth"], ctx.people.id(row["visitor"])))
            if card_id is None:
                raise item.error(
                    _("%(person)r has no interest card at the booth %(booth)r.")
                    % {"person": row["visitor"], "booth": row["booth"]}
                )
        survey = stored.get((recipient_id, group_id, card_id))
        sent_at = row["sent_at"] or row["answered_at"] or now
        if survey is None:
            survey = EffectSurvey(
                event=event,
                recipient_id=recipient_id,
                group_id=group_id,
                card_id=card_id,
                token_hash=new_token()[1],
            )
        survey.sent_at = sent_at
        survey.expires_at = sent_at + datetime.timedelta(days=LINK_DAYS)
        survey.reminders_sent = row["reminders_sent"]
        survey.answered_at = row["answered_at"]
        survey.save()
        answer = getattr(survey, "answer", None) if survey.pk else None
        if row["outcome"]:
            values = {"outcome": row["outcome"], "comment": row["comment"]}
            if answer is None:
                answer = EffectAnswer.objects.create(survey=survey, **values)
            else:
                EffectAnswer.objects.filter(pk=answer.pk).update(**values)
            # answered_at as the file gives it (auto_now_add stamped "now")
            EffectAnswer.objects.filter(pk=answer.pk).update(answered_at=row["answered_at"])
        elif answer is not None:
            answer.delete()
        written += 1
    if written:
        ctx.report.count("bazar effect surveys", "written", written)
    return written
