"""Every URL the portal defines answers the right status for each role.

This table must stay complete: a named URL without a row fails test_every_url_has_a_row.
Add a row for every new URL (GET for pages; POST rows for actions, with the status an
empty or minimal post gets). Objects referred to by slug are made by the `world` fixture.

"strategic" holds the strategic role and owns nothing here; "owner" holds it and owns the
program of the world's experiments, so the strategic level's gates open to "owner" only.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from experiments.enums import Phase
from tests.factories import ExperimentFactory, TeamMembershipFactory

ROLES = ("anonymous", "staff", "strategic", "owner", "leader", "administrator")
EXPERIMENT = "rolle-eksperiment"  # in the pre-phase, with a team member of its own
# The world's experiment in each phase where the strategic level acts (one program).
IN_PHASE = {
    Phase.PRE: EXPERIMENT,
    Phase.DESIGN: "rolle-design",
    Phase.CONCEPT: "rolle-konceptualisering",
    Phase.IMPLEMENTATION: "rolle-implementering",
}
STRATEGIC_GATE = ("owner", "administrator")  # a valid move: 302 to the page, else 403
BOOKLET_UPLOAD = "00000000-0000-4000-8000-000000000001"
THEORY = "rolle-teori"  # the change theory of the world experiment's program (with one sign)
TRACK = "rolle-spor"  # the world experiment's track, with no theory yet
CONCEPT = "rolle-koncept"  # published, version 1 without its PDF, no authors
CONCEPT_VERSION = {"slug": CONCEPT, "number": 1}
PUBLIC_TOKEN = "00000000-0000-4000-8000-000000000002"  # no version has it
BAZAR = {"event": "rolle-bazar"}  # no bazar event in the world: organiser pages answer 404


@dataclass(frozen=True)
class Row:
    name: str
    statuses: dict[str, int]
    kwargs: dict = field(default_factory=dict)
    method: str = "get"
    data: dict = field(default_factory=dict)
    label: str = ""  # tells rows of the same URL apart


def everyone(status: int, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous} | dict.fromkeys(ROLES[1:], status)


def only(allowed: int, denied: int, roles: tuple[str, ...], anonymous: int = 302) -> dict:
    return {"anonymous": anonymous} | {
        role: allowed if role in roles else denied for role in ROLES[1:]
    }


def move(name: str, prefix: str, phase: Phase, label: str, **data) -> Row:
    """A valid move on the wheel, posted to the world's experiment in `phase`."""
    fields = {"expected_phase": phase.value, "note": "Noteret"} | data
    return Row(
        f"experiments:{name}",
        only(302, 403, STRATEGIC_GATE),
        kwargs={"slug": IN_PHASE[phase]},
        method="post",
        data={f"{prefix}-{key}": value for key, value in fields.items()},
        label=label,
    )


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
    Row("concepts:detail", everyone(200), kwargs={"slug": CONCEPT}),
    # Concepts: the strategic level and administrators write new ones; the world's concept is
    # published with version 1 (no PDF yet) and has no author, so only administrators edit it
    # and act on it; a refused workflow step (wrong status, no reason) redirects with a message.
    Row("concepts:create", only(200, 403, ("strategic", "owner", "administrator"))),
    Row("concepts:publications", only(200, 403, ("administrator",))),
    Row("concepts:public_download", everyone(404, anonymous=404), kwargs={"token": PUBLIC_TOKEN}),
    Row("concepts:edit", only(200, 403, ("administrator",)), kwargs={"slug": CONCEPT}),
    *(
        Row(f"concepts:{name}", only(302, 403, ("administrator",)), {"slug": CONCEPT}, "post")
        for name in ("submit", "return", "publish")
    ),
    Row("concepts:download", everyone(404), kwargs=CONCEPT_VERSION),
    *(
        Row(f"concepts:{name}", only(302, 403, ("administrator",)), CONCEPT_VERSION, "post")
        for name in ("withdraw", "public", "retry")
    ),
    # Booklets and fact sheets: no publication 999999; an empty request form answers 400.
    Row(
        "concepts:publication_create",
        only(400, 403, ("administrator",)),
        kwargs={"kind": "booklet"},
        method="post",
    ),
    Row("concepts:publication", only(404, 403, ("administrator",)), kwargs={"pk": 999999}),
    *(
        Row(f"concepts:{name}", only(404, 403, ("administrator",)), {"pk": 999999}, "post")
        for name in ("publication_retry", "publication_public")
    ),
    Row("concepts:publication_download", everyone(404), kwargs={"pk": 999999}),
    Row(
        "concepts:publication_public_download",
        everyone(404, anonymous=404),
        kwargs={"token": PUBLIC_TOKEN},
    ),
    Row("changetheory:index", everyone(200)),
    Row("changetheory:detail", everyone(200), kwargs={"slug": THEORY}),
    Row("changetheory:history", everyone(200), kwargs={"slug": THEORY}),
    Row("bazar:index", everyone(200)),
    # Bazar visitor pages: the world has no bazar event, so every signed-in role gets 404.
    Row("bazar:event", everyone(404), kwargs={"slug": "ingen-bazar"}),
    Row("bazar:booth", everyone(404), kwargs={"event": "ingen-bazar", "booth": "ingen-stand"}),
    Row(
        "bazar:booth",
        everyone(404),
        kwargs={"event": "ingen-bazar", "booth": "ingen-stand"},
        method="post",
        label="card",
    ),
    Row(
        "bazar:pre_register",
        everyone(404),
        kwargs={"event": "ingen-bazar", "booth": "ingen-stand"},
        method="post",
    ),
    Row("bazar:my_cards", everyone(404), kwargs={"event": "ingen-bazar"}),
    Row("bazar:card", everyone(404), kwargs={"event": "ingen-bazar", "card_id": 999999}),
    Row("bazar:survey", everyone(404, anonymous=404), kwargs={"token": "ingen-token"}),
    Row("bazar:results_all", everyone(200)),
    Row("bazar:results", everyone(404), kwargs=BAZAR),
    Row("bazar:groups", everyone(404), kwargs=BAZAR),
    Row("bazar:group", everyone(404), kwargs=BAZAR | {"group_id": 999999}),
    *(
        Row(f"bazar:{name}", everyone(404), kwargs=BAZAR, method="post")
        for name in ("group_accept", "group_card_move")
    ),
    *(
        Row(f"bazar:{name}", everyone(404), kwargs=BAZAR | {"group_id": 999999}, method="post")
        for name in ("group_rename", "group_remove", "group_merge", "group_split")
    ),
    *(
        Row(
            f"bazar:{name}",
            everyone(404),
            kwargs=BAZAR | {"group_id": 999999, "number": 1},
            method="post",
        )
        for name in ("workshop_schedule", "workshop_invite", "workshop_save")
    ),
    Row("bazar:invitations", everyone(404), kwargs=BAZAR),
    Row("bazar:invitation_add", everyone(404), kwargs=BAZAR, method="post"),
    Row(
        "bazar:invitation_remove",
        everyone(404),
        kwargs=BAZAR | {"attendee": 999999},
        method="post",
    ),
    Row("bazar:invitations_send", everyone(404), kwargs=BAZAR, method="post"),
    # Bazar organiser pages: administrators create events; an unknown event answers 404.
    Row("bazar:event_create", only(200, 403, ("administrator",))),
    Row("bazar:event_create", only(400, 403, ("administrator",)), method="post", label="empty"),
    *(
        Row(f"bazar:{name}", everyone(404), kwargs=BAZAR)
        for name in (
            "organise",
            "event_edit",
            "working_group",
            "booths",
            "rounds",
            "programme",
            "signs",
            "check_in",
            "compliance",
            "collection",
        )
    ),
    *(
        Row(f"bazar:{name}", everyone(404), kwargs=BAZAR, method="post")
        for name in ("event_move", "booth_fact_sheets", "theme_add", "check_in_toggle")
    ),
    Row(
        "bazar:working_group_remove",
        everyone(404),
        kwargs=BAZAR | {"member": 999999},
        method="post",
    ),
    Row("bazar:booth_edit", everyone(404), kwargs=BAZAR | {"booth": "stand"}),
    Row("bazar:booth_remove", everyone(404), kwargs=BAZAR | {"booth": "stand"}, method="post"),
    Row("bazar:booth_qr", everyone(404), kwargs=BAZAR | {"booth": "stand"}),
    Row("bazar:theme_remove", everyone(404), kwargs=BAZAR | {"theme": 999999}, method="post"),
    *(
        Row(f"bazar:{name}", everyone(404), kwargs=BAZAR | {"round": 999999}, method="post")
        for name in ("round_remove", "round_move", "slot_add")
    ),
    *(
        Row(f"bazar:{name}", everyone(404), kwargs=BAZAR | {"slot": 999999}, method="post")
        for name in ("slot_time", "slot_move", "slot_remove")
    ),
    # The wheel: create/edit pages; moves on the wheel answer an empty POST with 400.
    Row("experiments:create", only(200, 403, ("strategic", "owner", "administrator"))),
    Row("experiments:edit", only(200, 403, STRATEGIC_GATE), kwargs={"slug": EXPERIMENT}),
    Row("experiments:launch", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    Row("experiments:advance", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    Row("experiments:step_back", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    Row("experiments:decide", everyone(400), kwargs={"slug": EXPERIMENT}, method="post"),
    # The strategic level's moves, valid: open to the owner and administrators only.
    move("launch", "launch", Phase.PRE, "launch"),
    move("step_back", "back", Phase.DESIGN, "withdraw", to_phase="pre"),
    move("advance", "advance", Phase.CONCEPT, "concept", to_phase="implementation"),
    move("step_back", "back", Phase.IMPLEMENTATION, "implementation", to_phase="concept"),
    move("decide", "decide", Phase.IMPLEMENTATION, "decide", decision="adopted"),
    # The edit history (team, strategic level, administrators; the world's team member
    # is a user of its own, so staff and leader are outsiders here).
    Row(
        "experiments:history",
        only(200, 403, ("strategic", "owner", "administrator")),
        kwargs={"slug": EXPERIMENT},
    ),
    Row("notifications:open", everyone(404), kwargs={"pk": 999999}),
    # Change theories: the strategic owner of the program and administrators create and edit;
    # an empty post is refused as bad input (400) once the person may edit (else 403); a valid
    # save without htmx redirects to the editor.
    Row("changetheory:create", everyone(400), method="post", label="empty"),
    Row(
        "changetheory:create",
        only(302, 403, STRATEGIC_GATE),
        method="post",
        data={"track": TRACK},
        label="track",
    ),
    Row("changetheory:edit", only(200, 403, STRATEGIC_GATE), kwargs={"slug": THEORY}),
    Row(
        "changetheory:experiment_choices",
        only(302, 403, STRATEGIC_GATE),
        kwargs={"slug": THEORY},
    ),
    *(
        Row(f"changetheory:{name}", only(400, 403, STRATEGIC_GATE), {"slug": THEORY}, "post")
        for name in ("edit_practice", "edit_signs", "edit_links", "edit_hypothesis", "edit_list")
    ),
    Row(
        "changetheory:edit_practice",
        only(302, 403, STRATEGIC_GATE),
        kwargs={"slug": THEORY},
        method="post",
        data={"version": 1, "desired_practice": "Ny praksis"},
        label="valid",
    ),
    Row(
        "changetheory:edit_signs",
        only(302, 403, STRATEGIC_GATE),
        kwargs={"slug": THEORY},
        method="post",
        data={"version": 1, "op": "add", "text": "Et nyt tegn"},
        label="valid",
    ),
    Row("jobs:list", only(200, 403, ("administrator",))),
    Row("jobs:retry", only(404, 403, ("administrator",)), method="post", kwargs={"pk": 999999}),
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
    for phase, slug in IN_PHASE.items():
        if slug != EXPERIMENT:
            ExperimentFactory(slug=slug, phase=phase, program=experiment.program)
    concept = Concept.objects.create(
        slug=CONCEPT, title="Rollekoncept", program=experiment.program, status="published"
    )
    concept.source_experiments.add(experiment)
    from django.utils import timezone

    from concepts.models import ConceptVersion
    from tests.factories import UserFactory

    ConceptVersion.objects.create(
        concept=concept,
        number=1,
        snapshot={"title": "Rollekoncept"},
        published_by=UserFactory(),
        published_at=timezone.now(),
    )
    from experiments.models import BookletUpload

    BookletUpload.objects.create(
        token=BOOKLET_UPLOAD, file="booklets/rolle.txt", original_name="rolle.txt"
    )
    from changetheory.models import ChangeTheory, Sign
    from labportal.organisation.models import Track

    theory = ChangeTheory.objects.create(slug=THEORY, program=experiment.program)
    Sign.objects.create(theory=theory, text="Et rolletegn", position=1)
    Track.objects.filter(pk=experiment.track_id).update(slug=TRACK)
    return {"experiment": experiment, "concept": concept}


def _signed_in_as(role: str, make_user, world):
    if role != "owner":
        return make_user(role, is_staff=(role == "administrator"))
    owner = make_user("strategic")
    program = world["experiment"].program
    program.owner = owner
    program.save()
    return owner


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "row", ROWS, ids=lambda row: ":".join(filter(None, (row.method, row.name, row.label)))
)
def test_role_gets_expected_status(client, make_user, world, row, role):
    if role != "anonymous":
        client.force_login(_signed_in_as(role, make_user, world))
    url = reverse(row.name, kwargs=row.kwargs)
    response = getattr(client, row.method)(url, data=row.data)
    assert response.status_code == row.statuses[role], (row.name, role)


def test_a_superuser_sees_only_the_actions_the_state_allows(db):
    """Django says yes to every perm of a superuser; the portal's state-gated rules still
    decide (a concept in draft cannot be published, an experiment in pre cannot be decided)."""
    from concepts.models import Concept
    from experiments.enums import Phase
    from tests.factories import ExperimentFactory, ProgramFactory, UserFactory

    root = UserFactory(is_superuser=True, is_staff=True)
    draft = Concept.objects.create(slug="kladde", title="Kladde", program=ProgramFactory())
    experiment = ExperimentFactory(phase=Phase.PRE)
    assert root.has_perm("concepts.submit", draft)
    assert not root.has_perm("concepts.publish", draft)
    assert root.has_perm("experiments.launch", experiment)
    assert not root.has_perm("experiments.decide", experiment)
    assert root.has_perm("experiments.view_experiment")  # the admin's perms: as Django's
