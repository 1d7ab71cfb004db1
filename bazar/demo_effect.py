"""The demo's effect answers for the finished event (projektbazar-1): realistic answers, in
Danish, written for the demo, so that the results page and the experiment pages show a
believable loop — most practices implemented or developed further, some leading to new
activities, a few not pursued, and a few surveys not answered.

`demo_answers(row, sent_on)` takes the event's "bazar_events" row once its "booths",
"attendees", "interest_cards" and "groups" are filled in, and returns its "effect_answers"
(portability_effect.py's shape). It asks who gets a survey the way the daily job does: each
member of a group (groups as {"booth": slug, "title": str, "members": [person]}), and each
checked-in holder of a "implement" card in no group. Deterministic: the same row gives the
same answers.
"""

import datetime as dt

# What became of each experiment's practice, by the experiment's slug: the answers given in
# turn to its surveys (None: not answered).
PLAN = {
    "projekt-bazar": ["implemented", "implemented", "developed", None],
    "fra-fakta-ark-til-implementering": ["implemented", "developed", "implemented"],
    "teamledelse": ["developed", "implemented", None, "developed"],
    "faglige-faellesskaber": ["implemented", "new_activities", "implemented"],
    "innovationsledelse-og-design-thinking": ["developed", "new_activities", None],
    "ambassadoerer-som-oversaettere": ["implemented", "developed"],
    "lede-paa-viden-faglige-faellesskaber": ["developed", None, "not_pursued"],
    "ledelse-paa-kerneydelsen": ["implemented", "developed"],
    "innovationsledelse": ["new_activities", "not_pursued", None],
    "nye-ledelsesformer-og-samarbejde": ["new_activities", None],
    "fra-driftsteam-til-fag-og-kompetencegrupper": ["not_pursued", "developed"],
    "nyeste-viden-i-undervisningen": ["not_pursued", None],
}
DEFAULT = ["developed", "not_pursued", None]

COMMENTS = {
    "implemented": [
        "Vi kører det nu fast i alle tre teams. Det tog to møder at blive enige om formen.",
        "Det er blevet en del af semesterplanen. Eleverne har taget godt imod det.",
        "Implementeret på begge hold fra januar – lederen har sat timer af til det.",
        "",
    ],
    "developed": [
        "Vi har tilpasset det til vores korte forløb; halvdelen af skabelonen var nok for os.",
        "Vi startede som i bazaren, men har gjort det til et fast punkt på afdelingsmødet.",
        "Udviklet videre sammen med praktikstederne, som nu også er med.",
        "",
    ],
    "new_activities": [
        "Det førte til et helt andet forløb om feedback, som vi ikke havde planlagt.",
        "Vi fik idéen til en fælles temadag med TEC i stedet.",
        "",
    ],
    "not_pursued": [
        "Ikke tid i dette semester – vi tager det op igen efter sommerferien.",
        "Det passede ikke til vores skemalægning. God idé, men ikke hos os lige nu.",
        "",
    ],
}


def _recipients(row: dict) -> list[tuple[str, str | None, str | None, str]]:
    """(booth slug, group title or None, visitor or None, recipient) per survey."""
    checked_in = {a["person"] for a in row.get("attendees", []) if a.get("checked_in")}
    grouped = set()
    surveys = []
    for group in row.get("groups", []):
        for person in group.get("members", []):
            grouped.add((group["booth"], person))
            surveys.append((group["booth"], group["title"], None, person))
    in_groups = {person for _booth, person in grouped}
    for card in row.get("interest_cards", []):
        booth, visitor = card["booth"], card["visitor"]
        if card.get("commitment") != "implement" or (booth, visitor) in grouped:
            continue
        if visitor in checked_in or visitor in in_groups:
            surveys.append((booth, None, visitor, visitor))
    return sorted(surveys, key=lambda s: (s[0], s[1] or "", s[3]))


def demo_answers(row: dict, sent_on: dt.date) -> list[dict]:
    """The row's "effect_answers": sent on `sent_on` at 8:00, answered over the next three
    weeks, one reminder to those who answered late or not at all."""
    experiment_of = {b["slug"]: b.get("experiment") for b in row.get("booths", [])}
    turn: dict[str, int] = {}
    comment_turn: dict[str, int] = {}
    answers = []
    for booth, group, visitor, recipient in _recipients(row):
        plan = PLAN.get(experiment_of.get(booth) or "", DEFAULT)
        n = turn.get(booth, 0)
        turn[booth] = n + 1
        outcome = plan[n % len(plan)]
        sent = dt.datetime.combine(sent_on, dt.time(8, 0))
        entry = {
            "group": group,
            "visitor": visitor,
            "recipient": recipient,
            "booth": booth,
            "outcome": outcome,
            "comment": "",
            "answered_at": None,
            "sent_at": sent.isoformat(),
            "reminders_sent": 1,
        }
        if outcome:
            k = comment_turn.get(outcome, 0)
            comment_turn[outcome] = k + 1
            days = 1 + (len(answers) * 3) % 20
            answered = sent + dt.timedelta(days=days, hours=6 + len(answers) % 8)
            entry |= {
                "comment": COMMENTS[outcome][k % len(COMMENTS[outcome])],
                "answered_at": answered.isoformat(),
                "reminders_sent": 0 if days < 14 else 1,
            }
        answers.append(entry)
    return answers
