"""Change theories from the booklet: the parser reads the program's challenge and ambition
and each track chapter's ambition and desired practice (labportal/booklet/theories.py), the
diagrams stay reported as not placed, and the import (changetheory/booklet.py) creates or
updates the theories without emptying a filled field, twice without change, after and
before the demo without duplicates."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from changetheory.demo import TRACK_THEORIES
from changetheory.models import ChangeTheory, Sign
from labportal.accounts.enums import Role
from labportal.booklet import KINDS, booklet_import, parse_booklet
from labportal.organisation.models import Program, Track
from tests.booklet.mini import MINI_BOOKLET
from tests.booklet.support import booklet_path, booklet_text  # noqa: F401
from tests.factories import UserFactory
from tests.fuzz_support import changed_tables, snapshot

PROGRAM = "nye-ledelses-og-samarbejdsformer"
INNO, REL, UDF = "innovationsbaseret-ledelse", "relationsbaseret-ledelse", "udforskende-ledelse"
DIAGRAM = "change theory diagram (a figure: its words arrive without their places)"

# Read off the booklet by hand: the line each passage starts on, and words only it has.
PASSAGES = {
    (None, "ambition"): (285, ["re-tænke kvalitet", "fælles anliggende", "modpoler"]),
    (None, "challenge"): (318, ["lineær merværdi", "usikkert territorium", "kerneydelsen"]),
    (INNO, "ambition"): (612, ["Forsøgssporets ambition er at udvikle", "baglæns"]),
    (INNO, "desired_practice"): (625, ["mulighedernes kunst", "potentialestyring"]),
    (REL, "ambition"): (1193, ["relationsbaserede ledelsesformer", "funktioner og afdelinger"]),
    (REL, "desired_practice"): (1204, ["brobygning", "ad-hoc organiseringer"]),
    (UDF, "ambition"): (1564, ["undersøgende og åben tilgang", "kvalitet af kerneydelsen"]),
    (UDF, "desired_practice"): (1571, ["udforsker i egen praksis", "oplyst beslutningsgrundlag"]),
}
DIAGRAMS = [(353, 566, "Transformativ hypotese"), (1686, 1809, "Leder har nuanceret og detaljeret")]


def covers(passage, line: int) -> bool:
    return passage.line <= line <= (passage.end_line or passage.line)


@pytest.fixture
def english(in_english):
    """The reasons of the report are asserted in English."""


# --- parsing -----------------------------------------------------------------------------


def test_the_parser_reads_each_theorys_passages(booklet_text, english):  # noqa: F811
    parsed = parse_booklet(booklet_text)
    theories = {t.track: t for t in parsed.theories}
    tracks = {t.slug: t.title for t in parsed.tracks}

    assert set(theories) == {None, *tracks.values()}
    for (track, name), (_line, words) in PASSAGES.items():
        text = getattr(theories[tracks.get(track)], name)
        assert [w for w in words if w not in text] == [], (track, name)
    program = theories[None]
    assert program.ambition.startswith("Målet med Nye ledelses- og samarbejdsformer er")
    assert program.challenge.count("\n- ") == 4  # the four aims, as a list
    assert program.desired_practice == ""
    assert all(t.challenge == "" for t in parsed.theories if t.track)
    # The sentence a box on the next page breaks off is not guessed at.
    assert "har til formål" not in program.ambition
    assert "Transformativ" not in " ".join(
        t.ambition + t.desired_practice for t in theories.values()
    )


def test_the_passages_are_no_longer_unplaced_but_the_diagrams_are(booklet_text, english):  # noqa: F811
    unplaced = parse_booklet(booklet_text).unplaced

    for key, (line, _words) in PASSAGES.items():
        assert [u.text for u in unplaced if covers(u, line)] == [], key
    diagrams = [(u.line, u.end_line, u.text) for u in unplaced if u.reason == DIAGRAM]
    assert [(a, b, text[:20]) for a, b, text in diagrams] == [
        (a, b, start[:20]) for a, b, start in DIAGRAMS
    ]
    # The loose words of the diagrams ("Forsøgssporets eksperimenter", 1764) stay reported.
    assert any(covers(u, 1764) for u in unplaced)
    # The rest of each chapter (examples and quotes) is still reported as before.
    examples = [u.line for u in unplaced if u.text.startswith("Eksempler på udforskning")]
    assert examples == [646, 1216, 1585]
    broken = next(u for u in unplaced if u.text.startswith("Programmet Nye Ledelses-"))
    assert (broken.line, broken.end_line) == (308, 313)


SYNTHETIC = """Oversigt over forsøgsspor
Forsøgsspor: Alfabaseret ledelse
Ledelses- og samarbejdskoncept: Kollegial sparring

Hvad går programmet Prøveprogram ud på?
Programmet vil prøve noget nyt.

Programmet skal også noget andet og
 · 12
 · eksperimenter
 af denne vej videre.

Udfordringer, som programmet vil svare på
Det er svært at samarbejde.

Forandringsteori
På næste side kan I se forandringsteorien for programmet.
 Transformativ
hypotese

Tegn på forbedret praksis

Forsøgssporet for Alfabaseret ledelse

Forsøgssporets indhold
Sporet vil afprøve alfaledelse.

Ønske om ny forbedret praksis fra forandringsteori
Lederne leder alfa.

Eksempler på udforskning af praksis – uddrag fra eksperimentarbejde
Et citat.

Sparring på holdet
Eksperiment: Sparring på holdet
Program: Prøveprogram
Forsøgsspor: Alfabaseret ledelse

