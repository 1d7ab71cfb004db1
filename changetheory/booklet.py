"""Change theories' part of the booklet import (`labportal.booklet`): what the booklet's
text says of the program's theory (its challenge and ambition) and of each track's (its
ambition and desired practice). The diagrams are figures and are reported, never read
(labportal/booklet/theories.py).

A theory is found by its program or track, else created under that one's slug (the slug
the demo and the editor give). As everywhere in the import, a filled field is never emptied
and only what differs is written (`booklet_save`), so a second import changes nothing. A
change moves the theory's version on, so an editor holding the page open is told, and the
history records it with the person importing. A passage longer than a theory can hold is
reported, not cut.

Needs "program" and "tracks" from the organisation's part.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from experiments.models import SECTION_MAX_LENGTH
from labportal.booklet import BookletContext, ParsedBooklet, booklet_save
from labportal.booklet.parsed import ParsedTheory, Unplaced
from labportal.booklet.saving import without_emptied
from labportal.core.text import danish_slugify
from labportal.organisation.models import Program, Track

from .models import ChangeTheory

FIELDS = ("ambition", "challenge", "desired_practice")
CHANGE_REASON = "booklet"


def booklet_apply(parsed: ParsedBooklet, context: BookletContext) -> None:
    program, tracks = context["program"], context["tracks"]
    for item in parsed.theories:
        subject = program if item.track is None else tracks.get(item.track)
        if subject is not None:
            _theory_save(item, subject, context)
        context.tick()


def _theory_save(item: ParsedTheory, subject: Program | Track, context: BookletContext) -> None:
    kind = "program" if isinstance(subject, Program) else "track"
    values = {}
    for name in FIELDS:
        value = getattr(item, name)
        if len(value) > SECTION_MAX_LENGTH:
            context.report.unplaced.append(
                Unplaced(
                    item.line,
                    value[:80],
                    _("longer than a change theory's text can be (%(limit)s characters)")
                    % {"limit": SECTION_MAX_LENGTH},
                )
            )
            continue
        values[name] = value
    found = (
        ChangeTheory.objects.select_for_update(of=("self",))
        .select_related("program", "track")
        .filter(**{kind: subject})
        .first()
    )
    if found is not None:
        if any(getattr(found, k) != v for k, v in without_emptied(found, values).items()):
            values["version"] = found.version + 1
            found._history_user = context.by
            found._change_reason = CHANGE_REASON
        booklet_save(
            ChangeTheory,
            found,
            slug=found.slug,
            values=values,
            report=context.report,
            kind="change_theory",
        )
        return
    created = booklet_save(
        ChangeTheory,
        None,
        slug=free_slug(subject),
        values=values,
        create={kind: subject},
        report=context.report,
        kind="change_theory",
    )
    created.history.update(history_user=context.by, history_change_reason=CHANGE_REASON)


def free_slug(subject: Program | Track) -> str:
    """The subject's slug, or with "-2", "-3", ... when a theory already has it."""
    base = danish_slugify(subject.slug or subject.title, 110) or "teori"
    taken = set(ChangeTheory.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
