"""Benchmark: the daily effect-survey job (bazar/effect.py) with 10,000 surveys due.

    uv run python bench/bazar_survey.py                 # 10,000 surveys
    uv run python bench/bazar_survey.py --surveys 20000

Not a test. Uses its own database (SURVEY_BENCH_DATABASE_URL, default
lp_bazar_survey_bench on 127.0.0.1; the name must contain "bench"), recreated on every run,
and Redis as the broker (SURVEY_BENCH_REDIS_URL, default db 15, emptied before and after:
no worker consumes the messages). One event in follow-up, 90 days ago, with 100 booths;
60 % of the recipients hold a "will implement it" card and were checked in, 40 % are in
follow-up groups of 10. Timed, each from the call to its return (commit and publishing to
the broker after commit included):

1. the first run: every survey created, one e-mail job each recorded and published;
2. the same run again the same day: nothing new (idempotence);
3. a run 15 days after sending (sent_at set in bulk first): one reminder job per survey;
4. sending: `survey_deliver` (the job's body: token, e-mail to the locmem outbox, inbox
   notification) for 500 surveys, per survey.
"""

import argparse
import datetime
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get(
    "SURVEY_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lp_bazar_survey_bench"
)
os.environ["DATABASE_URL"] = URL
os.environ["REDIS_URL"] = os.environ.get("SURVEY_BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ["DJANGO_SETTINGS_MODULE"] = "labportal.settings.local"


def recreate() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[1]
    if not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        raise SystemExit(f"refusing to recreate database {name!r}: its name must contain 'bench'")
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def flush_broker() -> None:
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def fill(n: int, today: datetime.date):
    from django.utils import timezone

    from bazar.models import (
        Attendee,
        BazarEvent,
        Booth,
        FollowUpGroup,
        GroupCard,
        InterestCard,
    )
    from labportal.accounts.models import User
    from labportal.organisation.models import Education, Institution

    institution = Institution.objects.create(slug="bench-inst", name="Bench-institution")
    education = Education.objects.create(institution=institution, slug="bench", name="Bench")
    event = BazarEvent.objects.create(
        slug="bench-bazar",
        title="Bench-bazar",
        date=today - datetime.timedelta(days=90),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        status="follow_up",
    )
    booths = Booth.objects.bulk_create(
        Booth(event=event, slug=f"stand-{i}", title=f"Stand {i}", order=i) for i in range(100)
    )
    users = User.objects.bulk_create(
        User(username=f"bench{i}", email=f"bench{i}@example.org", first_name=f"Navn{i}")
        for i in range(n)
    )
    now = timezone.now()
    implementers = int(n * 0.6)
    Attendee.objects.bulk_create(
        Attendee(
            event=event,
            user=u,
            education=education,
            role="teacher",
            checked_in_at=now if i < implementers else None,
        )
        for i, u in enumerate(users)
    )
    cards = InterestCard.objects.bulk_create(
        InterestCard(
            booth=booths[i % 100],
            visitor=u,
            commitment="implement" if i < implementers else "try",
        )
        for i, u in enumerate(users)
    )
    by_booth: dict[int, list] = {}
    for c in cards[implementers:]:
        by_booth.setdefault(c.booth_id, []).append(c)
    chunks = [
        (booth_id, chunk[k : k + 10])
        for booth_id, chunk in by_booth.items()
        for k in range(0, len(chunk), 10)
    ]
    groups = FollowUpGroup.objects.bulk_create(
        FollowUpGroup(event=event, booth_id=booth_id, title=f"Gruppe {k}", basis="manual")
        for k, (booth_id, _chunk) in enumerate(chunks)
    )
    members = [
        GroupCard(group=group, card=c)
        for group, (_booth, chunk) in zip(groups, chunks, strict=True)
        for c in chunk
    ]
    GroupCard.objects.bulk_create(members)
    return event


def timed(label: str, function):
    start = time.perf_counter()
    value = function()
    seconds = time.perf_counter() - start
    print(f"{label:<52} {seconds:7.2f} s   {value}")
    return value, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--surveys", type=int, default=10_000)
    args = parser.parse_args()
    recreate()
    flush_broker()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    from bazar import effect
    from bazar.models import EffectSurvey
    from labportal.jobs.models import Job

    today = timezone.localdate()
    fill(args.surveys, today)
    cpus = os.cpu_count()
    print(f"PostgreSQL {connection.pg_version}, {cpus} CPUs, {args.surveys} recipients")
    timed("1. first run (surveys + e-mail jobs, published)", lambda: effect.effect_daily(today))
    timed("2. the same day again (nothing new)", lambda: effect.effect_daily(today))
    sent = timezone.now() - datetime.timedelta(days=15)
    EffectSurvey.objects.update(sent_at=sent)
    later = today
    timed("3. 15 days after sending (reminder jobs, published)", lambda: effect.effect_daily(later))
    timed("   the same day again (nothing new)", lambda: effect.effect_daily(later))
    print(
        f"   surveys {EffectSurvey.objects.count()}, jobs "
        f"{Job.objects.filter(task__startswith='bazar.send_survey').count()}"
    )
    EffectSurvey.objects.update(sent_at=None)
    ids = list(EffectSurvey.objects.values_list("pk", flat=True)[:500])

    def deliver():
        return sum(effect.survey_deliver(survey_id=pk) for pk in ids)

    _n, seconds = timed("4. survey_deliver × 500 (e-mail to locmem, inbox)", deliver)
    print(f"   {1000 * seconds / len(ids):.1f} ms per survey")
    flush_broker()


if __name__ == "__main__":
    main()
