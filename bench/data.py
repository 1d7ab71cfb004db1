"""Danish-like benchmark data: organisation, experiments with booklet-sized sections, concepts.

Words are drawn from a word list with a Zipf distribution (and compounds of its stems for a
long tail), so some words occur in nearly every experiment ("ledelse"), some in a tenth
(MID_WORD) and a few only in a handful (RARE_WORD is planted in 0.05 % of experiments).
The search trigger fills search_vector as rows are inserted.
"""

import random
import time

from django.db import connection

WORD_TEXT = """
ledelse samarbejde uddannelse praksis eksperiment undervisning elever studerende lærere
ledere team fællesskab udvikling forandring hypotese aktion fund møde dialog refleksion
kultur organisation institution afdeling faglighed didaktik læring trivsel feedback
evaluering analyse koncept implementering spredning forankring tilbageløb netværk
samskabelse relation tillid ansvar rolle opgave mål værdi strategi beslutning proces
workshop prototype design metode model viden erfaring kompetence kollega medarbejder
hverdag tid rum sted ramme struktur plan indsats projekt resultat effekt betydning
perspektiv mulighed udfordring behov ønske idé tanke spørgsmål svar forståelse sprog
fortælling billede eksempel situation forløb periode uge dag måned semester skoleår
klasse hold gruppe makker vejleder konsulent chef direktion bestyrelse kommune region
partner virksomhed praktik arbejdsplads branche fag profession uddannelsesleder
teamleder underviser pædagog sygeplejerske bioanalytiker socialrådgiver håndværker
elevråd forældre borger bruger kunde patient praktikant lærling kursist deltager
inddragelse involvering medbestemmelse motivation engagement ejerskab nysgerrighed
mod kreativitet innovation eksperimentering afprøvning justering tilpasning
systematik dokumentation observation interview spørgeskema logbog portfolio
evalueringsskema tavle mødeleder referat dagsorden beslutningsgang opfølgning
handleplan arbejdsgang rutine vane norm holdning adfærd kommunikation information
koordinering planlægning prioritering fordeling ressource budget økonomi tidsplan
kalender skema lokale bygning digital platform værktøj teknologi skærm video podcast
tekst opgavesæt case scenarie rollespil øvelse træning sparring coaching supervision
mentor kollegial observation lektionsstudie aktionslæring forskning teori begreb
princip kriterium tegn indikator måling data tal kvalitet niveau progression
overgang sammenhæng helhed mangfoldighed inklusion fravær frafald gennemførelse
ny nye bedre fælles tværgående strategisk relationel udforskende innovativ lokal
faglig praktisk konkret tydelig åben stærk svag vigtig central mulig nødvendig
arbejde lære undersøge afprøve udvikle dele skabe forstå handle vælge beslutte
"""
WORDS = WORD_TEXT.split()

STEMS = [
    "ledelses",
    "samarbejds",
    "uddannelses",
    "undervisnings",
    "lærings",
    "udviklings",
    "forandrings",
    "team",
    "praksis",
    "eksperiment",
]
ENDINGS = [
    "form",
    "former",
    "praksis",
    "kultur",
    "model",
    "rum",
    "proces",
    "møde",
    "opgave",
    "plan",
    "rolle",
    "netværk",
    "forløb",
    "redskab",
    "kompetence",
    "initiativ",
    "dag",
    "miljø",
    "strategi",
    "værksted",
]

COMMON_WORD = "ledelse"
MID_WORD = "sparring"
RARE_WORD = "kvantespring"
RARE_SHARE = 0.0005

PHASES = ["pre", "design", "action", "analysis", "concept", "implementation"]


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    compounds = [stem + ending for stem in STEMS for ending in ENDINGS]
    words = list(WORDS)
    rng.shuffle(words)
    words.remove(COMMON_WORD)
    words.remove(MID_WORD)
    words.insert(0, COMMON_WORD)
    words.insert(110, MID_WORD)
    vocab = words + compounds
    cumulative, total = [], 0.0
    for rank in range(1, len(vocab) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return vocab, cumulative


class Writer:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.vocab, self.cumulative = vocabulary(self.rng)

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cumulative, k=n)

    def sentence(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(6, 16) for _ in range(sentences))

    def items(self, low: int, high: int) -> list[str]:
        return [self.sentence(8, 22) for _ in range(self.rng.randint(low, high))]


def fill(count: int, *, batch: int = 1000, out=print) -> None:
    """Create the organisation and `count` experiments in batches (ORM bulk_create)."""
    from concepts.models import Concept
    from experiments.models import Experiment
    from labportal.organisation.models import DevelopmentLab, Institution, Program, Track

    writer = Writer()
    rng = writer.rng
    labs = [
        DevelopmentLab.objects.create(slug=f"lab-{i}", name=f"Udviklingslaboratorium {i}")
        for i in range(1, 5)
    ]
    programs = [
        Program.objects.create(slug=f"program-{i}", title=f"Program {i}", lab=labs[i % 4])
        for i in range(1, 9)
    ]
    tracks = [
        Track.objects.create(slug=f"spor-{p.pk}-{j}", title=f"Forsøgsspor {p.pk}.{j}", program=p)
        for p in programs
        for j in range(1, 4)
    ]
    institutions = [
        Institution.objects.create(slug=f"institution-{i}", name=f"Skole {i}") for i in range(1, 13)
    ]
    started = time.monotonic()
    for offset in range(0, count, batch):
        rows = []
        for n in range(offset, min(offset + batch, count)):
            track = tracks[n % len(tracks)]
            title = " ".join(writer.words(rng.randint(3, 7))).capitalize()
            findings = writer.items(3, 6)
            if rng.random() < RARE_SHARE:
                findings.append(f"Et {RARE_WORD} i praksis.")
            rows.append(
                Experiment(
                    slug=f"eksperiment-{n + 1}",
                    title=title[:190],
                    institution=institutions[n % len(institutions)],
                    program=track.program,
                    track=track,
                    phase=PHASES[rng.randrange(len(PHASES))],
                    summary=writer.paragraph(2),
                    challenge=writer.paragraph(4),
                    hypothesis=writer.paragraph(2),
                    actions=writer.items(3, 6),
                    findings=findings,
                    conceptualisable_elements=writer.paragraph(2),
                    attention_points=writer.items(2, 4),
                )
            )
        Experiment.objects.bulk_create(rows)
        done = min(offset + batch, count)
        if done % (batch * 10) == 0 or done == count:
            out(f"  {done} experiments ({time.monotonic() - started:.0f} s)")
    ids = list(Experiment.objects.values_list("pk", flat=True))
    for i, track in enumerate(tracks[:6]):
        concept = Concept.objects.create(
            slug=f"koncept-{i + 1}", title=f"Koncept {i + 1}", program=track.program, track=track
        )
        concept.source_experiments.add(*rng.sample(ids, min(len(ids), 50)))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE experiments_experiment")
