"""What the experiment page keeps cheap must still be right: parent and iteration links without
joins, the wheel picture cached per phase and language, Markdown cached per text."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from experiments.enums import Phase
from experiments.models import Experiment
from experiments.templatetags.wheel import _wheel_html
from labportal.core.markdown import render_markdown
from tests.experiments.wheel_support import experiment_in

pytestmark = pytest.mark.django_db


def html_of(client, experiment) -> str:
    response = client.get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_an_iteration_links_its_parent_and_the_parent_its_iterations(client_for, wheel):
    parent = wheel["experiment"]
    child = experiment_in(Phase.DESIGN)
    Experiment.objects.filter(pk=child.pk).update(parent=parent, title="Anden runde")
    client = client_for(wheel["outsider"])
    child_html = html_of(client, child)
    assert re.search(
        rf'<a href="/experiments/{parent.slug}/">{re.escape(parent.title)}</a>', child_html
    )
    parent_html = html_of(client, parent)
    assert f'<a href="/experiments/{child.slug}/">Anden runde</a>' in parent_html
    assert f'href="/experiments/{parent.slug}/"' not in parent_html.split("<main", 1)[1]


@pytest.mark.parametrize("language", ["da", "en"])
def test_wheel_coordinates_use_a_decimal_point_in_every_language(language):
    with translation.override(language):
        html = _wheel_html("action", language, "wheel")
    coordinates = re.findall(r'<text x="([^"]+)" y="([^"]+)"', html)
    assert len(coordinates) == 6
    for x, y in coordinates:
        assert re.fullmatch(r"\d+(\.\d+)?", x), x
        assert re.fullmatch(r"\d+(\.\d+)?", y), y


def test_the_cached_wheel_differs_by_phase_and_language():
    with translation.override("en"):
        english = _wheel_html("design", "en", "wheel")
    with translation.override("da"):
        danish = _wheel_html("design", "da", "wheel")
        analysis = _wheel_html("analysis", "da", "wheel")
    assert english != danish
    assert "wheel-current wheel-phase-design" in danish
    assert "wheel-current wheel-phase-analysis" in analysis


def test_markdown_is_sanitised_also_when_cached():
    text = "Fund *ét*<script>alert(1)</script>"
    first = render_markdown(text)
    second = render_markdown(text)
    assert first == second == "<p>Fund <em>ét</em></p>"
    assert "<script" not in second
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
