"""Configuration from the environment: demo defaults, production refusals, the sandbox switch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from booking_portal.environment import cache_from_url

REPO = Path(__file__).resolve().parents[2]
CLEAN_ENV = {
    key: value
    for key, value in os.environ.items()
    if not key.startswith(
        ("OMNEO_", "SECRET_KEY", "DEBUG", "DATABASE_URL", "CACHE_URL", "SECURE_", "SESSION_")
    )
}
STRONG_SECRET = "Kq3v-8ZpX_m2RtY7wN4bHc9JdLf6GsAe1UoIyTr5EkWqPz0Vx-MnBl"


def run_django(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Start Django in a fresh interpreter with exactly the given variables set."""
    script = f"import django; django.setup(); {code}"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        cwd=REPO,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": "booking_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("", DEBUG="0", OMNEO_API_TOKEN="t", OMNEO_SANDBOX="1")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_an_omneo_token():
    result = run_django("", DEBUG="0", SECRET_KEY=STRONG_SECRET, OMNEO_SANDBOX="1")

    assert result.returncode != 0
    assert "OMNEO_API_TOKEN must be set when DEBUG is off." in result.stderr


def test_the_demo_starts_with_no_configuration_and_mounts_the_sandbox():
    code = (
        "from django.conf import settings; from django.urls import resolve; "
        "print(settings.OMNEO_BASE_URL, resolve('/sandbox/api/v3/locations').url_name is not None)"
    )
    result = run_django(code, DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8000/sandbox/api", "True"]


def test_a_tenant_url_unmounts_the_sandbox():
    code = (
        "from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/sandbox/api/v3/locations'); print('mounted')\n"
        "except Resolver404:\n    print('absent')"
    )
    tenant = "https://api.acme.getomneo.com/api"
    result = run_django(
        f"exec({code!r})",
        DEBUG="0",
        SECRET_KEY=STRONG_SECRET,
        OMNEO_API_TOKEN="t",
        OMNEO_BASE_URL=tenant,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "absent"


def test_database_url_switches_to_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    url = "postgres://booking:secret@db.internal:5432/portal"
    result = run_django(code, DEBUG="1", DATABASE_URL=url)

    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://cache:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://x")
