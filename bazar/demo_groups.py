"""The demo's follow-up after the finished bazar (projektbazar-1): the event moves on to
follow-up the day after it closed, and four follow-up groups have held both their
workshops (a week and two weeks after the event, so in the past) with what they recorded:
the arena, value words, codex, re-design notes and pitch; then the refreshed codex and
pitch, the final design, the planning and who does what by when. The demo leader `leder`
is a member of the first group. Every sentence is written for the demo.

`add_follow_up(row, day)` changes the event's "bazar_events" row (portability_groups.py
reads its "groups"); members are the holders of the event's "try"/"implement" cards of the
booth and education, so the groups always match the cards.
"""

import datetime as dt

from django.utils import timezone

from . import demo_data as data

NAMES = {
    "kea": "Multimediedesigneruddannelsen",
    "tec": "Datateknikeruddannelsen",
    "sosu": "Social- og sundhedshjælperuddannelsen",
    "metropol": "Bioanalytikeruddannelsen",
}


def _at(day: dt.date, hour: int, minute: int = 0) -> str:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    return moment.astimezone(dt.UTC).isoformat()


# (booth's experiment, education, workshop 1, workshop 2 with role deadlines in days after
# the event)
GROUPS = [
    (
        "faglige-faellesskaber",
        "kea",
        {
            "arena": [
                {
                    "stakeholder": "Underviserne på 1. og 2. semester",
                    "stake": "Tid og et "
                    "rum til at dele feedbackpraksis uden at det bliver endnu et møde",
                },
                {
                    "stakeholder": "Uddannelseslederen",
                    "stake": "At fællesskabet giver bedre projekter og ikke kun trivsel",
                },
                {
                    "stakeholder": "De studerende",
                    "stake": "Mere ensartet og brugbar feedback på tværs af holdene",
                },
                {
                    "stakeholder": "Skemalæggeren",
                    "stake": "En fast time, der ikke vælter resten af ugeplanen",
                },
            ],
            "values": ["Nysgerrighed", "Åbenhed", "Skiftende ansvar", "Små skridt"],
            "codex": "- Vi mødes hver anden uge, også når der er travlt.\n"
            "- Tovholderen skifter, og ingen forbereder mere end et kvarter.\n"
            "- Vi tager et konkret projekt med hver gang.",
            "redesign": "Fællesskabet på bazaren var tværfagligt på en stor skole. Hos os "
            "er det to hold på samme uddannelse, så vi gør det mindre: én time, "
            "fire til seks undervisere, og feedback på projekter som eneste tema "
            "det første semester.",
            "pitch": "Vi vil blive bedre til at give feedback på projekter – sammen. "
            "En time hver anden uge tager vi et rigtigt projekt med og ser, hvordan "
            "vi hver især ville give feedback. Ingen forberedelse ud over at tage "
            "projektet med. Efter et semester ser vi, om de studerende mærker en "
            "forskel.",
        },
        {
            "codex": "- Hver anden torsdag kl. 14–15, lokale A2.08.\n"
            "- Tovholderen skifter efter en fast liste.\n"
            "- Et konkret projekt på bordet – ellers aflyser vi.\n"
            "- Vi skriver én ting ned, som vi prøver på holdet inden næste gang.",
            "pitch": "Feedbackfællesskabet er en time hver anden torsdag, hvor vi kigger "
            "på et rigtigt projekt og sammenligner vores feedback. Det kræver ingen "
            "forberedelse, og det giver de studerende mere ensartede "
            "tilbagemeldinger. Kom og vær med fra næste semester.",
            "final_design": "Et fagligt fællesskab for underviserne på 1. og 2. semester "
            "med feedback på projekter som tema. Fire til seks deltagere, "
            "skiftende tovholder, og en kort note efter hvert møde i den "
            "fælles mappe.",
            "planning": "Første møde i uge 6. Tiden er lagt ind i skemaet som fast "
            "aktivitet. Lederen deltager to gange i semestret. Evaluering med "
            "de studerendes feedback-spørgeskema i uge 24.",
            "roles": [
                ("Uddannelseslederen", "Lægger tiden ind i opgaveoversigten", 30),
                ("Peter", "Laver tovholderlisten og den fælles mappe", 35),
                ("Alle", "Tager hver et projekt med til de første fire møder", 60),
            ],
        },
    ),
    (
        "faglige-faellesskaber",
        "sosu",
        {
            "arena": [
                {
                    "stakeholder": "Underviserne i sundhedsfagene",
                    "stake": "Et sted at dele erfaringer med simulation",
                },
                {
                    "stakeholder": "Praktikvejlederne i kommunen",
                    "stake": "At eleverne møder samme sprog på skolen og i praktikken",
                },
                {"stakeholder": "Ledelsen", "stake": "Bedre gennemførelse på grundforløbet"},
            ],
            "values": ["Fællesskab", "Praksisnærhed", "Respekt"],
            "codex": "Vi deler det, der virker, og det, der ikke gjorde. Ingen skal "
            "præsentere noget færdigt.",
            "redesign": "Vi inviterer to praktikvejledere med to gange om året, så "
            "fællesskabet ikke kun handler om skolen.",
            "pitch": "Et fagligt fællesskab om simulation, hvor undervisere og "
            "praktikvejledere mødes og deler erfaringer. Målet er, at eleverne "
            "oplever en rød tråd mellem skole og praktik.",
        },
        {
            "codex": "Vi deler både det, der virker, og det, der ikke gjorde. Praktikken "
            "har en fast plads ved bordet to gange om året.",
            "pitch": "Simulationsfællesskabet samler undervisere og praktikvejledere om "
            "den samme praksis. Eleverne får en rød tråd, og vi får et sted at "
            "blive klogere sammen.",
            "final_design": "Et fællesskab på seks undervisere, der mødes en gang om "
            "måneden, og to åbne møder om året med praktikvejlederne.",
            "planning": "Datoerne for hele året sendes ud inden jul. Det første åbne møde "
            "holdes i simulationslokalet.",
            "roles": [
                ("Hanne", "Inviterer praktikvejlederne", 28),
                ("Fatima", "Finder tre simulationscases til første møde", 40),
            ],
        },
    ),
    (
        "fra-fakta-ark-til-implementering",
        "tec",
        {
            "arena": [
                {
                    "stakeholder": "Afdelingens undervisere",
                    "stake": "At nye tiltag ikke bare lægges oven i det, de allerede gør",
                },
                {
                    "stakeholder": "Afdelingslederen",
                    "stake": "Et fælles sprog for, hvornår et forsøg er færdigt",
                },
                {
                    "stakeholder": "Eleverne på hovedforløbet",
                    "stake": "At forsøgene faktisk gør undervisningen bedre",
                },
            ],
            "values": ["Ejerskab", "Tydelighed", "Ærlighed om det, der ikke virker"],
            "codex": "Et forsøg beskrives på én side, før vi går i gang, og vi beslutter "
            "sammen, hvad der skal til for at kalde det en succes.",
            "redesign": "Faktaarket skal være kortere hos os: tre felter – hvad vi prøver, "
            "hvem der er med, og hvordan vi ser, om det virker.",
            "pitch": "Vi vil tage gode forsøg fra andre afdelinger hjem uden at drukne i "
            "projekter. Et kort faktaark og en workshop, før vi går i gang, giver "
            "ejerskab og gør det tydeligt, hvornår vi stopper igen.",
        },
        {
            "codex": "Ét faktaark, én workshop, én aftale om, hvornår vi evaluerer. Vi "
            "siger højt, når noget ikke virker.",
            "pitch": "Med et kort faktaark og en fælles workshop tager vi nye praksisser "
            "hjem på en måde, hvor alle ved, hvad vi prøver, og hvornår vi "
            "beslutter, om det skal blive.",
            "final_design": "Afdelingen bruger et faktaark med tre felter og holder en "
            "halv dags workshop med arenamodellen, før et forsøg starter.",
            "planning": "Første forsøg efter modellen er makkerpar på 2. hovedforløb. "
            "Workshoppen holdes på den pædagogiske dag i marts.",
            "roles": [
                ("Lars", "Skriver skabelonen til faktaarket", 25),
                ("Rasmus", "Planlægger workshoppen på den pædagogiske dag", 45),
            ],
        },
    ),
    (
        "teamledelse",
        "tec",
        {
            "arena": [
                {
                    "stakeholder": "Teamet på el-området",
                    "stake": "Mere indflydelse på opgavefordelingen",
                },
                {"stakeholder": "Teamkoordinatoren", "stake": "Tid og mandat til rollen"},
                {"stakeholder": "Lederen", "stake": "Færre sager, der ender på hans bord"},
            ],
            "values": ["Tillid", "Ansvar", "Gennemsigtighed"],
            "codex": "Teamet fordeler selv opgaverne på det ugentlige møde, og aftalerne "
            "hænger på tavlen.",
            "redesign": "Vi starter med ét team i et halvt år i stedet for hele "
            "afdelingen, og koordinatoren får to timer om ugen.",
            "pitch": "Vi prøver selvstyrende teammøder i ét team i et halvt år: teamet "
            "fordeler selv opgaverne, og en koordinator med tid til rollen holder "
            "styr på aftalerne.",
        },
        {
            "codex": "Teamet fordeler opgaverne, koordinatoren holder tavlen opdateret, og "
            "lederen spørges kun om det, teamet ikke selv må beslutte.",
            "pitch": "Selvstyrende teammøder i el-teamet: kortere møder, synlige aftaler og "
            "færre sager hos lederen. Vi evaluerer efter et halvt år.",
            "final_design": "Et ugentligt teammøde på 30 minutter med fast dagsorden, en "
            "koordinator med to timer om ugen og en tavle i teamrummet.",
            "planning": "Start efter vinterferien. Koordinatoren vælges på første møde. "
            "Midtvejsstatus med lederen efter tre måneder.",
            "roles": [
                ("Emil", "Sætter tavlen op i teamrummet", 24),
                ("Teamet", "Vælger koordinator", 30),
                ("Lederen", "Afsætter timerne i opgaveoversigten", 30),
            ],
        },
    ),
]


