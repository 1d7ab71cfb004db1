from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "labportal.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from labportal.core import fragments

        from . import models

        # Experiment pages show labs, programs, tracks, institutions and educations.
        fragments.invalidate_on_change(
            models.DevelopmentLab,
            models.Program,
            models.Track,
            models.Institution,
            models.Education,
        )
