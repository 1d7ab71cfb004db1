# labportal: one image for web (gunicorn), worker (celery) and beat (celery beat).
# Build: docker build -t labportal .   Run: docker compose up (see docker-compose.yml).

# --- base: the system libraries the portal needs at run time ------------------------------
FROM python:3.11-slim AS base

# WeasyPrint (PDF booklets) needs Pango and HarfBuzz; DejaVu gives it fonts with Danish letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /home/labportal labportal

# --- build stage: dependencies, translations and static files ------------------------------
FROM base AS build

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install uv

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev

COPY . .
ENV PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=labportal.settings.production
# A throwaway key for these two build steps only; the real one comes from the environment.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
    sh -c "python manage.py compilemessages --ignore .venv && python manage.py collectstatic --noinput"

# --- runtime stage ---------------------------------------------------------------------------
FROM base

ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=labportal.settings.production \
    MEDIA_ROOT=/app/var/media

WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/var/media /app/var/run && chown -R labportal:labportal /app/var/media /app/var/run

USER labportal
EXPOSE 8000
# Workers, threads, timeouts and logs: gunicorn.conf.py (GUNICORN_* environment variables).
CMD ["gunicorn", "labportal.wsgi", "-c", "gunicorn.conf.py"]
