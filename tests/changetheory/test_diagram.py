"""The change-theory diagram: a valid SVG with every sign and every linked experiment (each a
link), user text escaped, long text cut with an ellipsis, no overlapping boxes, translated
headings, and no queries of its own."""

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import translation

from changetheory import diagram, diagram_text, selectors
from changetheory.models import ChangeTheory, Sign, SignExperiment
from experiments.enums import Decision, Phase
from labportal.organisation.models import Program, Track
from tests.factories import ExperimentFactory, InstitutionFactory, ProgramFactory, TrackFactory

pytestmark = pytest.mark.django_db

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"

HEADINGS = {
    "en": [
        "Challenge",
        "Trial tracks",
        "Signs of improved practice",
        "Transformative hypothesis",
        "Actions and resources",
        "Desired practice",
        "Effects in the short term",
        "Effects in the long term",
    ],
    "da": [
        "Udfordring",
        "Forsøgsspor",
        "Tegn på forbedret praksis",
        "Transformativ hypotese",
        "Aktioner og ressourcer",
        "Ønsket praksis",
        "Effekter på kort sigt",
        "Effekter på lang sigt",
    ],
}


@pytest.fixture
def program():
    return ProgramFactory(title="Nye ledelses- og samarbejdsformer")


def make_theory(subject: Program | Track, *, signs=(), **fields) -> ChangeTheory:
    """A theory with signs given as (text, [experiments]) pairs, written with the ORM."""
    kind = "program" if isinstance(subject, Program) else "track"
    theory = ChangeTheory.objects.create(slug=f"teori-{subject.slug}", **{kind: subject}, **fields)
    for position, (text, experiments) in enumerate(signs):
        sign = Sign.objects.create(theory=theory, text=text, position=position)
        for experiment in experiments:
            SignExperiment.objects.create(sign=sign, experiment=experiment)
    return theory


def render(theory: ChangeTheory, language: str = "en", **kwargs) -> tuple[str, ET.Element]:
    page = selectors.theory_page(theory.slug)
    with translation.override(language):
        svg = str(diagram.theory_svg(page, **kwargs))
    return svg, parse(svg)


def parse(markup: str) -> ET.Element:
    """Our own output, parsed to check that it is well-formed XML (no entities, no DTD)."""
    return ET.fromstring(markup)  # noqa: S314 - the portal's own SVG, not outside input


def titles(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}title")]


def visible_text(element: ET.Element) -> str:
    """The text an element shows: each text's lines joined (a line broken at a space keeps
    the space), texts apart by a space."""
    return " ".join(
        "".join(span.text or "" for span in text.iter(f"{SVG}tspan"))
        for text in element.iter(f"{SVG}text")
    )


def headings(root: ET.Element) -> list[str]:
    return [
        visible_text(t)
        for t in root.iter(f"{SVG}text")
        if "ct-heading" in t.get("class", "").split()
    ]


def boxes(root: ET.Element) -> list[tuple[int, int, int, int]]:
    return [
        tuple(int(r.get(a)) for a in ("x", "y", "width", "height"))
        for r in root.iter(f"{SVG}rect")
        if r.get("class") != "ct-stripe"
    ]


def assert_no_overlaps(root: ET.Element) -> None:
    found = boxes(root)
    for (ax, ay, aw, ah), (bx, by, bw, bh) in itertools.combinations(found, 2):
        apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
        assert apart, f"boxes overlap: {(ax, ay, aw, ah)} and {(bx, by, bw, bh)}"
    width, height = (int(v) for v in root.get("viewBox").split()[2:])
    for x, y, w, h in found:
        assert 0 <= x <= x + w <= width
        assert 0 <= y <= y + h <= height


