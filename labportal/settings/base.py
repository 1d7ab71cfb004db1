"""Settings shared by every environment. Values come from the environment (see .env.example)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from labportal.core.breaker import GuardedConnection

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-labportal-0123456789abcdef"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "labportal.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "labportal.core",
    "labportal.jobs",
    "labportal.notifications",
    "labportal.organisation",
    "experiments",
    "concepts",
    "changetheory",
    "bazar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # 503 while the database does not answer; before the session and the user are looked up.
    "labportal.core.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "labportal.core.middleware.PrivatePagesMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "labportal.urls"
WSGI_APPLICATION = "labportal.wsgi.application"
ASGI_APPLICATION = "labportal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "labportal.core.context_processors.portal",
            ],
            "builtins": ["labportal.core.templatetags.portal", "rules.templatetags.rules"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'labportal.sqlite3'}")
}
if not env.str("DATABASE_URL", default=""):
    VAR_DIR.mkdir(exist_ok=True)  # a fresh clone has no var/ (git ignores it)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that drops packets (rather than refusing) fails a request within
    # seconds, into the 503 page (labportal/core/unavailable.py), instead of holding it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis's DefaultClient keeps one redis client per server for the backend's
            # life (`get_client`) and its ConnectionFactory one pool per URL per process;
            # Django's own RedisCache builds a new client for every call.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "labportal",
            # A Redis that does not answer within a second counts as down, and after that
            # is not asked again for a few seconds (labportal/core/breaker.py): a page pays
            # one timeout, not one per cache call.
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "CONNECTION_POOL_KWARGS": {"connection_class": GuardedConnection},
            },
        }
    }
    # Sessions are read from Redis and written through to the database (one query less on
    # every signed-in page; a restarted Redis signs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The cache only saves work (sessions are also in the database, fragments and counts are built
# again), so a Redis that does not answer is an empty cache: reads miss, writes are dropped and
# the log says so, at most once a minute (LOGGING below).
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "django_redis.cache"
# Rendered page fragments in the cache (labportal/core/fragments.py): only when all server
# processes share it.
FRAGMENT_CACHE = bool(REDIS_URL)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Failed sign-ins: after five failures for one username from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The reverse proxies in front of the portal that append to X-Forwarded-For (0: none, the
# connection's address is the client's); the lock uses the client address they report.
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "labportal.accounts.addresses.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# An SMTP server that accepts and never answers must not hold a worker until the task's soft
# time limit (70 s for e-mail jobs): after this many seconds the send fails with a timeout,
# an OSError, after which the job tries again (labportal/jobs/running.py, TRANSIENT).
EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="labportal <noreply@localhost>")

# Celery: with REDIS_URL a real broker; without it tasks run eagerly in the caller.
# Every piece of background work is a job row first (labportal/jobs): the broker only carries
# "run job 42", so a message lost with a broker or a worker costs a minute (the sweep), not the
# work. Results live on the job rows, so no result backend.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A message is acknowledged when its task has finished, and given back when the worker process
# running it dies, so a killed worker's task runs again elsewhere.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest tasks (a booklet check or import, experiments/tasks.py; a booklet PDF,
# concepts/tasks.py) may run 300 s; jobs set
# their own limits, these cover any other task.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis hands an unacknowledged message to another worker after this long: longer than
    # the longest task's time limit (300 s), or a task still running would start twice.
    "visibility_timeout": 900,
    # Publishing happens in web requests: a broker that refuses or does not answer fails the
    # publish within a second (the job stays recorded; the sweep publishes it later).
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    "jobs-sweep": {"task": "jobs.sweep", "schedule": 60.0},
    # Workshops that start tomorrow get their reminders (sent once; hourly so that a beat
    # that was down catches up the same day).
    "bazar-workshop-reminders": {"task": "bazar.workshop_reminders", "schedule": 3600.0},
    # The effect surveys due three months after a bazar, and their reminders: once a day.
    "bazar-effect-daily": {"task": "bazar.effect_daily", "schedule": crontab(hour=6, minute=0)},
}
# A worker holds a running job for its task's hard time limit plus this many seconds; past
# that the worker is taken for dead and the sweep runs the job again (labportal/jobs).
JOBS_LEASE_MARGIN = env.int("JOBS_LEASE_MARGIN", default=60)

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "labportal.core.views.csrf_failure"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_a_minute": {"()": "labportal.core.logging.RateLimitFilter", "seconds": 60},
        "not_answered_503": {"()": "labportal.core.unavailable.SkipAnsweredRequests"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint reports each step of a PDF at INFO; its warnings (a missing image or font)
        # are what a job records (labportal/pdf/rendering.py).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-redis logs every cache call that Redis did not answer.
        DJANGO_REDIS_LOGGER: {"filters": ["once_a_minute"]},
        # While the database is down: one line a minute (labportal/core/unavailable.py), not
        # one per request from it and from django.request.
        "labportal.core.unavailable": {"filters": ["once_a_minute"]},
        "django.request": {"filters": ["not_answered_503"]},
    },
}
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# Who answers accessibility feedback and questions (named in the accessibility statement).
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="")
