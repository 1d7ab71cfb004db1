"""Demo experiments in the track Udforskende ledelse (own short texts)."""

TRACK = "udforskende-ledelse"

EXPERIMENTS = [
    {
        "slug": "ledelse-paa-kerneydelsen",
        "title": "Ledelse på kerneydelsen",
        "institution": "cph-west",
        "phase": "concept",
        "owner": "karen.holm",
        "team": [
            ("jonas.berg", "Projektkoordinator"),
            ("sofie.krogh", "Tovholder"),
            ("mikkel.dahl", "Leder"),
        ],
        "summary": "Pædagogiske grupper med deltagende ledere skal bringe ledelsen tættere på "
        "undervisningen og værkstederne.",
        "challenge": "Skolen mangler en systematisk pædagogisk udvikling, der svarer til "
        "elevernes forventninger, og ledelsen er for langt fra undervisningen til at kunne "
        "se, hvad der virker.",
        "hypothesis": "Hvis vi organiserer os, så ledelsen kommer tættere på kerneopgaven, så "
        "kan lederne både støtte og udfordre underviserne og skabe bedre læringsmiljøer.",
        "actions": [
            "Projektkoordinator og tovholdere udpeges og uddannes",
            "Pædagogiske grupper med deltagelse fra ledelsen",
            "Temadage for tovholdere, vejledere og ledere",
            "Brugerundersøgelse og valg af nye indsatsområder",
        ],
        "findings": [
            "Systematiske værktøjer giver mere strukturerede og differentierede forløb",
            "Relationsarbejdet med eleverne er styrket",
            "Lederne er kommet tættere på både klasselokaler og værksteder",
        ],
        "conceptualisable_elements": "En model, hvor ledere og undervisere udvikler "
        "kerneopgaven sammen: nøglepersoner med supervision, teams med ledelsesdeltagelse og "
        "en fast mødestruktur.",
        "attention_points": ["Nøglepersonerne har brug for supervision"],
    },
    {
        "slug": "netvaerksledelse",
        "title": "Netværksledelse",
        "institution": "uu-koebenhavn",
        "phase": "analysis",
        "owner": "karen.holm",
        "team": [("ida.friis", "UU-vejleder"), ("mikkel.dahl", "Leder")],
        "summary": "UU-vejledere arbejder i små selvstyrende netværk med ledelsen som "
        "sparringspartner.",
        "challenge": "Vejledningen skal løbende kvalificeres, og ledelsen vil vide, hvilke "
        "tiltag der faktisk virker i den faglige vejledningspraksis.",
        "hypothesis": "Hvis vejledere arbejder sammen i mindre teams, og ledelsen er tættere "
        "på, så stiger kvaliteten, vejlederne udvikler sig, og ledelsen får viden frem for "
        "fornemmelser.",
        "actions": [
            "Netværk på fem kolleger løser vejledningsopgaver sammen",
            "Faste sparringsmøder med nærmeste leder",
            "Fælles planlægning af en uddannelsesaften",
        ],
        "findings": [
            "Fælles planlægning gav mere variation og inspiration",
            "Medarbejderne tager mere ansvar for at nå målene",
            "Ledelsen kan sammensætte teams bedre",
        ],
        "conceptualisable_elements": "Når teams styrer sig selv, skal lederen være "
        "sparringspartner frem for chef, og netværket har brug for en fast mødeplan.",
        "attention_points": ["Organisationsændringer kan forsinke den nye netværksledelse"],
    },
    {
        "slug": "nyeste-viden-i-undervisningen",
        "title": "Antropologisk ledelse – nyeste viden i undervisningen",
        "institution": None,
        "phase": "action",
        "owner": "karen.holm",
        "team": [("sofie.krogh", "Vidensmedarbejder"), ("rasmus.kjaer", "Underviser")],
        "summary": "Undervisere og vidensmedarbejdere finder sammen ny forskning frem og "
        "bygger den ind i undervisningen.",
        "challenge": "Underviserne bruger sjældent ny forskning, når de udvikler materialer, "
        "fordi det tager for lang tid at finde og udvælge den.",
        "hypothesis": "Hvis underviserne får hjælp til at søge i artikeldatabaser og til at "
        "bruge resultaterne i undervisningen, så løftes kvaliteten.",
        "actions": [
            "Introduktion til bibliotekets artikeldatabaser",
            "Forskningsartikler indgår i undervisningsmaterialet",
            "Erfaringer med tidsforbrug og udbytte samles",
        ],
        "findings": [
            "Metoden tager mere tid i starten, men højner fagligheden",
            "De fleste studerende oplever større faglig progression",
        ],
        "conceptualisable_elements": "En fast struktur for at dele kilder og materialer på "
        "tværs af uddannelser, hvor en bibliotekar eller ekspert præsenterer ny viden.",
        "attention_points": ["Afsæt tid til at læse og drøfte kilderne i fællesskab"],
    },
    {
        "slug": "moedekultur",
        "title": "Mødekultur",
        "institution": "sosu-c",
        "phase": "pre",
        "owner": "karen.holm",
        "team": [("sofie.krogh", "Eksperimentteam"), ("camilla.vinther", "Eksperimentteam")],
        "summary": "Personalemøder med pædagogiske temaer og faste dogmeregler skal gøre "
        "møderne meningsfulde.",
        "challenge": "Personalemøderne minder om generalforsamlinger og giver kun lidt til "
        "kerneopgaven og det faglige arbejde.",
        "hypothesis": "Hvis møderne samles om pædagogiske temaer, så oplever deltagerne en "
        "tydelig sammenhæng mellem møderne og kerneopgaven.",
        "actions": [
            "Dogmeregler for dialog og idéudvikling",
            "To temamøder med tilfældig bordplacering",
            "Evaluering af hvert møde med et kort spørgeskema",
        ],
        "attention_points": ["Møderne må ikke drukne i presserende administrative sager"],
    },
    {
        "slug": "baseline-og-sommer-camp-som-afsaet-for-differentiering-i-undervisningen",
        "title": "Baseline og sommer-camp som afsæt for differentiering i undervisningen",
        "institution": "sosu-c",
        "phase": "design",
        "owner": "karen.holm",
        "team": [("camilla.vinther", "Kvalitetskonsulent"), ("rasmus.kjaer", "Underviser")],
        "summary": "En avis med viden om differentiering og en fælles sommercamp giver afsæt "
        "for lokale eksperimenter på SOSU C.",
        "challenge": "Skolens fælles pædagogiske grundlag om differentiering skal leve i "
        "hverdagen på tværs af afdelinger, og det kræver fælles viden og metoder.",
        "hypothesis": "Hvis planlægningen bygger på et fælles videns- og erfaringsgrundlag og "
        "en systematisk måde at designe differentierede aktiviteter på, så undervises hver "
        "elev på sit eget niveau.",
        "actions": [
            "En avis med begreber, eksempler og ny teori om differentiering",
            "Sommercamp med oplæg og drøftelser",
            "Deltagerne designer eksperimenter ud fra egne udfordringer",
        ],
        "attention_points": ["Tovholderne skal følge de lokale eksperimenter op"],
    },
]
