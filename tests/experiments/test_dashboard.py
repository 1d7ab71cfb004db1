"""The dashboard: my experiments, what awaits me, and the strategic portfolio."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from experiments.enums import Decision, Phase
from experiments.models import Experiment
from experiments.selectors import experiments_awaiting_user, experiments_of_user, portfolio
from tests.experiments.wheel_support import experiment_in, staff, strategic
from tests.factories import TrackFactory

pytestmark = pytest.mark.django_db


def titles(experiments):
    return sorted(e.title for e in experiments)


def test_my_experiments_are_those_on_my_team_or_owned(wheel):
    experiment_in(Phase.ACTION, title="Andres")
    assert titles(experiments_of_user(wheel["member"])) == [wheel["experiment"].title]
    assert titles(experiments_of_user(wheel["owner"])) == [wheel["experiment"].title]
    assert experiments_of_user(wheel["outsider"]) == []


def test_awaiting_me_for_the_team_and_the_owner():
    member, owner = staff(), strategic()
    track = TrackFactory(owner=owner)
    experiment_in(Phase.PRE, team=[member], owner=owner, title="A pre")
    experiment_in(Phase.DESIGN, team=[member], title="B design")
    experiment_in(Phase.CONCEPT, team=[member], owner=owner, title="C concept")
    experiment_in(Phase.IMPLEMENTATION, track=track, title="D implementation")
    experiment_in(Phase.IMPLEMENTATION, owner=owner, decision=Decision.ADOPTED, title="E decided")
    experiment_in(Phase.PRE, title="F someone else's")
    assert titles(experiments_awaiting_user(member)) == ["B design", "C concept"]
    assert titles(experiments_awaiting_user(owner)) == ["A pre", "C concept", "D implementation"]


def test_portfolio_counts_and_days_in_phase():
    now = timezone.now()
    first, second = TrackFactory(title="Innovationsbaseret"), TrackFactory(title="Relationsbaseret")
    for days, track, phase in [
        (10, first, Phase.DESIGN),
        (20, first, Phase.DESIGN),
        (3, first, Phase.ACTION),
        (5, second, Phase.DESIGN),
    ]:
        experiment = experiment_in(phase, track=track)
        Experiment.objects.filter(pk=experiment.pk).update(
            phase_entered_at=now - timedelta(days=days)
        )
    rows = portfolio(now=now)
    assert [r.track_title for r in rows] == ["Innovationsbaseret", "Relationsbaseret"]
    design, action = Phase.DESIGN.number - 1, Phase.ACTION.number - 1
    cell = rows[0].cells[design]
    assert (cell.count, cell.average_days, cell.longest_days) == (2, 15, 20)
    assert rows[0].cells[action].count == 1
    assert rows[0].total == 3
    assert (rows[1].cells[design].count, rows[1].cells[design].average_days) == (1, 5)


def test_dashboard_shows_the_portfolio_only_to_the_strategic_level(client_for, wheel):
    staff_html = client_for(wheel["member"]).get("/").content.decode()
    assert 'id="portfolio"' not in staff_html
    assert wheel["experiment"].title in staff_html
    html = client_for(wheel["strategic"]).get("/").content.decode()
    assert 'id="portfolio"' in html
    assert wheel["experiment"].track.title in html


@pytest.mark.parametrize("n", [5, 60])
def test_dashboard_queries_do_not_grow(client_for, django_assert_num_queries, n):
    boss = strategic()
    tracks = [TrackFactory(owner=boss) for _i in range(3)]
    for i in range(n):
        experiment_in(
            list(Phase)[i % 6], track=tracks[i % 3], owner=boss if i % 2 else None, team=[boss]
        )
    client = client_for(boss)
    with django_assert_num_queries(QUERIES_DASHBOARD):
        response = client.get("/")
    assert response.status_code == 200
    assert row_total(response, tracks[0].title) == len([i for i in range(n) if i % 3 == 0])


def row_total(response, track_title: str) -> int:
    """The total column of the portfolio's row for this track, as rendered."""
    html = response.content.decode()
    row = re.search(rf'<th scope="row">{re.escape(track_title)}</th>(.*?)</tr>', html, re.S)
    return int(re.findall(r"<td>(\d+)</td>", row.group(1))[-1])


# The session comes from the cache (cached_db sessions, as in production with Redis); the
# header's unread count is counted on this first page and then kept in the cache. The bazar's
# panels add two: the next event with the person's state there, and (for the strategic level)
# the events whose results it sums.
QUERIES_DASHBOARD = 8


def test_the_portfolio_comes_from_the_cache_until_an_experiment_changes(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    boss = strategic()
    track = TrackFactory(owner=boss)
    for phase in (Phase.DESIGN, Phase.DESIGN, Phase.ACTION):
        experiment_in(phase, track=track, team=[boss])
    client = client_for(boss)
    client.get("/")  # builds the aggregate

    def aggregate_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        grouped = [q for q in captured if "GROUP BY" in q["sql"] and "experiment" in q["sql"]]
        return len(grouped), row_total(response, track.title)

    assert aggregate_queries() == (0, 3)  # read from the cache: no query over the experiments
    experiment_in(Phase.ACTION, track=track, team=[boss])  # a change retires it
    assert aggregate_queries() == (1, 4)
    assert aggregate_queries() == (0, 4)


def test_the_kept_table_follows_the_days_in_phase(client_for, monkeypatch):
    """The rendered table is kept by its figures: as days pass, the page says so."""
    boss = strategic()
    experiment_in(Phase.DESIGN, track=TrackFactory(owner=boss), team=[boss])
    client = client_for(boss)

    def days() -> list[int]:
        html = client.get("/").content.decode()
        spans = re.findall(r'<span class="portfolio-days">(.*?)</span>', html, re.S)
        return [int(n) for span in spans for n in re.findall(r"\d+", span)]

    today = days()
    assert days() == today  # from the cache, the same
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=3))
    assert days() == [n + 3 for n in today]
