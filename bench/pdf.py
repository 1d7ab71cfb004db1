"""Benchmark: a program's booklet PDF, WeasyPrint alone against the whole publishing job.

    uv run python bench/pdf.py               # the demo program (22) and one of 130 experiments
    uv run python bench/pdf.py --rounds 5

Not a test. Fills its own database (PDF_BENCH_DATABASE_URL, default lp_helper_pdf_bench on
127.0.0.1; the name must contain "bench"): the demo, plus a program whose 130 experiments are
copies of the demo's. Each program is measured in a child process of its own, so its peak
memory (maxrss) is the booklet's: a warm-up render of a tiny page (fonts), then per round the
whole publishing job (concepts.tasks.render_publication: queries, templates, diagrams,
digest, rendering, writing the file, storing, the notification) and WeasyPrint alone on the
same booklet's final HTML (`render_pdf`). Medians over the rounds.
"""

import argparse
import copy
import io
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get(
    "PDF_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lp_helper_pdf_bench"
)
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/11")
os.environ["DJANGO_SETTINGS_MODULE"] = "labportal.settings.local"

DEMO = "nye-ledelses-og-samarbejdsformer"
LARGE = "bench-130-eksperimenter"
LARGE_COUNT = 130


def fill() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[1]
    if not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        raise SystemExit(f"refusing to recreate database {name!r}: its name must contain 'bench'")
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", "--no-serve", stdout=io.StringIO())
    _large_program()


def _large_program() -> None:
    from experiments.models import Experiment
    from labportal.organisation.models import Program, Track

    demo = Program.objects.get(slug=DEMO)
    program = Program.objects.create(
        slug=LARGE,
        title="Benchmark med 130 eksperimenter",
        lab=demo.lab,
        introduction=demo.introduction,
    )
    tracks = {
        t.pk: Track.objects.create(
            slug=f"bench-{t.slug}", title=f"{t.title} (bench)", program=program
        )
        for t in demo.tracks.all()
    }
    originals = list(Experiment.objects.filter(program=demo).order_by("title"))
    copies = []
    for index in range(LARGE_COUNT):
        e = copy.copy(originals[index % len(originals)])
        e.pk, e.id = None, None
        e.slug = f"bench-{index}-{e.slug}"[:120]
        e.title = f"{e.title} ({index + 1})"
        e.program, e.track = program, tracks.get(e.track_id)
        copies.append(e)
    Experiment.objects.bulk_create(copies)


def _run_job(slug: str) -> tuple[Path, int]:
    """The whole publishing job of the program's booklet, as a worker runs it: a request row,
    then the task (queries, templates, diagrams, digest, rendering, writing the file
    atomically, storing, telling the requester). Returns the file and its pages."""
    from django.conf import settings

    from concepts import publishing, tasks
    from concepts.models import Publication
    from labportal.accounts.models import User
    from labportal.pdf.booklet import program_by_slug

    admin = User.objects.get(username="admin")
    publication, _ = publishing.publication_request(
        kind=Publication.Kind.BOOKLET, subject=program_by_slug(slug), by=admin
    )
    tasks.render_publication.job_function(publication_id=publication.pk)
    publication.refresh_from_db()
    return Path(settings.MEDIA_ROOT) / publication.pdf.name, publication.pages


def measure(slug: str, rounds: int) -> dict:
    """In the child process: seconds of each step, queries, pages and peak memory."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from labportal.pdf import render_pdf
    from labportal.pdf.booklet import booklet_html, booklet_title, program_by_slug

    render_pdf("<p>warm-up</p>", title="warm-up")
    whole, alone, queries, pages = [], [], 0, 0
    with tempfile.TemporaryDirectory() as folder:
        settings.MEDIA_ROOT = folder
        for _round in range(rounds):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                path, pages = _run_job(slug)
            whole.append(time.perf_counter() - start)
            queries = len(captured)
            path.unlink()  # the next round renders again (the same content finds its file)
            with translation.override("da"):
                program = program_by_slug(slug)
                html = booklet_html(program)
                start = time.perf_counter()
                render_pdf(html, title=booklet_title(program))
                alone.append(time.perf_counter() - start)
    return {
        "whole": statistics.median(whole),
        "alone": statistics.median(alone),
        "queries": queries,
        "pages": pages,
        "experiments": program.experiments.count(),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.rounds)))
        return
    print(f"Filling {URL} (the demo and {LARGE_COUNT} copied experiments) …")
    fill()
    print(
        "| program | experiments | pages | queries | whole job s | WeasyPrint alone s "
        "| ratio | peak MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for slug in (DEMO, LARGE):
        child = subprocess.run(
            [sys.executable, __file__, "--measure", slug, "--rounds", str(args.rounds)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"| {slug} | {row['experiments']} | {row['pages']} | {row['queries']} "
            f"| {row['whole']:.2f} | {row['alone']:.2f} | {row['whole'] / row['alone']:.2f} "
            f"| {row['maxrss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
