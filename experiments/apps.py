from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "experiments"
    verbose_name = _("Experiments")

    def ready(self):
        from django.contrib.auth import get_user_model

        from labportal.core import fragments

        from . import models

        # What the cached parts of the experiment pages show (views/browse.py, detail.py);
        # the organisation and concepts register their own models.
        fragments.invalidate_on_change(
            models.Experiment, models.TeamMembership, models.PhaseTransition
        )
        fragments.invalidate_on_change(get_user_model(), ignore_fields=frozenset({"last_login"}))
