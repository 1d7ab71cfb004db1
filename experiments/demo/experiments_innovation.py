"""Demo experiments in the track Innovationsbaseret ledelse (own short texts)."""

TRACK = "innovationsbaseret-ledelse"

EXPERIMENTS = [
    {
        "slug": "innovationsledelse-og-design-thinking",
        "title": "Innovationsledelse og design-thinking",
        "institution": "tec",
        "phase": "implementation",
        "owner": "strateg",
        "team": [
            ("jonas.berg", "Projektleder"),
            ("peter.norgaard", "Udviklingskonsulent"),
            ("rasmus.kjaer", "Underviser"),
        ],
        "summary": "TEC afprøver en netværksorganiseret enhed, der sammen med virksomheder "
        "udvikler efteruddannelse på tværs af faglige skel.",
        "challenge": "Ledelsen vil have løst en opgave, der går på tværs af skolens afdelinger "
        "og hierarkier, i tæt dialog med virksomhederne. Ingen afdeling kan det i dag, og "
        "det er uvist, hvordan løsningen kan leve videre bagefter.",
        "hypothesis": "Hvis vi organiserer arbejdet som et netværk på tværs af afdelinger, "
        "så får vi en innovativ enhed, der kan udvikle efterspurgte kurser sammen med "
        "aftagerne.",
        "actions": [
            "Fælles workshop med læringsspillet CO-CREATOR for repræsentanter fra alle afdelinger",
            "Prototyper på tværfaglige kurser til AMU-kompetencepakker",
            "Prototyperne afprøves ved besøg hos virksomheder, bl.a. Bravida",
        ],
        "findings": [
            "Deltagerne skal have hjælp til at give slip på egen faglighed",
            "Et fælles billede af målet giver energi og lyst til at tage chancer",
            "Forankring kræver, at ledelsen bliver ved med at skabe mening",
        ],
        "conceptualisable_elements": "Spil og fælles billeder af fremtiden kan åbne for "
        "samarbejdsdrevet innovation. Et klart mandat og opbakning højt i organisationen er "
        "nødvendigt for at forankre resultatet.",
        "attention_points": [
            "Afklar mandatet, før arbejdet går i gang",
            "Sørg for et organisatorisk ophæng for nye tiltag",
        ],
    },
    {
        "slug": "innovationsledelse",
        "title": "Innovationsledelse",
        "institution": "kea",
        "phase": "concept",
        "owner": "strateg",
        "team": [("camilla.vinther", "Tovholder"), ("sofie.krogh", "Konsulent")],
        "summary": "En tværgående arbejdsgruppe på KEA udvikler en model for, hvordan "
        "erfaringer fra eksperimenter bruges, når der skal besluttes om nye eksperimenter og "
        "om implementering.",
        "challenge": "Erfaringer fra afsluttede eksperimenter bliver sjældent brugt, når der "
        "skal vælges nye eksperimenter eller besluttes om implementering.",
        "hypothesis": "Hvis ledere og undervisere i en fælles arbejdsgruppe får viden om, hvad "
        "der får eksperimenter til at lykkes, så træffer de bedre beslutninger om, hvad der "
        "skal tages videre – og lysten til at tage resultater hjem vokser.",
        "actions": [
            "Nedsættelse af en arbejdsgruppe på tværs af uddannelser",
            "Afklaring af roller, ansvar og beslutningsgang",
            "Udkast til konceptdesign afprøvet i interview og spørgeskema med ledere, "
            "undervisere og studerende",
        ],
        "findings": [
            "Studielederne er åbne for nye initiativer",
            "Tid til udviklingsarbejde er en knap ressource",
            "Rytmen i den centrale udviklingsafdeling passer dårligt med driften",
            "Opbakning fra ledelsen er afgørende",
        ],
        "conceptualisable_elements": "En arbejdsgruppe på tværs af fagligheder kan designe "
        "ny praksis med lokal forankring, når rammer og beslutningsgange er aftalt på forhånd.",
        "attention_points": [
            "Giv overblik over igangværende eksperimenter",
            "Læg eksperimentperioder, så de passer med studiernes årshjul",
            "Inddrag hele underviserteams frem for enkeltpersoner",
        ],
    },
    {
        "slug": "projekt-bazar",
        "title": "Projekt Bazar",
        "institution": "kea",
        "phase": "implementation",
        "decision": "adopted",
        "owner": "strateg",
        "team": [
            ("sofie.krogh", "Projektleder"),
            ("camilla.vinther", "Tovholder"),
            ("mikkel.dahl", "Uddannelsesleder"),
        ],
        "summary": "En bazar, hvor eksperimenter og projekter vises frem i boder, så ledere og "
        "undervisere kan vælge, hvad de vil tage med hjem.",
        "challenge": "Det er svært at få undervisere og uddannelseschefer til at bruge "
        "erfaringer fra andres eksperimenter og til at starte nye.",
        "hypothesis": "Hvis erfaringerne vises frem i et format, hvor man møder dem, der har "
        "gjort det, så får ledere og undervisere et bedre grundlag og større lyst til at "
        "tage eksperimenter hjem.",
        "actions": [
            "Bazar med boder, faktaark og to pitchrunder",
            "Blog med overblik over alle eksperimenter før eventen",
            "Evaluering før, under og efter eventen",
            "Lokale opfølgningsworkshops med de eksperimentansvarlige",
        ],
        "findings": [
            "Både deltagere og bodholdere oplevede dagen som meningsfuld",
            "Der er stort behov for vidensdeling på tværs",
            "Otte eksperimenter blev taget i brug eller videreudviklet inden for tre måneder",
            "Lokal forankring kræver facilitering efter eventen",
        ],
        "conceptualisable_elements": "Bazaren er en model for vidensspredning: ensartede "
        "faktaark, boder, obligatorisk deltagelse fra hver uddannelse, pitchrunder, balkort "
        "og opfølgende workshops.",
        "attention_points": [
            "Hold fokus på at tage praksis hjem – ikke kun på inspiration",
            "Meld nye praksisser ud før eventen, så folk kan tilmelde sig",
        ],
    },
    {
        "slug": "fra-fakta-ark-til-implementering",
        "title": "Fra fakta-ark til implementering",
        "institution": "kea",  # follows up Projekt Bazar at KEA (no label in the booklet)
        "phase": "concept",
        "owner": "strateg",
        "team": [("sofie.krogh", "Facilitator"), ("jonas.berg", "Underviser")],
        "summary": "Opfølgning på bazaren: grupper, der vil tage en praksis hjem, tilpasser "
        "den til egen uddannelse i to faciliterede workshops.",
        "challenge": "En praksis fra et andet eksperiment passer sjældent direkte ind i en ny "
        "uddannelse. Den skal tilpasses lokal struktur, kultur og værdier, før den virker.",
        "hypothesis": "Hvis vi styrer en fælles proces, hvor eksperimentet re-didaktiseres til "
        "den nye kontekst, så får underviserne ejerskab, og praksissen hænger sammen med "
        "studiets opbygning.",
        "actions": [
            "Workshop 1: arenamodel, værdiord og første re-design",
            "Workshop 2: kodeks genbesøges, og elevatortalen præsenteres",
            "Endelig plan med roller og praktisk planlægning",
        ],
        "findings": [
            "Interessen er stor, når udfordringen genkendes i egen uddannelse",
            "Arenamodellen giver et fælles sprog om opgaven",
            "Ekstern facilitering er afgørende for fremdriften",
        ],
        "conceptualisable_elements": "Et forløb på to halve dage, hvor grupper med samme "
        "ønske tilpasser en afprøvet praksis til deres egen uddannelse.",
        "concept_phases": [
            "Saml interessetilkendegivelser centralt",
            "Indkald grupper med et fælles ønske",
            "Gennemfør to faciliterede workshops",
        ],
        "attention_points": [
            "Grupperne skal forpligte sig over for hinanden",
            "Afsæt tid til praktisk planlægning til sidst",
        ],
    },
    {
        "slug": "ledelse-af-eksperimenter-den-meningsfulde-udviklingskadence",
        "title": "Ledelse af eksperimenter – den meningsfulde udviklingskadence",
        "institution": "kea",  # the central research and innovation unit is KEA's
        "phase": "analysis",
        "owner": "strateg",
        "team": [("camilla.vinther", "Interviewer"), ("peter.norgaard", "Udviklingskonsulent")],
        "summary": "Interview med uddannelsesledere skal bygge bro mellem den centrale "
        "forsknings- og innovationsafdeling og driften.",
        "challenge": "Afstanden mellem den centrale forsknings- og innovationsafdeling og "
        "uddannelseslederne er stor. Det gør det svært at bemande udviklingsopgaver og at "
        "forankre resultaterne.",
        "hypothesis": "Hvis den centrale afdeling lærer ledernes prioriteringer at kende "
        "gennem interview og tættere kontakt, så kan udviklingsopgaver bemandes hurtigere og "
        "i en takt, der passer driften.",
        "actions": [
            "Interview med uddannelsesledere om barrierer for samarbejdet",
            "Fælles gennemgang af interviewene med den centrale afdeling",
        ],
        "findings": [
            "Administrative opgaver fylder meget hos lederne",
            "Timer til udvikling bookes forskelligt fra afdeling til afdeling",
            "Forskel i viden skaber afstand mellem centrale funktioner og drift",
        ],
        "conceptualisable_elements": "Interview gør barrierer mellem stab og drift synlige og "
        "giver grundlag for en mere tillidsfuld dialog om ressourcer.",
        "attention_points": [
            "Interviewene skal følges op, ellers mister lederne tilliden",
            "Aftal én fælles måde at booke undervisertimer på",
        ],
    },
    {
        "slug": "fra-driftsteam-til-fag-og-kompetencegrupper",
        "title": "Fra ’driftsteam’ til fag- og kompetencegrupper",
        "institution": "tec",
        "education": "datatekniker",
        "phase": "action",
        "owner": "strateg",
        "team": [
            ("jonas.berg", "Tovholder"),
            ("medarbejder", "Underviser"),
            ("rasmus.kjaer", "Underviser"),
        ],
        "summary": "Lærerne organiseres i faggrupper og kompetencegrupper på tværs af teams "
        "og adresser for at styrke det faglige miljø.",
        "challenge": "Teamene er optaget af den daglige drift, og der er ikke plads til faglig "
        "og pædagogisk udvikling. Skolen vil gøre uddannelsen som helhed – ikke det enkelte fag – "
        "til omdrejningspunktet.",
        "hypothesis": "Hvis lærerne samles i grupper, der går på kryds af teams, afdelinger og "
        "uddannelsesområder, så opstår et fagligt miljø, der understøtter eksperimenter og "
        "ny praksis.",
        "actions": [
            "Driftsteams, faggrupper og kompetencegrupper får hver deres opgaver",
            "Hver faggruppe udpeger en tovholder",
            "Faggrupperne udarbejder en fælles drejebog for undervisningen",
        ],
        "findings": [
            "Faggrupper med deltagere fra tre adresser er i gang",
            "Lærerne ønsker tematiserede moduler for at få et fælles grundlag",
        ],
        "conceptualisable_elements": "En model for at flytte samarbejdet fra drift til faglig "
        "og pædagogisk udvikling, også på tværs af geografiske adresser.",
        "concept_phases": [
            "Udpeg en tovholder",
            "Skab et fælles udgangspunkt for undervisningen",
            "Udarbejd fælles drejebøger",
        ],
        "attention_points": [
            "Afsæt fast tid til fagteamenes arbejde",
            "Initiativet skal ligge hos fagteamene, ikke hos lederen",
        ],
    },
    {
        "slug": "vidensdeling-gennem-portal",
        "title": "Vidensdeling gennem portal",
        "institution": "tec",
        "phase": "pre",
        "owner": "strateg",
        "team": [("peter.norgaard", "Webredaktør"), ("rasmus.kjaer", "Underviser")],
        "summary": "En digital portal skal samle alt om eksperimenterne på TEC, så alle kan "
        "finde den viden, de har brug for.",
        "challenge": "I en stor organisation er det svært at sikre, at alle kan finde relevant "
        "viden om eksperimenterne, og at en eksperimenterende tankegang breder sig.",
        "hypothesis": "Hvis al relevant information er samlet og let at finde på en portal, så "
        "føler deltagerne sig opdaterede, og den eksperimenterende tankegang breder sig.",
        "actions": [
            "Portalen bygges videre på erfaringer fra en tidligere portal",
            "Sider om ambassadører, eksperimenter og kompetenceudvikling",
            "Løbende nyheder og artikler om skolens udviklingsstrategi",
        ],
        "attention_points": [
            "For mange klik gør portalen ubrugt",
            "Aftal, hvem der har ansvaret for portalen",
        ],
    },
    {
        "slug": "videndelingsplatform",
        "title": "Videndelingsplatform",
        "institution": "kea",
        "education": "multimediedesigner",
        "phase": "design",
        "owner": "strateg",
        "team": [("medarbejder", "Fagvejleder"), ("jonas.berg", "Udvikler")],
        "summary": "Et webværktøj til dialogen mellem studerende og fagvejleder under "
        "praktikken på 4. semester.",
        "challenge": "Fagvejlederne mangler overblik over de studerendes praktikforløb, og "
        "vigtig viden går tabt, fordi den ligger spredt.",
        "hypothesis": "Hvis dialogen mellem studerende og fagvejleder dokumenteres i et fælles "
        "værktøj, så deles mere viden, og fagvejlederne bliver bedre rustet til fremtidige "
        "forløb.",
        "actions": [
            "Hjemmeside med login for studerende og fagvejledere",
            "En praktiklogbog for hver studerende",
            "Evalueringsspørgsmål til fagvejlederen efter eksamen",
        ],
        "attention_points": ["Værktøjet skal spille sammen med det eksisterende CRM-system"],
    },
]
