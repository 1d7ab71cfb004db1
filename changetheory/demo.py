"""The demo's change theories: one for the program "Nye ledelses- og samarbejdsformer" and
one for each of its three tracks, every text written for the demo.

The program's theory is complete: every demo experiment serves one of its signs. Each
track's signs are served by experiments in different phases, so the health shows real
progress: in each, one sign has an experiment in implementation and one has only
experiments that have not yet come far. The Udforskende ledelse theory leaves the track's
newest experiment ("Mødekultur") unlinked, so the demo also shows that finding.
"""

from django.utils.translation import ngettext_lazy

from labportal.organisation.demo import PROGRAM_SLUG

INNOVATION, RELATION, EXPLORING = (
    "innovationsbaseret-ledelse",
    "relationsbaseret-ledelse",
    "udforskende-ledelse",
)

PROGRAM_THEORY = {
    "slug": PROGRAM_SLUG,
    "program": PROGRAM_SLUG,
    "track": None,
    "ambition": (
        "Programmet vil give ledere og medarbejdere nye måder at lede og samarbejde på, så "
        "udvikling bliver en fælles sag på tværs af afdelinger, uddannelser, institutioner og "
        "virksomheder. Det, der virker i eksperimenterne, samles i koncepter, som andre kan "
        "tage i brug."
    ),
    "challenge": (
        "Uddannelserne står med opgaver, som ingen afdeling kan løse alene, og som skifter "
        "hurtigere, end de faste strukturer kan følge med. Ledelse foregår tit oppefra og ned "
        "og på afstand af undervisningen, og gode erfaringer fra udviklingsprojekter ender "
        "sjældent som ny praksis i driften."
    ),
    "desired_practice": (
        "Ledere arbejder tæt på kerneopgaven og i dialog med medarbejdere, elever og "
        "aftagere. De sætter retning sammen med andre, leder på tværs af skel og bruger viden "
        "fra praksis, når de beslutter noget. Nye måder at organisere, undervise og holde "
        "møder på prøves af løbende, og det, der virker, bliver en fast del af hverdagen."
    ),
    "hypothesis": (
        "Hvis ledere eksperimenterer med innovationsbaserede, relationsbaserede og "
        "udforskende ledelsesformer og deler erfaringerne med hinanden, så opstår en "
        "ledelsespraksis, der samler organisationen om udviklingen og løfter kvaliteten af "
        "uddannelserne."
    ),
    "signs": [
        {
            "text": "Ledere og medarbejdere løser opgaver sammen på tværs af afdelinger, "
            "uddannelser og institutioner",
            "experiments": [
                "fra-driftsteam-til-fag-og-kompetencegrupper",
                "faglige-faellesskaber",
                "innovationsledelse-og-design-thinking",
                "lede-paa-viden-faglige-faellesskaber",
                "netvaerksledelse",
                "strategisk-ledelse-ny-organisering-af-samarbejdsrelationer-med-aftagerfelt",
                "tvaerorganisatorisk-ledelse",
                "videndeling-tvaerorganisatorisk-praksisfaellesskab",
            ],
        },
        {
            "text": "Erfaringer fra eksperimenterne bliver delt og taget i brug andre steder "
            "i organisationen",
            "experiments": [
                "ambassadoerer-som-oversaettere",
                "fra-fakta-ark-til-implementering",
                "innovationsledelse",
                "ledelse-af-eksperimenter-den-meningsfulde-udviklingskadence",
                "projekt-bazar",
                "videndelingsplatform",
                "vidensdeling-gennem-portal",
            ],
        },
        {
            "text": "Ledelsen er tæt på undervisningen og beslutter på et oplyst grundlag",
            "experiments": [
                "baseline-og-sommer-camp-som-afsaet-for-differentiering-i-undervisningen",
                "ledelse-paa-kerneydelsen",
                "moedekultur",
                "nyeste-viden-i-undervisningen",
            ],
        },
        {
            "text": "Teams tager fælles ansvar for kvaliteten af undervisningen",
            "experiments": [
                "kollegial-supervision",
                "nye-ledelsesformer-og-samarbejde",
                "teamledelse",
            ],
        },
    ],
    "actions": [
        "Tid og mandat til, at ledere kan deltage i og lede eksperimenter",
        "Workshops, hvor eksperimenterne designes baglæns fra den praksis, man vil nå",
        "En fælles bazar, hvor eksperimenterne vises frem og kan tages med hjem",
        "Sparring fra udviklingskonsulenter og følgeforskning undervejs",
    ],
    "effects_short": [
        "Flere ledere prøver nye ledelsesformer af i egen praksis",
        "Nye mødeformer giver plads til samarbejde på tværs",
        "Medarbejderne oplever, at deres erfaringer bliver brugt",
    ],
    "effects_long": [
        "Flere elever og studerende fuldfører deres uddannelse",
        "Institutionerne omstiller sig hurtigere til det, arbejdsmarkedet efterspørger",
        "Nye måder at undervise, organisere og mødes på bliver en løbende del af driften",
    ],
}

