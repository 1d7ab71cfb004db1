"""Production: DEBUG off, secrets from the environment, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, SECRET_KEY, STORAGES, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Known keys are no secret: the development key and the placeholder of .env.example are
# refused whatever DJANGO_DEBUG says (a debug switch must not open the door to forged
# sessions), and so is a key too short to resist guessing.
EXAMPLE_SECRET_KEY = "change-me-to-a-long-random-value"  # noqa: S105 - refused, not used
if SECRET_KEY in (DEV_SECRET_KEY, EXAMPLE_SECRET_KEY) or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a long random value (50 characters or more, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'): the development "
        "key, the placeholder of .env.example and keys under 32 characters are refused."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
