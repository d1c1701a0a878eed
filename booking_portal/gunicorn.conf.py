"""Gunicorn settings: `gunicorn -c booking_portal/gunicorn.conf.py booking_portal.wsgi`.

A portal request spends most of its time waiting for Omneo, so each worker process runs threads
(gthread): a waiting thread holds no CPU. Workers use the cores; threads cover the waiting.
Environment (defaults in brackets):
  HOST [127.0.0.1]   address to bind; 0.0.0.0 in a container behind a load balancer
  PORT [8000]        port to bind
  WEB_CONCURRENCY [2]  worker processes: about one per core
  WEB_THREADS [16]   threads per worker: concurrent requests = workers x threads
  WEB_KEEPALIVE [75] seconds an idle keep-alive connection stays open; keep it longer than the
                     idle timeout of the proxy in front (nginx 75 s, AWS ALB 60 s)
  WEB_TIMEOUT [60]   seconds before a silent worker is restarted; above Omneo's read timeout
  WEB_ACCESS_LOG [-] where access lines go ("-": stdout; empty: nowhere)
"""

from __future__ import annotations

import os
from pathlib import Path

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "16"))
keepalive = int(os.environ.get("WEB_KEEPALIVE", "75"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then, staggered, so a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
# Heartbeat files on a RAM disk: a container's overlay filesystem can stall them.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
# Trust X-Forwarded-* only from the proxy in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
