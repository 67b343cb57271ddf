"""gunicorn's settings for cchc (``gunicorn -c deploy/gunicorn.conf.py cchc.wsgi``).

Chosen with the parsing limits (cchc.lib.bounded, cchc.ingest.core.BOUNDS):
- every uploaded file is parsed in a child process stopped after 12 s of wall clock; one
  request carries at most 5 files (MAX_FILES_PER_REQUEST), so the slowest legitimate request
  is about 60 s: ``timeout`` is 90 s, above it, so a worker is never killed in the middle of a
  parse that would have ended cleanly, and below nginx's proxy_read_timeout (120 s);
- while a child parses, the worker's thread only waits: ``gthread`` workers with threads
  keep serving other officers meanwhile (the parse is a process, not the GIL's);
- workers: 2 per core (each ~80 MB; SQLite writes are serialised anyway, reads are not);
  threads: 4 per worker; so a 2-core server serves 16 requests at once;
- large plan imports do not run here at all: they go to the job runner (run_huey).
Every value may be changed by an environment variable of the same name in capitals,
GUNICORN_… (systemd's Environment=, compose's environment:).
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count())
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 90)
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (jitter: not all at once), so that memory a
# library keeps never accumulates.
max_requests = 2000
max_requests_jitter = 200
# Headers from the reverse proxy on this host (X-Forwarded-Proto); the client's address is
# read by cchc itself from X-Forwarded-For with TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs to stderr (the journal, docker logs); the access log with the time taken (µs).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sµs "%({x-request-id}o)s"'
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"  # the heartbeat file off a slow disk
