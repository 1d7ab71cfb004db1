from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "labportal.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Jobs are published by task name: every app's tasks.py must be registered in each
        # process that records jobs, not only in workers.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
