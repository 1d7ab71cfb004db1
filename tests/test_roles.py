"""Every URL the portal defines answers the right status for each role.

This table must stay complete: a named URL without a row fails test_every_url_has_a_row.
Add a row for every new URL (GET for pages; POST rows for actions, with the status an
empty or minimal post gets). Objects referred to by slug are made by the `world` fixture.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ExperimentFactory, TeamMembershipFactory

ROLES = ("anonymous", "staff", "strategic", "leader", "administrator")
EXPERIMENT = "rolle-eksperiment"
BOOKLET_UPLOAD = "00000000-0000-4000-8000-000000000001"


@dataclass(frozen=True)
class Row:
    name: str
    statuses: dict[str, int]
    kwargs: dict = field(default_factory=dict)
    method: str = "get"
    data: dict = field(default_factory=dict)


def everyone(status: int, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous} | dict.fromkeys(ROLES[1:], status)


def only(allowed: int, denied: int, roles: tuple[str, ...], anonymous: int = 302) -> dict:
    return {"anonymous": anonymous} | {
        role: allowed if role in roles else denied for role in ROLES[1:]
    }


ROWS = [
    Row("core:dashboard", everyone(200)),
    Row("core:healthz", everyone(200, anonymous=200)),
    Row("core:accessibility", everyone(200, anonymous=200)),
    Row("accounts:login", {"anonymous": 200} | dict.fromkeys(ROLES[1:], 302)),
    Row("accounts:logout", everyone(302, anonymous=302), method="post"),
    Row("set_language", everyone(302, anonymous=302), method="post", data={"language": "en"}),
    Row("notifications:inbox", everyone(200)),
    Row("notifications:mark_all_read", everyone(302), method="post"),
    Row("experiments:list", everyone(200)),
    Row("experiments:detail", everyone(200), kwargs={"slug": EXPERIMENT}),
    Row("concepts:list", everyone(200)),
    Row("concepts:detail", everyone(200), kwargs={"slug": "rolle-koncept"}),
    Row("changetheory:index", everyone(200)),
    Row("bazar:index", everyone(200)),
    # The wheel: create/edit pages; moves on the wheel answer an empty POST with 400.
    Row("experiments:create", only(200, 403, ("strategic", "administrator"))),
    Row("experiments:edit", only(200, 403, ("administrator",)), kwargs={"slug": EXPERIMENT}),
    Row("experiments:launch", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    Row("experiments:advance", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    Row("experiments:step_back", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    Row("experiments:decide", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    # The edit history (team, strategic level, administrators; the world's team member
    # is a user of its own, so staff and leader are outsiders here).
    Row(
        "experiments:history",
        only(200, 403, ("strategic", "administrator")),
        kwargs={"slug": EXPERIMENT},
    ),
    Row("notifications:open", everyone(404), kwargs={"pk": 999999}),
    # Booklet import: administrators only.
    Row("experiments:booklet_import", only(200, 403, ("administrator",))),
    Row(
        "experiments:booklet_import_detail",
        only(200, 403, ("administrator",)),
        kwargs={"token": BOOKLET_UPLOAD},
    ),
]

# URL names that are not portal pages of their own (Django admin has its own permissions).
NOT_IN_TABLE_PREFIXES = ("admin:",)


def _url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    defined = {n for n in _url_names() if not n.startswith(NOT_IN_TABLE_PREFIXES)}
    in_table = {row.name for row in ROWS}
    assert defined - in_table == set(), "add a row to ROWS for each new URL"
    assert in_table - defined == set(), "ROWS names a URL that no longer exists"


@pytest.fixture
def world(db):
    from concepts.models import Concept

    experiment = ExperimentFactory(slug=EXPERIMENT)
    TeamMembershipFactory(experiment=experiment)
    concept = Concept.objects.create(
        slug="rolle-koncept", title="Rollekoncept", program=experiment.program
    )
    concept.source_experiments.add(experiment)
    from experiments.models import BookletUpload

    BookletUpload.objects.create(
        token=BOOKLET_UPLOAD, file="booklets/rolle.txt", original_name="rolle.txt"
    )
    return {"experiment": experiment, "concept": concept}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method}:{row.name}")
def test_role_gets_expected_status(client, make_user, world, row, role):
    if role != "anonymous":
        client.force_login(make_user(role, is_staff=(role == "administrator")))
    url = reverse(row.name, kwargs=row.kwargs)
    response = getattr(client, row.method)(url, data=row.data)
    assert response.status_code == row.statuses[role], (row.name, role)
