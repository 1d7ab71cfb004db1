"""The Celery application. Tasks live in each app's tasks.py and are autodiscovered."""

import os

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labportal.settings.local")

app = Celery("labportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Options for short tasks that talk to outside services (mail, broker): retry transient
# network errors with exponential backoff, a cap, and hard time limits.
RETRYING_SHORT_TASK = {
    # OSError covers a refused or silent mail server (timeouts are OSErrors); a task stopped
    # by its soft time limit is tried again too.
    "autoretry_for": (OSError, SoftTimeLimitExceeded),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
    "soft_time_limit": 60,
    "time_limit": 90,
}
