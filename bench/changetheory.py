"""Benchmark: a change theory with 30 signs and 200 linked experiments, its page timed request
by request next to the raw and bare baselines on the same gunicorn.

    uv run python bench/changetheory.py                  # 300 rounds (--rounds, --count)

The bench database (BENCH_DATABASE_URL, filled by bench/run.py's `prepare`) gets a program of
its own with 3 tracks, 205 experiments (5 serve no sign: the page lists them as findings) and
the program's change theory: booklet-length texts, 30 signs, 200 experiments each serving one
sign and 40 of them a second (240 links), phases spread over the wheel. gunicorn runs as in
run.py (gunicorn.conf.py, bench/settings.py, no access log) on its own port. Each round GETs
/bench/raw/, /bench/bare/ and the theory page in turn, each on a fresh loopback connection,
as a signed-in staff member; times are taken by the client. Everything made here is removed
at the end, so run.py's experiment count stays.
"""

import argparse
import http.client
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import run  # sets DJANGO_SETTINGS_MODULE=bench.settings

SLUG = "bench-teori"
SIGNS, LINKED, SECOND_SIGN, UNLINKED = 30, 200, 40, 5
PORT = 8767  # not run.py's, so both may run at once
CASES = ("raw view, no middleware", "bare view", "change theory page")


def remove_bench_theory() -> None:
    """Whatever an earlier run of this script made (the theory goes with its program)."""
    from changetheory.models import ChangeTheory
    from experiments.models import Experiment
    from labportal.organisation.models import Program, Track

    ChangeTheory.objects.filter(slug=SLUG).delete()
    Experiment.objects.filter(program__slug=SLUG).delete()
    Track.objects.filter(program__slug=SLUG).delete()
    Program.objects.filter(slug=SLUG).delete()


def make_bench_theory() -> str:
    """The program, its experiments and its theory; returns the page's path."""
    from bench.data import Writer
    from changetheory.models import ChangeTheory, Sign, SignExperiment
    from experiments.enums import PHASE_ORDER, Decision, Phase
    from experiments.models import Experiment
    from labportal.organisation.models import Institution, Program, Track

    writer = Writer(seed=11)
    rng = writer.rng
    program = Program.objects.create(slug=SLUG, title="Bench: forandringsteori")
    tracks = [
        Track.objects.create(slug=f"{SLUG}-{i}", title=f"Bench-spor {i}", program=program)
        for i in range(1, 4)
    ]
    school = Institution.objects.order_by("pk").first() or Institution.objects.create(
        slug=SLUG, name="Bench-skole"
    )
    experiments = Experiment.objects.bulk_create(
        Experiment(
            slug=f"{SLUG}-{n}",
            title=" ".join(writer.words(rng.randint(3, 7))).capitalize()[:190],
            institution=school,
            program=program,
            track=tracks[n % 3],
            phase=PHASE_ORDER[n % len(PHASE_ORDER)],
            summary=writer.paragraph(2),
            challenge=writer.paragraph(4),
            hypothesis=writer.paragraph(2),
        )
        for n in range(LINKED + UNLINKED)
    )
    # Those in the last phase were adopted (bulk writes: no signals, no cache to retire yet).
    Experiment.objects.filter(program=program, phase=Phase.IMPLEMENTATION).update(
        decision=Decision.ADOPTED
    )
    theory = ChangeTheory.objects.create(
        slug=SLUG,
        program=program,
        ambition=writer.paragraph(3),
        challenge=writer.paragraph(4),
        desired_practice=writer.paragraph(3),
        hypothesis=writer.paragraph(2),
        actions=writer.items(5, 8),
        effects_short=writer.items(3, 5),
        effects_long=writer.items(3, 5),
    )
    signs = Sign.objects.bulk_create(
        Sign(theory=theory, text=writer.sentence(6, 16)[:400], position=i + 1) for i in range(SIGNS)
    )
    links = [
        SignExperiment(sign=signs[n % SIGNS], experiment=experiment)
        for n, experiment in enumerate(experiments[:LINKED])
    ]
    links += [
        SignExperiment(sign=signs[(n + 7) % SIGNS], experiment=experiment)
        for n, experiment in enumerate(experiments[:SECOND_SIGN])
    ]
    SignExperiment.objects.bulk_create(links)
    return theory.get_absolute_url()


def timed_get(path: str, cookie: str) -> tuple[int, float, int]:
    """One GET on a fresh connection: status, milliseconds, bytes."""
    conn = http.client.HTTPConnection(run.BIND, timeout=30)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    return response.status, elapsed, len(body)


def stats(values: list[float]) -> tuple[float, float, float]:
    p90 = statistics.quantiles(values, n=10, method="inclusive")[8]
    return statistics.median(values), p90, max(values)


def measure(paths: dict[str, str], cookie: str, rounds: int) -> dict[str, list[float]]:
    for path in paths.values():
        for _ in range(10):  # warm up: templates, URL and translation caches, connections
            status, _ms, _size = timed_get(path, cookie)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
    times: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(rounds):
        for name, path in paths.items():
            status, ms, _size = timed_get(path, cookie)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            times[name].append(ms)
    return times


def report(times: dict[str, list[float]], page_bytes: int, rounds: int) -> None:
    raw, bare, page = (stats(times[name]) for name in CASES)
    print(
        f"\n{rounds} rounds, one request at a time; the theory page is {page_bytes / 1024:.0f} kB "
        f"({SIGNS} signs, {LINKED} linked experiments, {LINKED + SECOND_SIGN} links)\n"
    )
    print("| request | median ms | p90 ms | max ms |")
    print("|---|---:|---:|---:|")
    for name, (median, p90, top) in zip(CASES, (raw, bare, page), strict=True):
        print(f"| {name} | {median:.1f} | {p90:.1f} | {top:.1f} |")
    for name, base in ((CASES[0], raw), (CASES[1], bare)):
        print(f"| page ÷ {name} | {page[0] / base[0]:.1f}× | {page[1] / base[1]:.1f}× |  |")
    verdict = "met" if page[1] < 200 else "NOT met"
    print(f"\nGoal (the issue): the page in under 200 ms on a 2-core machine: {verdict} at p90.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--count", type=int, default=10_000, help="run.py's experiments")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--keep", action="store_true", help="leave the bench theory in place")
    args = parser.parse_args()
    run.BIND = f"127.0.0.1:{args.port}"
    cookie = run.prepare(args.count)
    print(f"Machine: {os.cpu_count()} CPUs, {run.platform_summary()}")
    remove_bench_theory()
    path = make_bench_theory()
    server = run.start_gunicorn(None, fragment_cache=True)
    try:
        paths = dict(zip(CASES, ("/bench/raw/", "/bench/bare/", path), strict=True))
        status, _ms, page_bytes = timed_get(path, cookie)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        times = measure(paths, cookie, args.rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            remove_bench_theory()
    report(times, page_bytes, args.rounds)


if __name__ == "__main__":
    main()
