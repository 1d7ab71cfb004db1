"""A small booklet written for the tests (not from the real one): two tracks, two concepts,
one track chapter, and two experiments whose track labels name neither track; and a portal
that already holds its things under other slugs."""

from concepts.models import Concept
from labportal.organisation.models import TrackAlias
from tests.factories import ProgramFactory, TrackFactory

ALFA, BETA = "Alfabaseret ledelse", "Betabaseret ledelse"
SPARRING = "Kollegial sparring (KS-model)"
MOEDERUM = "Fælles møderum"

MINI_BOOKLET = """Oversigt over forsøgsspor
Forsøgsspor: Alfabaseret ledelse
Ledelses- og samarbejdskoncept: Kollegial sparring (KS-model)

Forsøgsspor: Betabaseret ledelse
Ledelses- og samarbejdskoncept: Fælles møderum

Koncepterne beskrives herunder.

Ledelses- og samarbejdskoncept: Kollegial sparring (KS-model)
Fokus, formål og anvendelse
Konceptet samler sparring mellem kolleger.

Ledelses- og samarbejdskoncept: Fælles møderum
Fokus, formål og anvendelse
Konceptet samler møder på tværs.

Forsøgssporet for Betabaseret ledelse

Sparring på holdet
Eksperiment: Sparring på holdet
Program: Prøveprogram
Forsøgsspor: Gammabaseret ledelsesform
Eksperimentet har bidraget til Kollegial sparring

Udfordring
Holdet savner sparring.

Fund
• Sparring virker.
• Det tager tid.

Møder på tværs
Eksperiment: Møder på tværs
Program: Prøveprogram
Forsøgsspor: Deltaform

Udfordring
Møderne er for mange.
"""
SPARRING_LINE = MINI_BOOKLET.split("\n").index("Sparring på holdet") + 1
MOEDER_LINE = MINI_BOOKLET.split("\n").index("Møder på tværs") + 1


def mini_portal() -> dict:
    """A portal holding the mini booklet's program, two tracks and two concepts under other
    slugs than the booklet's: an import must find them by name, alias or spelling."""
    program = ProgramFactory(slug="proeve", title="Prøveprogram")
    alfa = TrackFactory(slug="spor-a", title="Alfa-sporet", program=program)
    TrackAlias.objects.create(track=alfa, name=ALFA.upper())
    beta = TrackFactory(slug="spor-b", title=BETA.lower(), program=program)
    sparring = Concept.objects.create(
        slug="sparring", title="Sparring", aliases=["ks-model"], program=program, track=alfa
    )
    moederum = Concept.objects.create(
        slug="moederum", title=MOEDERUM, program=program, track=beta, focus="Egen tekst."
    )
    return {"program": program, "alfa": alfa, "beta": beta, "concepts": (sparring, moederum)}
