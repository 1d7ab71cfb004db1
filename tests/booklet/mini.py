"""A small booklet written for the tests (not from the real one): two tracks, two concepts,
one track chapter, and two experiments whose track labels name neither track."""

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
