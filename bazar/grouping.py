"""Suggested follow-up groups: the cards that want to take the same practice home.

`suggest(cards, attendees, basis)` is a pure function of the cards it is given: those of one
booth whose commitment is "try" or "implement" and that are in no group yet, grouped by the
visitor's education at the event (their Attendee row) or by that education's institution.
Each suggestion says in words why it is one. A single card is a suggestion too (it can
still be a group, or be left out); a card whose writer is no longer invited has no
education to group by and is left out (`left_out`).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import Commitment, GroupBasis

WANTS = (Commitment.TRY, Commitment.IMPLEMENT)
BASES = (GroupBasis.EDUCATION, GroupBasis.INSTITUTION)


@dataclass
class Suggestion:
    key: str  # "<booth id>-<basis>-<education or institution id>": stable while cards stay
    booth: object
    basis: str
    label: str  # the education's or the institution's name
    cards: list = field(default_factory=list)

    @property
    def single(self) -> bool:
        return len(self.cards) == 1

    @property
    def reason(self) -> str:
        values = {"count": len(self.cards), "name": self.label, "booth": self.booth.title}
        return (
            ngettext(
                "%(count)d card from %(name)s wants to try or implement “%(booth)s”.",
                "%(count)d cards from %(name)s want to try or implement “%(booth)s”.",
                len(self.cards),
            )
            % values
        )

    @property
    def title(self) -> str:
        return f"{self.booth.title} – {self.label}"[:200]


@dataclass
class Suggestions:
    basis: str
    suggestions: list[Suggestion]
    left_out: int  # cards that want the practice but whose writer has no education here

    def find(self, key: str) -> Suggestion | None:
        return next((s for s in self.suggestions if s.key == key), None)


def _education_of(attendee, basis: str):
    education = attendee.education
    if basis == GroupBasis.INSTITUTION:
        return education.institution_id, education.institution.name
    return education.pk, education.name


def suggest(cards, attendees: dict, basis: str) -> Suggestions:
    """`cards`: the event's cards (with `booth`); `attendees`: user id → Attendee (with
    `education__institution`). Cards already in a group must not be passed (the selector
    leaves them out); cards of other commitments are skipped here."""
    if basis not in BASES:
        basis = GroupBasis.EDUCATION
    found: dict[str, Suggestion] = {}
    left_out = 0
    for card in cards:
        if card.commitment not in WANTS:
            continue
        attendee = attendees.get(card.visitor_id)
        if attendee is None:
            left_out += 1
            continue
        target, label = _education_of(attendee, basis)
        key = f"{card.booth_id}-{basis}-{target}"
        if key not in found:
            found[key] = Suggestion(key=key, booth=card.booth, basis=basis, label=label)
        found[key].cards.append(card)
    ordered = sorted(
        found.values(),
        key=lambda s: (s.booth.order, s.booth.title, -len(s.cards), s.label, s.key),
    )
    return Suggestions(basis=basis, suggestions=ordered, left_out=left_out)


def basis_label(basis: str) -> str:
    return str(GroupBasis(basis).label) if basis in GroupBasis.values else _("By hand")
