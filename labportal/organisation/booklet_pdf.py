"""The organisation's part of a program's booklet (labportal.pdf.booklet): the program's
introduction, and each track's chapter heading."""

from labportal.pdf.booklet import Section


def introduction(program) -> dict | None:
    return {"program": program} if program.introduction.strip() else None


def track_chapter(track) -> dict:
    return {"track": track}


SECTIONS = [
    Section(10, "program", "pdf/organisation/introduction.html", introduction),
    Section(0, "track", "pdf/organisation/track_chapter.html", track_chapter),
]
