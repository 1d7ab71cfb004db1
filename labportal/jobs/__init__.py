"""Background work that is never lost: recorded in the database first, enqueued after commit.

`record()` writes a Job row in the caller's transaction; after commit it is published to the
broker (best effort, bounded). A task decorated with `running.job_task` claims its row before
it runs, so a job done twice does its work once; the minute sweep (`tasks.sweep_jobs`)
publishes again whatever is still waiting, and runs again whatever a dead worker left.
"""


def record(task: str, **kwargs):
    from .services import record

    return record(task, **kwargs)
