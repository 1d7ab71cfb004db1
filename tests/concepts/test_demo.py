"""Concepts' part of the demo: each concept names the demo experiments it came from."""

from concepts.demo import demo_part
from experiments.demo import demo_part as experiments_part
from labportal.organisation.demo import TRACKS


def test_every_concept_comes_from_demo_experiments_of_its_program(db):  # the anchor is read
    experiments = {row["slug"] for row in experiments_part()["experiments"]}
    concepts = demo_part()["concepts"]
    assert len(concepts) == 6
    for concept in concepts:
        assert concept["source_experiments"], concept["slug"]
        assert set(concept["source_experiments"]) <= experiments, concept["slug"]
        assert concept["track"] in {t["slug"] for t in TRACKS}
    fed = {slug for concept in concepts for slug in concept["source_experiments"]}
    assert len(fed) == 17  # the booklet ties 17 of the 22 experiments to a concept
