"""Role predicates: the one permission layer every view and template asks."""

import rules

from .enums import Role

is_staff_member = rules.is_group_member(Role.STAFF)
is_strategic = rules.is_group_member(Role.STRATEGIC)
is_leader = rules.is_group_member(Role.LEADER)
is_administrator = rules.is_group_member(Role.ADMINISTRATOR) | rules.is_superuser

# Every signed-in person with a role may read the portal's shared content.
has_any_role = is_staff_member | is_strategic | is_leader | is_administrator

rules.add_perm("portal.view", has_any_role)
rules.add_perm("portal.administer", is_administrator)
