"""A change theory's history: who changed what and when, newest first, read from the
simple-history records of the theory, its signs and their links to experiments.

Every editing service writes its sign or link rows and then moves the theory's version on
(one more theory record), all in one transaction: a sign or link record belongs to the first
theory record by the same person at or after it, so one save shows as one edit. Records with
no theory record after them (an import, the demo) show as edits of their own. Four queries,
whatever the history's length; the latest HISTORY_LIMIT edits.
"""

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from experiments.models import Experiment
from labportal.accounts.models import User

from .models import LIST_FIELDS, TEXT_FIELDS, ChangeTheory, Sign, SignExperiment

HISTORY_LIMIT = 100
# Rows read per kind: enough for HISTORY_LIMIT edits when each touches a few signs.
RECORDS_READ = 1_000
# A sign or link record belongs to a theory record this soon after it (one transaction).
SAME_EDIT = timedelta(seconds=10)
SHOWN_FIELDS = (*TEXT_FIELDS, *LIST_FIELDS)


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class TheoryEdit:
    by: User | None
    at: datetime
    changes: list[Change] = field(default_factory=list)


def _lines(value) -> str:
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value or "")


def _theory_changes(records) -> list[tuple[object, list[Change]]]:
    """Each theory record (oldest first) with what it changed in the shown fields."""
    result = []
    previous = None
    for record in records:
        changes = []
        if previous is None:
            if record.history_type == "+":
                changes.append(Change(_("Change theory created"), "", ""))
            changes += [
                Change(_label(name), "", _lines(getattr(record, name)))
                for name in SHOWN_FIELDS
                if getattr(record, name)
            ]
        else:
            changes += [
                Change(_label(name), _lines(getattr(previous, name)), _lines(getattr(record, name)))
                for name in SHOWN_FIELDS
                if getattr(previous, name) != getattr(record, name)
            ]
        result.append((record, changes))
        previous = record
    return result


def _label(name: str) -> str:
    return str(ChangeTheory._meta.get_field(name).verbose_name).capitalize()


def _sign_changes(records) -> list[tuple[object, Change]]:
    """What each sign record did (oldest first): added, reworded, moved, removed."""
    result, last = [], {}
    for record in records:
        before = last.get(record.id)
        if record.history_type == "+":
            result.append((record, Change(_("Sign added"), "", record.text)))
        elif record.history_type == "-":
            result.append((record, Change(_("Sign removed"), record.text, "")))
        elif before is not None:
            if before.text != record.text:
                result.append((record, Change(_("Sign"), before.text, record.text)))
            if before.position != record.position:
                result.append(
                    (
                        record,
                        Change(
                            _("Place of the sign “%(sign)s”") % {"sign": record.text},
                            str(before.position),
                            str(record.position),
                        ),
                    )
                )
        last[record.id] = record
    return result


def _link_changes(records, sign_texts: dict[int, str], titles: dict[int, str]):
    result = []
    for record in records:
        values = {
            "experiment": titles.get(record.experiment_id, f"#{record.experiment_id}"),
            "sign": sign_texts.get(record.sign_id, f"#{record.sign_id}"),
        }
        if record.history_type == "+":
            label = _("Experiment linked to the sign “%(sign)s”") % values
            result.append((record, Change(label, "", values["experiment"])))
        elif record.history_type == "-":
            label = _("Experiment unlinked from the sign “%(sign)s”") % values
            result.append((record, Change(label, values["experiment"], "")))
    return result


def _latest(queryset):
    records = list(
        queryset.select_related("history_user").order_by("-history_date", "-pk")[:RECORDS_READ]
    )
    records.reverse()
    return records


def theory_history(theory: ChangeTheory) -> list[TheoryEdit]:
    """The theory's edits, newest first (at most HISTORY_LIMIT)."""
    theory_records = _latest(ChangeTheory.history.filter(id=theory.pk))
    sign_records = _latest(Sign.history.filter(theory_id=theory.pk))
    sign_ids = {record.id for record in sign_records}
    link_records = _latest(SignExperiment.history.filter(sign_id__in=sign_ids))
    titles = dict(
        Experiment.objects.filter(pk__in={r.experiment_id for r in link_records}).values_list(
            "pk", "title"
        )
    )
    sign_texts = {record.id: record.text for record in sign_records}  # the latest wording

    edits: list[TheoryEdit] = []
    anchors = []  # (date, edit) of the theory records, oldest first
    for record, changes in _theory_changes(theory_records):
        edit = TheoryEdit(by=record.history_user, at=record.history_date, changes=changes)
        edits.append(edit)
        anchors.append(record.history_date)
    loose: dict[tuple, TheoryEdit] = {}
    for record, change in _sign_changes(sign_records) + _link_changes(
        link_records, sign_texts, titles
    ):
        at = bisect_left(anchors, record.history_date)
        if (
            at < len(anchors)
            and anchors[at] - record.history_date <= SAME_EDIT
            and edits[at].by == record.history_user
        ):
            edits[at].changes.append(change)
            continue
        key = (record.history_user_id, record.history_date.replace(microsecond=0))
        if key not in loose:
            loose[key] = TheoryEdit(by=record.history_user, at=record.history_date)
        loose[key].changes.append(change)
    edits += loose.values()
    edits = [edit for edit in edits if edit.changes]
    edits.sort(key=lambda edit: edit.at, reverse=True)
    return edits[:HISTORY_LIMIT]
