"""The experiment list's counts per filter option: what choosing the option would show, the
other filters and the search kept (experiments/facets.py)."""

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from experiments import search
from tests.experiments.list_support import URL

pytestmark = pytest.mark.django_db


def counts(response, name: str) -> dict[str, int | None]:
    """The options of one select as value -> count (None: the label has no count)."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = {}
    for value, label in re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select):
        number = re.search(r" \((\d+)\)$", label)
        found[value] = int(number.group(1)) if number else None
    return found


def test_without_filters_each_option_counts_its_experiments(staff_client, world):
    response = staff_client.get(URL)
    assert counts(response, "track") == {
        "relationsbaseret": 2,
        "udforskende": 1,
        "digitalt-spor": 1,
    }
    assert counts(response, "program") == {"digital": 1, "nye-former": 3}
    assert counts(response, "lab") == {"didaktik": 1, "ledelse": 3}
    assert counts(response, "institution") == {"kea": 2, "tec": 2}
    assert counts(response, "phase")["action"] == 2
    assert counts(response, "phase")["design"] == 1
    assert counts(response, "phase")["implementation"] == 0
    assert counts(response, "concept") == {"tifs": 2}
    assert response.content.decode().count(">All trial tracks</option>") == 1


def test_a_filter_keeps_its_own_options_counted_as_if_chosen_instead(staff_client, world):
    response = staff_client.get(URL, {"track": "relationsbaseret"})
    # The track's options: what each track would show, not only the chosen one.
    assert counts(response, "track") == {
        "relationsbaseret": 2,
        "udforskende": 1,
        "digitalt-spor": 1,
    }
    # The other filters: within the chosen track (alfa at TEC, beta at KEA).
    assert counts(response, "institution") == {"kea": 1, "tec": 1}
    assert counts(response, "lab") == {"didaktik": 0, "ledelse": 2}
    assert counts(response, "concept") == {"tifs": 1}


def test_two_filters_count_each_other_but_not_themselves(staff_client, world):
    response = staff_client.get(URL, {"institution": "kea", "phase": "action"})
    assert counts(response, "track") == {
        "relationsbaseret": 1,
        "udforskende": 0,
        "digitalt-spor": 0,
    }
    assert counts(response, "institution") == {"kea": 1, "tec": 1}  # in action: beta, gamma
    phases = counts(response, "phase")  # at KEA: beta in action, delta before the start
    assert (phases["action"], phases["pre"], phases["design"]) == (1, 1, 0)


def test_the_concept_filter_counts_the_concepts_sources(staff_client, world):
    response = staff_client.get(URL, {"concept": "tifs"})
    assert counts(response, "track") == {
        "relationsbaseret": 1,
        "udforskende": 1,
        "digitalt-spor": 0,
    }
    assert counts(response, "concept") == {"tifs": 2}


def test_a_search_counts_its_matches_with_and_without_filters(staff_client, world):
    alone = staff_client.get(URL, {"q": "Alfa"})
    assert counts(alone, "institution") == {"kea": 0, "tec": 1}
    # Alfa is at TEC: nothing at KEA matches, yet TEC's option says what choosing it shows.
    filtered = staff_client.get(URL, {"q": "Alfa", "institution": "kea"})
    assert counts(filtered, "institution") == {"kea": 0, "tec": 1}
    assert counts(filtered, "track")["relationsbaseret"] == 0


@pytest.mark.postgresql(reason="only full-text search caps its matches")
def test_a_search_with_more_matches_than_it_ranks_shows_no_counts(staff_client, world, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 2)  # as if more than 2 were too many to list
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(URL, {"q": "resumé"})  # in every experiment's summary
    candidates = [q for q in queries if "experiments_title_tsvector" in q["sql"]]
    assert len(candidates) == 1  # the list's own search; not again for the counts
    assert not any("GROUP BY" in q["sql"] for q in queries)
    assert "More than 2 experiments match." in response.content.decode()
    assert set(counts(response, "institution").values()) == {None}
    assert "TEC</option>" in response.content.decode()


def test_htmx_results_carry_the_new_labels_for_the_selects(staff_client, world):
    response = staff_client.get(URL, {"track": "udforskende"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    raw = re.search(r'id="filter-option-labels" hidden data-labels="([^"]*)"', html).group(1)
    labels = json.loads(unescape(raw))
    assert labels["filter-institution"] == {"kea": "KEA (0)", "tec": "TEC (1)"}
    assert "<select" not in html  # the selects stay in place; experiment_list.js relabels them


def test_other_filters_ask_nothing_more_for_their_counts(staff_client, world):
    """Without a search the grouped rows are the same for every choice of filters: kept once,
    a list with new filters counts from them."""
    staff_client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(URL, {"institution": "kea"})
    assert not any("GROUP BY" in q["sql"] for q in queries)
    assert counts(response, "track") == {
        "relationsbaseret": 1,
        "udforskende": 0,
        "digitalt-spor": 1,
    }
    assert counts(response, "concept") == {"tifs": 0}  # alfa and gamma are at TEC
