"""Writes on people and roles."""

from django.contrib.auth.models import Group

from .enums import Role
from .models import User


def roles_ensure() -> dict[str, Group]:
    """Create the role groups if missing; return them by code."""
    return {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def user_set_roles(*, user: User, roles: list[str]) -> None:
    groups = roles_ensure()
    user.groups.set([groups[role] for role in roles])
