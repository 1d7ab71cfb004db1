"""The stitching of the demo document: every app's part once, after the format."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import ngettext_lazy

from labportal.core import demo_loading as demo
from labportal.portability import FORMAT


def part(name: str, **keys):
    return SimpleNamespace(__name__=name, demo_part=lambda: keys)


def test_the_document_has_the_format_and_every_apps_keys(db):
    document = demo.demo_document()
    assert next(iter(document.items())) == ("format", FORMAT)
    keys = [key for p in demo.demo_parts() for key in p.demo_part()]
    assert list(document)[1:] == keys
    assert {"programs", "tracks", "institutions", "experiments", "concepts"} <= set(keys)


def test_two_parts_with_one_key_is_a_mistake(monkeypatch):
    parts = (part("a.demo", tracks=[]), part("b.demo", tracks=[{"slug": "x"}]))
    monkeypatch.setattr(demo, "app_parts", lambda name: parts)
    with pytest.raises(ImproperlyConfigured, match="repeats the demo keys"):
        demo.demo_document()


def test_a_summary_line_counts_the_rows_and_what_the_import_did(in_english):
    phrase = ngettext_lazy("%(count)d thing (%(titles)s)", "%(count)d things (%(titles)s)", "count")
    rows = [{"slug": "a", "title": "Alpha"}, {"slug": "b", "name": "Beta"}]
    line = demo.section_line(phrase, rows, {"created": 1, "unchanged": 1})
    assert line == "2 things (Alpha, Beta): 1 created, 0 updated, 1 unchanged."
