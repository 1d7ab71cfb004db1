from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeTheoryConfig(AppConfig):
    name = "changetheory"
    verbose_name = _("Change theories")

    def ready(self):
        from labportal.core import fragments

        from . import models

        # The experiment page's cached wheel section lists the theories and signs an
        # experiment serves (experiment_page.py).
        fragments.invalidate_on_change(models.ChangeTheory, models.Sign, models.SignExperiment)