TRACK_THEORIES = [
    {
        "slug": INNOVATION,
        "program": None,
        "track": INNOVATION,
        "ambition": (
            "Sporet afprøver ledelsesformer, hvor lederen tager afsæt i et klart billede af "
            "den praksis, man vil nå, og planlægger udviklingen baglæns derfra – med nye "
            "strukturer, mødeformer og faste veje for at få erfaringer fra eksperimenter "
            "tilbage i driften."
        ),
        "challenge": (
            "Eksperimenter og udviklingsprojekter giver energi, men resultaterne bliver ofte "
            "hængende hos dem, der var med. Organisationen mangler faste veje fra et "
            "vellykket eksperiment til en ændret praksis i andre afdelinger."
        ),
        "desired_practice": (
            "Ledere tør gå forrest ind i det ukendte: de sætter en tydelig retning, inviterer "
            "medarbejdere og virksomheder med ind i udviklingen og giver plads til at prøve "
            "noget nyt. Erfaringer fra eksperimenterne bliver samlet op, vist frem og "
            "tilpasset, så andre kan bruge dem."
        ),
        "hypothesis": (
            "Hvis lederne planlægger udviklingen baglæns fra den ønskede praksis og bygger "
            "faste rutiner for at dele og forankre erfaringer, så bliver flere eksperimenter "
            "til varig praksis."
        ),
        "signs": [
            {
                "text": "Undervisere tager praksis fra andres eksperimenter med hjem og bruger "
                "den i egen undervisning",
                "experiments": ["fra-fakta-ark-til-implementering", "projekt-bazar"],
            },
            {
                "text": "Afdelinger udvikler nye kurser sammen med virksomhederne",
                "experiments": ["innovationsledelse-og-design-thinking"],
            },
            {
                "text": "Valget af nye eksperimenter bygger på erfaringer fra de afsluttede",
                "experiments": [
                    "innovationsledelse",
                    "ledelse-af-eksperimenter-den-meningsfulde-udviklingskadence",
                ],
            },
            {
                "text": "Lærerne søger faglig sparring i grupper på tværs af teams",
                "experiments": ["fra-driftsteam-til-fag-og-kompetencegrupper"],
            },
            {
                "text": "Alle medarbejdere kan let finde viden om igangværende og afsluttede "
                "eksperimenter",
                "experiments": ["videndelingsplatform", "vidensdeling-gennem-portal"],
            },
        ],
        "actions": [
            "En tværgående arbejdsgruppe, der planlægger videndeling og opfølgning",
            "Faktaark og boder, så hvert eksperiment kan præsenteres på samme måde",
            "Workshops, hvor en praksis tilpasses den uddannelse, der vil overtage den",
        ],
        "effects_short": [
            "Flere praksisser bliver taget op i månederne efter en bazar",
            "Ledere og undervisere får et fælles sprog om eksperimenter",
        ],
        "effects_long": [
            "Institutionen omsætter oftere eksperimenter til varig praksis",
            "Samarbejdet med virksomhederne om nye uddannelsestilbud bliver fast",
        ],
    },
    {
        "slug": RELATION,
        "program": None,
        "track": RELATION,
        "ambition": (
            "Sporet afprøver ledelse gennem relationer: fællesskaber på tværs af afdelinger, "
            "fag og niveauer får ansvaret for strategiske indsatser, og lederne øver sig i at "
            "lede sammen med andre – også ind i kollegers områder."
        ),
        "challenge": (
            "Mange opgaver kræver flere fagligheder, men arbejdet er delt op i afdelinger og "
            "teams, der sjældent mødes. Tillid på tværs tager tid at bygge op, og ledere er i "
            "tvivl om, hvordan de leder i områder, de ikke selv har ansvaret for."
        ),
        "desired_practice": (
            "Ledelse foregår i netværk og fællesskaber, der samles om en opgave og går fra "
            "hinanden igen, når den er løst. Lederne skifter rolle efter opgaven, bygger "
            "tillidsfulde relationer til kolleger, samarbejdspartnere og aftagere og holder "
            "fast i, at alle bidrager på lige fod."
        ),
        "hypothesis": (
            "Hvis indsatser ledes gennem tværgående fællesskaber med et klart mandat og en "
            "tidsramme, så vokser ansvaret for opgaven på tværs af fag, og løsningerne bliver "
            "mere relevante for elever og studerende."
        ),
        "signs": [
            {
                "text": "Medarbejdere fra forskellige enheder løser strategiske opgaver i "
                "faglige fællesskaber",
                "experiments": ["faglige-faellesskaber", "lede-paa-viden-faglige-faellesskaber"],
            },
            {
                "text": "Underviserne planlægger og evaluerer forløbene sammen i teamet",
                "experiments": ["nye-ledelsesformer-og-samarbejde", "teamledelse"],
            },
            {
                "text": "Ledere koordinerer samarbejdet mellem faggrupper ud fra fælles mål",
                "experiments": [
                    "ambassadoerer-som-oversaettere",
                    "tvaerorganisatorisk-ledelse",
                    "videndeling-tvaerorganisatorisk-praksisfaellesskab",
                ],
            },
            {
                "text": "Uddannelse og aftagere mødes i åbne fora og udvikler samarbejdet sammen",
                "experiments": [
                    "strategisk-ledelse-ny-organisering-af-samarbejdsrelationer-med-aftagerfelt"
                ],
            },
            {
                "text": "Kolleger giver hinanden sparring på mødet med de svære hold",
                "experiments": ["kollegial-supervision"],
            },
        ],
        "actions": [
            "Et mandat og en tidsramme for hvert fællesskab",
            "Skiftende facilitatorer og faste mødedatoer",
            "Casearbejde, hvor lederne øver relationel koordinering",
        ],
        "effects_short": [
            "Flere medarbejdere deltager aktivt i fællesskaber på tværs",
            "Lederne møder færre siloer i det daglige arbejde",
        ],
        "effects_long": [
            "Løsningerne på uddannelsernes udfordringer bliver mere relevante",
            "Samarbejdet med aftagerne bliver tættere og mere strategisk",
        ],
    },
    {
        "slug": EXPLORING,
        "program": None,
        "track": EXPLORING,
        "ambition": (
            "Sporet afprøver ledelse, der går tæt på undervisningen: lederen observerer, "
            "spørger nysgerrigt og samler viden, før der træffes beslutninger, og udvikler "
            "kerneopgaven sammen med medarbejderne."
        ),
        "challenge": (
            "Ledere er tit langt fra undervisningen og beslutter ud fra fornemmelser eller "
            "tal, de ikke kender baggrunden for. Medarbejderne oplever beslutningerne som "
            "fjerne, og ny viden om undervisning når sjældent ud i klasselokalet."
        ),
        "desired_practice": (
            "Lederen er til stede i praksis med en åben og undersøgende tilgang og kender "
            "undervisningens udfordringer indefra. Viden fra observationer, data og "
            "forskning bliver omsat til retning og handling sammen med underviserne, så "
            "beslutningerne giver mening og får gennemslagskraft."
        ),
        "hypothesis": (
            "Hvis lederen veksler mellem at undersøge, samle viden og omsætte den til "
            "handling, så bliver beslutningerne bedre, og kvaliteten af undervisningen stiger."
        ),
        "signs": [
            {
                "text": "Ledere deltager i undervisningen og værkstederne og taler bagefter "
                "med underviserne om det, de så",
                "experiments": ["ledelse-paa-kerneydelsen", "nye-ledelsesformer-og-samarbejde"],
            },
            {
                "text": "Medarbejderne tager selv ansvar for udviklingen og bruger ledelsen "
                "som sparringspartner",
                "experiments": ["netvaerksledelse"],
            },
            {
                "text": "Ny forskning finder vej ind i undervisningen",
                "experiments": ["nyeste-viden-i-undervisningen"],
            },
            {
                "text": "Undervisningen tilpasses eleverne ud fra viden om, hvor de står",
                "experiments": [
                    "baseline-og-sommer-camp-som-afsaet-for-differentiering-i-undervisningen"
                ],
            },
        ],
        "actions": [
            "Tid i kalenderen til observation og samtaler i undervisningen",
            "Adgang til data om elevernes trivsel og resultater",
            "Læsegrupper, hvor ledere og undervisere drøfter ny forskning",
        ],
        "effects_short": [
            "Ledere og undervisere får et fælles sprog om undervisningen",
            "Medarbejderne oplever, at beslutningerne bygger på deres praksis",
        ],
        "effects_long": [
            "Kvaliteten af kerneopgaven stiger",
            "Flere elever gennemfører, fordi undervisningen rammer dem bedre",
        ],
    },
]


def demo_part() -> dict:
    return {"change_theories": [PROGRAM_THEORY, *TRACK_THEORIES]}


SUMMARY = {
    "change_theories": ngettext_lazy(
        "%(count)d change theory", "%(count)d change theories", "count"
    )
}
