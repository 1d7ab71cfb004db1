"""`manage.py demo --no-serve`: the demo program, idempotent, with every phase and people."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from concepts.models import Concept
from experiments.enums import Phase
from experiments.models import Experiment, PhaseTransition
from labportal.accounts.demo import DEMO_ACCOUNTS
from labportal.accounts.models import User
from labportal.core.demo_loading import demo_document
from labportal.organisation.models import Institution, Program, Track
from tests.booklet.support import BOOKLET
from tests.portability.helpers import export_json, portal_counts


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db, in_english):
    return run_demo()


def test_demo_loads_the_program(demo):
    assert Experiment.objects.count() == 22
    assert Concept.objects.count() == 6
    assert sorted(Track.objects.values_list("title", flat=True)) == [
        "Innovationsbaseret ledelse",
        "Relationsbaseret ledelse",
        "Udforskende ledelse",
    ]
    assert set(Institution.objects.values_list("name", flat=True)) >= {
        "TEC", "KEA", "CPH WEST", "SOSU C", "UU København", "Metropol",
    }  # fmt: skip
    bazar = Experiment.objects.get(slug="projekt-bazar")
    assert (bazar.institution.name, bazar.track.title) == ("KEA", "Innovationsbaseret ledelse")
    assert list(bazar.concepts.values_list("title", flat=True)) == ["TIFS-model"]
    tre_rum = Concept.objects.get(title="Tre rum i udforskende ledelse")
    assert tre_rum.source_experiments.count() == 6
    counted = ("22 experiments:", "6 concepts:", "3 tracks:", "4 change theories:")
    assert [c for c in counted if c not in demo] == []


def test_every_phase_has_experiments_with_history(demo):
    phases = Counter(Experiment.objects.values_list("phase", flat=True))
    assert set(phases) == set(Phase.values)
    assert min(phases.values()) >= 3
    for experiment in Experiment.objects.prefetch_related("transitions"):
        history = list(experiment.transitions.all())
        assert history[0].kind == "created"
        assert history[-1].to_phase == experiment.phase
        assert all(t.note and t.at < timezone.now() for t in history)
        assert all(t.at.tzinfo is not None for t in history)
    decided = Experiment.objects.exclude(decision="")
    assert set(decided.values_list("phase", flat=True)) == {Phase.IMPLEMENTATION}
    assert decided.count() >= 2


def test_running_demo_twice_changes_nothing(demo):
    counts = portal_counts()
    history = Experiment.history.count()
    before = export_json()

    second = run_demo()

    assert portal_counts() == counts
    assert Experiment.history.count() == history
    assert export_json() == before
    assert "22 experiments: 0 created, 0 updated, 22 unchanged." in second
    assert "4 change theories: 0 created, 0 updated, 4 unchanged." in second


def test_demo_accounts_can_sign_in(demo, client):
    for account in DEMO_ACCOUNTS:
        response = client.post(
            reverse("accounts:login"),
            {"username": account.username, "password": account.password},
        )
        assert response.status_code == 302, account.username
        assert client.session["_auth_user_id"] == str(
            User.objects.get(username=account.username).pk
        )
        client.logout()


def test_demo_people_fill_teams_and_ownership(demo):
    medarbejder = User.objects.get(username="medarbejder")
    assert medarbejder.team_experiments.count() >= 2
    assert User.objects.get(username="strateg").owned_experiments.count() >= 5
    owners = [*Program.objects.values_list("owner__username", flat=True)]
    owners += Track.objects.values_list("owner__username", flat=True)
    assert set(owners) == {"strateg"}  # the program and every track: strategic level
    assert PhaseTransition.objects.filter(by=medarbejder).exists()
    staff = User.objects.filter(email__endswith="@demo.labportal.invalid").exclude(
        username__in=[a.username for a in DEMO_ACCOUNTS]
    )
    assert staff.count() == 16  # 8 in the experiments, 8 more visiting the bazars
    assert not any(user.has_usable_password() for user in staff)
    assert all(e.memberships.exists() for e in Experiment.objects.all())


def _prose(document: dict) -> list[str]:
    """Every sentence-like text the demo writes (titles and names are facts)."""
    texts = [document["programs"][0]["introduction"]]
    for concept in document["concepts"]:
        for key in ("focus", "audience", "description"):
            texts.append(concept[key])
        for key in ("phases", "conditions", "attention_points", "findings"):
            texts.extend(concept[key])
    for experiment in document["experiments"]:
        for key in ("summary", "challenge", "hypothesis", "conceptualisable_elements"):
            texts.append(experiment[key])
        for key in ("actions", "findings", "attention_points", "concept_phases"):
            texts.extend(experiment[key])
        texts.extend(entry["note"] for entry in experiment["phase_history"])
    for theory in document["change_theories"]:
        for key in ("ambition", "challenge", "desired_practice", "hypothesis"):
            texts.append(theory[key])
        for key in ("actions", "effects_short", "effects_long"):
            texts.extend(theory[key])
        texts.extend(sign["text"] for sign in theory["signs"])
    return texts


def _words(text: str) -> list[str]:
    text = re.sub(r"-\s*\n\s*", "", text)  # join words hyphenated at line ends
    return re.findall(r"\w+", text.lower())


def _shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_demo_texts_do_not_copy_the_booklet(db):  # the demo reads its anchor date
    if not BOOKLET.exists():
        pytest.skip(f"booklet not found at {BOOKLET}")
    booklet = _shingles(_words(BOOKLET.read_text(encoding="utf-8")), 6)

    copied = [text for text in _prose(demo_document()) if _shingles(_words(text), 6) & booklet]

    assert copied == []
