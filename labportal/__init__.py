"""labportal: the experimenting school's portal."""

from labportal.celery import app as celery_app

__all__ = ["celery_app"]
