"""Configuration from the environment: demo defaults, production refusals, the sandbox switch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from booking_portal.environment import cache_from_url, session_engine

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
        ("file:///var/lib/portal/cache", "django.core.cache.backends.filebased.FileBasedCache"),
        ("redis://cache:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://x")


def test_a_file_cache_needs_an_absolute_directory():
    with pytest.raises(ImproperlyConfigured, match="absolute"):
        cache_from_url("file://cache")


def test_with_no_cache_url_the_workers_share_files_beside_the_sqlite_database(tmp_path):
    code = (
        "from django.conf import settings; c = settings.CACHES['default']; "
        "print(c['BACKEND'], c['LOCATION'])"
    )
    result = run_django(code, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}")

    backend, location = result.stdout.split()
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert location == str(tmp_path / "portal.sqlite3-cache")


def test_with_another_database_and_no_cache_url_the_files_live_in_the_project():
    code = "from django.conf import settings; print(settings.CACHES['default']['LOCATION'])"
    url = "postgres://booking:secret@db.internal:5432/portal"
    result = run_django(code, DEBUG="1", DATABASE_URL=url)

    assert result.stdout.strip() == str(REPO / "omneo-cache")


def test_sqlite_connections_are_kept_between_requests_and_checked_before_reuse():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS']['init_command'])"
    )
    kept = run_django(code, DEBUG="1")
    closed = run_django(code, DEBUG="1", DATABASE_CONN_MAX_AGE="0")

    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.split()[:2] == ["60", "True"]
    assert "journal_mode=WAL" in kept.stdout
    assert closed.stdout.split()[:2] == ["0", "True"]


def test_postgresql_connections_are_kept_as_configured():
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    url = "postgres://booking:secret@db.internal:5432/portal"

    assert run_django(code, DEBUG="1", DATABASE_URL=url).stdout.strip() == "60"
    assert (
        run_django(code, DEBUG="1", DATABASE_URL=url, DATABASE_CONN_MAX_AGE="300").stdout.strip()
        == "300"
    )


REDIS = cache_from_url("redis://cache:6379/0")
LOCMEM = cache_from_url("locmem://")


@pytest.mark.parametrize(
    ("store", "cache", "engine"),
    [
        ("", LOCMEM, "django.contrib.sessions.backends.db"),
        ("", REDIS, "django.contrib.sessions.backends.db"),
        ("db", REDIS, "django.contrib.sessions.backends.db"),
        ("cached_db", REDIS, "django.contrib.sessions.backends.cached_db"),
        (" Cached_DB ", REDIS, "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_session_store_picks_the_session_engine(store, cache, engine):
    assert session_engine(store, cache) == engine


@pytest.mark.parametrize("cache", [LOCMEM, cache_from_url("dummy://")])
def test_cached_sessions_need_a_cache_every_app_server_shares(cache):
    with pytest.raises(ImproperlyConfigured, match="needs a cache every app server shares"):
        session_engine("cached_db", cache)


@pytest.mark.parametrize("store", ["cache", "signed_cookies", "file"])
def test_session_stores_that_outlive_a_sign_out_are_refused(store):
    with pytest.raises(ImproperlyConfigured, match="SESSION_STORE must be db or cached_db"):
        session_engine(store, REDIS)


def test_the_session_store_reaches_the_settings():
    code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    default = run_django(code, DEBUG="1")
    cached = run_django(
        code, DEBUG="1", CACHE_URL="redis://cache:6379/0", SESSION_STORE="cached_db"
    )

    assert default.stdout.strip() == "django.contrib.sessions.backends.db"
    assert cached.stdout.strip() == "django.contrib.sessions.backends.cached_db"
