"""The layout keeps its architecture: no module imports one that imports it back, and the
`labportal` package, below the apps, imports none of them."""

import ast
from pathlib import Path

from tests.processes import REPO

APPS = ("experiments", "concepts", "changetheory", "bazar")
PACKAGES = ("labportal", *APPS)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(REPO).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules that `module` imports, anywhere in its body (lazy imports count)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules.keys()
            found |= submodules if len(submodules) == len(node.names) else {target, *submodules}
    return {name for name in found if name in modules and name != module}


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imported(name, path, modules) for name, path in modules.items()}


def test_no_module_imports_one_that_imports_it_back():
    graph = import_graph()
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for following in graph[node]:
                if following == start:
                    cycles.append(" → ".join([*trail, start]))
                elif following not in seen:
                    seen.add(following)
                    stack.append((following, [*trail, following]))
    assert cycles == []


def test_the_portal_package_imports_no_app():
    graph = import_graph()
    upward = {
        f"{module} → {target}"
        for module, targets in graph.items()
        if module.startswith("labportal")
        for target in targets
        if target.split(".")[0] in APPS
    }
    assert upward == set()


def test_no_app_imports_an_app_that_stands_on_it():
    """Apps import only those listed before them in APPS (INSTALLED_APPS order)."""
    graph = import_graph()
    upward = {
        f"{module} → {target}"
        for module, targets in graph.items()
        if module.split(".")[0] in APPS
        for target in targets
        if target.split(".")[0] in APPS
        and APPS.index(target.split(".")[0]) > APPS.index(module.split(".")[0])
    }
    assert upward == set()


def test_the_graph_is_not_empty():
    """The checks above look at real imports (a broken walk would find nothing)."""
    graph = import_graph()
    assert "labportal.organisation.models" in graph["experiments.models"]
    assert "experiments.models" in graph["concepts.models"]
