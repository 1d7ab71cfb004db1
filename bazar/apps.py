from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BazarConfig(AppConfig):
    name = "bazar"
    verbose_name = _("Bazar")

    def ready(self):
        from labportal.core import fragments

        from . import experiment_page

        # The experiment page's cached section "From bazar to practice" (experiment_page.py).
        fragments.invalidate_on_change(
            *(self.get_model(name) for name in experiment_page.CHANGED_BY)
        )