def test_the_diagram_holds_every_sign_and_every_linked_experiment_as_a_link(program):
    tracks = TrackFactory.create_batch(2, program=program)
    institution = InstitutionFactory()
    analysed = ExperimentFactory(
        track=tracks[0], institution=institution, title="Lede på viden", phase=Phase.ANALYSIS
    )
    adopted = ExperimentFactory(
        track=tracks[1],
        institution=institution,
        title="Faglige fællesskaber",
        phase=Phase.IMPLEMENTATION,
        decision=Decision.ADOPTED,
    )
    theory = make_theory(
        program,
        challenge="Ledelse udfordrer traditionelle strukturer.",
        hypothesis="Hvis ledere går tæt på praksis, så opstår forandringskraft.",
        desired_practice="Ledere arbejder tæt sammen med aftagere.",
        actions=["Netværk på tværs"],
        effects_short=["Flere gennemfører"],
        effects_long=["Dynamiske institutioner"],
        signs=[
            ("Lederne træffer beslutninger på viden", [analysed, adopted]),
            ("Medarbejderne tager initiativ", [adopted]),  # one experiment, two signs
            ("Faste møder med aftagerne", []),
        ],
    )

    svg, root = render(theory)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "group"
    assert root.find("svg:title", NS).text == "Change theory for Nye ledelses- og samarbejdsformer"
    assert set(titles(root)) >= {
        "Lederne træffer beslutninger på viden",
        "Medarbejderne tager initiativ",
        "Faste møder med aftagerne",
        "Ledelse udfordrer traditionelle strukturer.",
        "Hvis ledere går tæt på praksis, så opstår forandringskraft.",
        "Ledere arbejder tæt sammen med aftagere.",
        "Netværk på tværs",
        "Flere gennemfører",
        "Dynamiske institutioner",
        *(t.title for t in tracks),
    }
    links = [(a.get("href"), visible_text(a)) for a in root.iter(f"{SVG}a")]
    adopted_text = "Faglige fællesskaber 6. Implementation and spreading phase · Adopted"
    assert links == [  # under each sign in the order of their titles
        (adopted.get_absolute_url(), adopted_text),
        (analysed.get_absolute_url(), "Lede på viden 4. Analysis and evaluation phase"),
        (adopted.get_absolute_url(), adopted_text),
    ]
    assert [a.get("class") for a in root.iter(f"{SVG}a")] == [
        "ct-experiment ct-phase-implementation",
        "ct-experiment ct-phase-analysis",
        "ct-experiment ct-phase-implementation",
    ]
    # The sign no experiment serves says so, under it.
    assert svg.count("No experiment serves this sign yet.") == 1
    # Every arrow's marker is defined in this SVG.
    marker_ids = {m.get("id") for m in root.iter(f"{SVG}marker")}
    used = {re.fullmatch(r"url\(#(.+)\)", p.get("marker-end")).group(1)
            for p in root.iter(f"{SVG}path") if p.get("marker-end")}  # fmt: skip
    assert used == marker_ids == {"theory-diagram-arrow"}
    # Arrows: challenge -> 3 signs, 2 experiment groups -> their signs, the signs' bus ->
    # hypothesis, hypothesis -> desired practice, desired practice -> 2 effects.
    assert len([p for p in root.iter(f"{SVG}path") if p.get("marker-end")]) == 3 + 2 + 1 + 1 + 2
    assert_no_overlaps(root)


def test_the_diagram_runs_no_query_of_its_own(program, django_assert_num_queries):
    experiment = ExperimentFactory(track=TrackFactory(program=program))
    theory = make_theory(program, signs=[("Et tegn", [experiment])])
    page = selectors.theory_page(theory.slug)

    with django_assert_num_queries(0), translation.override("da"):
        svg = diagram.theory_svg(page)

    assert experiment.get_absolute_url() in svg


def test_hostile_text_is_escaped_and_the_svg_still_parses(program):
    hostile = "<script>alert('x')</script> & \"citat\" 'apostrof' 🎉 <b>fed</b>"
    long_sign = "ord " * 1250  # 5,000 characters
    long_word = "x" * 5000
    experiment = ExperimentFactory(
        track=TrackFactory(program=program, title="Spor <i>&amp;</i>"),
        title="</text><a href='javascript:alert(1)'>klik</a> & co",
    )
    theory = make_theory(
        program,
        challenge=hostile,
        hypothesis="Kontroltegn\x0bog\x1fandet",
        desired_practice="]]><!-- -->",
        actions=[hostile],
        signs=[(hostile, [experiment]), (long_sign, []), (long_word, [])],
    )

    svg, root = render(theory)

    assert "<script" not in svg
    assert "<b>" not in svg
    assert not re.search(r"\sstyle=", svg)  # the CSP allows no inline styles
    assert "<style" not in svg
    shown = titles(root)
    assert hostile in shown  # the full text, read back unescaped
    assert "Kontroltegn og andet" in shown  # characters XML refuses dropped
    assert "Spor <i>&amp;</i>" in shown
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == [experiment.get_absolute_url()]
    assert visible_text(next(root.iter(f"{SVG}a"))).startswith("</text><a href=")
    # The long signs are cut to a few lines ending in an ellipsis; the titles keep it all.
    sign_groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "ct-box ct-sign"]
    for group, text in zip(sign_groups[1:], (long_sign, long_word), strict=True):
        assert group.find("svg:title", NS).text == text.strip()
        lines = [span.text for span in group.iter(f"{SVG}tspan")]
        assert len(lines) == diagram.MAX_LINES["sign"]
        assert lines[-1].endswith("…")
    assert_no_overlaps(root)


def test_an_empty_theory_draws_every_column_with_a_neutral_label(program):
    theory = make_theory(program)  # no tracks, no signs, no text

    _svg, root = render(theory, "da")

    empty = [g for g in root.iter(f"{SVG}g") if "ct-empty" in g.get("class", "").split()]
    # challenge, tracks, signs, hypothesis, actions, desired practice, short and long effects
    assert len(empty) == 8
    assert {visible_text(g) for g in empty} == {"Ikke beskrevet endnu."}
    assert all(r.get("stroke-dasharray") for g in empty for r in g.iter(f"{SVG}rect"))
    assert list(root.iter(f"{SVG}a")) == []
    assert_no_overlaps(root)


