"""Benchmark: a bazar burst. 1,000 signed-in visitors each submit 5 interest cards, against
gunicorn and PostgreSQL on loopback; then the rows are counted and the organisers'
collection page is timed.

    uv run python bench/bazar.py                  # 1,000 visitors × 5 cards, 16 connections
    uv run python bench/bazar.py --visitors 200 --connections 32

Not a test. Uses its own database (BAZAR_BENCH_DATABASE_URL, default lp_bazar_bench on
127.0.0.1; the name must contain "bench"), recreated on every run, and the production
gunicorn.conf.py with bench/settings.py (as bench/run.py). The load: every request once,
over --connections keep-alive connections (a thread each, on loopback), bounded in count and
in time (--seconds, 60); each visitor's session and CSRF cookie, each card's form with its
own submission token. In the same run, the same number of POSTs with the same bodies go to
`/bench/raw-insert/`, a Django view with no middleware inserting one row (the baseline the
issue asks for), and to `/bench/bare/`, the portal's middleware with no view work (what the
stack costs). Throughput is requests over the burst's whole time; p50/p99 per request.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get(
    "BAZAR_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lp_bazar_bench"
)
os.environ["BENCH_DATABASE_URL"] = URL
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from bench.run import BIND, start_gunicorn  # noqa: E402

CARDS_PER_VISITOR = 5
BOOTHS = 12
CSRF = secrets.token_hex(16)  # one 32-character secret: the cookie and the form field
TAKE_HOME = "Vi vil prøve observationsskemaet på næste teammøde og dele erfaringerne."


def recreate() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[1]
    if not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        raise SystemExit(f"refusing to recreate {name!r}: its name must contain 'bench'")
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def fill(visitors: int) -> tuple[object, list, dict[int, str], str]:
    """A running event with its booths and attendees; a session per visitor. Returns the
    event, its booths, each visitor's session key and the organiser's."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bazar import services
    from bazar.enums import EventStatus, PersonRole
    from bazar.models import Attendee
    from labportal.accounts.enums import Role
    from labportal.accounts.models import User
    from labportal.organisation.models import Education, Institution

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_insert (id serial PRIMARY KEY, body text, at timestamptz)"
        )
    admin = User.objects.create_superuser("bench-admin", "admin@example.invalid", "x")
    school = Institution.objects.create(slug="bench-skole", name="Bench-skolen")
    educations = [
        Education.objects.create(institution=school, slug=f"udd-{i}", name=f"Uddannelse {i}")
        for i in range(10)
    ]
    today = timezone.localdate()
    event = services.event_create(
        by=admin,
        title="Bazar under belastning",
        date=today,
        start_time=dt.time(8, 0),
        end_time=dt.time(23, 59),
        place="Aulaen",
        institutions=[school],
    )
    booths = [
        services.booth_add(event=event, by=admin, title=f"Stand {i + 1}", summary="Et projekt")
        for i in range(BOOTHS)
    ]
    for status in (EventStatus.OPEN, EventStatus.RUNNING):
        services.event_move(event=event, by=admin, to_status=status)
    staff = Group.objects.get_or_create(name=Role.STAFF)[0]
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"besoeg-{i:05d}", first_name="Gæst", last_name=str(i), password=unusable)
        for i in range(visitors)
    )
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=u.pk, group_id=staff.pk) for u in users
    )
    Attendee.objects.bulk_create(
        Attendee(
            event=event,
            user=u,
            education=educations[i % len(educations)],
            role=PersonRole.LEADER if i % 5 == 0 else PersonRole.TEACHER,
            checked_in_at=timezone.now(),
        )
        for i, u in enumerate(users)
    )
    sessions = {}
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    for user in [*users, admin]:
        store = session_store()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.pk] = store.session_key
    return event, booths, sessions, sessions[admin.pk]


def card_requests(event, booths, sessions: dict, admin_session: str) -> list[tuple]:
    """Each visitor's 5 card submissions (5 of `booths`, each with its own token), shuffled:
    (cookie, path, body)."""
    from django.urls import reverse

    requests = []
    for key in sessions.values():
        if key == admin_session:
            continue
        for booth in random.sample(booths, CARDS_PER_VISITOR):
            url = reverse("bazar:booth", kwargs={"event": event.slug, "booth": booth.slug})
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": CSRF,
                    "visited": "on",
                    "commitment": random.choice(["inspiration", "try", "implement"]),
                    "take_home": TAKE_HOME,
                    "submission": str(uuid.uuid4()),
                }
            )
            requests.append((f"sessionid={key}; csrftoken={CSRF}", url, body))
    random.shuffle(requests)
    return requests


