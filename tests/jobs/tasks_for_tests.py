"""Job tasks that only the tests use (a worker started by a test imports this module)."""

import os
import time
from pathlib import Path

from labportal.jobs.files import atomic_output
from labportal.jobs.running import job_task

CALLS: list[dict] = []
CHUNK = b"0123456789abcdef" * 4096


@job_task(name="tests.jobs.record_call", label="Record a call")
def record_call(**kwargs) -> None:
    CALLS.append(kwargs)


@job_task(name="tests.jobs.flaky", label="Fail with a network error")
def flaky(**kwargs) -> None:
    raise ConnectionResetError("the server went away")


@job_task(name="tests.jobs.broken", label="Fail with a bug")
def broken(**kwargs) -> None:
    raise ZeroDivisionError("a bug")


# A short lease (time limit + JOBS_LEASE_MARGIN) so the test need not wait long for it.
@job_task(name="tests.jobs.slow_write", label="Write slowly", time_limit=8, soft_time_limit=7)
def slow_write(*, folder: str, chunks: int) -> None:
    """Write `chunks` chunks to result.bin the safe way; after the first, note this worker's
    pid in `started` and wait until the test creates `go` (a kill lands mid-write)."""
    folder = Path(folder)
    with atomic_output(folder / "result.bin") as out:
        out.write(CHUNK)
        out.flush()
        with (folder / "started").open("a") as log:
            log.write(f"{os.getpid()}\n")
        while not (folder / "go").exists():
            time.sleep(0.05)
        for _ in range(chunks - 1):
            out.write(CHUNK)
    with (folder / "finished").open("a") as log:
        log.write(f"{os.getpid()}\n")
