"""The six leadership and collaboration concepts of the demo program, with the experiments
each was developed from (as the booklet tells); every text is the demo's own."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import ngettext_lazy

from labportal.organisation.demo import PROGRAM_SLUG

CONCEPTS = [
    {
        "slug": "tifs-model",
        "title": "TIFS-model",
        "track": "innovationsbaseret-ledelse",
        "status": "published",
        "source_experiments": [
            "innovationsledelse",
            "projekt-bazar",
            "fra-fakta-ark-til-implementering",
            "ledelse-af-eksperimenter-den-meningsfulde-udviklingskadence",
        ],
        "aliases": ["Tilbageløbs-, forankrings- og spredningsmodel", "TIFS-Model"],
        "focus": (
            "Hjælper en organisation med at få erfaringer fra eksperimenter og projekter "
            "tilbage i driften, så de bliver til varig praksis og ikke blot gode historier."
        ),
        "audience": "Strategiske ledere og udviklingsansvarlige, der vil have mere ud af "
        "deres udviklingsprojekter.",
        "description": (
            "Modellen har tre trin: en bredt sammensat arbejdsgruppe planlægger, en bazar "
            "viser resultaterne frem, og opfølgende workshops tilpasser den valgte praksis "
            "til den uddannelse, der vil tage den hjem."
        ),
        "phases": [
            "Arbejdsgruppe på tværs af afdelinger",
            "Bazar med boder, faktaark og pitchrunder",
            "Re-didaktisering i to halvdagsworkshops",
        ],
        "conditions": [
            "Ledelsen bakker tydeligt op og følger op",
            "Der er afsat tid til at deltage",
            "Det er klart, hvem der modtager erfaringerne",
        ],
        "attention_points": [
            "Inspiration er ikke nok – hold fokus på, hvad der konkret tages hjem",
            "Grupperne har brug for facilitering efter eventen",
        ],
        "findings": [
            "Konceptualiserede eksperimenter er lettest at tage i brug",
            "Flere praksisser blev taget op i månederne efter bazaren",
        ],
    },
    {
        "slug": "strategiske-medledere",
        "title": "Strategiske medledere",
        "track": "innovationsbaseret-ledelse",
        "status": "review",
        "source_experiments": [
            "lede-paa-viden-faglige-faellesskaber",
            "ambassadoerer-som-oversaettere",
            "faglige-faellesskaber",
        ],
        "aliases": [],
        "focus": (
            "Et netværk af medarbejdere og ledere, der bærer en indsats ud i egne afdelinger "
            "og oversætter den til lokal praksis."
        ),
        "audience": "Ledere, der skal føre en ny strategi eller et nyt tiltag ud i hele "
        "organisationen.",
        "description": (
            "Medlederne udvælges eller melder sig, mødes fast og får tid til at drøfte "
            "indsatsen. De fungerer som ambassadører og bygger bro mellem strategi og drift."
        ),
        "phases": [
            "Afklar mandat, roller og ressourcer",
            "Udvælg medledere synligt for alle",
            "Byg netværket op med faste møder",
        ],
        "conditions": [
            "Medlederne finder selv mening i indsatsen",
            "Netværket har et klart mandat i egen afdeling",
        ],
        "attention_points": [
            "Afsæt god tid til forventningsafstemning i starten",
            "Afdelinger er ikke lige parate – støt medlederne undervejs",
        ],
        "findings": [
            "Et trygt netværk giver medlederne mod til at skubbe til vante rutiner",
            "Uklare roller får nogle ambassadører til at gå i stå",
        ],
    },
    {
        "slug": "samskabelses-netvaerk",
        "title": "Samskabelses-netværk",
        "track": "innovationsbaseret-ledelse",
        "status": "review",
        "source_experiments": [
            "tvaerorganisatorisk-ledelse",
            "ambassadoerer-som-oversaettere",
            "faglige-faellesskaber",
            "netvaerksledelse",
        ],
        "aliases": ["Samskabelsesnetværk"],
        "focus": (
            "Gør et team eller netværk i stand til at løse en fælles opgave ved at bruge "
            "hinandens viden og erfaring bevidst."
        ),
        "audience": "Ledere og mellemledere, der vil styrke samarbejdet i grupper og netværk.",
        "description": (
            "Netværket starter med at kortlægge medlemmernes kompetencer og en fælles vision. "
            "Viden deles i samtaler frem for i rapporter, så den ikke afhænger af enkelte "
            "ildsjæle."
        ),
        "phases": [
            "Skab tillid og et trygt rum",
            "Kortlæg hinandens ressourcer",
            "Formulér et ambitiøst fælles mål",
        ],
        "conditions": [
            "En leder eller facilitator holder processen",
            "Tid til menings- og medskabelse er afsat",
        ],
        "attention_points": [
            "Lad alle deltageres perspektiver indgå i den fælles fortælling",
            "Usikkerhed om begreber er normal – tal om den",
        ],
        "findings": [
            "Synlig gensidig afhængighed styrker samarbejdet",
            "Viden går tabt mellem niveauer, hvis den ikke forankres i et team",
        ],
    },
    {
        "slug": "tvaerorganisatoriske-faellesskaber",
        "title": "Tværorganisatoriske fællesskaber",
        "track": "relationsbaseret-ledelse",
        "status": "draft",
        "source_experiments": [
            "fra-driftsteam-til-fag-og-kompetencegrupper",
            "teamledelse",
            "videndeling-tvaerorganisatorisk-praksisfaellesskab",
            "lede-paa-viden-faglige-faellesskaber",
            "ambassadoerer-som-oversaettere",
            "faglige-faellesskaber",
        ],
        "aliases": ["Tvær-organisatoriske fælleskaber"],
        "focus": (
            "Faglige fællesskaber på tværs af afdelinger og niveauer, der tager ansvar for "
            "en strategisk indsats."
        ),
        "audience": "Ledere og medarbejdere, der vil arbejde på tværs af enheder og fagligheder.",
        "description": (
            "Et fællesskab får en tydelig opgave, en tidsramme og et mandat. Faste møder, "
            "skiftende facilitatorer og løbende evaluering holder fokus på den fælles sag."
        ),
        "phases": [
            "Beskriv opgave, mandat og tidsramme",
            "Sammensæt fællesskabet på tværs",
            "Evaluer og justér bemandingen løbende",
        ],
        "conditions": [
            "Kriterierne for deltagelse er kendt af alle",
            "Fællesskabet har facilitatorkompetence",
        ],
        "attention_points": [
            "Stærke faglige identiteter kan stå i vejen for nytænkning",
            "Fællesskaber mister fokus, hvis de lever for længe uden ny opgave",
        ],
        "findings": [
            "Klare rammer holder drøftelserne på sporet",
            "En begrænset tidsramme fastholder engagementet",
        ],
    },
    {
        "slug": "ledelse-paa-tvaers",
        "title": "Ledelse på tværs",
        "track": "relationsbaseret-ledelse",
        "status": "draft",
        "source_experiments": [
            "innovationsledelse-og-design-thinking",
            "nye-ledelsesformer-og-samarbejde",
        ],
        "aliases": [],
        "focus": (
            "Et greb for ledere, der står for et samarbejde mellem fag og derfor må agere i "
            "kollegers ledelsesområder uden at miste driften af syne."
        ),
        "audience": "Ledere med ansvar for tværprofessionelle forløb og samarbejder.",
        "description": (
            "Lederen skifter mellem at sætte retning, forstyrre konstruktivt og samle op. "
            "Meningen med samarbejdet skal være tydelig for hver faggruppe."
        ),
        "phases": [
            "Afklar meningen med det tværfaglige samarbejde",
            "Fortæl historien om visionen – igen og igen",
            "Kvalitetssikr ud fra det fælles felt",
        ],
        "conditions": [
            "Topledelsen prioriterer samarbejdet med ressourcer",
            "Lederen har et klart mandat",
        ],
        "attention_points": [
            "Det handler om at ændre vaner og kultur, ikke kun strukturer",
            "Brug opinionsdannere til at bære forandringen",
        ],
        "findings": [
            "Det er svært for undervisere at give slip på egen faglighed",
            "Tydelig anerkendelse af resultater øger viljen til at deltage",
        ],
    },
    {
        "slug": "tre-rum-i-udforskende-ledelse",
        "title": "Tre rum i udforskende ledelse",
        "track": "udforskende-ledelse",
        "status": "published",
        "source_experiments": [
            "nye-ledelsesformer-og-samarbejde",
            "lede-paa-viden-faglige-faellesskaber",
            "faglige-faellesskaber",
            "ledelse-paa-kerneydelsen",
            "nyeste-viden-i-undervisningen",
            "baseline-og-sommer-camp-som-afsaet-for-differentiering-i-undervisningen",
        ],
        "aliases": ["Tre rum i udforskende ledelses"],
        "focus": (
            "En model for ledere, der vil træffe beslutninger på grundlag af indsigt i "
            "praksis og ikke på fornemmelser."
        ),
        "audience": "Uddannelsesledere og pædagogiske ledere tæt på undervisningen.",
        "description": (
            "Lederen bevæger sig mellem tre rum: det undersøgende, hvor praksis observeres; "
            "det oplyste, hvor data og viden samles; og det oversættende, hvor viden bliver "
            "til retning og handling."
        ),
        "phases": [
            "Det undersøgende rum: observér og spørg åbent",
            "Det oplyste rum: saml data og viden",
            "Det oversættende rum: gør viden til praksis",
        ],
        "conditions": [
            "Medarbejderne ved, hvorfor lederen observerer",
            "Observationer følges altid op af en samtale",
        ],
        "attention_points": [
            "Observation må ikke opleves som kontrol",
            "Tal og statistik skal forstås, før de bruges",
        ],
        "findings": [
            "Ledere, der kommer tæt på undervisningen, får et fælles sprog med underviserne",
            "Beslutninger får større gennemslagskraft, når de bygger på indsigt i praksis",
        ],
    },
]


# Who wrote the demo concepts, and how many days before the demo runs the published ones were.
AUTHORS = ["strateg"]
PUBLISHED_DAYS_AGO = {"tifs-model": 34}


def _published_at(days_ago: int) -> str:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0))).isoformat()


def _row(concept: dict) -> dict:
    row = {**concept, "program": PROGRAM_SLUG, "authors": AUTHORS}
    if concept["status"] == "published":
        days_ago = PUBLISHED_DAYS_AGO.get(concept["slug"], 21)
        # Version 1 freezes the concept as the demo gives it (no "snapshot": the importer
        # takes the concept's content).
        at = _published_at(days_ago)
        row["versions"] = [{"number": 1, "published_by": "admin", "published_at": at}]
        row["events"] = [{"kind": "published", "by": "admin", "at": at, "version": 1}]
    return row


def demo_part() -> dict:
    return {"concepts": [_row(concept) for concept in CONCEPTS]}


SUMMARY = {"concepts": ngettext_lazy("%(count)d concept", "%(count)d concepts", "count")}
