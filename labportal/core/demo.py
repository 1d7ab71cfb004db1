"""Demo content for `manage.py demo`. Each area adds its part here as it lands."""

import io
import json

from django.db import transaction
from django.utils.translation import gettext as _

from experiments.demo import demo_document, demo_staff_ensure
from labportal.portability.importer import portal_import


def demo_content_load() -> list[str]:
    """Load the demo program through the JSON importer (idempotent); return summary lines."""
    document = demo_document()
    with transaction.atomic():
        staff = demo_staff_ensure()
        report = portal_import(source=io.BytesIO(json.dumps(document).encode()))
    experiments = report.counts.get("experiments", {})
    return [
        _(
            "%(program)s: %(experiments)d experiments, %(concepts)d concepts, %(tracks)d "
            "tracks, %(institutions)d institutions, %(staff)d demo staff (no password)."
        )
        % {
            "program": document["programs"][0]["title"],
            "experiments": len(document["experiments"]),
            "concepts": len(document["concepts"]),
            "tracks": len(document["tracks"]),
            "institutions": len(document["institutions"]),
            "staff": len(staff),
        },
        _("Experiments created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.")
        % {
            "created": experiments.get("created", 0),
            "updated": experiments.get("updated", 0),
            "unchanged": experiments.get("unchanged", 0),
        },
    ]
