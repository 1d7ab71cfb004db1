"""Settings: the embedded default and PostgreSQL + Redis both boot; production passes --deploy.

Each configuration is booted in a subprocess with a controlled environment, so the test
process's own DATABASE_URL / REDIS_URL do not leak into the configuration under test.
"""

import functools
import json
import os
import re
import secrets
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import REPO, run_django

# One child process per configuration: it reports the settings and the result of
# `check` (with --deploy for production), so each configuration boots Django once.
INSPECT = """
import io, json, sys, django
django.setup()
from django.conf import settings
from django.contrib.auth.hashers import get_hasher, make_password
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from labportal.celery import app
if connection.vendor == "sqlite":
    connection.ensure_connection()  # the embedded database opens, even in a fresh clone
out, err = io.StringIO(), io.StringIO()
try:
    call_command("check", *sys.argv[1:], stdout=out, stderr=err)
    check_ok = True
except SystemCheckError as error:
    check_ok, err = False, io.StringIO(str(error))
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": app.conf.broker_url,
    "backend": app.conf.result_backend,
    "eager": app.conf.task_always_eager,
    "serializer": app.conf.task_serializer,
    "acks_late": app.conf.task_acks_late,
    "time_limit": app.conf.task_time_limit,
    "debug": settings.DEBUG,
    "hasher": get_hasher().algorithm,
    "encoded": make_password("x").split("$")[0],
    "check_ok": check_ok,
    "check_output": out.getvalue() + err.getvalue(),
}))
"""
DEPLOY = ("--deploy", "--fail-level", "WARNING")
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
    "DJANGO_DEBUG": "off",
}
CONFIGURATIONS = {
    "embedded": ("labportal.settings.local", (), {}),  # booted in a fresh copy, see below
    "postgresql-redis": (
        "labportal.settings.local",
        (),
        {
            "DATABASE_URL": "postgres://portal:pw@db.example.invalid:5432/portal",
            "REDIS_URL": "redis://redis.example.invalid:6379/2",
        },
    ),
    "production": ("labportal.settings.production", DEPLOY, PRODUCTION_ENV),
    "production-debug-on": (
        "labportal.settings.production",
        DEPLOY,
        PRODUCTION_ENV | {"DJANGO_DEBUG": "on"},
    ),
}


def fresh_checkout(root: Path) -> Path:
    """The repository as a clone has it: no var/ (git ignores it), no virtualenv."""
    checkout = root / "labportal"
    shutil.copytree(
        REPO,
        checkout,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "node_modules", "tests", "bench", ".*_cache"
        ),
    )
    return checkout


@pytest.fixture(scope="module")
def inspect(tmp_path_factory):
    """inspect(name): the settings and check results of one configuration, booted once."""

    @functools.cache
    def boot(name: str) -> dict:
        settings_module, check_args, variables = CONFIGURATIONS[name]
        cwd = fresh_checkout(tmp_path_factory.mktemp(name)) if name == "embedded" else REPO
        result = run_django(["-c", INSPECT, *check_args], settings_module, cwd=cwd, **variables)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1]) | {"cwd": cwd}

    return boot


def test_embedded_default_is_sqlite_with_eager_celery(inspect):
    config = inspect("embedded")
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["name"] == str(config["cwd"] / "var" / "labportal.sqlite3")
    assert config["cache"].endswith("LocMemCache")
    assert config["broker"] == "memory://"
    assert config["eager"] is True
    assert config["debug"] is True


def test_embedded_default_boots_in_a_fresh_checkout(inspect):
    """A clone has no var/ (it is ignored by git): the embedded database must still open."""
    config = inspect("embedded")
    assert (config["cwd"] / "var" / "labportal.sqlite3").is_file()


def test_postgresql_and_redis_configuration(inspect):
    config = inspect("postgresql-redis")
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["name"] == "portal"
    assert config["cache"] == "django_redis.cache.RedisCache"
    assert config["broker"] == "redis://redis.example.invalid:6379/2"
    assert config["backend"] is None  # outcomes are kept on the job rows
    assert config["eager"] is False
    assert config["serializer"] == "json"
    assert config["acks_late"] is True
    assert config["time_limit"] == 300


@pytest.mark.parametrize("name", ["embedded", "postgresql-redis"])
def test_manage_check_passes(inspect, name):
    config = inspect(name)
    assert config["check_ok"], config["check_output"]
    assert "System check identified no issues" in config["check_output"]


def test_this_test_run_uses_the_configured_database():
    """With DATABASE_URL set (CI), the suite itself really runs on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "psql")) else "sqlite"
    if not url:
        print("DATABASE_URL not set: the suite runs on the embedded SQLite database")
    assert connection.vendor == expected
    broker = os.environ.get("REDIS_URL") or "memory://"
    assert broker == settings.CELERY_BROKER_URL


def test_production_check_deploy_reports_no_issue(inspect):
    config = inspect("production")
    assert config["check_ok"], config["check_output"]
    assert "System check identified no issues (0 silenced)." in config["check_output"]


def test_production_hashes_with_argon2_and_debug_off(inspect):
    config = inspect("production")
    assert config["hasher"] == "argon2"
    assert config["encoded"] == "argon2"
    assert config["debug"] is False


@pytest.mark.parametrize(
    "variables",
    [
        {"DJANGO_SECRET_KEY": None},  # the development key, DEBUG off
        {"DJANGO_SECRET_KEY": None, "DJANGO_DEBUG": "on"},  # ... and with DEBUG on
        {"DJANGO_SECRET_KEY": "change-me-to-a-long-random-value"},  # .env.example's
    ],
    ids=["dev-key", "dev-key-debug-on", "example-key"],
)
def test_production_refuses_known_secret_keys(variables):
    env = {key: value for key, value in (PRODUCTION_ENV | variables).items() if value}
    result = run_django(["manage.py", "check"], "labportal.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_is_not_vacuous(inspect):
    """The check is not vacuous: DEBUG on in production is reported by --deploy."""
    config = inspect("production-debug-on")
    assert not config["check_ok"]
    assert "security.W018" in config["check_output"]


def test_every_environment_variable_is_documented():
    """A variable read by the settings must be in .env.example and the README's table."""
    pattern = re.compile(r"""\benv\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""")
    read = set()
    for module in (REPO / "labportal" / "settings").glob("*.py"):
        read |= set(pattern.findall(module.read_text()))
    assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"} <= read
    example = (REPO / ".env.example").read_text()
    readme = (REPO / "README.md").read_text()
    assert {name for name in read if f"{name}=" not in example} == set()
    assert {name for name in read if f"| `{name}` |" not in readme} == set()
