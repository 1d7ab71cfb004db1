"""Benchmark: a wheel move with Redis up and down, and the e-mails after Redis returns.

    uv run python bench/faults.py     # 30 moves with Redis up, 30 down (--moves, --outage s)

Its own redis-server on a free port serves gunicorn (gunicorn.conf.py, bench/settings.py, as in
run.py), a Celery worker and beat (the real 60 s sweep); e-mail goes to files. BENCH_DATABASE_URL
is created and migrated when missing, never refilled. A team member moves a bench experiment
design <-> action (each POST must answer 302), each move between GETs of /bench/bare/ and
/bench/raw/; Redis stops for as many moves, starts again on the same port, and the script waits
until every notification is e-mailed (and counts the mails). Logs stay in the printed directory.
"""

import argparse
import http.client
import logging
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import run  # sets DJANGO_SETTINGS_MODULE=bench.settings

SLUG = "bench-faults"
TEAM = ("bench-faults-1", "bench-faults-2", "bench-faults-3")  # the first one moves
OWNER = "bench-faults-owner"
CASES = ("raw view, no middleware", "bare view", "wheel move (POST, 302)")
# A move: the form (its prefix), the phase the person saw, the phase it goes to.
STEPS = (("advance", "design", "action"), ("back", "action", "design"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(name: str, argv: list[str], logs: Path, procs: dict) -> None:
    log = (logs / f"{name}.log").open("ab")
    procs[name] = subprocess.Popen(argv, cwd=run.ROOT, stdout=log, stderr=log)


def start_redis(port: int, logs: Path, procs: dict) -> None:
    argv = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    start("redis", [*argv, "--appendonly", "no"], logs, procs)
    for _ in range(50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("redis-server did not start")


def prepare() -> tuple[str, list[int], list[int]]:
    """Database, static files, the experiment in design with team and owner; returns a team
    member's session cookie, the recipients' ids, the last notification's and job's ids."""
    import psycopg

    url = run.database_url()
    try:
        psycopg.connect(url).close()
    except psycopg.OperationalError:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from experiments.models import Experiment, TeamMembership
    from labportal.accounts.models import User
    from labportal.accounts.services import user_set_roles
    from labportal.jobs.models import Job
    from labportal.notifications.models import Notification
    from labportal.organisation.models import DevelopmentLab, Institution, Program

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    lab, _ = DevelopmentLab.objects.get_or_create(slug=SLUG, defaults={"name": "Bench faults"})
    program, _ = Program.objects.get_or_create(slug=SLUG, defaults={"title": "F", "lab": lab})
    school, _ = Institution.objects.get_or_create(slug=SLUG, defaults={"name": "Bench faults"})
    users = [User.objects.get_or_create(username=name)[0] for name in (*TEAM, OWNER)]
    for user in users:
        user.email, user.is_active = f"{user.username}@example.org", True
        user.save()
        user_set_roles(user=user, roles=["staff", "strategic"] if user is users[-1] else ["staff"])
    experiment, _ = Experiment.objects.update_or_create(
        slug=SLUG,
        defaults={"title": "Bench: faults", "program": program, "institution": school}
        | {"phase": "design", "decision": "", "owner": users[-1]},
    )
    for user in users[:3]:
        TeamMembership.objects.get_or_create(experiment=experiment, user=user)
    client = Client()
    client.force_login(users[0])
    last = [getattr(m.objects.order_by("pk").last(), "pk", 0) for m in (Notification, Job)]
    return f"sessionid={client.cookies['sessionid'].value}", [u.pk for u in users[1:]], last


def call(method: str, path: str, cookie: str, body: str = "") -> tuple[int, float, str, str]:
    """One request on a fresh connection: status, milliseconds, Set-Cookie, body."""
    conn = http.client.HTTPConnection(run.BIND, timeout=30)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    started = time.perf_counter()
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    text = response.read().decode(errors="replace")
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    return response.status, elapsed, response.getheader("Set-Cookie") or "", text


def moves(cookie: str, token: str, count: int, done: list[int], pause: float) -> dict:
    """`count` moves (advance from design, step back from action), each between the baselines,
    `pause` seconds apart (the worker sends a move's e-mails meanwhile, not during the next)."""
    times: dict[str, list[float]] = {case: [] for case in CASES}
    for _ in range(count):
        time.sleep(pause)
        times[CASES[1]].append(call("GET", "/bench/bare/", cookie)[1])
        action, seen, to = STEPS[done[0] % 2]
        fields = {"note": f"Bench move {done[0] + 1}", "expected_phase": seen, "to_phase": to}
        form = {f"{action}-{key}": value for key, value in fields.items()}
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **form})
        status, elapsed, _, text = call("POST", f"/experiments/{SLUG}/{action}/", cookie, body)
        if status != 302:
            raise SystemExit(f"move {done[0] + 1} ({action}) answered {status}: {text[:300]}")
        done[0] += 1
        times[CASES[2]].append(elapsed)
        times[CASES[0]].append(call("GET", "/bench/raw/", cookie)[1])
    return times


def wait_for_mail(recipients: list[int], after: int, timeout: float) -> list[tuple]:
    """(url, created_at, emailed_at) of the run's notifications, once all are e-mailed."""
    from labportal.notifications.models import Notification

    deadline = time.monotonic() + timeout
    while True:
        rows = Notification.objects.filter(pk__gt=after, recipient__in=recipients)
        rows = list(rows.values_list("url", "created_at", "emailed_at"))
        if all(row[2] for row in rows) or time.monotonic() > deadline:
            return rows
        time.sleep(0.25)


def mails_sent(mail_dir: Path) -> Counter:
    """(recipient, transition) of every e-mail the worker wrote: each should occur once."""
    text = "".join(path.read_text() for path in mail_dir.glob("*.log"))
    return Counter(re.findall(r"^To: (\S+)$.*?#transition-(\d+)$", text, re.M | re.S))


def stats(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), statistics.quantiles(values, n=10, method="inclusive")[8]


def table(up: dict, down: dict) -> str:
    lines = [
        "| request | up: median ms | p90 ms | max ms | down: median ms | p90 ms | max ms |",
        "|---|" + "---:|" * 6,
    ]
    for case in CASES:
        cells = [f"{v:.1f}" for t in (up, down) for v in (*stats(t[case]), max(t[case]))]
        lines.append(f"| {case} | {' | '.join(cells)} |")
    for base in CASES[:2]:
        cells = []
        for t in (up, down):
            move, ref = stats(t[CASES[2]]), stats(t[base])
            cells += [f"{move[0] / ref[0]:.1f}×", f"{move[1] / ref[1]:.1f}×", ""]
        lines.append(f"| move ÷ {base} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="moves with Redis up, and down")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between moves")
    parser.add_argument("--outage", type=float, default=0, help="keep Redis down this long")
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    (logs / "mail").mkdir()
    procs: dict[str, subprocess.Popen] = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    port = free_port()
    run.BIND = f"127.0.0.1:{free_port()}"  # run.start_gunicorn and call() use this address
    os.environ |= {"REDIS_URL": f"redis://127.0.0.1:{port}/0", "GUNICORN_LOG_LEVEL": "warning"}
    os.environ["EMAIL_URL"] = f"filemail:///{logs / 'mail'}"
    celery = [sys.executable, "-m", "celery", "-A", "labportal"]
    try:
        start_redis(port, logs, procs)
        cookie, recipients, (first_note, first_job) = prepare()
        saved, log = os.dup(2), (logs / "gunicorn.log").open("ab")
        os.dup2(log.fileno(), 2)  # gunicorn inherits stderr: its log (and Django's) to the file
        try:
            procs["gunicorn"] = run.start_gunicorn(None, fragment_cache=True)
        finally:
            os.dup2(saved, 2)
        start("worker", [*celery, "worker", "--concurrency", "1", "-l", "info"], logs, procs)
        start("beat", [*celery, "beat", "-l", "info", "-s", str(logs / "beat")], logs, procs)
        status, _, set_cookie, page = call("GET", f"/experiments/{SLUG}/", cookie)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        csrf = re.search(r"csrftoken=([^;]+)", set_cookie)
        if status != 200 or not token or not csrf:
            raise SystemExit(f"experiment page: {status}, no CSRF token or cookie")
        cookie, token = f"{cookie}; csrftoken={csrf[1]}", token[1]
        print(f"Logs and mails: {logs}\nWarming up (4 moves) …", flush=True)
        done = [0]
        moves(cookie, token, 4, done, args.pause)
        up = moves(cookie, token, args.moves, done, args.pause)
        up_rows = wait_for_mail(recipients, first_note, 120)
        procs["redis"].terminate()
        procs.pop("redis").wait(timeout=10)
        stopped = time.time()
        down = moves(cookie, token, args.moves, done, args.pause)
        time.sleep(max(0, stopped + args.outage - time.time()))
        start_redis(port, logs, procs)
        restarted = time.time()
        print(f"Redis back after {restarted - stopped:.0f} s; e-mails …", flush=True)
        rows = wait_for_mail(recipients, first_note, 400)
        report(args, up, down, up_rows, rows, restarted, logs, first_job)
    finally:
        if "django" in sys.modules and sys.modules["django"].apps.apps.ready:
            from experiments.models import Experiment

            logging.disable(logging.CRITICAL)  # Redis may be down: no traceback per cache call
            Experiment.objects.filter(slug=SLUG).delete()  # run.py refills on another count
        for name, proc in sorted(procs.items(), key=lambda item: item[0] == "redis"):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop; killing it", flush=True)
                proc.kill()


def report(args, up, down, up_rows, rows, restarted, logs: Path, first_job: int) -> None:
    from labportal.jobs.models import Job

    jobs = Job.objects.filter(pk__gt=first_job, task="notifications.send_emails")
    ours = {url.rsplit("-", 1)[1] for url, *_ in rows}  # an earlier run's jobs may go too
    mails = [n for (_, transition), n in mails_sent(logs / "mail").items() if transition in ours]
    waited = [(e - c).total_seconds() for _, c, e in up_rows if e] or [float("nan")]
    after = sorted(e.timestamp() - restarted for *_, e in rows if e and e.timestamp() > restarted)
    after = after or [float("nan")]
    log = {name: (logs / f"{name}.log").read_text() for name in ("gunicorn", "worker", "beat")}
    slow = [sum(t > 1000 for t in times[CASES[2]]) for times in (up, down)]
    print(
        f"\n{table(up, down)}\n\n- {args.moves} moves each way, {args.pause} s apart (after 4 "
        f"warm-up moves); over 1 s: {slow[0]} with Redis up, {slow[1]} with it down; failed "
        f"publishes (gunicorn log): {log['gunicorn'].count('Could not publish')}\n"
        f"- {len(rows)} notifications, {sum(not r[2] for r in rows)} not e-mailed; {len(jobs)} "
        f"e-mail jobs, states {dict(Counter(jobs.values_list('state', flat=True)))}, attempts "
        f"{dict(Counter(jobs.values_list('attempts', flat=True)))}\n- e-mails written: "
        f"{sum(mails)} for {len(mails)} notifications, {sum(n > 1 for n in mails)} more than once\n"
        f"- Redis up: move -> e-mail median {statistics.median(waited):.2f} s, "
        f"max {max(waited):.2f} s\n- after Redis returned: first e-mail {after[0]:.1f} s, "
        f"last {after[-1]:.1f} s\n"
        f"- sweeps sent by beat: {log['beat'].count('Sending due task')}; ERROR lines: "
        f"worker {log['worker'].count('ERROR/')}, beat {log['beat'].count('ERROR/')}"
    )


if __name__ == "__main__":
    main()
