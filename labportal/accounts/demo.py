"""The demo's people: the documented demo accounts (one per role, printed by `manage.py
demo`) and the demo staff who fill teams and history but cannot sign in."""

from dataclasses import dataclass

from .enums import Role
from .models import User
from .services import user_set_roles

EMAIL_DOMAIN = "demo.labportal.invalid"


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

# (username, first name, last name, job title, roles)
STAFF = (
    ("karen.holm", "Karen", "Holm", "Uddannelseschef", (Role.STAFF, Role.STRATEGIC)),
    ("jonas.berg", "Jonas", "Berg", "Underviser", (Role.STAFF,)),
    ("sofie.krogh", "Sofie", "Krogh", "Pædagogisk konsulent", (Role.STAFF,)),
    ("mikkel.dahl", "Mikkel", "Dahl", "Uddannelsesleder", (Role.STAFF, Role.LEADER)),
    ("ida.friis", "Ida", "Friis", "UU-vejleder", (Role.STAFF,)),
    ("rasmus.kjaer", "Rasmus", "Kjær", "Underviser", (Role.STAFF,)),
    ("camilla.vinther", "Camilla", "Vinther", "Kvalitetskonsulent", (Role.STAFF,)),
    ("peter.norgaard", "Peter", "Nørgaard", "Udviklingskonsulent", (Role.STAFF,)),
    # Visitors at the demo's bazars (bazar/demo_data.py).
    ("lars.holt", "Lars", "Holt", "Underviser", (Role.STAFF,)),
    ("hanne.bech", "Hanne", "Bech", "Uddannelsesleder", (Role.STAFF, Role.LEADER)),
    ("fatima.ali", "Fatima", "Ali", "Underviser", (Role.STAFF,)),
    ("birgitte.moeller", "Birgitte", "Møller", "Uddannelsesleder", (Role.STAFF, Role.LEADER)),
    ("thomas.lind", "Thomas", "Lind", "Underviser", (Role.STAFF,)),
    ("nanna.skov", "Nanna", "Skov", "Underviser", (Role.STAFF,)),
    ("emil.winther", "Emil", "Winther", "Underviser", (Role.STAFF,)),
    ("signe.lauritsen", "Signe", "Lauritsen", "Underviser", (Role.STAFF,)),
)


def demo_part() -> dict:
    """No keys: the document names people by username and holds no users. The demo's people
    exist before it is imported (`demo_accounts_ensure`, `demo_staff_ensure`)."""
    return {}


def demo_accounts_ensure() -> list[User]:
    """Create or reset the demo accounts (idempotent)."""
    users = []
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@{EMAIL_DOMAIN}"
        user.is_staff = account.is_admin_site
        user.is_superuser = account.is_admin_site
        user.set_password(account.password)
        user.save()
        user_set_roles(user=user, roles=[str(r) for r in account.roles])
        users.append(user)
    return users


def demo_staff_ensure() -> list[User]:
    """The demo staff (idempotent). No usable password: nobody signs in as them, and a
    person an administrator has since changed is left as they are."""
    users = []
    for username, first_name, last_name, title, roles in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": f"{username}@{EMAIL_DOMAIN}",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user_set_roles(user=user, roles=[str(r) for r in roles])
        users.append(user)
    return users
