"""The Celery application. Tasks live in each app's tasks.py and are autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labportal.settings.local")

app = Celery("labportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Options for short tasks that talk to outside services (mail, broker): retry transient
# network errors with exponential backoff, a cap, and hard time limits.
RETRYING_SHORT_TASK = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
    "soft_time_limit": 60,
    "time_limit": 90,
}
