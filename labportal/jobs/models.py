from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One piece of background work: which task, with what, and how far it has come."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    UNFINISHED = (State.PENDING, State.RUNNING)

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict, blank=True)
    # The same piece of work recorded twice (a double click, a re-run import) is one job.
    key = models.CharField(_("key"), max_length=200, unique=True, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=5)
    # Waiting jobs run from this time on (a retry waits); running jobs belong to their worker
    # until this time (after it, the worker is taken for dead and the job runs again).
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    lease_until = models.DateTimeField(_("worker's lease until"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep and /healthz look only at unfinished jobs.
            models.Index(
                fields=["created_at"],
                name="jobs_unfinished_idx",
                condition=models.Q(state__in=["pending", "running"]),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "running", "done", "failed"]),
                name="jobs_state_known",
            ),
            models.CheckConstraint(
                condition=models.Q(attempts__lte=models.F("max_attempts")),
                name="jobs_attempts_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"

    @property
    def is_unfinished(self) -> bool:
        return self.state in self.UNFINISHED
