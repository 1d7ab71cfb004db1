from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Sent back to draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MADE_PUBLIC = "made_public", _("Made public")
    MADE_PRIVATE = "made_private", _("Made private")


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


class PublicationKind(models.TextChoices):
    BOOKLET = "booklet", _("Inspiration booklet")
    FACT_SHEET = "fact_sheet", _("Fact sheet")
