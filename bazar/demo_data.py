"""The demo bazar's facts: booths, people and the take-home texts of the interest cards.
Every sentence is written for the demo (none is taken from the booklet)."""

# The finished event's booths: experiment slug → theme.
CLOSED_BOOTHS = {
    "innovationsledelse-og-design-thinking": "Nye formater og innovation",
    "innovationsledelse": "Nye formater og innovation",
    "projekt-bazar": "Nye formater og innovation",
    "fra-fakta-ark-til-implementering": "Nye formater og innovation",
    "fra-driftsteam-til-fag-og-kompetencegrupper": "Nye formater og innovation",
    "teamledelse": "Relationer og samarbejde",
    "nye-ledelsesformer-og-samarbejde": "Relationer og samarbejde",
    "lede-paa-viden-faglige-faellesskaber": "Relationer og samarbejde",
    "ambassadoerer-som-oversaettere": "Relationer og samarbejde",
    "faglige-faellesskaber": "Relationer og samarbejde",
    "ledelse-paa-kerneydelsen": "Udforskende ledelse",
    "nyeste-viden-i-undervisningen": "Udforskende ledelse",
}

# Today's event: experiments still under way, and two that are worth showing again.
RUNNING_BOOTHS = {
    "ledelse-af-eksperimenter-den-meningsfulde-udviklingskadence": "Eksperimenter i drift",
    "netvaerksledelse": "Samarbejde ud af huset",
    "videndeling-tvaerorganisatorisk-praksisfaellesskab": "Samarbejde ud af huset",
    "tvaerorganisatorisk-ledelse": "Samarbejde ud af huset",
    "strategisk-ledelse-ny-organisering-af-samarbejdsrelationer-med-aftagerfelt": (
        "Samarbejde ud af huset"
    ),
    "videndelingsplatform": "Eksperimenter i drift",
    "baseline-og-sommer-camp-som-afsaet-for-differentiering-i-undervisningen": (
        "Eksperimenter i drift"
    ),
    "faglige-faellesskaber": "Eksperimenter i drift",
}

EDUCATIONS = {
    "kea": "kea/multimediedesigner",
    "tec": "tec/datatekniker",
    "sosu": "sosu-c/social-og-sundhedshjaelper",
    "metropol": "metropol/bioanalytiker",
}

# The finished event's attendees: (person, education, role, checked in). People who are not
# demo accounts or demo staff come in as inactive users (no one signs in as them).
CLOSED_ATTENDEES = [
    ("leder", "kea", "leader", True),
    ("jonas.berg", "kea", "teacher", True),
    ("medarbejder", "kea", "teacher", True),
    ("peter.norgaard", "kea", "other_staff", True),
    ("mikkel.dahl", "tec", "leader", True),
    ("rasmus.kjaer", "tec", "teacher", True),
    ("lars.holt", "tec", "teacher", True),
    ("hanne.bech", "sosu", "leader", True),
    ("fatima.ali", "sosu", "teacher", True),
    ("camilla.vinther", "sosu", "other_staff", True),
    ("birgitte.moeller", "metropol", "leader", True),
    ("thomas.lind", "metropol", "teacher", True),
    ("ida.friis", "metropol", "other_staff", True),
    ("nanna.skov", "metropol", "teacher", False),
    ("emil.winther", "tec", "teacher", True),
    ("signe.lauritsen", "kea", "teacher", True),
]

RUNNING_ATTENDEES = [
    ("leder", "kea", "leader", True),
    ("medarbejder", "kea", "teacher", True),
    ("signe.lauritsen", "kea", "teacher", False),
    ("mikkel.dahl", "tec", "leader", True),
    ("emil.winther", "tec", "teacher", True),
    ("hanne.bech", "sosu", "leader", False),
    ("fatima.ali", "sosu", "teacher", True),
    ("birgitte.moeller", "metropol", "leader", True),
    ("thomas.lind", "metropol", "teacher", False),
]

# The demo leader's cards at the finished event: (booth, commitment, take home).
LEADER_CARDS = [
    (
        "projekt-bazar",
        "implement",
        "Vi holder vores egen lille bazar på multimedie til foråret, så holdene kan se "
        "hinandens forløb. Jeg booker lokalet og beder hvert team om ét faktaark.",
    ),
    (
        "teamledelse",
        "try",
        "Faste teammøder med en kort dagsorden, hvor teamet selv fordeler opgaverne. "
        "Vi prøver det i ét team i et halvt år og ser, om det frigør tid.",
    ),
    (
        "ledelse-paa-kerneydelsen",
        "inspiration",
        "Spørgsmålet 'hvad er vores kerneydelse?' vil jeg stille på næste ledermøde.",
    ),
    (
        "faglige-faellesskaber",
        "try",
        "Et fagligt fællesskab på tværs af de to hold om feedback på projekter – "
        "en time hver anden uge, med skiftende tovholder.",
    ),
]

