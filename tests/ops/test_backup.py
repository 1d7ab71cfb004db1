"""ops/backup.sh and ops/restore.sh against a real PostgreSQL: a portal filled by the demo is
backed up once and restored into another, empty database with every row and media file; a
database that already has tables is refused and left as it was, unless --force; old backups
are pruned; the scheduled loop backs up at once and stops cleanly on SIGTERM.

The databases are made on the server of DATABASE_URL, named after its database
(`<name>_bk_source`, ...), and dropped at the end. The scripts run with the PostgreSQL client
tools of the server's major version (/usr/lib/postgresql/<major>/bin) if installed, else the
ones on PATH.
"""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

from tests.processes import REPO, run_django

BACKUP = REPO / "ops" / "backup.sh"
RESTORE = REPO / "ops" / "restore.sh"
STAMP = r"\d{8}T\d{6}Z"
CLIENT_TOOLS = ("pg_dump", "pg_restore", "psql")
# Media put beside the demo before the backup: nested folders, a name with Danish letters,
# binary content and an empty file.
MEDIA = {
    "booklets/inspirationshæfte 2024.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 512,
    "concepts/øvelse/ærø å.txt": "Fælles øvelse på Ærø\n".encode(),
    "uploads/empty.bin": b"",
    "top.txt": b"top level\n",
}


# --- the server, its client tools, and databases made for these tests -------------------------


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL (DATABASE_URL): backups are pg_dump and pg_restore")
    return url


def major_version(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    assert match, text
    return int(match.group(1))


def client_tools_directory(server_major: int) -> Path:
    """The directory of pg_dump, pg_restore and psql of a version that can dump the server."""
    candidates = [Path(f"/usr/lib/postgresql/{server_major}/bin")]
    on_path = shutil.which("pg_dump")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
        candidates.append(Path(on_path).parent)
    for directory in candidates:
        if not all((directory / tool).is_file() for tool in CLIENT_TOOLS):
            continue
        version = subprocess.run(  # noqa: S603 - the client tool found above
            [str(directory / "pg_dump"), "--version"], capture_output=True, text=True, check=True
        ).stdout
        if major_version(version.split("(PostgreSQL)", 1)[-1]) >= server_major:
            return directory
    pytest.skip(
        f"needs the PostgreSQL {server_major} client tools (pg_dump, pg_restore, psql): "
        "install Debian's postgresql-client of the server's version"
    )


class Server:
    """Databases made on the server of DATABASE_URL for these tests, dropped at the end."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.base = url.split("?", 1)[0].rsplit("/", 1)[0]
        self.prefix = f"{parts.path.lstrip('/') or 'labportal'}_bk"
        self.made: list[str] = []
        with psycopg.connect(self.url("postgres")) as conn:
            version = int(conn.execute("SHOW server_version_num").fetchone()[0])
        self.tools = client_tools_directory(version // 10000)

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    def admin(self, statement: sql.Composable) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(statement)

    def create(self, suffix: str) -> str:
        name = f"{self.prefix}_{suffix}"
        self.admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self.admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.made.append(name)
        return self.url(name)

    def drop_all(self) -> None:
        for name in self.made:
            self.admin(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def script_environment(server: Server, **variables: str) -> dict[str, str]:
    """The caller's environment without any database setting, the server's client tools first
    on PATH, and `variables`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith(("PG", "BACKUP_", "MEDIA_"))
    }
    env["PATH"] = f"{server.tools}{os.pathsep}{env.get('PATH', '')}"
    env.update(variables)
    return env


def run_script(script: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own scripts
        ["bash", str(script), *args],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# --- what a database and a media directory hold -----------------------------------------------


def table_counts(url: str) -> dict[str, int]:
    """Rows of every table in the public schema."""
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", table))
            ).fetchone()[0]
            for table in tables
        }


