"""A change theory drawn as a chart: a server-rendered SVG read from left to right, like the
booklet's figure. Columns: challenge and tracks; signs of improved practice, each with the
experiments that serve it (links, coloured by phase); transformative hypothesis with the
actions and resources under it; desired practice; effects in the short and the long term.

Only basic SVG (rect, text, tspan, path, a, marker, title, g), colours and sizes as
presentation attributes (no style attributes or elements: the portal's CSP allows styles
from its own files only; static/css/changetheory.css adds scrolling, focus and print), so the
same picture works inline and in a WeasyPrint PDF. SVG does not wrap text: diagram_text breaks
lines by an estimate of each character's width; long texts end in an ellipsis, and every
box carries its full text in a <title>. Every text is escaped. No queries: everything comes from
the TheoryPage, and the picture is kept per content, language and id prefix, as the wheel is.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from experiments.enums import Decision, Phase

from .diagram_data import DiagramData, ExperimentItem, diagram_data
from .diagram_text import clean, wrap
from .selectors import TheoryPage

# Geometry (user units = CSS pixels at natural size). The width fits the portal's content
# column (1200px container less its padding); CSS lets it shrink a little, then scroll.
MARGIN = 8
GAP = 32
COLUMN_WIDTHS = (184, 288, 184, 184, 184)
WIDTH = 2 * MARGIN + sum(COLUMN_WIDTHS) + GAP * (len(COLUMN_WIDTHS) - 1)
PAD_X = 10
PAD_Y = 8
EXPERIMENT_INDENT = 22
STRIPE = 6
SPACE_BETWEEN = 8
SPACE_AFTER_SIGN = 18

TEXT_SIZE = 14
SMALL_SIZE = 13
HEADING_SIZE = 15
LINE_FACTOR = 1.3

FONT = "IBM Plex Sans, Arial, Helvetica, sans-serif"
INK = "#1a1a1a"
MUTED = "#595959"
LINE = "#595959"

# (fill, stroke) of each kind of box.
KINDS = {
    "challenge": ("#f3f3f3", "#767676"),
    "track": ("#ffffff", "#767676"),
    "sign": ("#e6eef7", "#0059b3"),
    "hypothesis": ("#fff6d9", "#8a6d00"),
    "action": ("#ffffff", "#8a6d00"),
    "desired": ("#e4f4e1", "#2f6b2a"),
    "effect": ("#eef1f6", "#3b4a63"),
    "empty": ("#ffffff", "#8c8c8c"),
}

# The phases' colours: the portal's phase badges (static/css/portal.css), (background, ink).
PHASE_COLOURS = {
    Phase.PRE: ("#ece4f7", "#3d2566"),
    Phase.DESIGN: ("#e2f2fb", "#0b3f66"),
    Phase.ACTION: ("#fde7d9", "#7a2c00"),
    Phase.ANALYSIS: ("#dff3f1", "#064d4d"),
    Phase.CONCEPT: ("#fbf0cc", "#5a4100"),
    Phase.IMPLEMENTATION: ("#ddf7ce", "#1f4d14"),
}

# How many lines a box may take before its text ends in an ellipsis.
MAX_LINES = {"text": 14, "track": 4, "sign": 6, "item": 6, "experiment": 3, "heading": 3}


def theory_svg(page: TheoryPage, id_prefix: str = "theory-diagram") -> SafeString:
    """The theory's chart as an <svg> element (give each chart on a page its own prefix)."""
    return _svg(diagram_data(page), get_language() or "", id_prefix)


@lru_cache(maxsize=32)
def _svg(data: DiagramData, language: str, id_prefix: str) -> SafeString:
    # `language` is part of the key: the headings are translated while drawing.
    return mark_safe(_Chart(data, id_prefix).render())  # noqa: S308 - every text escaped in _Chart


# Drawing ----------------------------------------------------------------------------------


@dataclass
class _Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def middle(self) -> int:
        return self.y + self.h // 2

    @property
    def bottom(self) -> int:
        return self.y + self.h


