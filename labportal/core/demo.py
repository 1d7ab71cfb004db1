"""Demo content for `manage.py demo`. Each area adds its loader here as it lands."""


def demo_content_load(*, stdout=None) -> list[str]:
    """Load the demo program (idempotent); return one summary line per kind."""
    return []
