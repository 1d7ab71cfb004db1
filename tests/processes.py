"""Run Python in a child process with a controlled configuration (for settings-level tests)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Variables that select a configuration; removed from the child's environment first.
CONFIG_VARIABLES = ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "MEDIA_ROOT")


def run_django(
    args: list[str],
    settings_module: str,
    *,
    cwd: Path = REPO,
    python: tuple[str, ...] = (sys.executable,),
    **variables: str,
) -> subprocess.CompletedProcess:
    """Run `python ARGS` with only `variables` configuring the portal (no DJANGO_* leaks in);
    `python` may name another interpreter (a release's own environment, say)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CONFIG_VARIABLES and not key.startswith("DJANGO_")
    }
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(variables)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [*python, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