def test_a_track_theory_shows_its_own_track(program):
    track, other = TrackFactory.create_batch(2, program=program)
    theory = make_theory(track, desired_practice="Udforskende ledelse i praksis")

    _svg, root = render(theory)

    assert headings(root)[1] == "Trial track"
    assert track.title in titles(root)
    assert other.title not in titles(root)
    assert root.find("svg:title", NS).text == f"Change theory for {track.title}"


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_headings_are_translated(program, language):
    TrackFactory(program=program)
    theory = make_theory(program)

    _svg, root = render(theory, language)

    assert headings(root) == HEADINGS[language]


def test_a_large_theory_draws_every_sign_and_link(program):
    tracks = TrackFactory.create_batch(3, program=program)
    institution = InstitutionFactory()
    phases = list(Phase)
    experiments = [
        ExperimentFactory(track=tracks[i % 3], institution=institution, phase=phases[i % 6])
        for i in range(200)
    ]
    signs = [
        (f"Tegn nummer {n} på en bedre praksis i organisationen", experiments[n::30])
        for n in range(30)
    ]
    theory = make_theory(program, signs=signs, desired_practice="Bedre praksis")

    _svg, root = render(theory)

    links = list(root.iter(f"{SVG}a"))
    assert len(links) == 200
    assert {a.get("href") for a in links} == {e.get_absolute_url() for e in experiments}
    sign_boxes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "ct-box ct-sign"]
    assert [g.find("svg:title", NS).text for g in sign_boxes] == [text for text, _e in signs]
    # 30 signs <- challenge, 30 experiment groups -> signs, 4 further arrows
    assert len([p for p in root.iter(f"{SVG}path") if p.get("marker-end")]) == 30 + 30 + 4
    assert_no_overlaps(root)


def test_a_changed_sign_is_drawn_anew_not_taken_from_the_kept_picture(program):
    theory = make_theory(program, signs=[("Før", [])])
    render(theory)
    Sign.objects.filter(theory=theory).update(text="Efter")

    _svg, root = render(theory)

    assert "Efter" in titles(root)
    assert "Før" not in titles(root)


def test_two_diagrams_on_a_page_have_their_own_ids(program):
    theory = make_theory(program, signs=[("Et tegn", [])])

    _svg, first = render(theory, id_prefix="a")
    _svg, second = render(theory, id_prefix="b")

    ids = [{e.get("id") for e in root.iter() if e.get("id")} for root in (first, second)]
    assert ids == [{"a-title", "a-desc", "a-arrow"}, {"b-title", "b-desc", "b-arrow"}]
    assert first.get("aria-labelledby") == "a-title"
    assert second.get("aria-describedby") == "b-desc"


def test_the_template_tag_puts_the_diagram_in_a_scrolling_region(program):
    theory = make_theory(program, signs=[("Et tegn", [])])
    page = selectors.theory_page(theory.slug)
    template = Template("{% load theory_diagram %}{% theory_diagram page %}")

    with translation.override("en"):
        html = template.render(Context({"page": page}))

    wrapper = parse(html)
    assert wrapper.tag == "div"
    assert wrapper.attrib == {
        "class": "theory-diagram-scroll",
        "tabindex": "0",
        "role": "region",
        "aria-label": "Change theory diagram",
    }
    assert wrapper.find("svg:svg", NS) is not None


# Wrapping --------------------------------------------------------------------------------


def test_wrapped_lines_fit_and_read_as_the_text():
    text = "Ledere arbejder tæt sammen med aftagere om udvikling af uddannelserne"

    lines = diagram_text.wrap(text, width=164, size=14, max_lines=10)

    assert len(lines) > 1
    assert "".join(lines) == text
    assert all(diagram_text.em_width(line.rstrip()) * 14 <= 164 for line in lines)


def test_a_word_longer_than_a_line_is_broken_with_a_hyphen():
    lines = diagram_text.wrap("uddannelsesinstitutionernes", width=100, size=14, max_lines=5)

    assert len(lines) > 1
    assert lines[0].endswith("-")
    assert "".join(line.removesuffix("-") for line in lines) == "uddannelsesinstitutionernes"
    assert all(diagram_text.em_width(line) * 14 <= 100 for line in lines)


def test_a_text_too_long_ends_in_an_ellipsis_within_its_lines():
    lines = diagram_text.wrap("ord " * 100_000, width=164, size=14, max_lines=3)

    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(diagram_text.em_width(line.rstrip()) * 14 <= 164 for line in lines)


def test_an_empty_text_has_no_lines():
    assert diagram_text.wrap("  \n\t ", width=164, size=14, max_lines=3) == []