def burst(
    requests: list[tuple], *, connections: int, seconds: int, pace: float | None = None
) -> dict:
    """Send every request once over `connections` keep-alive connections (one thread each),
    at most `seconds` long; latencies per request, throughput over the whole burst. With
    `pace` (requests/s in all), each request waits for its turn on that schedule (as visitors
    arrive at their own pace), else they go as fast as the server answers."""
    host, port = BIND.split(":")
    latencies, statuses, lock = [], Counter(), threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def send(share: list[tuple], offset: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        for index, (cookie, path, body) in enumerate(share):
            if pace:
                due = start + (index * connections + offset) / pace
                time.sleep(max(0.0, due - time.perf_counter()))
            if time.perf_counter() > deadline:
                break
            headers = {
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{BIND}{path}",
            }
            began = time.perf_counter()
            conn.request("POST", path, body, headers)
            response = conn.getresponse()
            response.read()
            took = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(took)
                statuses[response.status // 100] += 1
        conn.close()

    shares = [requests[i::connections] for i in range(connections)]
    threads = [threading.Thread(target=send, args=(share, i)) for i, share in enumerate(shares)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2],
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": sum(n for kind, n in statuses.items() if kind not in (2, 3)),
    }


def collection_page(event, admin_session: str, rounds: int = 20) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("bazar:collection", kwargs={"event": event.slug})
    cookie = f"sessionid={admin_session}"
    times = []
    for _ in range(rounds):
        request = urllib.request.Request(f"http://{BIND}{url}", headers={"Cookie": cookie})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            assert response.status == 200, response.status
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = admin_session
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    return {
        "median_ms": statistics.median(times),
        "max_ms": max(times),
        "queries": len(captured),
        "status": status,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    recreate()
    import django

    django.setup()
    from django.db import connection

    from bazar.models import InterestCard

    print(f"Filling {URL}: a running event, {BOOTHS} booths, {args.visitors} visitors …")
    event, booths, sessions, admin_session = fill(args.visitors)
    connection.close()
    server = start_gunicorn(None, fragment_cache=True)
    try:
        # Two sets of 5 cards per visitor on different booths: one at the bazar's pace
        # (all of them within --seconds), one as fast as the server answers.
        paced = card_requests(event, booths[: BOOTHS // 2], sessions, admin_session)
        cards = card_requests(event, booths[BOOTHS // 2 :], sessions, admin_session)
        count = len(paced) + len(cards)
        raw = [(c, "/bench/raw-insert/", b) for c, _p, b in cards]
        bare = [(c, "/bench/bare/", b) for c, _p, b in cards]
        kwargs = {"connections": args.connections, "seconds": args.seconds}
        burst(raw[:500], **kwargs)  # warm-up of the server and the table
        pace = len(paced) / (args.seconds * 0.95)
        results = {
            f"interest cards at {pace:.0f}/s (the bazar's pace)": burst(paced, **kwargs, pace=pace),
            "raw view inserting a row": burst(raw, **kwargs),
            "bare view (portal middleware)": burst(bare, **kwargs),
            "interest cards, as fast as served": burst(cards, **kwargs),
        }
        page = collection_page(event, admin_session)
    finally:
        server.terminate()
        server.wait(timeout=20)
    stored = InterestCard.objects.filter(booth__event=event)
    pairs = stored.values("visitor_id", "booth_id").distinct().count()
    raw_rps = results["raw view inserting a row"]["rps"]
    print(f"\n{count} card submissions in two sets, {args.connections} connections")
    print("| load | requests | s | req/s | of raw insert | p50 ms | p99 ms | non-2xx/3xx |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['requests']} | {r['seconds']:.1f} | {r['rps']:.0f} "
            f"| {r['rps'] / raw_rps:.2f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    print(
        f"\nCards stored: {stored.count()} (expected {count}); distinct visitor × booth: "
        f"{pairs}; lost {count - pairs}, doubled {stored.count() - pairs}."
    )
    print(
        f"Collection page: median {page['median_ms']:.1f} ms, max {page['max_ms']:.1f} ms "
        f"over 20 requests; {page['queries']} queries (status {page['status']})."
    )


if __name__ == "__main__":
    main()
