"""Template helpers available in every template (registered as builtins)."""

from django import template

from labportal.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)
