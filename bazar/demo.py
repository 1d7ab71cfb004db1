"""The demo's two bazar events, with dates relative to the day the demo is loaded:

- "Projektbazar 1" was four months ago and is in follow-up (its groups and their
  workshops: demo_groups.py): the program's experiments in
  action and later phases as booths (hosts from their teams), three themes, pitch round 1,
  shopping and round 2, attendees of four educations (leaders, teachers and other staff)
  checked in, and 60 interest cards (the demo leader `leder` wrote four of them), and the
  effect survey three months later with its answers (demo_effect.py).
- "Projektbazar 2" runs today: other booths, `admin` and `strateg` in the working group, and
  `leder` invited and checked in without a card yet, so a person trying the demo can open a
  booth on a phone and write one.

The facts and the card texts are in demo_data.py. Loading the demo twice on one day changes
nothing; on a later day the dates move with it.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import ngettext_lazy

from experiments.demo import demo_experiments

from . import demo_data as data
from . import demo_groups
from .demo_effect import demo_answers
from .portability_effect import KEY as EFFECT_KEY

KEY = "bazar_events"
COMMITMENTS = ("try", "inspiration", "implement", "try", "inspiration", "try", "implement")


def _at(day: dt.date, hour: int, minute: int = 0) -> str:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))).isoformat()


def _experiments() -> dict[str, dict]:
    return {e["slug"]: e for e in demo_experiments()}


def _booths(wanted: dict[str, str]) -> list[dict]:
    experiments = _experiments()
    return [
        {
            "experiment": slug,
            "hosts": sorted({person for person, _role in experiments[slug]["team"]}),
            "slug": slug[:60].rstrip("-"),
            "title": experiments[slug]["title"],
            "summary": experiments[slug]["summary"],
            "theme": theme,
            "order": n,
        }
        for n, (slug, theme) in enumerate(wanted.items(), start=1)
    ]


def _themes(wanted: dict[str, str]) -> list[dict]:
    titles = list(dict.fromkeys(wanted.values()))
    return [{"title": title, "order": n} for n, title in enumerate(titles, start=1)]


def _rounds(booths: list[dict], themes: list[dict]) -> list[dict]:
    """Round 1 with every booth's short pitch, shopping, and round 2 per theme."""
    start = dt.datetime.combine(dt.date(2000, 1, 1), dt.time(9, 15))
    first = [
        {
            "booth": b["slug"],
            "order": n,
            "starts_at": (start + dt.timedelta(minutes=5 * (n - 1))).time().isoformat(),
        }
        for n, b in enumerate(booths, start=1)
    ]
    rounds = [
        {
            "kind": "round_1",
            "theme": None,
            "starts_at": "09:15:00",
            "ends_at": "10:15:00",
            "order": 1,
            "slots": first,
        },
        {
            "kind": "shopping",
            "theme": None,
            "starts_at": "10:15:00",
            "ends_at": "11:45:00",
            "order": 2,
            "slots": [],
        },
    ]
    for n, theme in enumerate(themes):
        start = dt.time(12 + n // 2, 30 * (n % 2))
        end = dt.time(12 + (n + 1) // 2, 30 * ((n + 1) % 2))
        slots = [b for b in booths if b["theme"] == theme["title"]]
        rounds.append(
            {
                "kind": "round_2",
                "theme": theme["title"],
                "starts_at": start.isoformat(),
                "ends_at": end.isoformat(),
                "order": 3 + n,
                "slots": [{"booth": b["slug"], "order": i} for i, b in enumerate(slots, 1)],
            }
        )
    return rounds


def _attendees(rows, day: dt.date, invited: dt.date, booths: list[dict]) -> list[dict]:
    return [
        {
            "person": person,
            "education": data.EDUCATIONS[education],
            "role": role,
            "checked_in": checked_in,
            "invited_at": _at(invited, 10),
            "checked_in_at": _at(day, 8, 40 + n % 20) if checked_in else None,
            "checked_in_by": "admin" if checked_in else None,
            "pre_registrations": [booths[(n * 5) % len(booths)]["slug"]] if n % 3 == 0 else [],
        }
        for n, (person, education, role, checked_in) in enumerate(rows)
    ]


def _closed_cards(day: dt.date, booths: list[dict]) -> list[dict]:
    slugs = {b["experiment"]: b["slug"] for b in booths}
    cards, used = [], dict.fromkeys(data.TAKE_HOME, 0)
    for n, (booth, commitment, text) in enumerate(data.LEADER_CARDS):
        cards.append(_card("leder", slugs[booth], commitment, text, day, 10, 20 + 9 * n))
    visitors = [a for a in data.CLOSED_ATTENDEES if a[3] and a[0] != "leder"]
    order = list(data.CLOSED_BOOTHS)
    for i, (person, *_rest) in enumerate(visitors):
        picks = list(dict.fromkeys(order[(i * 3 + k * 5) % len(order)] for k in range(4)))
        for k, experiment in enumerate(picks):
            bank = data.TAKE_HOME[experiment]
            text = bank[used[experiment]] if used[experiment] < len(bank) else ""
            used[experiment] += 1
            commitment = "inspiration" if not text else COMMITMENTS[(i + k) % len(COMMITMENTS)]
            minute = (i * 7 + k * 11) % 90
            card = _card(person, slugs[experiment], commitment, text, day, 10, 20 + minute)
            cards.append(card)
    return sorted(cards, key=lambda c: (c["booth"], c["visitor"]))


def _card(visitor, booth, commitment, text, day, hour, minute) -> dict:
    at = _at(day, hour + minute // 60, minute % 60)
    return {
        "visitor": visitor,
        "booth": booth,
        "commitment": commitment,
        "take_home": text,
        "visited": True,
        "created_at": at,
        "updated_at": at,
    }


def _event(slug, title, day, status, booths_wanted, working_group, attendees, description):
    booths = _booths(booths_wanted)
    themes = _themes(booths_wanted)
    opened = day - dt.timedelta(days=28)
    history = [
        {"from": "planning", "to": "open", "by": "admin", "at": _at(opened, 9)},
        {"from": "open", "to": "running", "by": "strateg", "at": _at(day, 8, 30)},
    ]
    if status == "closed":
        history.append({"from": "running", "to": "closed", "by": "strateg", "at": _at(day, 15)})
    return {
        "slug": slug,
        "title": title,
        "date": day.isoformat(),
        "status": status,
        "working_group": [person for person, _role, _education in working_group],
        "booths": booths,
        "attendees": _attendees(attendees, day, opened + dt.timedelta(days=1), booths),
        "interest_cards": [],
        "start_time": "09:00:00",
        "end_time": "14:30:00",
        "place": "KEA Guldbergsgade, Kantinen og Auditorium A",
        "description": description,
        "institutions": sorted({e.split("/")[0] for e in data.EDUCATIONS.values()}),
        "survey_after_days": 90,
        "created_by": "admin",
        "themes": themes,
        "working_group_members": [
            {"person": p, "role": r, "education": e and data.EDUCATIONS[e]}
            for p, r, e in working_group
        ],
        "rounds": _rounds(booths, themes),
        "status_history": history,
    }


def demo_events(today: dt.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    # The first bazar was four months ago: its groups met after it, and its effect survey
    # went out three months after it (survey_after_days), so the loop is closed.
    past = today - dt.timedelta(days=120)
    closed = _event(
        "projektbazar-1",
        "Projektbazar 1 – nye ledelses- og samarbejdsformer",
        past,
        "closed",
        data.CLOSED_BOOTHS,
        [
            ("strateg", "leader", None),
            ("karen.holm", "leader", "kea"),
            ("sofie.krogh", "other_staff", None),
            ("jonas.berg", "teacher", "kea"),
            ("camilla.vinther", "other_staff", "sosu"),
        ],
        data.CLOSED_ATTENDEES,
        "Programmets første bazar: hvert eksperiment har en bod med faktaark, og hver "
        "uddannelse kommer med en leder og mindst én underviser. Skriv et balkort ved de "
        "boder, du besøger, om det, du vil tage med hjem.",
    )
    closed["interest_cards"] = _closed_cards(past, closed["booths"])
    demo_groups.add_follow_up(closed, past)  # follow-up: groups and their workshops
    sent_on = past + dt.timedelta(days=closed["survey_after_days"])
    closed[EFFECT_KEY] = demo_answers(closed, sent_on)  # the answers three months later
    running = _event(
        "projektbazar-2",
        "Projektbazar 2 – eksperimenter undervejs",
        today,
        "running",
        data.RUNNING_BOOTHS,
        [
            ("admin", "other_staff", None),
            ("strateg", "leader", None),
            ("mikkel.dahl", "leader", "tec"),
        ],
        data.RUNNING_ATTENDEES,
        "Anden bazar i programmet, med de eksperimenter der er i gang nu. Scan QR-koden ved "
        "boden, og skriv dit balkort på telefonen.",
    )
    slugs = {b["experiment"]: b["slug"] for b in running["booths"]}
    running["interest_cards"] = sorted(
        (
            _card(person, slugs[booth], commitment, text, today, 10, 20 + 6 * n)
            for n, (person, booth, commitment, text) in enumerate(data.RUNNING_CARDS)
        ),
        key=lambda c: (c["booth"], c["visitor"]),
    )
    return [closed, running]


def demo_part() -> dict:
    return {KEY: demo_events()}


SUMMARY = {
    KEY: ngettext_lazy(
        "%(count)d bazar event (%(titles)s)", "%(count)d bazar events (%(titles)s)", "count"
    )
}