def sequences(url: str) -> dict[str, int | None]:
    """Where every sequence of the public schema stands: new rows get fresh ids after a restore."""
    with psycopg.connect(url) as conn:
        return dict(
            conn.execute(
                "SELECT sequencename, last_value FROM pg_catalog.pg_sequences"
                " WHERE schemaname = 'public'"
            ).fetchall()
        )


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under root: a folder as "dir", a file as the SHA-256 of its bytes."""
    return {
        str(path.relative_to(root)): (
            "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(root.rglob("*"))
    }


def backups_in(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server():
    made = Server(server_url())
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def portal(server, tmp_path_factory):
    """A database filled by the demo, its media, and one backup of both (`ops/backup.sh --once`)."""
    root = tmp_path_factory.mktemp("portal")
    url = server.create("source")
    media = root / "media"
    loaded = run_django(
        ["manage.py", "demo", "--no-serve"],
        "labportal.settings.local",
        DATABASE_URL=url,
        MEDIA_ROOT=str(media),
    )
    assert loaded.returncode == 0, loaded.stderr
    for name, content in MEDIA.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)

    backups = root / "backups"
    made = run_script(
        BACKUP,
        "--once",
        env=script_environment(
            server, DATABASE_URL=url, BACKUP_DIR=str(backups), MEDIA_DIR=str(media)
        ),
    )
    assert made.returncode == 0, made.stdout + made.stderr
    (dump,) = backups.glob("labportal-*.dump")
    return {
        "url": url,
        "media": media,
        "backups": backups,
        "dump": dump,
        "media_tarball": dump.with_name(dump.name.removesuffix(".dump") + "-media.tar.gz"),
        "counts": table_counts(url),
        "sequences": sequences(url),
        "tree": tree(media),
    }


# --- tests -------------------------------------------------------------------------------------


def test_one_backup_is_a_dump_and_a_media_archive_with_one_timestamp(portal):
    names = backups_in(portal["backups"])
    assert len(names) == 2, names  # nothing temporary left behind
    stamp = re.fullmatch(rf"labportal-({STAMP})\.dump", portal["dump"].name).group(1)
    assert names == [f"labportal-{stamp}-media.tar.gz", f"labportal-{stamp}.dump"]
    assert portal["dump"].read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert portal["counts"]["experiments_experiment"] > 0  # the demo is in it


def test_restore_into_an_empty_database_brings_back_every_row_and_media_file(
    server, portal, tmp_path
):
    target = server.create("restored")
    media = tmp_path / "media"
    restored = run_script(
        RESTORE,
        str(portal["dump"]),
        str(portal["media_tarball"]),
        env=script_environment(server, DATABASE_URL=target, MEDIA_DIR=str(media)),
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "restore: done" in restored.stdout

    assert table_counts(target) == portal["counts"]
    assert sequences(target) == portal["sequences"]
    assert tree(media) == portal["tree"]
    for name, content in MEDIA.items():
        assert (media / name).read_bytes() == content, name


def test_restore_refuses_a_database_that_has_tables_and_changes_nothing(server, portal, tmp_path):
    target = server.create("busy")
    with psycopg.connect(target) as conn:
        conn.execute("CREATE TABLE kept (note text)")
        conn.execute("INSERT INTO kept VALUES ('here before the restore')")
    media = tmp_path / "media"
    media.mkdir()
    (media / "kept.txt").write_text("here before the restore")
    media_before = tree(media)

    refused = run_script(
        RESTORE,
        str(portal["dump"]),
        str(portal["media_tarball"]),
        env=script_environment(server, DATABASE_URL=target, MEDIA_DIR=str(media)),
    )
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "is not empty (1 tables); nothing was changed" in refused.stderr
    assert "--force" in refused.stderr

    assert table_counts(target) == {"kept": 1}
    with psycopg.connect(target) as conn:
        assert conn.execute("SELECT note FROM kept").fetchall() == [("here before the restore",)]
    assert tree(media) == media_before


def test_restore_checks_the_files_before_it_touches_the_database(server, portal, tmp_path):
    target = server.create("checked")
    env = script_environment(server, DATABASE_URL=target, MEDIA_DIR=str(tmp_path / "media"))

    not_a_dump = run_script(RESTORE, str(portal["media_tarball"]), env=env)
    assert not_a_dump.returncode == 2
    assert "is not a dump in pg_dump's custom format" in not_a_dump.stderr

    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not gzip")
    not_a_tarball = run_script(RESTORE, str(portal["dump"]), str(broken), env=env)
    assert not_a_tarball.returncode == 2
    assert "is not a readable tar.gz archive" in not_a_tarball.stderr

    assert table_counts(target) == {}
    assert not (tmp_path / "media").exists()


def test_restore_with_force_replaces_what_the_dump_holds(server, portal, tmp_path):
    target = server.create("forced")
    env = script_environment(server, DATABASE_URL=target, MEDIA_DIR=str(tmp_path / "media"))
    assert run_script(RESTORE, str(portal["dump"]), env=env).returncode == 0
    with psycopg.connect(target) as conn:
        conn.execute("TRUNCATE experiments_experiment CASCADE")
    assert table_counts(target) != portal["counts"]

    forced = run_script(RESTORE, "--force", str(portal["dump"]), env=env)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "--force: the database" in forced.stdout
    assert table_counts(target) == portal["counts"]
    assert sequences(target) == portal["sequences"]


def test_backups_beyond_backup_keep_are_removed_with_their_media(server, portal, tmp_path):
    backups = tmp_path / "backups"
    env = script_environment(
        server,
        DATABASE_URL=portal["url"],
        BACKUP_DIR=str(backups),
        MEDIA_DIR=str(portal["media"]),
        BACKUP_KEEP="2",
        BACKUP_ONCE="1",
    )
    made = [run_script(BACKUP, env=env) for _ in range(3)]
    assert [run.returncode for run in made] == [0, 0, 0], [run.stderr for run in made]

    names = backups_in(backups)
    stamps = sorted({re.search(STAMP, name).group() for name in names})
    assert len(stamps) == 2, names
    assert names == sorted(
        f"labportal-{stamp}{suffix}" for stamp in stamps for suffix in (".dump", "-media.tar.gz")
    )
    assert "removing the old backup" in made[2].stdout


def test_the_scheduled_backup_runs_at_start_and_stops_on_sigterm(server, portal, tmp_path):
    backups = tmp_path / "backups"
    env = script_environment(
        server,
        DATABASE_URL=portal["url"],
        BACKUP_DIR=str(backups),
        MEDIA_DIR=str(portal["media"]),
        BACKUP_INTERVAL_HOURS="24",
    )
    loop = subprocess.Popen(  # noqa: S603 - our own script
        ["bash", str(BACKUP)],  # noqa: S607
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: its children can be looked for
    )
    try:
        deadline = time.monotonic() + 120
        while not list(backups.glob("labportal-*.dump")) and time.monotonic() < deadline:
            assert loop.poll() is None, loop.stdout.read()
            time.sleep(0.2)
        assert len(list(backups.glob("labportal-*.dump"))) == 1
        loop.send_signal(signal.SIGTERM)
        assert loop.wait(timeout=20) == 143
        output = loop.stdout.read()
        assert "next backup in 24 h" in output
        assert "stopped" in output
        with pytest.raises(ProcessLookupError):  # the sleep it waited on ended with it
            os.killpg(loop.pid, 0)
    finally:
        if loop.poll() is None:
            os.killpg(loop.pid, signal.SIGKILL)
            loop.wait()
        loop.stdout.close()
    assert len(backups_in(backups)) == 2  # one dump, one media archive, nothing temporary
