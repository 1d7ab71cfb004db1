from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConceptsConfig(AppConfig):
    name = "concepts"
    verbose_name = _("Concepts")

    def ready(self):
        from labportal.core import fragments

        from .models import Concept, ConceptVersion

        # Experiment pages list the published concepts each experiment fed.
        fragments.invalidate_on_change(Concept, Concept.source_experiments.through, ConceptVersion)
