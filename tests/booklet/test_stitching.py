"""The stitching layer: it finds each app's part through the app registry, in dependency
order, and imports no app itself; the parts share what they make through the context."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

import labportal.booklet
from labportal.booklet import BookletContext, BookletReport
from labportal.core.parts import app_parts


def test_parts_come_in_dependency_order():
    names = [part.__name__ for part in app_parts("booklet")]
    assert names == [
        "labportal.organisation.booklet",
        "experiments.booklet",
        "concepts.booklet",
        "changetheory.booklet",
    ]
    assert all(callable(part.booklet_apply) for part in app_parts("booklet"))


def test_the_package_imports_no_app():
    # labportal.core is the one app below it: the registry of parts and model_update.
    project_apps = [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR) and config.name != "labportal.core"
    ]
    assert "experiments" in project_apps
    for path in Path(labportal.booklet.__file__).parent.glob("*.py"):
        for name in _imported(path):
            assert not any(name == app or name.startswith(f"{app}.") for app in project_apps), (
                path.name,
                name,
            )


def _imported(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_what_a_part_leaves_is_set_once_and_must_be_there():
    context = BookletContext(report=BookletReport(dry_run=True))
    context["program"] = "p"
    assert context["program"] == "p"
    assert "program" in context
    with pytest.raises(KeyError, match="already left"):
        context["program"] = "q"
    with pytest.raises(KeyError, match="no earlier part of the import left 'tracks'"):
        context["tracks"]


def test_progress_counts_the_steps():
    seen = []
    context = BookletContext(
        report=BookletReport(dry_run=True), progress=lambda d, t: seen.append((d, t)), total=2
    )
    context.tick()
    context.tick()
    assert seen == [(1, 2), (2, 2)]
