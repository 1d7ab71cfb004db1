"""A portal of the release before the organisation app, with the demo loaded by that
release's own code, migrates forward with every organisation row and id intact.

The release is taken from the repository's history (`git archive`), its demo is loaded into
a fresh PostgreSQL database in a child process, and today's `migrate` runs on it in another.
"""

import io
import os
import shutil
import subprocess
import tarfile

import psycopg
import pytest

from tests.processes import REPO, run_django

RELEASE = "6d40c7a"  # main before the organisation app: experiments 0003, concepts 0001
DATABASE = "labportal_upgrade_test"
# table before → table after, with the columns that must survive unchanged
TABLES = {
    "experiments_developmentlab": ("organisation_developmentlab", "id, slug, name"),
    "experiments_program": ("organisation_program", "id, slug, title, lab_id, owner_id"),
    "experiments_track": ("organisation_track", "id, slug, title, program_id, owner_id"),
    "experiments_trackalias": ("organisation_trackalias", "id, track_id, name"),
    "experiments_institution": ("organisation_institution", "id, slug, name"),
    "experiments_education": ("organisation_education", "id, institution_id, slug, name"),
    "experiments_experiment": (
        "experiments_experiment",
        "id, slug, program_id, track_id, institution_id, education_id",
    ),
    "concepts_concept": ("concepts_concept", "id, slug, program_id, track_id"),
}


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL (DATABASE_URL): the release's schema is renamed there")
    return url.rsplit("/", 1)[0]


def release_checkout(root) -> object:
    try:
        archive = subprocess.run(  # noqa: S603 - git with fixed arguments
            ["git", "-C", str(REPO), "archive", "--format=tar", RELEASE],  # noqa: S607
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"the release {RELEASE} is not in this clone's history")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(root, filter="data")
    return root


def uv_path() -> str:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("needs uv to install the release's own dependencies")
    return uv


def rows(url: str, table: str, columns: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()  # noqa: S608


def test_the_release_demo_survives_the_move(tmp_path):
    server = server_url()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    url = f"{server}/{DATABASE}"
    try:
        old = release_checkout(tmp_path / "release")
        variables = {"DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "media")}
        # The release runs in an environment of its own dependencies (its uv.lock).
        loaded = run_django(
            ["manage.py", "demo", "--no-serve"],
            "labportal.settings.local",
            cwd=old,
            python=(uv_path(), "run", "--frozen", "--no-dev", "python"),
            **variables,
        )
        assert loaded.returncode == 0, loaded.stderr
        before = {table: rows(url, table, columns) for table, (_, columns) in TABLES.items()}
        assert len(before["experiments_experiment"]) == 22  # the release's demo, all there

        migrated = run_django(["manage.py", "migrate"], "labportal.settings.local", **variables)
        assert migrated.returncode == 0, migrated.stderr

        for table, (moved_to, columns) in TABLES.items():
            assert rows(url, moved_to, columns) == before[table], table
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        shutil.rmtree(tmp_path / "release", ignore_errors=True)
