"""Who may see a follow-up group and write in its workshops (imported at the end of
rules.py). The object is the group, with its `event`.

The group's members are the holders of its cards; the event's organisers (rules.py) see and
edit every group. Everyone else is told the group does not exist (selectors_groups 404s).

What the predicates read comes with the group from selectors_groups.group_for_user:
`viewer_in_group` for the person the page is for, and the event with the rules'
annotations; without them one query answers.
"""

import rules

from .models import GroupCard


@rules.predicate
def is_group_member(user, group) -> bool:
    if group is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(group, "viewer_id", None) == user.pk and hasattr(group, "viewer_in_group"):
        return bool(group.viewer_in_group)
    return GroupCard.objects.filter(group_id=group.pk, card__visitor_id=user.pk).exists()


@rules.predicate
def is_group_organiser(user, group) -> bool:
    """An organiser of the group's event: rules.py's perm, asked by name (rules.py imports
    this module, so it cannot be imported back)."""
    return group is not None and rules.has_perm("bazar.manage_event", user, group.event)


can_view_group = is_group_member | is_group_organiser
can_edit_workshop = is_group_member | is_group_organiser

rules.add_perm("bazar.view_group", can_view_group)
rules.add_perm("bazar.edit_workshop", can_edit_workshop)
