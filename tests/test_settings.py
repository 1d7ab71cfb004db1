"""Settings: the embedded default and PostgreSQL + Redis both boot; production passes --deploy.

Each configuration is booted in a subprocess with a controlled environment, so the test
process's own DATABASE_URL / REDIS_URL do not leak into the configuration under test.
"""

import json
import os
import re
import secrets
import shutil

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import REPO, run_django

INSPECT = """
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth.hashers import get_hasher, make_password
from labportal.celery import app
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
}))
"""


def inspect(settings_module: str, **variables: str) -> dict:
    result = run_django(["-c", INSPECT], settings_module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env() -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
        "DJANGO_DEBUG": "off",
    }


def test_embedded_default_is_sqlite_with_eager_celery():
    config = inspect("labportal.settings.local")
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["name"] == str(REPO / "var" / "labportal.sqlite3")
    assert config["cache"].endswith("LocMemCache")
    assert config["broker"] == "memory://"
    assert config["eager"] is True
    assert config["debug"] is True


def test_embedded_default_boots_in_a_fresh_checkout(tmp_path):
    """A clone has no var/ (it is ignored by git): the embedded database must still open."""
    checkout = tmp_path / "labportal"
    shutil.copytree(
        REPO,
        checkout,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "node_modules", "static", "tests", "bench", ".*_cache"
        ),
    )
    script = "import django; django.setup(); from django.db import connection; "
    script += "connection.ensure_connection(); print(connection.settings_dict['NAME'])"
    result = run_django(["-c", script], "labportal.settings.local", cwd=checkout)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(checkout / "var" / "labportal.sqlite3")
    assert (checkout / "var" / "labportal.sqlite3").is_file()


def test_postgresql_and_redis_configuration():
    config = inspect(
        "labportal.settings.local",
        DATABASE_URL="postgres://portal:pw@db.example.invalid:5432/portal",
        REDIS_URL="redis://redis.example.invalid:6379/2",
    )
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["name"] == "portal"
    assert config["cache"] == "django_redis.cache.RedisCache"
    assert config["broker"] == "redis://redis.example.invalid:6379/2"
    assert config["backend"] == "redis://redis.example.invalid:6379/2"
    assert config["eager"] is False
    assert config["serializer"] == "json"
    assert config["acks_late"] is True
    assert config["time_limit"] == 300


@pytest.mark.parametrize(
    "variables",
    [
        {},
        {
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/labportal",
            "REDIS_URL": "redis://127.0.0.1:6379/9",
        },
    ],
    ids=["embedded", "postgresql-redis"],
)
def test_manage_check_passes(variables):
    result = run_django(["manage.py", "check"], "labportal.settings.local", **variables)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_this_test_run_uses_the_configured_database():
    """With DATABASE_URL set (CI), the suite itself really runs on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "psql")) else "sqlite"
    if not url:
        print("DATABASE_URL not set: the suite runs on the embedded SQLite database")
    assert connection.vendor == expected
    broker = os.environ.get("REDIS_URL") or "memory://"
    assert broker == settings.CELERY_BROKER_URL


def test_production_check_deploy_reports_no_issue():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "labportal.settings.production",
        **production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_hashes_with_argon2_and_debug_off():
    config = inspect("labportal.settings.production", **production_env())
    assert config["hasher"] == "argon2"
    assert config["encoded"] == "argon2"
    assert config["debug"] is False


def test_production_refuses_the_dev_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = run_django(["manage.py", "check"], "labportal.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_is_not_vacuous():
    """The check is not vacuous: DEBUG on in production is reported by --deploy."""
    env = production_env() | {"DJANGO_DEBUG": "on"}
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "labportal.settings.production",
        **env,
    )
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout


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
