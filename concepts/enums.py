from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
