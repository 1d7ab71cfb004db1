"""The portal's roles. Each role is a Django group named by its stable code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")
    STRATEGIC = "strategic", _("Strategic level")
    LEADER = "leader", _("Leader")
    ADMINISTRATOR = "administrator", _("Administrator")
