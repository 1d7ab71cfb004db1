"""The organisation's part of the booklet import: the lab, the program, its tracks and their
aliases, and the institutions the experiments name.

Each is found among what the portal holds (by slug, then by name; a track also by its
aliases), so an import after the demo or after editing updates it instead of adding a second
one. A track label the booklet could not settle may be an alias the portal knows; otherwise it
is reported where its experiment starts.

Left in the context for later parts: "program"; "tracks", each track by the booklet's title
and by any label the portal's aliases settled; "institutions", by the booklet's name.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from labportal.booklet import BookletContext, ParsedBooklet, booklet_save
from labportal.booklet.parsed import LabelSource, ParsedTrack, ResolvedLabel, Unplaced
from labportal.core.text import danish_slugify

from .models import DevelopmentLab, Institution, Program, Track, TrackAlias


def booklet_apply(parsed: ParsedBooklet, context: BookletContext) -> None:
    report = context.report
    lab = None
    if parsed.lab:
        lab = booklet_save(
            DevelopmentLab,
            lab_found(slug=parsed.lab_slug, name=parsed.lab),
            slug=parsed.lab_slug,
            values={},
            create={"name": parsed.lab},
            report=report,
            kind="lab",
        )
    slug = context.program_slug or parsed.program_slug
    program = booklet_save(
        Program,
        # A program the caller names by slug is that one, whatever its title.
        program_found(slug=slug, title=parsed.program, by_title=not context.program_slug),
        slug=slug,
        values={"lab": lab},
        create={"title": parsed.program},
        report=report,
        kind="program",
    )
    tracks = {
        t.title: booklet_save(
            Track,
            track_found(t),
            slug=t.slug,
            values={"program": program},
            create={"title": t.title},
            report=report,
            kind="track",
        )
        for t in parsed.tracks
    }
    _portal_labels(parsed, tracks, context)
    for parsed_track in parsed.tracks:
        for alias in parsed_track.aliases:
            _alias(tracks[parsed_track.title], alias, context)
    institutions = {}
    for name in parsed.institutions:
        slug = danish_slugify(name)
        institutions[name] = booklet_save(
            Institution,
            institution_found(slug=slug, name=name),
            slug=slug,
            values={},
            create={"name": name},
            report=report,
            kind="institution",
        )
    context["program"] = program
    context["tracks"] = tracks
    context["institutions"] = institutions
    context.tick()


def _portal_labels(parsed: ParsedBooklet, tracks: dict[str, Track], context) -> None:
    """A label the booklet could not settle may be a track alias the portal knows already;
    otherwise it is reported where the experiment starts."""
    booklet_tracks = {track.pk for track in tracks.values()}
    for experiment in parsed.unresolved_labels:
        label = experiment.track_spelling
        track = track_by_name(label)
        if track is not None and track.pk in booklet_tracks:
            tracks.setdefault(label, track)
            context.report.resolved_aliases.append(
                ResolvedLabel(
                    line=experiment.line,
                    label=label,
                    track=track.title,
                    source=LabelSource.PORTAL,
                    experiment=experiment.title,
                )
            )
            continue
        context.report.unplaced.append(
            Unplaced(experiment.line, f"Forsøgsspor: {label}", _("unknown track spelling"))
        )


def _alias(track: Track, name: str, context) -> None:
    existing = TrackAlias.objects.filter(name__iexact=name).select_related("track").first()
    if existing is None:
        TrackAlias.objects.create(track=track, name=name)
        context.report.record("track_alias", "created", name)
    elif existing.track_id == track.pk:
        context.report.record("track_alias", "unchanged", name)
    else:
        context.report.unplaced.append(
            Unplaced(
                0,
                name,
                _("alias already belongs to the track “%(track)s”")
                % {"track": existing.track.title},
            )
        )


# Finding what the portal holds: by slug (`danish_slugify` of the name, the slug the demo
# and the editing forms give), then by name, case-insensitively.


def lab_found(*, slug: str, name: str) -> DevelopmentLab | None:
    return (
        DevelopmentLab.objects.filter(slug=slug).first()
        or DevelopmentLab.objects.filter(name__iexact=name).order_by("pk").first()
    )


def program_found(*, slug: str, title: str, by_title: bool = True) -> Program | None:
    found = Program.objects.filter(slug=slug).first()
    if found is None and by_title:
        found = Program.objects.filter(title__iexact=title).order_by("pk").first()
    return found


def institution_found(*, slug: str, name: str) -> Institution | None:
    return (
        Institution.objects.filter(slug=slug).first()
        or Institution.objects.filter(name__iexact=name).order_by("pk").first()
    )


def track_found(parsed: ParsedTrack) -> Track | None:
    found = Track.objects.filter(slug=parsed.slug).first()
    if found is not None:
        return found
    for name in (parsed.title, *parsed.aliases):
        found = track_by_name(name)
        if found is not None:
            return found
    return None


def track_by_name(name: str) -> Track | None:
    """The track titled `name`, or the one `name` is an alias of."""
    if not name:
        return None
    found = Track.objects.filter(title__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    alias = TrackAlias.objects.filter(name__iexact=name).select_related("track").first()
    return alias.track if alias is not None else None
