# Tiltaksarena under gunicorn, for compose.yaml or any container platform.
# Build: docker build -t tiltaksarena .   Configuration: environment variables (README).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_ENV=production \
    GUNICORN_WORKERS=2 \
    EDITOR_STREAM=0

# Fonts for Typst (the PDF report and the DOCX's charts read them from /usr/share/fonts);
# gettext only to compile the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-liberation fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
# The same pinned versions as `make install` (requirements.lock as constraints).
RUN pip install --upgrade pip && pip install -c requirements.lock .
COPY manage.py gunicorn.conf.py ./
COPY arena arena
COPY participants participants
COPY measures measures
COPY templates templates
COPY static static
COPY locale locale
COPY scripts/container-healthcheck /usr/local/bin/container-healthcheck

# Static files are collected and compressed into the image; the build needs a throwaway key
# and host only because production settings refuse to start without them.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py compilemessages -v0 \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --no-input -v0 \
    && useradd --system --home /app arena && chown -R arena /app/var
USER arena

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --retries=3 CMD ["container-healthcheck"]
# The same image runs the mail worker: `python manage.py db_worker` (compose.yaml's `worker`).
# The page server: gunicorn's sync workers, one request at a time per process, behind nginx
# (compose.yaml's `proxy`, which buffers slow phones). Scale with GUNICORN_WORKERS (≈ 2 per
# core) and with more containers behind the load balancer (README, "Running several app
# servers"). The editor's event stream is served by the same image with `arena.asgi` and
# uvicorn workers (compose.yaml's `stream`, decision 67); with EDITOR_STREAM=0 (the default
# here) the editors poll instead, so this image alone is a whole app.
CMD ["sh", "-c", "exec gunicorn arena.wsgi --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS} --timeout 60 --access-logfile -"]
