"""Benchmark: fill PostgreSQL, serve with gunicorn on loopback, load the pages with wrk.

    uv run python bench/run.py              # 10,000 experiments
    uv run python bench/run.py --large      # 100,000 experiments
    uv run python bench/run.py --sql-only   # only the search SQL timings

Uses its own database (BENCH_DATABASE_URL, default labportal_bench on 127.0.0.1), refilled
when its experiment count differs from the one asked for. Needs `wrk` (apt-get install wrk).
Prints requests/s, p50 and p99 per page, and each page's throughput and CPU per request as
a share of two baselines on the same gunicorn: a Django view with no middleware (raw) and
the same view behind the portal's middleware (bare).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402
import psycopg  # noqa: E402

from bench.search_sql import sql_benchmark  # noqa: E402

BIND = "127.0.0.1:8765"
RAW, BARE = "raw view, no middleware", "bare view"
BASELINES = (RAW, BARE)
USERNAME = "bench-staff"


def database_url() -> str:
    return os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/labportal_bench"
    )


def recreate_database() -> None:
    url = database_url()
    name = url.rsplit("/", 1)[1]
    if not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        raise SystemExit(f"refusing to recreate database {name!r}: its name must contain 'bench'")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def experiment_count() -> int | None:
    try:
        with psycopg.connect(database_url()) as conn:
            return conn.execute("SELECT count(*) FROM experiments_experiment").fetchone()[0]
    except psycopg.Error:
        return None


def prepare(count: int) -> str:
    """Database with `count` experiments, static files, a signed-in user; returns the cookie."""
    if experiment_count() != count:
        print(f"Filling {database_url()} with {count} experiments …")
        recreate_database()
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from bench.data import fill

        fill(count)
    else:
        django.setup()
        print(f"Using {database_url()} ({count} experiments already there).")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a database filled by an older commit catches up
    from django.test import Client

    from labportal.accounts.models import User
    from labportal.accounts.services import user_set_roles

    call_command("collectstatic", interactive=False, verbosity=0)
    user, _created = User.objects.get_or_create(username=USERNAME)
    # The strategic level sees the dashboard's portfolio of every track (what grows with the
    # experiments); the other pages are the same for every role.
    user_set_roles(user=user, roles=["staff", "strategic"])
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def pages() -> dict[str, str]:
    from experiments.models import Experiment
    from labportal.organisation.models import Track

    track = Track.objects.order_by("pk").first()
    detail = Experiment.objects.order_by("pk").values_list("slug", flat=True)[
        Experiment.objects.count() // 2
    ]
    return {
        "raw view, no middleware": "/bench/raw/",
        "bare view": "/bench/bare/",
        "empty page in base.html": "/bench/base/",
        "list": "/experiments/",
        "filtered list": f"/experiments/?track={track.slug}&phase=action",
        "search, common word": "/experiments/?q=ledelse",
        "search, mid word": "/experiments/?q=sparring",
        "search, rare word": "/experiments/?q=kvantespring",
        "detail": f"/experiments/{detail}/",
        "dashboard (strategic)": "/",
    }


def fetch(path: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://{BIND}{path}", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def start_gunicorn(workers: int | None, *, fragment_cache: bool) -> subprocess.Popen:
    """The production gunicorn.conf.py, bound to loopback, without the access log."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "GUNICORN_ACCESS_LOG": "",
        "BENCH_FRAGMENT_CACHE": "1" if fragment_cache else "0",
        # No recycling: a worker replaced mid-load takes its CPU time with it (the raw view
        # reaches gunicorn.conf.py's 20,000 requests within seconds).
        "GUNICORN_MAX_REQUESTS": "0",
    }
    extra = ["--workers", str(workers)] if workers else []
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            BIND,
            "--log-level",
            "warning",
            *extra,
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        time.sleep(0.2)
        try:
            urllib.request.urlopen(f"http://{BIND}/healthz", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
    server.terminate()
    raise SystemExit("gunicorn did not answer within 20 s")


LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path: str, cookie: str, *, seconds: int, connections: int) -> dict:
    env = os.environ | {"BENCH_COOKIE": cookie}
    output = subprocess.run(
        [
            "wrk",
            "--threads",
            str(min(2, connections)),
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "5s",
            "--latency",
            "--script",
            str(ROOT / "bench" / "cookie.lua"),
            f"http://{BIND}{path}",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    latencies = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": latencies.get("50"),
        "p99": latencies.get("99"),
        "errors": int(errors[1]) if errors else 0,
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
    }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SERVER_PROCESSES = {"postgres", "redis-server"}


def server_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn workers (children of its master), PostgreSQL and Redis."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        ppid = int(text[text.rindex(")") + 2 :].split()[1])
        if ppid == server.pid or name in SERVER_PROCESSES:
            pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each process that still runs."""
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return times


def measure(server, path: str, cookie: str, *, seconds: int, connections: int) -> dict:
    """wrk's figures, plus the CPU the server side (gunicorn workers, PostgreSQL, Redis) spent
    per request: steadier than requests/s on a shared machine, where other work takes turns
    on the cores but not the CPU time of these processes."""
    pids = server_pids(server)
    before = cpu_seconds(pids)
    result = wrk(path, cookie, seconds=seconds, connections=connections)
    after = cpu_seconds(pids)
    spent = sum(after[pid] - before[pid] for pid in after if pid in before)
    result["cpu_ms"] = spent * 1000 / max(1, result["requests"])
    return result


def http_benchmark(
    cookie: str,
    *,
    seconds: int,
    connections: int,
    workers: int | None,
    rounds: int,
    fragment_cache: bool,
) -> None:
    """Each page is loaded right after a load of the bare view, and its share of the bare
    view's throughput (and CPU per request) is taken against that neighbour; medians over the
    rounds damp the noise of a shared machine."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    server = start_gunicorn(workers, fragment_cache=fragment_cache)
    try:
        targets = pages()
        for name, path in targets.items():
            status, body = fetch(path, cookie)
            if status != 200:
                raise SystemExit(f"{name} {path} answered {status}")
            cards = body.count('class="card"')
            print(f"  checked {name:22} {path}  (200, {len(body)} bytes, {cards} cards)")
        wrk(targets["list"], cookie, seconds=3, connections=connections)  # warm up
        runs: dict[str, list[dict]] = {name: [] for name in targets}
        kwargs = {"seconds": seconds, "connections": connections}
        for _round in range(rounds):
            for name, path in targets.items():
                if name in BASELINES:
                    continue
                # Each page right after both baselines, so all three see the same machine.
                raw = measure(server, targets[RAW], cookie, **kwargs)
                bare = measure(server, targets[BARE], cookie, **kwargs)
                result = measure(server, path, cookie, **kwargs)
                for base, baseline in ((RAW, raw), (BARE, bare)):
                    result[f"ratio {base}"] = result["rps"] / baseline["rps"]
                    result[f"cpu {base}"] = baseline["cpu_ms"] / result["cpu_ms"]
                bare[f"ratio {RAW}"] = bare["rps"] / raw["rps"]
                bare[f"cpu {RAW}"] = raw["cpu_ms"] / bare["cpu_ms"]
                raw[f"ratio {RAW}"] = raw[f"cpu {RAW}"] = 1.0
                for baseline in (raw, bare):
                    baseline[f"ratio {BARE}"] = baseline["rps"] / bare["rps"]
                    baseline[f"cpu {BARE}"] = bare["cpu_ms"] / baseline["cpu_ms"]
                runs[RAW].append(raw)
                runs[BARE].append(bare)
                runs[name].append(result)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"\n{connections} connections, {rounds} rounds of {seconds} s per page, "
        f"gunicorn.conf.py{f' with {workers} workers' if workers else ''} "
        f"(medians over the rounds), fragment cache {'on' if fragment_cache else 'off'}"
    )
    keys = ("rps", f"ratio {RAW}", f"ratio {BARE}", "p50", "p99", "cpu_ms")
    keys += (f"cpu {RAW}", f"cpu {BARE}")
    print(
        f"{'page':24} {'req/s':>8} {'of raw':>7} {'of bare':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms':>7} {'of raw':>7} {'of bare':>8} {'non-2xx':>7}"
    )
    for name, results in runs.items():
        med = {key: statistics.median(r[key] for r in results) for key in keys}
        errors = sum(r["errors"] for r in results)
        print(
            f"{name:24} {med['rps']:8.1f} {med[keys[1]]:7.0%} {med[keys[2]]:8.0%} "
            f"{med['p50']:7.1f} {med['p99']:7.1f} {med['cpu_ms']:7.2f} "
            f"{med[keys[6]]:7.0%} {med[keys[7]]:8.0%} {errors:7d}"
        )
    print(
        "(raw: a Django view with no middleware; bare: the same view behind the portal's "
        "middleware. CPU ms: CPU time of the gunicorn workers, PostgreSQL and Redis per "
        "request; its 'of raw'/'of bare' is that baseline's CPU per request divided by the "
        "page's)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="100,000 experiments")
    parser.add_argument("--count", type=int, help="experiments (default 10,000)")
    parser.add_argument("--seconds", type=int, default=5, help="load per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's")
    parser.add_argument("--sql-only", action="store_true")
    parser.add_argument("--http-only", action="store_true")
    parser.add_argument(
        "--no-fragment-cache",
        action="store_true",
        help="render every page from the database on every request",
    )
    args = parser.parse_args()
    count = args.count or (100_000 if args.large else 10_000)
    cookie = prepare(count)
    print(f"Machine: {os.cpu_count()} CPUs, {platform_summary()}")
    if not args.sql_only:
        http_benchmark(
            cookie,
            seconds=args.seconds,
            connections=args.connections,
            workers=args.workers,
            rounds=args.rounds,
            fragment_cache=not args.no_fragment_cache,
        )
    if not args.http_only:
        sql_benchmark()


def platform_summary() -> str:
    import platform

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return f"Python {platform.python_version()}, PostgreSQL {version}, {platform.platform()}"


if __name__ == "__main__":
    main()
