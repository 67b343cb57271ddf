# cchc's image: the web server (gunicorn) and, with another command, the job runner.
# docker compose up (compose.yaml) runs both with PostgreSQL; README "Vận hành bằng container".
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    STATIC_ROOT=/app/static MEDIA_ROOT=/data/media BACKUP_DIR=/data/backups \
    JOBS_DB=/data/jobs.sqlite3 GUNICORN_BIND=0.0.0.0:8000 GUNICORN_FORWARDED_ALLOW_IPS=*

# pg_dump for the backups of PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app --uid 1000 cchc

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# The static files are collected into the image (no key needed for that).
RUN mkdir -p /data && python manage.py collectstatic --noinput -v0 && chown -R cchc /data

USER cchc
VOLUME ["/data"]
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "cchc.wsgi"]
