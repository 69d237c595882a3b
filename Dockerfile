# syntax=docker/dockerfile:1
# Overstap production image (docs/deployment.md): gunicorn serving Django, static files by
# WhiteNoise, JSON logs on stdout. The same image runs the web app, the worker
# (`overstap db_worker`) and one-off commands (`overstap migrate`).
#
#   docker build -t overstap .
#
# No secret is baked in: SECRET_KEY, OVERSTAP_FIELD_ENCRYPTION_KEY, DATABASE_URL and
# ALLOWED_HOSTS come from the environment at run time (compose.yaml, deploy/env.example).

# --- build: install the package, compile the Dutch messages, collect static files ---------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /build
RUN python -m venv /opt/overstap
COPY pyproject.toml README.md ./
COPY scripts/compile_messages.py ./scripts/
COPY src ./src
# .mo files from the .po catalogues (polib only in this stage), before the package is
# installed so the installed package carries them.
RUN pip install "polib>=1.2,<2" && python scripts/compile_messages.py
RUN /opt/overstap/bin/pip install --upgrade pip && /opt/overstap/bin/pip install /build
# collectstatic needs production settings (hashed, compressed files for WhiteNoise). The
# values below exist only for this one command; none of them is a real secret and none is
# kept in the image.
RUN OVERSTAP_ENVIRONMENT=production \
    OVERSTAP_STATIC_ROOT=/opt/overstap-static \
    OVERSTAP_DATA_DIR=/tmp/overstap-build \
    DATABASE_URL=sqlite:////tmp/overstap-build/build.sqlite3 \
    SECRET_KEY=build-stage-placeholder-not-a-secret-only-for-collectstatic-000000 \
    OVERSTAP_FIELD_ENCRYPTION_KEY=YnVpbGQtc3RhZ2UtcGxhY2Vob2xkZXIta2V5LTAwMDA= \
    ALLOWED_HOSTS=build.invalid DEBUG=false OVERSTAP_DEMO=false \
    /opt/overstap/bin/overstap collectstatic --noinput -v 0 \
    && rm -rf /tmp/overstap-build

# --- runtime --------------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm
# postgresql-client: pg_dump/pg_restore/psql for scripts/backup_restore.sh (major version 15,
# the same as the database in compose.yaml).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 overstap \
    && useradd --system --uid 10001 --gid overstap --home-dir /var/lib/overstap \
       --shell /usr/sbin/nologin overstap \
    && install -d -o overstap -g overstap -m 0750 /var/lib/overstap
COPY --from=build /opt/overstap /opt/overstap
COPY --from=build /opt/overstap-static /opt/overstap-static
COPY scripts/backup_restore.sh /usr/local/bin/backup_restore.sh
ENV PATH=/opt/overstap/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    OVERSTAP_ENVIRONMENT=production \
    OVERSTAP_LOG_FORMAT=json \
    OVERSTAP_STATIC_ROOT=/opt/overstap-static \
    OVERSTAP_DATA_DIR=/var/lib/overstap \
    OVERSTAP_BACKUP_DIR=/var/lib/overstap/backups \
    OVERSTAP_BIND=0.0.0.0:8000
USER overstap:overstap
WORKDIR /var/lib/overstap
VOLUME ["/var/lib/overstap"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=6s --start-period=40s --retries=3 \
    CMD ["python", "-m", "overstap.conf.healthcheck"]
CMD ["gunicorn", "--config", "python:overstap.conf.gunicorn"]
