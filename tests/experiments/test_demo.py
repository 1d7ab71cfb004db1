"""Experiments' part of the demo refers only to the demo's own organisation and people."""

from experiments.demo import demo_part
from labportal.accounts.demo import DEMO_ACCOUNTS, STAFF
from labportal.organisation import demo as organisation


def test_every_person_named_is_a_demo_account_or_demo_staff(db):  # the anchor is read
    # The importer would quietly create an unknown username as an inactive user.
    people = {a.username for a in DEMO_ACCOUNTS} | {username for username, *_rest in STAFF}
    named = set()
    for row in demo_part()["experiments"]:
        named |= {row["owner"], *(m["person"] for m in row["team"])}
        named |= {entry["by"] for entry in row["phase_history"]}
    assert named - people == set()


def test_tracks_and_institutions_are_the_organisations(db):
    tracks = {t["slug"] for t in organisation.TRACKS}
    institutions = {i["slug"] for i in organisation.INSTITUTIONS}
    for row in demo_part()["experiments"]:
        assert row["track"] in tracks, row["slug"]
        assert row["institution"] in institutions | {None}, row["slug"]
