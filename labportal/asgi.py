"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labportal.settings.production")

application = get_asgi_application()

from labportal.core.fragments import start_new_generation  # noqa: E402 - needs Django set up

start_new_generation()  # this release's HTML, not a previous one's cached fragments
