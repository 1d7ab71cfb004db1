from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BazarConfig(AppConfig):
    name = "bazar"
    verbose_name = _("Bazar")
