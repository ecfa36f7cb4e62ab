# syntax=docker/dockerfile:1
# Møteplass: one image for the web process (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml shows the production shape; the README's production guide explains it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=moteplass.settings \
    MEDIA_ROOT=/app/media \
    WEB_CONCURRENCY=3

# gettext: msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
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
    && mkdir -p /app/media \
    && chown -R moteplass:moteplass /app/media

USER moteplass
EXPOSE 8000

# Override the command for the worker (celery -A moteplass worker -l info) and beat.
# Workers: WEB_CONCURRENCY (gunicorn reads it).
CMD ["gunicorn", "moteplass.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", \
     "--worker-tmp-dir", "/dev/shm"]
