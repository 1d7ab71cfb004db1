"""A plausible path round the wheel for each demo experiment, ending shortly before the
demo's anchor: the morning of the day the demo was first loaded.

Each experiment's last move lies 2 to 51 days before the anchor and its phases last 10 to 34
days, so the pages read like a live program. Everything else is derived from the experiment's
position in the list; the anchor is read back from the history of the first load
(`demo_anchor`), so loading the demo again, on any later day, adds nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from experiments.enums import PHASE_ORDER, Phase

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

NOTES = {
    "created": [
        "Eksperimentafsættet er skrevet og sendt til teamet.",
        "Afsæt oprettet efter drøftelse i ledergruppen.",
        "Udfordringen er beskrevet; team og tidsramme er på plads.",
    ],
    "launch": [
        "Eksperimentet er sat i gang. Teamet har mandat til at designe de første aktioner.",
        "Igangsat efter møde med uddannelseschefen; hypotesen er registreret.",
        "Startskuddet er givet – teamet går i gang med prototyper.",
    ],
    Phase.ACTION: [
        "Designet er på plads, og de første aktioner gennemføres efter planen.",
        "Prototypen er prøvet af på et enkelt hold; nu rulles aktionerne ud.",
        "Aftaler med deltagere og tidsplan er klar. Vi går i gang.",
    ],
    Phase.ANALYSIS: [
        "Aktionerne er gennemført. Vi samler observationer og spørgeskemasvar.",
        "Sidste aktion er afviklet; teamet gennemgår data.",
        "Aktionsperioden er slut, og evalueringen er planlagt.",
    ],
    Phase.CONCEPT: [
        "Analysen peger på tydelige fund, som vi nu forenkler til et koncept.",
        "Evalueringen er drøftet med ledelsen; vi går videre med konceptualisering.",
        "Fundene holder. Næste skridt er at beskrive, hvad andre kan bruge.",
    ],
    Phase.IMPLEMENTATION: [
        "Konceptet er beskrevet og sendt til strategisk niveau.",
        "Konceptbeskrivelsen er færdig og klar til beslutning om ibrugtagning.",
    ],
    "back": [
        "Datagrundlaget var for spinkelt. Vi gennemfører to ekstra aktioner, før vi "
        "analyserer igen.",
    ],
    "adopted": [
        "Besluttet: praksissen tages i brug på flere uddannelser fra næste semester.",
        "Besluttet at tage konceptet i brug og sprede det via bazaren.",
    ],
    "new_iteration": [
        "Ny iteration: vi fortsætter på et mindre hold med en justeret hypotese.",
    ],
}


def _note(key, index: int) -> str:
    pool = NOTES[key]
    return pool[index % len(pool)]


def today_morning() -> dt.datetime:
    """9:00 in Copenhagen today, in UTC: the path is reckoned in real hours (not wall-clock
    ones, which a change to or from summer time would shift)."""
    morning = dt.datetime.combine(dt.datetime.now(COPENHAGEN).date(), dt.time(9, 0), COPENHAGEN)
    return morning.astimezone(dt.UTC)


def phase_path(experiment: dict, index: int, anchor: dt.datetime) -> list[dict]:
    """The history entries that bring the experiment to its phase (and decision)."""
    owner = experiment["owner"]
    doer = experiment["team"][0][0] if experiment["team"] else owner
    steps = [("", Phase.PRE, "created", owner, _note("created", index))]
    target = PHASE_ORDER.index(Phase(experiment["phase"]))
    for phase in PHASE_ORDER[1 : target + 1]:
        previous = phase.previous()
        if phase == Phase.DESIGN:
            steps.append((previous, phase, "launch", owner, _note("launch", index)))
            continue
        by = owner if phase == Phase.IMPLEMENTATION else doer
        steps.append((previous, phase, "forward", by, _note(phase, index)))
        if phase == Phase.ANALYSIS and experiment.get("detour"):
            steps.append((phase, Phase.ACTION, "back", doer, _note("back", index)))
            steps.append((Phase.ACTION, phase, "forward", doer, _note(phase, index + 1)))
    decision = experiment.get("decision", "")
    if decision:
        steps.append((Phase.IMPLEMENTATION, Phase.IMPLEMENTATION, "decision", owner, None))
    gap = dt.timedelta(days=10 + (index * 7) % 25, hours=index % 5)
    end = anchor - dt.timedelta(days=2 + (index * 11) % 50)
    at = end - gap * (len(steps) - 1)
    entries = []
    for from_phase, to_phase, kind, by, note in steps:
        entries.append(
            {
                "from": str(from_phase) or None,
                "to": str(to_phase),
                "by": by,
                "at": at.isoformat(),
                "note": note or _note(decision, index),
                "kind": kind,
                "decision": decision if kind == "decision" else "",
            }
        )
        at += gap
    return entries
