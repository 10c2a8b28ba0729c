# WFH-ASN web, worker and beat image: gunicorn serving Django, static files by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image; the key below exists only for this build step.
RUN SECRET_KEY=build-only-not-a-secret DEBUG=0 python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin wfh

USER wfh
EXPOSE 8000

CMD ["gunicorn", "config.wsgi", "-b", "0.0.0.0:8000", "-w", "2", "--access-logfile", "-"]
