"""The documented demo accounts: one per role. Printed by `manage.py demo`."""

from dataclasses import dataclass

from .enums import Role
from .models import User
from .services import user_set_roles


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    is_admin_site: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("medarbejder", "demo-medarbejder", "Mette", "Madsen", (Role.STAFF,)),
    DemoAccount("strateg", "demo-strateg", "Søren", "Strand", (Role.STAFF, Role.STRATEGIC)),
    DemoAccount("leder", "demo-leder", "Lene", "Lund", (Role.STAFF, Role.LEADER)),
    DemoAccount(
        "admin", "demo-admin", "Anders", "Andersen", (Role.STAFF, Role.ADMINISTRATOR), True
    ),
)


def demo_accounts_ensure() -> list[User]:
    """Create or reset the demo accounts (idempotent)."""
    users = []
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@demo.labportal.invalid"
        user.is_staff = account.is_admin_site
        user.is_superuser = account.is_admin_site
        user.set_password(account.password)
        user.save()
        user_set_roles(user=user, roles=[str(r) for r in account.roles])
        users.append(user)
    return users
