# syntax=docker/dockerfile:1
# Møteplass: one image for the web process (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml shows the production shape; the README's production guide explains it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=moteplass.settings \
    MEDIA_ROOT=/app/media

# gettext: msgfmt for compilemessages. libpango*, libharfbuzz-subset0, fonts: WeasyPrint (PDFs).
# postgresql-client: pg_dump, pg_restore and psql for scripts/backup.sh and scripts/restore.sh
# (Debian 12 ships version 15; it must be at least the server's major version).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 moteplass \
    && useradd --system --uid 10001 --gid moteplass --home-dir /app --shell /usr/sbin/nologin moteplass

WORKDIR /app

# Dependencies first (from pyproject.toml), so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# Editable install: the settings find templates/, static/ and locale/ next to the packages in /app.
RUN pip install --no-deps -e . \
    && python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=static/vendor \
    && DEBUG=0 ALLOWED_HOSTS=build.invalid \
       SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       python manage.py collectstatic --noinput --verbosity 1 \
    && mkdir -p /app/media /backups \
    && chown -R moteplass:moteplass /app/media /backups

# The code version, recorded in backup manifests (.git is not in the image):
#   GIT_COMMIT=$(git rev-parse HEAD) docker compose build   (docker-compose.yml passes it on)
ARG GIT_COMMIT=unknown
ENV MOTEPLASS_COMMIT=$GIT_COMMIT

USER moteplass
EXPOSE 8000

# The web process; gunicorn.conf.py reads WEB_CONCURRENCY, GUNICORN_THREADS and the rest.
# docker-compose.yml overrides the command for the worker and beat.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "moteplass.wsgi:application"]
