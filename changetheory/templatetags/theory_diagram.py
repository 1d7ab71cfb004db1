"""{% theory_diagram page %}: the change theory's chart in a container that scrolls sideways
on a narrow screen (the SVG itself: changetheory.diagram.theory_svg)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from changetheory.diagram import theory_svg
from changetheory.selectors import TheoryPage

register = template.Library()


@register.simple_tag
def theory_diagram(page: TheoryPage, id_prefix: str = "theory-diagram") -> SafeString:
    return format_html(
        '<div class="theory-diagram-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
        _("Change theory diagram"),
        theory_svg(page, id_prefix),
    )
