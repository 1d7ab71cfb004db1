"""Time export_portal and import_portal on a large portal, and their peak memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/labportal_<you> \\
        uv run python bench/portability.py [--experiments 10000]

WARNING: it EMPTIES the portal in that database (it needs an empty one to import into).
Steps, each in a fresh Python process so that its peak memory (ru_maxrss) is its own:
generate N experiments (3 team members, 4 history entries, 1 concept each) → export to
a file → empty the portal → import the file → export again and compare the two files.
"""

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Eksperimentet afprøver en ny måde at samarbejde på tværs af afdelinger, hvor ledere og "
    "undervisere mødes fast og deler erfaringer om undervisningen. "
) * 3


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labportal.settings.local")
    # as in production: DEBUG would also keep every (large) bulk INSERT in connection.queries
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def wipe() -> None:
    from tests.portability.helpers import wipe_portal

    wipe_portal(keep_superusers=True)


def generate(n: int) -> None:
    import datetime as dt

    from django.db import transaction

    from concepts.models import Concept
    from experiments.enums import PHASE_ORDER
    from experiments.models import Experiment, PhaseTransition, TeamMembership
    from labportal.accounts.models import User
    from labportal.organisation.models import Institution, Program, Track

    start = time.perf_counter()
    wipe()
    with transaction.atomic():
        program = Program.objects.create(slug="bench-program", title="Bench-program")
        tracks = [
            Track.objects.create(slug=f"bench-spor-{i}", title=f"Spor {i}", program=program)
            for i in range(3)
        ]
        institutions = Institution.objects.bulk_create(
            Institution(slug=f"bench-inst-{i}", name=f"Institution {i}") for i in range(10)
        )
        concepts = Concept.objects.bulk_create(
            Concept(slug=f"bench-koncept-{i}", title=f"Koncept {i}", program=program)
            for i in range(6)
        )
        users = User.objects.bulk_create(
            User(username=f"bench-user-{i}", email=f"bench{i}@example.invalid") for i in range(300)
        )
        at = dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC)
        for offset in range(0, n, 1000):
            batch = Experiment.objects.bulk_create(
                Experiment(
                    slug=f"bench-eksperiment-{i:05d}",
                    title=f"Bench-eksperiment {i}",
                    program=program,
                    track=tracks[i % 3],
                    institution=institutions[i % 10],
                    phase=PHASE_ORDER[i % 4 + 2],
                    summary=TEXT[:200],
                    challenge=TEXT,
                    hypothesis=TEXT,
                    actions=[TEXT[:120]] * 3,
                    findings=[TEXT[:100]] * 3,
                    attention_points=[TEXT[:80]] * 2,
                    owner=users[i % 300],
                )
                for i in range(offset, min(offset + 1000, n))
            )
            TeamMembership.objects.bulk_create(
                TeamMembership(experiment=e, user=users[(k * 7 + j) % 300], role="Underviser")
                for k, e in enumerate(batch)
                for j in range(3)
            )
            PhaseTransition.objects.bulk_create(
                PhaseTransition(
                    experiment=e,
                    kind="forward" if j else "created",
                    from_phase=PHASE_ORDER[j - 1] if j else "",
                    to_phase=PHASE_ORDER[j],
                    by=users[k % 300],
                    at=at + dt.timedelta(days=j * 30, minutes=k),
                    note="Et skridt videre på hjulet.",
                )
                for k, e in enumerate(batch)
                for j in range(4)
            )
            through = Concept.source_experiments.through
            through.objects.bulk_create(
                through(concept=concepts[k % 6], experiment=e) for k, e in enumerate(batch)
            )
    print(f"generate: {n} experiments in {time.perf_counter() - start:.1f} s")


def step(name: str, argument: str) -> None:
    setup()
    if name == "generate":
        generate(int(argument))
        return
    if name == "wipe":
        wipe()
        return
    if name == "export":
        from labportal.portability.export import portal_export

        start = time.perf_counter()
        with open(argument, "w", encoding="utf-8") as file:
            counts = portal_export(out=file)
        seconds = time.perf_counter() - start
        size = Path(argument).stat().st_size / 1024 / 1024
        print(
            f"export: {counts['experiments']} experiments, {size:.1f} MB in {seconds:.1f} s, "
            f"peak RSS {peak_mb():.0f} MB"
        )
        return
    if name == "import":
        from labportal.portability.importer import portal_import

        start = time.perf_counter()
        report = portal_import(source=argument)
        seconds = time.perf_counter() - start
        created = report.counts["experiments"]["created"]
        print(
            f"import: {created} experiments created in {seconds:.1f} s, peak RSS {peak_mb():.0f} MB"
        )
        return
    if name == "baseline":
        print(f"baseline: Django loaded, peak RSS {peak_mb():.0f} MB")
        return
    raise SystemExit(f"unknown step {name}")


def run(name: str, argument: str = "") -> None:
    subprocess.run([sys.executable, __file__, "--step", name, argument], check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experiments", type=int, default=10_000)
    parser.add_argument("--step", nargs=2, metavar=("NAME", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step(*args.step)
        return
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first.json", Path(tmp) / "second.json"
        run("baseline")
        run("generate", str(args.experiments))
        run("export", str(first))
        run("wipe")
        run("import", str(first))
        run("export", str(second))
        same = filecmp.cmp(first, second, shallow=False)
        print(f"round trip: second export {'identical' if same else 'DIFFERENT'}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
