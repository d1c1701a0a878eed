"""Health probes for load balancers and orchestrators: /healthz (alive) and /readyz (can serve).

Neither needs a sign-in, and neither body names a host, a URL or an error text: failures are logged.
"""

from __future__ import annotations

import logging
import uuid
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from redis.exceptions import RedisError

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.errors import OmneoError

logger = logging.getLogger(__name__)

# A probe must answer well inside an orchestrator's usual 5 s probe timeout.
OMNEO_PROBE_TIMEOUT = (1.0, 2.0)
REQUIRED_CHECKS = ("database", "cache", "migrations")


@require_GET
@never_cache
@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
@login_not_required
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready when the database answers, the cache round-trips and no migration is pending.

    Omneo being unreachable is reported as "degraded" but never makes the portal unready:
    restarting or unrouting the portal would not bring Omneo back.
    """
    checks = {"database": database_check()}
    checks["migrations"] = migrations_check() if checks["database"] == "ok" else "unknown"
    checks["cache"] = cache_check()
    checks["omneo"] = omneo_check()
    failed = [name for name in REQUIRED_CHECKS if checks[name] in ("failed", "pending")]
    if failed:
        body = {"status": "unavailable", "failed": failed, "checks": checks}
        return JsonResponse(body, status=503)
    status = "ok" if checks["omneo"] == "ok" else "degraded"
    return JsonResponse({"status": status, "checks": checks})


def database_check() -> str:
    """Whether the default database runs a trivial query: "ok" or "failed"."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: database unreachable", exc_info=True)
        return "failed"
    return "ok"


def migrations_check() -> str:
    """Whether every migration on disk is applied: "ok", "pending" or "failed"."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        logger.warning("Readiness: could not read applied migrations", exc_info=True)
        return "failed"
    if plan:
        logger.warning("Readiness: %d migrations pending", len(plan))
        return "pending"
    return "ok"


def cache_check() -> str:
    """Whether a value written to the default cache reads back: "ok", "failed" or "disabled"."""
    backend = caches["default"]
    if isinstance(backend, DummyCache):
        return "disabled"
    key, value = f"readyz:{uuid.uuid4()}", uuid.uuid4().hex
    try:
        backend.set(key, value, timeout=10)
        round_trip = backend.get(key)
        backend.delete(key)
    except (RedisError, OSError):
        logger.warning("Readiness: cache unreachable", exc_info=True)
        return "failed"
    return "ok" if round_trip == value else "failed"


def omneo_check() -> str:
    """Whether Omneo answers a one-page read with our token: "ok" or "degraded"."""
    client = _probe_client(settings.OMNEO_BASE_URL, settings.OMNEO_API_TOKEN)
    try:
        client.definition_list(max_pages=1)
    except OmneoError as exc:
        logger.warning("Readiness: Omneo degraded (%s)", type(exc).__name__)
        return "degraded"
    return "ok"


@cache
def _probe_client(base_url: str, token: str) -> OmneoClient:
    """The probe's own client: the shared one's timeouts and retries are too long for a probe."""
    return OmneoClient(
        base_url=base_url,
        token=token,
        connect_timeout=OMNEO_PROBE_TIMEOUT[0],
        read_timeout=OMNEO_PROBE_TIMEOUT[1],
        read_retries=0,
    )