def _line_height(size: int) -> int:
    return round(size * LINE_FACTOR)


class _Chart:
    def __init__(self, data: DiagramData, id_prefix: str):
        self.data = data
        self.prefix = escape(id_prefix)
        self.out: list[str] = []
        self.lines: list[str] = []  # connectors, drawn under the boxes
        self.columns = []
        x = MARGIN
        for width in COLUMN_WIDTHS:
            self.columns.append((x, width))
            x += width + GAP

    # Pieces

    def _text(self, lines, x, top, *, size, fill=INK, bold=False, italic=False, css="") -> int:
        """Lines of text from `top` down; returns the height they take."""
        height = _line_height(size)
        baseline = top + round((height + size * 0.72) / 2)
        attrs = f'font-size="{size}" fill="{fill}"'
        if bold:
            attrs += ' font-weight="700"'
        if italic:
            attrs += ' font-style="italic"'
        if css:
            attrs += f' class="{css}"'
        self.out.append(f"<text {attrs}>")
        for index, line in enumerate(lines):
            y = baseline + index * height
            self.out.append(f'<tspan x="{x}" y="{y}">{escape(line)}</tspan>')
        self.out.append("</text>")
        return height * len(lines)

    def _rect(self, box: _Box, fill: str, stroke: str, *, dashed=False, css="") -> None:
        extra = ' stroke-dasharray="5 3"' if dashed else ""
        if css:
            extra += f' class="{css}"'
        self.out.append(
            f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="4" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{extra}/>'
        )

    def box(self, x: int, y: int, w: int, text: str, *, kind: str, max_lines: int) -> _Box:
        """A box with wrapped text, its full text as a tooltip; a dashed box saying so when
        there is no text."""
        lines = wrap(text, width=w - 2 * PAD_X, size=TEXT_SIZE, max_lines=max_lines)
        empty = not lines
        if empty:
            lines = [_("Not described yet.")]
        box = _Box(x, y, w, 2 * PAD_Y + _line_height(TEXT_SIZE) * len(lines))
        fill, stroke = KINDS["empty" if empty else kind]
        self.out.append(f'<g class="ct-box ct-{kind}{" ct-empty" if empty else ""}">')
        if not empty:
            self.out.append(f"<title>{escape(clean(text))}</title>")
        self._rect(box, fill, stroke, dashed=empty)
        self._text(
            lines, x + PAD_X, y + PAD_Y, size=TEXT_SIZE, fill=MUTED if empty else INK, italic=empty
        )
        self.out.append("</g>")
        return box

    def boxes(self, x: int, y: int, w: int, items, *, kind: str) -> tuple[list[_Box], int]:
        """One box per item of a list (a single "not described" box for an empty list)."""
        boxes = []
        for item in items or ("",):
            boxes.append(self.box(x, y, w, item, kind=kind, max_lines=MAX_LINES["item"]))
            y = boxes[-1].bottom + SPACE_BETWEEN
        return boxes, y

    def heading(self, x: int, y: int, w: int, text: str, *, size=HEADING_SIZE) -> int:
        lines = wrap(text, width=w, size=size, max_lines=MAX_LINES["heading"])
        return self._text(lines, x, y, size=size, bold=True, css="ct-heading")

    def experiment(self, x: int, y: int, w: int, item: ExperimentItem) -> _Box:
        phase = Phase(item.phase) if item.phase in Phase.values else Phase.PRE
        background, ink = PHASE_COLOURS[phase]
        text_width = w - STRIPE - 2 * PAD_X
        title = wrap(
            item.title, width=text_width, size=SMALL_SIZE, max_lines=MAX_LINES["experiment"]
        )
        label = f"{phase.number}. {phase.label}"
        if item.decision in Decision.values:
            label = f"{label} · {Decision(item.decision).label}"
        label_lines = wrap(label, width=text_width, size=SMALL_SIZE, max_lines=2)
        height = 2 * PAD_Y + _line_height(SMALL_SIZE) * (len(title) + len(label_lines))
        box = _Box(x, y, w, height)
        name = f"{clean(item.title)} ({clean(label)})"
        self.out.append(
            f'<a class="ct-experiment ct-phase-{phase.value}" href="{escape(item.url)}" '
            f'aria-label="{escape(name)}">'
        )
        self.out.append(f"<title>{escape(name)}</title>")
        self._rect(box, background, ink, css="ct-experiment-box")
        self.out.append(
            f'<rect class="ct-stripe" x="{x}" y="{y}" width="{STRIPE}" height="{height}" '
            f'fill="{ink}"/>'
        )
        text_x = x + STRIPE + PAD_X
        used = self._text(title, text_x, y + PAD_Y, size=SMALL_SIZE, css="ct-experiment-title")
        self._text(label_lines, text_x, y + PAD_Y + used, size=SMALL_SIZE, fill=ink, bold=True)
        self.out.append("</a>")
        return box

    def arrow(self, d: str) -> None:
        self.lines.append(
            f'<path d="{d}" fill="none" stroke="{LINE}" stroke-width="1.5" '
            f'marker-end="url(#{self.prefix}-arrow)"/>'
        )

    def line(self, d: str) -> None:
        self.lines.append(f'<path d="{d}" fill="none" stroke="{LINE}" stroke-width="1.5"/>')

    def fan(self, source: _Box, targets: list[_Box]) -> None:
        """One box to several to its right: across to a bus in the gap, arrows into each."""
        bus = source.right + (targets[0].x - source.right) // 2
        ys = [source.middle] + [t.middle for t in targets]
        self.line(f"M {source.right} {source.middle} H {bus}")
        if min(ys) != max(ys):
            self.line(f"M {bus} {min(ys)} V {max(ys)}")
        for target in targets:
            self.arrow(f"M {bus} {target.middle} H {target.x}")

    def merge(self, sources: list[_Box], target: _Box) -> None:
        """Several boxes to one to their right: into a bus in the gap, one arrow out."""
        bus = sources[0].right + (target.x - sources[0].right) // 2
        ys = [target.middle] + [s.middle for s in sources]
        for source in sources:
            self.line(f"M {source.right} {source.middle} H {bus}")
        if min(ys) != max(ys):
            self.line(f"M {bus} {min(ys)} V {max(ys)}")
        self.arrow(f"M {bus} {target.middle} H {target.x}")

    # Columns: each draws itself from `self.top` down and returns where it ends

    def render(self) -> str:
        columns = (
            ("challenge", _("Challenge"), self._challenge_column),
            ("signs", _("Signs of improved practice"), self._signs_column),
            ("hypothesis", _("Transformative hypothesis"), self._hypothesis_column),
            ("desired", _("Desired practice"), self._desired_column),
            ("effects", _("Effects in the short term"), self._effects_column),
        )
        headings = [
            wrap(title, width=width, size=HEADING_SIZE, max_lines=MAX_LINES["heading"])
            for (_x, width), (_name, title, _draw) in zip(self.columns, columns, strict=True)
        ]
        self.top = MARGIN + max(map(len, headings)) * _line_height(HEADING_SIZE) + 8
        bottom = self.top
        for (x, width), lines, (name, _title, draw) in zip(
            self.columns, headings, columns, strict=True
        ):
            # Each column's heading, then its boxes: a screen reader reads them in order.
            self.out.append(f'<g class="ct-column ct-column-{name}">')
            self._text(lines, x, MARGIN, size=HEADING_SIZE, bold=True, css="ct-heading")
            bottom = max(bottom, draw(x, width))
            self.out.append("</g>")

        self.fan(self.challenge, self.signs)
        self.merge(self.signs, self.hypothesis)
        level = self.top + min(self.hypothesis.h, self.desired.h) // 2
        self.arrow(f"M {self.hypothesis.right} {level} H {self.desired.x}")
        self.fan(self.desired, self.effects)

        lines = ['<g class="ct-lines">', *self.lines, "</g>"]
        return "".join([*self._open(bottom + MARGIN), *lines, *self.out, "</svg>"])

    def _challenge_column(self, x: int, w: int) -> int:
        data = self.data
        self.challenge = self.box(
            x, self.top, w, data.challenge, kind="challenge", max_lines=MAX_LINES["text"]
        )
        y = self.challenge.bottom + 16
        y += self.heading(x, y, w, _("Trial tracks") if data.is_program else _("Trial track"))
        y += 4
        for title in data.tracks or ("",):
            y = self.box(x, y, w, title, kind="track", max_lines=MAX_LINES["track"]).bottom
            y += SPACE_BETWEEN
        return y

    def _signs_column(self, x: int, w: int) -> int:
        """Each sign, and under it the experiments that serve it, joined to it by a line."""
        self.signs = []
        y = self.top
        trunk = x + EXPERIMENT_INDENT // 2
        for sign in self.data.signs:
            self.out.append('<g class="ct-sign">')
            box = self.box(x, y, w, sign.text, kind="sign", max_lines=MAX_LINES["sign"])
            self.signs.append(box)
            y = box.bottom + SPACE_BETWEEN
            last = None
            for item in sign.experiments:
                last = self.experiment(x + EXPERIMENT_INDENT, y, w - EXPERIMENT_INDENT, item)
                self.line(f"M {last.x} {last.middle} H {trunk}")
                y = last.bottom + SPACE_BETWEEN
            if last is None:
                note = [_("No experiment serves this sign yet.")]
                y += self._text(note, x + PAD_X, y - 2, size=SMALL_SIZE, fill=MUTED, italic=True)
            else:
                self.arrow(f"M {trunk} {last.middle} V {box.bottom}")
            y += SPACE_AFTER_SIGN - SPACE_BETWEEN
            self.out.append("</g>")
        if not self.signs:
            self.signs.append(self.box(x, y, w, "", kind="sign", max_lines=1))
            y = self.signs[-1].bottom
        return y

    def _hypothesis_column(self, x: int, w: int) -> int:
        """The transformative hypothesis, and the actions and resources under it."""
        self.hypothesis = self.box(
            x, self.top, w, self.data.hypothesis, kind="hypothesis", max_lines=MAX_LINES["text"]
        )
        y = self.hypothesis.bottom + 16
        y += self.heading(x, y, w, _("Actions and resources")) + 4
        _actions, y = self.boxes(x, y, w, self.data.actions, kind="action")
        return y

    def _desired_column(self, x: int, w: int) -> int:
        self.desired = self.box(
            x, self.top, w, self.data.desired_practice, kind="desired", max_lines=MAX_LINES["text"]
        )
        return self.desired.bottom

    def _effects_column(self, x: int, w: int) -> int:
        """Effects in the short term (the column's heading), then in the long term."""
        short, y = self.boxes(x, self.top, w, self.data.effects_short, kind="effect")
        y += 8
        y += self.heading(x, y, w, _("Effects in the long term")) + 4
        long, y = self.boxes(x, y, w, self.data.effects_long, kind="effect")
        self.effects = short + long
        return y

    def _open(self, height: int) -> list[str]:
        p = self.prefix
        title = _("Change theory for %(subject)s") % {"subject": clean(self.data.subject)}
        desc = _(
            "A chart read from left to right: the challenge and the trial tracks, the signs "
            "of improved practice with the experiments that serve them, the transformative "
            "hypothesis with the actions and resources, the desired practice, and its effects "
            "in the short and the long term."
        )
        return [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="theory-diagram-svg" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="group" '
            f'aria-labelledby="{p}-title" aria-describedby="{p}-desc" '
            f'font-family="{FONT}" font-size="{TEXT_SIZE}">',
            f'<title id="{p}-title">{escape(title)}</title>',
            f'<desc id="{p}-desc">{escape(desc)}</desc>',
            f'<marker id="{p}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
            f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M 0 0 L 10 5 L 0 10 Z" fill="{LINE}"/></marker>',
        ]
