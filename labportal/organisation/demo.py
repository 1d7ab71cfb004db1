"""The demo's organisation: labs, the program, its tracks and institutions.

Names and facts follow the inspiration booklet "Nye ledelses- og samarbejdsformer"; every
sentence here is written for the demo. The demo account `strateg` owns the program and its
tracks: owners act at the strategic level (launch, decide), so signing in as `strateg`
shows that work.
"""

from django.utils.translation import ngettext_lazy

LABS = [
    {"slug": "paedagogisk-og-didaktisk-praksis", "name": "Pædagogisk og Didaktisk praksis"},
    {"slug": "vekseluddannelse", "name": "Vekseluddannelse"},
    {"slug": "ledelse-og-styring", "name": "Ledelse og Styring"},
    {"slug": "karriere", "name": "Karriere"},
]

PROGRAM_SLUG = "nye-ledelses-og-samarbejdsformer"

PROGRAM = {
    "slug": PROGRAM_SLUG,
    "title": "Nye ledelses- og samarbejdsformer",
    "lab": "ledelse-og-styring",
    "tracks": ["innovationsbaseret-ledelse", "relationsbaseret-ledelse", "udforskende-ledelse"],
    "introduction": (
        "Programmet samler eksperimenter, hvor ledere og medarbejdere afprøver nye måder at "
        "lede og samarbejde på – på tværs af afdelinger, uddannelser og institutioner.\n\n"
        "Eksperimenterne er ordnet i tre forsøgsspor, og det, der virker, samles i ledelses- "
        "og samarbejdskoncepter, som andre kan tage i brug."
    ),
    "owner": "strateg",
}

TRACKS = [
    {
        "slug": "innovationsbaseret-ledelse",
        "title": "Innovationsbaseret ledelse",
        "program": PROGRAM_SLUG,
        "aliases": [
            "Innovationsbaserede ledelsesformer",
            "Innovationsbaseret ledelsesform",
            "Innovativ ledelsespraksis",
            "Vidensbaseret ledelsesform",
        ],
        "owner": "strateg",
    },
    {
        "slug": "relationsbaseret-ledelse",
        "title": "Relationsbaseret ledelse",
        "program": PROGRAM_SLUG,
        "aliases": [
            "Relationsbaserede ledelsesformer",
            "Relationelbaseret ledelsesform",
            "Relationsbaseret ledelseform",
        ],
        "owner": "strateg",
    },
    {
        "slug": "udforskende-ledelse",
        "title": "Udforskende ledelse",
        "program": PROGRAM_SLUG,
        "aliases": ["Udforskende ledelsesformer"],
        "owner": "strateg",
    },
]

INSTITUTIONS = [
    {
        "slug": "tec",
        "name": "TEC",
        "educations": [{"slug": "datatekniker", "name": "Datateknikeruddannelsen"}],
    },
    {
        "slug": "kea",
        "name": "KEA",
        "educations": [{"slug": "multimediedesigner", "name": "Multimediedesigneruddannelsen"}],
    },
    {"slug": "cph-west", "name": "CPH WEST", "educations": []},
    {
        "slug": "sosu-c",
        "name": "SOSU C",
        "educations": [
            {"slug": "social-og-sundhedshjaelper", "name": "Social- og sundhedshjælperuddannelsen"}
        ],
    },
    {"slug": "uu-koebenhavn", "name": "UU København", "educations": []},
    {
        "slug": "metropol",
        "name": "Metropol",
        "educations": [{"slug": "bioanalytiker", "name": "Bioanalytikeruddannelsen"}],
    },
]


def demo_part() -> dict:
    return {"labs": LABS, "programs": [PROGRAM], "tracks": TRACKS, "institutions": INSTITUTIONS}


SUMMARY = {
    "programs": ngettext_lazy(
        "%(count)d program (%(titles)s)", "%(count)d programs (%(titles)s)", "count"
    ),
    "tracks": ngettext_lazy("%(count)d track", "%(count)d tracks", "count"),
    "institutions": ngettext_lazy("%(count)d institution", "%(count)d institutions", "count"),
}
