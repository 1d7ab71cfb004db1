"""The editor fuzzed: no input makes a server error, and a refusal changes nothing."""

import pytest

from changetheory import services
from tests.changetheory.pages_support import (  # noqa: F401 (world_fixture: a fixture)
    HTMX,
    add_sign,
    post,
    url,
    version_of,
    world_fixture,
)

# The wording is asserted in English: the Danish comes with the translation catalogue.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


# --- fuzz: no input makes a server error, and a refusal changes nothing ----------------------

ITEMS = ["Tid", "Penge"]


@pytest.fixture
def fuzz_world(world):
    theory = world["theory"]
    services.theory_update(
        theory=theory, by=world["owner"], expected_version=1, actions=ITEMS, effects_long=ITEMS
    )
    signs = [add_sign(world, text) for text in ("Et", "To")]
    services.link_add(
        sign=signs[0],
        experiment=world["experiment"],
        by=world["owner"],
        expected_version=version_of(theory),
    )
    return world | {"signs": signs}


def editor_fields(world) -> dict:
    from hypothesis import strategies as st

    from tests.fuzz_support import readable_text

    def one_of(*values):
        return st.sampled_from([str(v) for v in values])

    signs = world["signs"]
    experiments = (world["experiment"], world["foreign"])
    return {
        "edit_practice": {
            "desired_practice": readable_text,
            "ambition": readable_text,
            "challenge": readable_text,
        },
        "edit_hypothesis": {"hypothesis": readable_text},
        "edit_signs": {
            "op": one_of("add", "update", "delete", "move"),
            "text": readable_text,
            "sign": one_of(*(s.pk for s in signs)),
            "direction": one_of("up", "down"),
            "order": one_of(",".join(str(s.pk) for s in signs)),
        },
        "edit_links": {
            "op": one_of("add", "remove"),
            "sign": one_of(*(s.pk for s in signs)),
            "experiment": one_of(*(e.pk for e in experiments)),
        },
        "edit_list": {
            "field": one_of("actions", "effects_short", "effects_long"),
            "op": one_of("add", "remove", "up", "down"),
            "index": one_of(0, 1),
            "item": one_of(*ITEMS),
            "text": readable_text,
        },
    }


@pytest.mark.parametrize(
    "name", ["edit_practice", "edit_hypothesis", "edit_signs", "edit_links", "edit_list"]
)
def test_editor_fuzz(client_for, fuzz_world, name):
    from hypothesis import given
    from hypothesis import strategies as st

    from tests.fuzz_support import FUZZ, changed_tables, form_data, rolled_back, snapshot

    theory = fuzz_world["theory"]
    client = client_for(fuzz_world["owner"])
    fields = editor_fields(fuzz_world)[name]
    fields["version"] = st.just(str(version_of(theory)))
    required = ("version", "op") if "op" in fields else ("version",)
    outcomes = {"done": 0, "refused": 0}

    @FUZZ
    @given(data=form_data(fields, required=required), htmx=st.booleans())
    def run(data, htmx):
        with rolled_back():
            before = snapshot()
            response = post(client, name, theory, data, htmx=htmx)
            assert response.status_code < 500
            if response.status_code == (200 if htmx else 302):
                outcomes["done"] += 1
                return
            outcomes["refused"] += 1
            assert response.status_code >= 400, response.status_code
            assert changed_tables(before, snapshot()) == []

    run()
    assert outcomes["done"] > 0, outcomes
    assert outcomes["refused"] > 0, outcomes
