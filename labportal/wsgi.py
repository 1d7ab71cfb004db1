"""WSGI entry point (gunicorn labportal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labportal.settings.production")

application = get_wsgi_application()
