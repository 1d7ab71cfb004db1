"""A portal migrated on the release before the organisation app moves forward with every row
and id: the tables are renamed, not copied."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0001_initial"),
    ("experiments", "0003_booklet_upload"),
    ("concepts", "0001_initial"),
    ("organisation", None),  # not yet there
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_organisation_rows_and_ids_survive_the_move():
    old = migrate(BEFORE)
    user = old.get_model("accounts", "User").objects.create(username="ejer")
    lab = old.get_model("experiments", "DevelopmentLab").objects.create(
        slug="lab", name="Ledelse og Styring"
    )
    program = old.get_model("experiments", "Program").objects.create(
        slug="program", title="Program", lab=lab, owner=user
    )
    track = old.get_model("experiments", "Track").objects.create(
        slug="spor", title="Spor", program=program, owner=user
    )
    alias = old.get_model("experiments", "TrackAlias").objects.create(track=track, name="Sporet")
    institution = old.get_model("experiments", "Institution").objects.create(
        slug="skole", name="Skolen"
    )
    education = old.get_model("experiments", "Education").objects.create(
        institution=institution, slug="udd", name="Uddannelsen"
    )
    experiment = old.get_model("experiments", "Experiment").objects.create(
        slug="eksperiment",
        title="Eksperiment",
        program=program,
        track=track,
        institution=institution,
        education=education,
    )
    concept = old.get_model("concepts", "Concept").objects.create(
        slug="koncept", title="Koncept", program=program, track=track
    )
    concept.source_experiments.add(experiment)

    new = migrate(latest())

    Experiment = new.get_model("experiments", "Experiment")
    moved = Experiment.objects.select_related(
        "program__lab", "program__owner", "track", "institution", "education__institution"
    ).get(id=experiment.id)
    assert (moved.program.id, moved.program.lab.id, moved.program.owner.username) == (
        program.id,
        lab.id,
        "ejer",
    )
    assert (moved.track.id, moved.institution.id) == (track.id, institution.id)
    assert (moved.education.id, moved.education.institution.id) == (education.id, institution.id)
    Track = new.get_model("organisation", "Track")
    assert list(Track.objects.get(id=track.id).aliases.values_list("id", "name")) == [
        (alias.id, "Sporet")
    ]
    Concept = new.get_model("concepts", "Concept")
    moved_concept = Concept.objects.get(id=concept.id)
    assert (moved_concept.program_id, moved_concept.track_id) == (program.id, track.id)
    assert list(moved_concept.source_experiments.values_list("id", flat=True)) == [experiment.id]
    tables = connection.introspection.table_names()
    assert "organisation_program" in tables
    assert "experiments_program" not in tables
    # New rows get new ids after the old ones (the id sequences came along).
    Program = new.get_model("organisation", "Program")
    assert Program.objects.create(slug="ny", title="Ny").id > program.id