Udfordring
Holdet savner sparring.
"""


def test_a_small_booklet_shows_each_rule(english):
    parsed = parse_booklet(SYNTHETIC)
    program, track = parsed.theories

    assert (program.track, program.ambition) == (None, "Programmet vil prøve noget nyt.")
    assert program.challenge == "Det er svært at samarbejde."
    assert (track.track, track.ambition) == (
        "Alfabaseret ledelse",
        "Sporet vil afprøve alfaledelse.",
    )
    assert track.desired_practice == "Lederne leder alfa."
    reasons = {u.text.split()[0]: u.reason for u in parsed.unplaced}
    assert reasons["Transformativ"] == DIAGRAM
    assert reasons["Programmet"].startswith("not imported")  # broken off by the box "12"
    assert reasons["Eksempler"].startswith("not imported")


def test_a_booklet_without_such_passages_has_no_theories():
    parsed = parse_booklet(MINI_BOOKLET)  # a track chapter with nothing under its heading
    assert parsed.theories == []
    assert any(u.text.startswith("Forsøgssporet for Betabaseret") for u in parsed.unplaced)


# --- importing ---------------------------------------------------------------------------


def theories() -> dict:
    return {
        t.slug: (t.program_id and t.program.slug, t.track_id and t.track.slug)
        for t in ChangeTheory.objects.select_related("program", "track")
    }


@pytest.mark.django_db
def test_the_import_fills_the_program_and_track_theories(booklet_text, english):  # noqa: F811
    report = booklet_import(text=booklet_text)

    assert theories() == {
        PROGRAM: (PROGRAM, None),
        INNO: (None, INNO),
        REL: (None, REL),
        UDF: (None, UDF),
    }
    for (track, name), (_line, words) in PASSAGES.items():
        theory = ChangeTheory.objects.get(slug=track or PROGRAM)
        assert [w for w in words if w not in getattr(theory, name)] == [], (track, name)
    program = ChangeTheory.objects.get(slug=PROGRAM)
    assert (program.desired_practice, program.hypothesis, program.version) == ("", "", 1)
    assert report.counts()["change_theory"] == {"created": 4, "updated": 0, "unchanged": 0}
    assert sorted(report.created["change_theory"]) == sorted(
        ["Nye ledelses- og samarbejdsformer", *Track.objects.values_list("title", flat=True)]
    )
    assert program.history.get().history_change_reason == "booklet"


@pytest.mark.django_db
def test_importing_twice_changes_nothing(booklet_text):  # noqa: F811
    booklet_import(text=booklet_text)
    before = snapshot()

    again = booklet_import(text=booklet_text)

    assert again.counts()["change_theory"] == {"created": 0, "updated": 0, "unchanged": 4}
    assert not again.changed
    assert changed_tables(before, snapshot()) == []


@pytest.mark.django_db
def test_a_dry_run_writes_no_theory(booklet_text):  # noqa: F811
    report = booklet_import(text=booklet_text, dry_run=True)
    assert report.counts()["change_theory"]["created"] == 4
    assert not ChangeTheory.objects.exists()


@pytest.mark.django_db
def test_existing_theories_are_updated_never_emptied_and_versioned(booklet_text):  # noqa: F811
    booklet_import(text=booklet_text)
    program = ChangeTheory.objects.get(slug=PROGRAM)
    ChangeTheory.objects.filter(pk=program.pk).update(
        challenge="", hypothesis="Egen hypotese", desired_practice="Egen ønsket praksis"
    )
    track = ChangeTheory.objects.get(slug=UDF)
    ChangeTheory.objects.filter(pk=track.pk).update(ambition="Gammel ambition", version=7)
    person = UserFactory(username="importoer", roles=[Role.STAFF, Role.ADMINISTRATOR])

    report = booklet_import(text=booklet_text, by=person)

    program.refresh_from_db()
    assert "usikkert territorium" in program.challenge
    assert (program.hypothesis, program.desired_practice) == (
        "Egen hypotese",
        "Egen ønsket praksis",
    )
    track.refresh_from_db()
    assert "undersøgende og åben tilgang" in track.ambition
    assert track.version == 8
    latest = track.history.first()
    assert (latest.history_user, latest.history_change_reason) == (person, "booklet")
    assert sorted(report.updated["change_theory"]) == [
        "Nye ledelses- og samarbejdsformer",
        "Udforskende ledelse",
    ]


def run_demo() -> None:
    call_command("demo", "--no-serve", stdout=io.StringIO())


@pytest.mark.django_db
def test_booklet_after_demo_fills_the_demos_theories_and_keeps_their_signs(booklet_text):  # noqa: F811
    run_demo()
    signs = list(Sign.objects.order_by("pk").values_list("pk", "text"))
    demo_theories = theories()

    first = booklet_import(text=booklet_text)
    again = booklet_import(text=booklet_text)

    assert theories() == demo_theories  # the demo's four, none added
    assert first.counts()["change_theory"] == {"created": 0, "updated": 4, "unchanged": 0}
    assert again.counts()["change_theory"] == {"created": 0, "updated": 0, "unchanged": 4}
    assert list(Sign.objects.order_by("pk").values_list("pk", "text")) == signs
    exploring = ChangeTheory.objects.get(slug=UDF)
    assert "udforsker i egen praksis" in exploring.desired_practice
    assert exploring.hypothesis == next(t for t in TRACK_THEORIES if t["slug"] == UDF)["hypothesis"]


@pytest.mark.django_db
def test_demo_after_booklet_duplicates_no_theory(booklet_text):  # noqa: F811
    booklet_import(text=booklet_text)

    run_demo()

    assert len(theories()) == 4
    assert Program.objects.count() == 1
    assert ChangeTheory.objects.get(slug=INNO).signs.count() == 5


def test_the_report_names_the_new_kind_in_danish():
    with translation.override("da"):
        assert str(KINDS["change_theory"]) == "Forandringsteorier"
    assert list(KINDS)[-1] == "change_theory"
