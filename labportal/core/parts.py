"""How the portal-wide jobs find each app's part of them, as the admin finds `admin.py` and
Celery finds `tasks.py`: by a module of a conventional name in each installed app.

| module            | what it holds                                | stitched by                   |
|-------------------|----------------------------------------------|-------------------------------|
| `portability`     | `SECTIONS`, `ROW_FIELDS`: its keys of the JSON | `labportal.portability`     |
| `demo`            | `demo_part()`, `SUMMARY`: its demo keys      | `labportal.core.demo_loading` |
| `dashboard`       | `PANELS`: its panels on the dashboard        | `labportal.core.panels`       |
| `booklet`         | `booklet_apply()`: its passages of a booklet | `labportal.booklet`           |
| `experiment_page` | `SECTIONS`: its parts of an experiment page  | `experiments.views.page`      |
| `booklet_pdf`     | `SECTIONS`: its parts of a program's booklet | `labportal.pdf.booklet`       |

`experiment_page.SECTIONS` is a list of `(template name, context function)`: the function
takes the experiment and returns the template's context, or None when there is nothing to
show; the template renders into the page's wheel section. What they render is the same for
everyone and is kept in the fragment cache (labportal/core/fragments.py), so an app whose
section reads its own models registers them with `fragments.invalidate_on_change`.

`booklet_pdf.SECTIONS` is a list of `labportal.pdf.booklet.Section(order, where, template,
context)`: `where` is "program", "track" or "experiments" (the booklet's parts, in that
order); the context function takes the program (or the track) and returns the template's
context, or None to leave the section out. It reads what it shows with a fixed number of
queries, whatever the number of experiments.

Parts come in `INSTALLED_APPS` order, which lists every app after the apps it stands on
(organisation, experiments, concepts, change theories, the bazar): an importer writes what
others refer to first. Nothing in `labportal/` imports an app by name; an app that adds a
part adds a module, and edits nothing outside itself.
"""

from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@cache
def app_parts(name: str) -> tuple[ModuleType, ...]:
    """Each installed app's module `name`, in `INSTALLED_APPS` order."""
    return tuple(
        import_module(f"{config.name}.{name}")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, name)
    )
