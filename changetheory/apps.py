from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeTheoryConfig(AppConfig):
    name = "changetheory"
    verbose_name = _("Change theories")
