"""The organisation's part of the demo: who owns the program and its tracks."""

from labportal.accounts.demo import DEMO_ACCOUNTS, STAFF
from labportal.accounts.enums import Role
from labportal.organisation.demo import demo_part

STRATEGIC = {a.username for a in DEMO_ACCOUNTS if Role.STRATEGIC in a.roles} | {
    username for username, *_names, roles in STAFF if Role.STRATEGIC in roles
}


def test_the_program_and_its_tracks_are_owned_at_the_strategic_level():
    part = demo_part()
    owned = part["programs"] + part["tracks"]
    assert {row["owner"] for row in owned} <= STRATEGIC
    assert {row["owner"] for row in owned} == {"strateg"}  # the demo account one signs in as


def test_each_program_lists_exactly_its_tracks():
    part = demo_part()
    for program in part["programs"]:
        tracks = [t["slug"] for t in part["tracks"] if t["program"] == program["slug"]]
        assert program["tracks"] == tracks
