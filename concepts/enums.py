from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


# A concept's content sections, in the booklet's order.
CONCEPT_SECTIONS = (
    "focus",
    "audience",
    "description",
    "phases",
    "conditions",
    "attention_points",
    "findings",
)