# Take-home texts for the other visitors' cards, per booth, used in turn.
TAKE_HOME = {
    "innovationsledelse-og-design-thinking": [
        "Et designsprint på to dage, når vi skal lave ny introduktionsuge.",
        "Brugerinterviews med eleverne, før vi ændrer noget i skemaet.",
        "Prototyper på papir – vi bruger for lang tid på at tale om færdige løsninger.",
        "Idéen om at teste i det små og smide væk uden dårlig samvittighed.",
        "",
    ],
    "innovationsledelse": [
        "En fast 'forsøgskasse' med timer, som teams kan søge om til små eksperimenter.",
        "At lederen spørger 'hvad har I lært?' i stedet for 'hvordan gik det?'.",
        "En skabelon til at beskrive et eksperiment på én side.",
        "",
    ],
    "projekt-bazar": [
        "Boder med faktaark til vores pædagogiske dag i stedet for oplæg i plenum.",
        "Balkort – vi samler dem ind og følger op efter tre måneder.",
        "Korte pitch på fem minutter; det tvinger os til at skære ind til benet.",
        "At invitere ledere og undervisere sammen, så beslutningen kan tages på stedet.",
        "",
    ],
    "fra-fakta-ark-til-implementering": [
        "Workshop med arenamodellen, når vi vil tage en praksis fra en anden afdeling.",
        "Kodeks med værdiord – det gav mening at formulere dem sammen.",
        "En elevatortale til kollegerne derhjemme, før vi går i gang.",
        "Planlægning med roller, så det ikke kun er ildsjælen, der bærer det.",
    ],
    "fra-driftsteam-til-fag-og-kompetencegrupper": [
        "Fag- og kompetencegrupper i stedet for det gamle driftsteam på el-området.",
        "Klare mandater til grupperne – hvad må de selv beslutte?",
        "En årsplan for gruppernes møder, så de ikke drukner i driften.",
        "",
    ],
    "teamledelse": [
        "Teamkoordinatoren som fast rolle med tid i opgaveoversigten.",
        "Kvartalsvise samtaler mellem leder og team om retning og trivsel.",
        "At teamet selv laver mødeplan og dagsorden.",
        "Synlige aftaler på en tavle i teamrummet.",
        "",
    ],
    "nye-ledelsesformer-og-samarbejde": [
        "Samarbejde med praktikstederne om fælles introduktion af nye elever.",
        "Delt ledelse af et forløb mellem to afdelinger – med én fælles plan.",
        "Faste opfølgningsmøder med praktikken efter hver praktikperiode.",
        "",
    ],
    "lede-paa-viden-faglige-faellesskaber": [
        "Data om fravær som udgangspunkt for samtaler i faggruppen, ikke som kontrol.",
        "En fælles læsegruppe om ny forskning i feedback.",
        "Lederen deltager i faggruppen to gange om semestret.",
        "Et overblik over, hvem der ved noget om hvad.",
    ],
    "ambassadoerer-som-oversaettere": [
        "To ambassadører pr. afdeling, der oversætter strategien til hverdagen.",
        "Ambassadørerne mødes med ledelsen hver måned og tager spørgsmål med tilbage.",
        "Tydeligt mandat og timer til ambassadørerne fra start.",
        "",
    ],
    "faglige-faellesskaber": [
        "Tværfaglige fællesskaber om digitale værktøjer i undervisningen.",
        "Fællesskaber, der selv vælger tema for semestret.",
        "Et fast lokale og et fast tidspunkt – det er det, der holder det i live.",
        "At dele materialer i én fælles mappe i stedet for i mails.",
        "",
    ],
    "ledelse-paa-kerneydelsen": [
        "At starte ledermøderne med en konkret sag fra undervisningen.",
        "Ledelsesgang i klasserne med et aftalt fokus og en kort samtale bagefter.",
        "Færre projekter på én gang – vi vælger tre og lader resten vente.",
        "",
    ],
    "nyeste-viden-i-undervisningen": [
        "Observation af egen undervisning med et antropologisk blik.",
        "Et kort oplæg om ny viden på hvert afdelingsmøde.",
        "Aftale med en forsker om at følge et forløb hos os.",
        "Elevernes hverdag som udgangspunkt for, hvordan vi planlægger.",
        "",
    ],
}

# Cards at today's event already (the demo leader has none yet: they write one themselves).
RUNNING_CARDS = [
    (
        "medarbejder",
        "videndelingsplatform",
        "try",
        "Vi lægger vores forløbsbeskrivelser på platformen i stedet for i mails.",
    ),
    (
        "mikkel.dahl",
        "netvaerksledelse",
        "implement",
        "Et netværk med UU og praktikken, der mødes fire gange om året.",
    ),
    (
        "emil.winther",
        "faglige-faellesskaber",
        "inspiration",
        "",
    ),
    (
        "fatima.ali",
        "baseline-og-sommer-camp-som-afsaet-for-differentiering-i-undervisningen",
        "try",
        "En baseline i første uge, så holdene kan deles efter niveau i dansk.",
    ),
    (
        "birgitte.moeller",
        "tvaerorganisatorisk-ledelse",
        "try",
        "En fælles ledergruppe med hospitalet om de studerendes kliniske forløb.",
    ),
]
