"""Editing change theories: every change checks the person's right, locks the theory, checks
that the editor saw its latest version, writes, and moves the version on (history keeps who
and when). Stale editors get StaleTheory and write nothing."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from experiments.models import LIST_ITEM_MAX_LENGTH, LIST_MAX_ITEMS, SECTION_MAX_LENGTH, Experiment
from labportal.core.text import danish_slugify
from labportal.organisation.models import Program, Track

from .exceptions import ChangeTheoryError, NotAllowed, StaleTheory
from .models import LIST_FIELDS, MAX_SIGNS, TEXT_FIELDS, ChangeTheory, Sign, SignExperiment


def _clean_text(value: str, *, limit: int, label: str, required: bool = False) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ChangeTheoryError(
            _("%(label)s contains a character that cannot be stored.") % {"label": label}
        )
    if len(value) > limit:
        raise ChangeTheoryError(
            _("%(label)s is longer than %(limit)s characters.") % {"label": label, "limit": limit}
        )
    if required and not value:
        raise ChangeTheoryError(_("%(label)s cannot be empty.") % {"label": label})
    return value


def _clean_list(items: list[str], label: str) -> list[str]:
    cleaned = [_clean_text(i, limit=LIST_ITEM_MAX_LENGTH, label=label) for i in items]
    cleaned = [item for item in cleaned if item]
    if len(cleaned) > LIST_MAX_ITEMS:
        raise ChangeTheoryError(
            _("%(label)s has more than %(limit)s items.")
            % {"label": label, "limit": LIST_MAX_ITEMS}
        )
    return cleaned


def theory_create(*, subject: Program | Track, by) -> ChangeTheory:
    """The (empty) theory of a program or a track, for its owner or an administrator; the
    existing one when it has one."""
    kind = "program" if isinstance(subject, Program) else "track"
    draft = ChangeTheory(**{kind: subject})
    if not by.has_perm("changetheory.change", draft):
        raise NotAllowed(_("Only the owner at strategic level or an administrator may do this."))
    existing = ChangeTheory.objects.filter(**{kind: subject}).first()
    if existing is not None:
        return existing
    draft.slug = _free_slug(subject)
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:  # made by someone else a moment ago
        return ChangeTheory.objects.get(**{kind: subject})
    return draft


def _free_slug(subject) -> str:
    base = danish_slugify(subject.slug or subject.title, 110) or "teori"
    taken = set(ChangeTheory.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.add("new")  # /changetheory/new/ makes theories (urls.py)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@contextmanager
def _editing(theory_id: int, by, expected_version: int) -> Iterator[ChangeTheory]:
    """The theory, locked, for one change; the version moves on when the change is done."""
    with transaction.atomic():
        theory = (
            ChangeTheory.objects.select_for_update(of=("self",))
            .select_related("program", "track__program")
            .get(pk=theory_id)
        )
        if not by.has_perm("changetheory.change", theory):
            raise NotAllowed(
                _("Only the owner at strategic level or an administrator may do this.")
            )
        if theory.version != expected_version:
            raise StaleTheory(
                _(
                    "Someone else changed this change theory after you opened it, so nothing "
                    "was saved. The page now shows their version; your text is kept in the form."
                )
            )
        yield theory
        theory.version += 1  # the row is locked: nobody else moves it meanwhile
        theory.save()


LABELS = {
    "ambition": lambda: _("The ambition"),
    "challenge": lambda: _("The challenge"),
    "desired_practice": lambda: _("The desired practice"),
    "hypothesis": lambda: _("The transformative hypothesis"),
    "actions": lambda: _("Actions and resources"),
    "effects_short": lambda: _("Effects in the short term"),
    "effects_long": lambda: _("Effects in the long term"),
    "sign": lambda: _("The sign"),
}


def theory_update(*, theory: ChangeTheory, by, expected_version: int, **fields) -> ChangeTheory:
    """Set text fields (ambition, challenge, desired_practice, hypothesis) and list fields (actions,
    effects_short, effects_long); other names are refused."""
    unknown = set(fields) - set(TEXT_FIELDS) - set(LIST_FIELDS)
    if unknown:
        raise ChangeTheoryError(_("Unknown field."))
    values = {
        name: _clean_text(value, limit=SECTION_MAX_LENGTH, label=LABELS[name]())
        if name in TEXT_FIELDS
        else _clean_list(value, LABELS[name]())
        for name, value in fields.items()
    }
    with _editing(theory.pk, by, expected_version) as locked:
        for name, value in values.items():
            setattr(locked, name, value)
    return locked


def sign_add(*, theory: ChangeTheory, by, expected_version: int, text: str) -> Sign:
    text = _clean_text(text, limit=LIST_ITEM_MAX_LENGTH, label=LABELS["sign"](), required=True)
    with _editing(theory.pk, by, expected_version) as locked:
        count = locked.signs.count()
        if count >= MAX_SIGNS:
            raise ChangeTheoryError(
                _("A change theory has at most %(n)s signs.") % {"n": MAX_SIGNS}
            )
        last = locked.signs.aggregate(last=Max("position"))["last"]
        return Sign.objects.create(theory=locked, text=text, position=(last or 0) + 1)


def sign_update(*, sign: Sign, by, expected_version: int, text: str) -> Sign:
    text = _clean_text(text, limit=LIST_ITEM_MAX_LENGTH, label=LABELS["sign"](), required=True)
    with _editing(sign.theory_id, by, expected_version):
        sign = Sign.objects.get(pk=sign.pk)
        sign.text = text
        sign.save()
    return sign


def sign_delete(*, sign: Sign, by, expected_version: int) -> None:
    with _editing(sign.theory_id, by, expected_version):
        Sign.objects.get(pk=sign.pk).delete()


def signs_reorder(*, theory: ChangeTheory, by, expected_version: int, sign_ids: list[int]) -> None:
    """Put the signs in this order; the list must name exactly the theory's signs."""
    with _editing(theory.pk, by, expected_version) as locked:
        signs = {s.pk: s for s in locked.signs.all()}
        if sorted(sign_ids) != sorted(signs):
            raise StaleTheory(
                _("The signs changed while you were ordering them; nothing was saved.")
            )
        for position, pk in enumerate(sign_ids, start=1):
            if signs[pk].position != position:
                signs[pk].position = position
                signs[pk].save(update_fields=["position"])


def link_add(*, sign: Sign, experiment: Experiment, by, expected_version: int) -> SignExperiment:
    with _editing(sign.theory_id, by, expected_version) as locked:
        if experiment.program_id != locked.program_id_of_scope:
            raise ChangeTheoryError(
                _(
                    "“%(title)s” belongs to another program; only experiments of this "
                    "program can serve its signs."
                )
                % {"title": experiment.title}
            )
        if SignExperiment.objects.filter(sign=sign, experiment=experiment).exists():
            raise ChangeTheoryError(
                _("“%(title)s” already serves this sign.") % {"title": experiment.title}
            )
        return SignExperiment.objects.create(sign=sign, experiment=experiment)


def link_remove(*, sign: Sign, experiment: Experiment, by, expected_version: int) -> None:
    with _editing(sign.theory_id, by, expected_version):
        for link in SignExperiment.objects.filter(sign=sign, experiment=experiment):
            link.delete()  # one by one: the history records each