def _members(row: dict, booth: str, education: str) -> list[str]:
    ref = data.EDUCATIONS[education]
    of_education = {a["person"] for a in row["attendees"] if a["education"] == ref}
    return sorted(
        c["visitor"]
        for c in row["interest_cards"]
        if c["booth"] == booth
        and c["commitment"] in ("try", "implement")
        and c["visitor"] in of_education
    )


def _workshop(number: int, day: dt.date, hour: int, content: dict, invited: dt.date) -> dict:
    return {
        "number": number,
        "starts_at": _at(day, hour),
        "ends_at": _at(day, hour + 3, 30),
        "place": "KEA Guldbergsgade, mødelokale 3.12"
        if number == 1
        else "TEC Frederiksberg, lærerværelset",
        "content": content,
        "invited_at": _at(invited, 10),
    }


def demo_groups(row: dict, day: dt.date) -> list[dict]:
    booths = {b["experiment"]: b for b in row["booths"]}
    groups, invited = [], day + dt.timedelta(days=2)
    for n, (experiment, education, first, second) in enumerate(GROUPS):
        booth = booths[experiment]
        members = _members(row, booth["slug"], education)
        name = NAMES[education]
        roles = [
            {"who": who, "what": what, "by": (day + dt.timedelta(days=days)).isoformat()}
            for who, what, days in second["roles"]
        ]
        groups.append(
            {
                "booth": booth["slug"],
                "members": members,
                "workshops": [
                    _workshop(1, day + dt.timedelta(days=7 + n % 2), 9, first, invited),
                    _workshop(
                        2,
                        day + dt.timedelta(days=14 + n % 2),
                        12,
                        {**second, "roles": roles},
                        invited,
                    ),
                ],
                "title": f"{booth['title']} – {name}"[:200],
                "basis": "education",
                "reason": f"{len(members)} balkort fra {name} vil afprøve eller implementere "
                f"“{booth['title']}”.",
                "created_by": "strateg",
                "cards": [{"visitor": m, "booth": booth["slug"]} for m in members],
            }
        )
    return sorted(groups, key=lambda g: (booths_order(row, g["booth"]), g["booth"], g["title"]))


def booths_order(row: dict, slug: str) -> int:
    return next(b["order"] for b in row["booths"] if b["slug"] == slug)


def add_follow_up(row: dict, day: dt.date) -> None:
    """The finished event `row` (held on `day`) moves to follow-up the next day and gets its
    groups."""
    row["status"] = "follow_up"
    row["status_history"].append(
        {"from": "closed", "to": "follow_up", "by": "strateg", "at": _at(day + dt.timedelta(1), 9)}
    )
    row["groups"] = demo_groups(row, day)
