"""Small text helpers shared across the portal."""

from django.utils.text import slugify

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(text: str, max_length: int = 100) -> str:
    """A URL slug that spells out æ, ø and å ("Mødekultur" -> "moedekultur").

    Django's `slugify` drops these letters ("mdekultur"); every slug the portal derives from
    a Danish name (experiments, concepts, tracks, institutions, labs, programs) goes through
    here, so the booklet importer, the demo and the editing forms agree. The result is cut to
    `max_length` characters and never ends (or starts) with a hyphen; it may be empty.
    """
    return slugify(text.translate(DANISH_LETTERS))[:max_length].strip("-")
